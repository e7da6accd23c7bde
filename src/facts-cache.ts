import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FileFacts } from './types.js';

interface CacheFile {
  salt: string;
  entries: Record<string, FileFacts>;
}

/** Facts of parsed files from an earlier run, keyed by path and content hash. */
export interface FactsCache {
  get(file: string, hash: string): FileFacts | undefined;
  set(facts: FileFacts): void;
  /** Writes the entries used or added in this run; entries of deleted or changed files are dropped. */
  save(): void;
}

/**
 * Opens the cache in `directory`. `salt` holds everything besides a file's content that changes its
 * facts (profilint's version, the vocabulary config): a different salt starts an empty cache.
 */
export function openFactsCache(directory: string, salt: string): FactsCache {
  const cacheFile = path.join(directory, 'facts.json');
  let previous: Record<string, FileFacts> = {};
  try {
    const parsed = JSON.parse(readFileSync(cacheFile, 'utf8')) as CacheFile;
    if (parsed.salt === salt && typeof parsed.entries === 'object' && parsed.entries !== null) previous = parsed.entries;
  } catch {
    // A missing or unreadable cache only costs a cold run.
  }
  const current: Record<string, FileFacts> = {};
  return {
    get(file, hash) {
      const entry = previous[file];
      if (entry === undefined || entry.hash !== hash) return undefined;
      current[file] = entry;
      return entry;
    },
    set(facts) {
      current[facts.file] = facts;
    },
    save() {
      mkdirSync(directory, { recursive: true });
      const sorted = Object.fromEntries(Object.entries(current).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      // Write then rename, so a scan killed mid-write leaves the old cache rather than a truncated one.
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify({ salt, entries: sorted } satisfies CacheFile));
      renameSync(temporary, cacheFile);
    },
  };
}
