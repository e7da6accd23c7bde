import type { FileFacts, ResolvedConfig } from './types.js';
import type { Catalogs } from './catalogs.js';

/**
 * Everything rules can read: the facts of every scanned file plus the indexes that resolve
 * what one file cannot (call graph across imports, specs by pipeline).
 */
export interface Project {
  root: string;
  config: ResolvedConfig;
  catalogs: Catalogs;
  files: FileFacts[];
  byFile: Map<string, FileFacts>;
  /** Whether a repository-relative path exists on disk (fairness report paths, spec links). */
  fileExists(relativePath: string): boolean;
  /** The scan's clock, injectable so audit staleness is testable. */
  now: Date;
}
