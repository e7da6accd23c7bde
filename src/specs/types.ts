import type { Duration } from '../duration.js';
import type { Span } from '../types.js';

export type SpecFormat = 'profilint' | 'dbt' | 'odcs' | 'dcs' | 'fides';

/** A value read from a spec with the span of its key, so a finding about it lands on that key. */
export interface SpecValue<T = string> {
  value: T;
  span: Span;
}

/** One YAML document in a recognised spec format, reduced to what the rules need, with positions. */
export interface SpecDocument {
  format: SpecFormat;
  /** 0-based index of the document in a multi-document file. */
  documentIndex: number;
  /** The document's first key: where findings about something missing point. */
  firstKey: Span;
  /** Pipeline name that code links to with `@profiling` (native specs). */
  pipeline?: string;
  /** Globs (from the repository root) of the code that implements the pipeline (`profiling.paths`), linked as by `@profiling`. */
  codePaths?: string[];
  /** What the document describes: a native pipeline, dbt models, a data contract, Fides datasets and declarations. */
  subjects: SpecSubject[];
  /** dbt: owners of the groups the document defines, by group name; models in any file inherit them. */
  groupOwners?: Record<string, string>;
}

/** The kind of thing a spec describes, as its format names it. */
export type SubjectKind = 'pipeline' | 'model' | 'contract' | 'dataset' | 'declaration';

/** An accountability question a reviewer asks of profiling; `interestsAssessment` is the balancing test legitimate interests need. */
export type AccountabilityField = 'owner' | 'purpose' | 'lawfulBasis' | 'interestsAssessment';

/** One place in a format where an accountability answer belongs, and the answer when given. */
export interface AccountabilitySlot {
  field: AccountabilityField;
  /** The key as the format spells it, for messages: `owner`, `meta.owner`, `description.purpose`. */
  key: string;
  value?: SpecValue;
}

/** Something a spec describes that the rules judge on its own: a pipeline, a dbt model, a contract, a Fides dataset or declaration. */
export interface SpecSubject {
  kind: SubjectKind;
  name: string;
  /** Where findings about the subject as a whole point: a native spec's first key; a model's, contract's or declaration's name key. */
  anchor: Span;
  /** What says the subject is used for profiling (a native spec always is); absent when nothing does. */
  profilingEvidence?: string;
  /** What says the subject holds personal data besides its fields (`contains_pii`, a `user.*` category). */
  personalDataEvidence?: string;
  /** The accountability fields this format has a place for; only these are asked for. */
  accountability: AccountabilitySlot[];
  retention?: SpecRetention;
  /** Where this format declares retention, for messages (`meta.retention`); absent where the format has no place for it. */
  retentionKey?: string;
  /** Feast-style `ttl` seen where retention was expected: it bounds lookups, not storage. */
  ttl?: SpecValue;
  decision?: SpecDecision;
  fairnessAudit?: SpecFairnessAudit;
  consent?: SpecConsent;
  fields: SpecField[];
  /** dbt: the group the model belongs to, whose owner answers for it when the model names none. */
  group?: string;
}

/** A declared retention limit. */
export interface SpecRetention {
  /** As written: `P180D`, `3 y`, `unlimited`. */
  text: string;
  duration: Duration;
  /** The retention key. */
  span: Span;
}

/** A feature, column, field or data category the subject holds. */
export interface SpecField {
  name: string;
  /** The field's `name` key (or its mapping key where the format keys fields by name). */
  span: Span;
  /** More names to classify besides `name`: Fides data categories, tags. */
  aliases: string[];
  /** What declares the field personal data: `pii: true`, `classification: pii`, `user.contact.email`. */
  personalDataEvidence?: string;
  justification?: SpecValue;
}

/** How an automated decision affects people (GDPR Art. 22). */
export interface SpecDecision {
  span: Span;
  automated?: SpecValue<boolean>;
  legalEffect?: SpecValue<boolean>;
  humanReview?: SpecValue<boolean>;
  redress?: SpecValue;
}

/** Where the fairness audit of a profiling model is and when it ran. */
export interface SpecFairnessAudit {
  span: Span;
  report?: SpecValue;
  /** ISO date as written. */
  lastRun?: SpecValue;
  /** How often the audit must run, as written (`P180D`). */
  every?: SpecValue;
}

/** What consent the profiling relies on. */
export interface SpecConsent {
  span: Span;
  required?: boolean;
  purpose?: string;
}
