import type { Project } from '../../link.js';
import type { SpecDocument, SpecField, SpecSubject } from '../../specs/types.js';
import type { Location, Span } from '../../types.js';
import { categoryLabel, matchName, type VocabularyMatch } from '../../vocabulary.js';

/** A subject of a spec with the file and document it comes from. */
export interface LocatedSubject {
  file: string;
  document: SpecDocument;
  subject: SpecSubject;
}

/** Every subject of every spec document in the project, in file order. */
export function listSpecSubjects(project: Project): LocatedSubject[] {
  const subjects: LocatedSubject[] = [];
  for (const facts of project.files) {
    for (const document of facts.specs ?? []) {
      for (const subject of document.subjects) subjects.push({ file: facts.file, document, subject });
    }
  }
  return subjects;
}

/** A span in a spec file as a finding location. */
export function locationOf(file: string, span: Span): Location {
  return { file, ...span };
}

/** How messages name a subject: ``profiling spec `churn` ``, ``dbt model `customer_segments` ``. */
export function describeSubject({ document, subject }: LocatedSubject): string {
  const kinds: Record<string, string> = {
    'profilint pipeline': 'profiling spec',
    'dbt model': 'dbt model',
    'dbt dataset': 'dbt source table',
    'odcs contract': 'data contract',
    'dcs contract': 'data contract',
    'fides dataset': 'Fides dataset',
    'fides declaration': 'Fides privacy declaration',
  };
  return `${kinds[`${document.format} ${subject.kind}`] ?? subject.kind} \`${subject.name}\``;
}

/** What the format calls one of a subject's fields, for messages. */
export function fieldNoun({ document, subject }: LocatedSubject): string {
  if (document.format === 'profilint') return 'feature';
  if (document.format === 'fides') return subject.kind === 'declaration' ? 'data category' : 'field';
  if (document.format === 'odcs') return 'property';
  if (document.format === 'dcs') return 'field';
  return 'column';
}

/** A field's meaning in the vocabulary: its name first, then its aliases (data categories, business names). */
export function classifyField(project: Project, field: SpecField): VocabularyMatch | undefined {
  for (const name of [field.name, ...field.aliases]) {
    const match = matchName(project.catalogs.vocabulary, name);
    if (match !== undefined) return match;
  }
  return undefined;
}

/** The sensitive categories a proxy stands for, as people read them. */
export function standsForLabel(project: Project, match: VocabularyMatch): string {
  return match.standsFor.map((id) => categoryLabel(project.catalogs.vocabulary, id)).join(', ');
}

// Proxies that name a person; a postcode, a locale or an operating system is as often about a place, a
// server or a company, so those count as personal only in datasets used for profiling.
const identifyingProxies = new Set(['first-name', 'surname']);

/**
 * Why a subject holds personal data, or `undefined` when nothing says it does: profiles always are; other
 * datasets when a field is flagged as personal, or is named as a sensitive attribute or a person's name.
 */
export function personalDataEvidenceOf(project: Project, located: LocatedSubject): string | undefined {
  const { subject } = located;
  if (located.document.format === 'profilint') return 'it builds profiles of people';
  if (subject.profilingEvidence !== undefined) return `it is used for profiling: ${subject.profilingEvidence}`;
  if (subject.personalDataEvidence !== undefined) return subject.personalDataEvidence;
  const flagged = subject.fields.find((field) => field.personalDataEvidence !== undefined);
  if (flagged !== undefined) return `${fieldNoun(located)} \`${flagged.name}\` has ${flagged.personalDataEvidence}`;
  for (const field of subject.fields) {
    const match = classifyField(project, field);
    if (match?.kind === 'sensitive') return `${fieldNoun(located)} \`${field.name}\` is ${match.label}`;
    if (match !== undefined && identifyingProxies.has(match.category)) return `${fieldNoun(located)} \`${field.name}\` is a ${match.label}`;
  }
  return undefined;
}
