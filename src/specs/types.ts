import type { Span } from '../types.js';

export type SpecFormat = 'profilint' | 'dbt' | 'odcs' | 'dcs' | 'fides';

/** One YAML document in a recognised spec format, reduced to what the rules need, with positions. */
export interface SpecDocument {
  format: SpecFormat;
  /** 0-based index of the document in a multi-document file. */
  documentIndex: number;
  /** The document's first key: where findings about something missing point. */
  firstKey: Span;
  /** Pipeline name that code links to with `@profiling` (native specs). */
  pipeline?: string;
}
