import { defineRule, emptyOptionsSchema } from './define-rule.js';
import { describeSubject, listSpecSubjects, locationOf } from './from-specs/subjects.js';

// Where each format keeps human review and redress (Fides systems and dbt models in their `meta`).
const decisionKeys: Record<string, { reviewKey: string; redressKey: string }> = {
  profilint: { reviewKey: 'decision.humanReview', redressKey: 'decision.redress' },
  fides: { reviewKey: 'meta.human_review', redressKey: 'meta.redress' },
  dbt: { reviewKey: 'meta.decision.human_review', redressKey: 'meta.decision.redress' },
};

export default defineRule({
  id: 'missing-redress',
  description: 'Require human review or a redress channel for automated decisions with legal effect',
  rationale:
    'A person subject to a decision based solely on automated processing that has legal or similarly significant effects has the right to human intervention, to express their view and to contest the decision (GDPR Art. 22(3); UK GDPR Art. 22C; CPRA ADMT regulations; EU AI Act Art. 14 and 86).',
  severity: 'error',
  tags: ['automated-decision', 'gdpr-art-22', 'redress'],
  messages: {
    noHumanReviewOrRedress:
      'The {{subject}} makes automated decisions with a legal or similarly significant effect but offers neither human review nor a way to contest them. Set `{{reviewKey}}: true` or give a contest channel in `{{redressKey}}` (a URL, an e-mail address or a process).',
  },
  defaultOptions: {},
  optionsSchema: emptyOptionsSchema,
  check(context) {
    // A Fides system's `uses_profiling` covers all its declarations: one finding per decision key.
    const reported = new Set<string>();
    for (const located of listSpecSubjects(context.project)) {
      const decision = located.subject.decision;
      if (decision?.automated?.value !== true || decision.legalEffect?.value !== true) continue;
      if (decision.humanReview?.value === true || decision.redress !== undefined) continue;
      const location = locationOf(located.file, decision.legalEffect.span);
      const key = `${location.file}:${location.line}:${location.column}`;
      if (reported.has(key)) continue;
      reported.add(key);
      const keys = decisionKeys[located.document.format] ?? decisionKeys.profilint!;
      context.report({
        messageId: 'noHumanReviewOrRedress',
        data: { subject: describeSubject(located), ...keys },
        location,
      });
    }
  },
});
