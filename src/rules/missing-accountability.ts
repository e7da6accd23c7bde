import { defineRule, emptyOptionsSchema } from './define-rule.js';
import type { Project } from '../link.js';
import type { AccountabilityField } from '../specs/types.js';
import { describeSubject, listSpecSubjects, locationOf, type LocatedSubject } from './from-specs/subjects.js';

const fieldLabels: Record<AccountabilityField, string> = {
  owner: 'owner',
  purpose: 'purpose',
  lawfulBasis: 'lawful basis',
  interestsAssessment: 'legitimate-interests assessment',
};

export default defineRule({
  id: 'missing-accountability',
  description: 'Require an owner, purpose and lawful basis for every profiling dataset',
  rationale:
    'The controller must be able to show who is responsible for processing, for which specified purpose and on which lawful basis (GDPR Art. 5(1)(b), 5(2), 6(1), 24, 30(1)(a)-(b)); profiling nobody owns is profiling nobody reviews, stops or answers a complaint about.',
  severity: 'warning',
  tags: ['accountability', 'privacy', 'gdpr-art-30'],
  messages: {
    missingInSpec:
      'The {{subject}} has no {{missing}}. Add {{keys}}, so reviewers and data subjects know who answers for this profiling, why it runs and on what legal ground.',
    missingInDataset:
      'The {{subject}} is used for profiling ({{evidence}}) but has no {{missing}}. Add {{keys}}, so reviewers know who answers for it and why it runs.',
  },
  defaultOptions: {},
  optionsSchema: emptyOptionsSchema,
  check(context) {
    const groupOwners = dbtGroupOwners(context.project);
    for (const located of listSpecSubjects(context.project)) {
      const { subject } = located;
      if (subject.profilingEvidence === undefined) continue;
      const missing = subject.accountability.filter(
        (slot) => slot.value === undefined && !(slot.field === 'owner' && inheritsOwner(located, groupOwners)),
      );
      if (missing.length === 0) continue;
      const data = {
        subject: describeSubject(located),
        missing: listWords(missing.map((slot) => fieldLabels[slot.field]), 'or'),
        keys: listWords(missing.map((slot) => `\`${slot.key}\``), 'and'),
        evidence: subject.profilingEvidence,
      };
      context.report({
        messageId: located.document.format === 'profilint' ? 'missingInSpec' : 'missingInDataset',
        data,
        location: locationOf(located.file, subject.anchor),
      });
    }
  },
});

// dbt groups are often declared in one file and joined by models in others.
function dbtGroupOwners(project: Project): Set<string> {
  const groups = new Set<string>();
  for (const facts of project.files) {
    for (const document of facts.specs ?? []) for (const group of Object.keys(document.groupOwners ?? {})) groups.add(group);
  }
  return groups;
}

function inheritsOwner({ subject }: LocatedSubject, groupOwners: Set<string>): boolean {
  return subject.group !== undefined && groupOwners.has(subject.group);
}

function listWords(words: string[], conjunction: 'and' | 'or'): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${conjunction} ${words[words.length - 1]}`;
}
