import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PrefilterMemo, TextVerdict } from './prefilter.js';
import type { FileFacts } from './types.js';

interface CacheFile {
  salt: string;
  entries: Record<string, FileFacts>;
  verdicts?: Record<string, RememberedVerdict>;
}

interface RememberedVerdict extends TextVerdict {
  hash: string;
}

/** Facts of parsed files, and the prefilter's verdict on every code file, from an earlier run, keyed by path and content hash. */
export interface FactsCache {
  get(file: string, hash: string): FileFacts | undefined;
  set(facts: FileFacts): void;
  verdicts: PrefilterMemo;
  /** Whether an earlier run read this content of this file: its facts or its verdict are here. */
  remembers(file: string, hash: string): boolean;
  /** Writes the entries used or added in this run, when they differ from what was read; entries of deleted or changed files are dropped. */
  save(): void;
}

/**
 * Opens the cache in `directory`. `salt` holds everything besides a file's content that changes its
 * facts (profilint's version, the vocabulary config): a different salt starts an empty cache. `prune`
 * drops the entries this run did not visit, which only a scan of the whole repository may do: a scan of a
 * few files (pre-commit, an editor) keeps everyone else's.
 */
export function openFactsCache(directory: string, salt: string, options: { prune: boolean }): FactsCache {
  const cacheFile = path.join(directory, 'facts.json');
  let previous: Record<string, FileFacts> = {};
  let previousVerdicts: Record<string, RememberedVerdict> = {};
  try {
    const parsed = JSON.parse(readFileSync(cacheFile, 'utf8')) as CacheFile;
    if (parsed.salt === salt && typeof parsed.entries === 'object' && parsed.entries !== null) {
      previous = parsed.entries;
      if (typeof parsed.verdicts === 'object' && parsed.verdicts !== null) previousVerdicts = parsed.verdicts;
    }
  } catch {
    // A missing or unreadable cache only costs a cold run.
  }
  const current: Record<string, FileFacts> = {};
  const currentVerdicts: Record<string, RememberedVerdict> = {};
  let changed = false;
  const sortedByPath = <T>(entries: Record<string, T>): Record<string, T> =>
    Object.fromEntries(Object.entries(entries).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return {
    get(file, hash) {
      const entry = previous[file];
      if (entry === undefined || entry.hash !== hash) return undefined;
      current[file] = entry;
      return entry;
    },
    set(facts) {
      current[facts.file] = facts;
      changed = true;
    },
    remembers(file, hash) {
      return previous[file]?.hash === hash || previousVerdicts[file]?.hash === hash;
    },
    verdicts: {
      get(file, hash) {
        const entry = previousVerdicts[file];
        if (entry === undefined || entry.hash !== hash) return undefined;
        currentVerdicts[file] = entry;
        return { kind: entry.kind, imports: entry.imports, minified: entry.minified };
      },
      set(file, hash, verdict) {
        currentVerdicts[file] = { hash, kind: verdict.kind, imports: verdict.imports, minified: verdict.minified };
        changed = true;
      },
    },
    save() {
      // A run that only read the cache, over the same files, would write back what it read.
      const dropped =
        options.prune && (Object.keys(current).length < Object.keys(previous).length || Object.keys(currentVerdicts).length < Object.keys(previousVerdicts).length);
      if (!changed && !dropped) return;
      const entries = options.prune ? current : { ...previous, ...current };
      const verdicts = options.prune ? currentVerdicts : { ...previousVerdicts, ...currentVerdicts };
      mkdirSync(directory, { recursive: true });
      // Write then rename, so a scan killed mid-write leaves the old cache rather than a truncated one.
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify({ salt, entries: sortedByPath(entries), verdicts: sortedByPath(verdicts) } satisfies CacheFile));
      renameSync(temporary, cacheFile);
    },
  };
}
