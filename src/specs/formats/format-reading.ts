import type { Span } from '../../types.js';
import type { SpecSubject } from '../types.js';

/** What a format reader learned from one document. */
export interface FormatReading {
  subjects: SpecSubject[];
  /** Native specs: the pipeline name code links to. */
  pipeline?: string;
  /** Native specs: globs (from the repository root) of the code that implements the pipeline, `profiling.paths`. */
  codePaths?: string[];
  /** dbt: owners of the groups the document defines, by group name. */
  groupOwners?: Record<string, string>;
  /** Malformed parts of the document (schema violations), reported as notices at the key. */
  problems?: Array<{ message: string; span: Span }>;
}
