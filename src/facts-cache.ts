import { rmSync } from 'node:fs';
import path from 'node:path';
import { readCacheText, replaceCacheFile, stringifyAscii } from './cache-file.js';
import type { PrefilterMemo, TextVerdict } from './prefilter.js';
import type { FileFacts } from './types.js';

/** Facts of parsed files, and the prefilter's verdict on every code file, from an earlier run, keyed by path and content hash. */
export interface FactsCache {
  get(file: string, hash: string): FileFacts | undefined;
  set(facts: FileFacts): void;
  verdicts: PrefilterMemo;
  /** Writes the entries used or added in this run, when they differ from what was read; entries of deleted or changed files are dropped. */
  save(): void;
}

/** `f`: a file's facts; `v`: the prefilter's verdict on its text. */
type EntryKind = 'f' | 'v';

/** One line of the cache file, its value parsed only when a run asks for it (the prefilter and the extraction both ask for a verdict). */
interface Entry {
  hash: string;
  line: string;
  valueStart: number;
  value?: unknown;
}

const fileName = 'facts.cache';
const header = 'profilint facts 1';

/**
 * The cache file is one header line with the salt, then one line per entry:
 * `kind TAB hash TAB JSON-quoted path TAB JSON value`. JSON never holds a raw tab or newline, so a line splits
 * without parsing: a scan of a few files parses only their lines, and a run that changes one file writes the
 * other lines back as they were read.
 */
function parseEntries(text: string, salt: string): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  const lines = text.split('\n');
  if (lines[0] !== `${header}\t${salt}`) return entries;
  for (const line of lines.slice(1)) {
    const hashStart = line.indexOf('\t') + 1;
    const fileStart = line.indexOf('\t', hashStart) + 1;
    const valueStart = line.indexOf('\t', fileStart) + 1;
    const kind = line.slice(0, hashStart - 1);
    if (hashStart === 0 || fileStart === 0 || valueStart === 0 || (kind !== 'f' && kind !== 'v')) continue;
    const quoted = line.slice(fileStart, valueStart - 1);
    let file: unknown;
    try {
      file = quoted.includes('\\') ? JSON.parse(quoted) : quoted.slice(1, -1);
    } catch {
      continue;
    }
    if (typeof file !== 'string') continue;
    entries.set(`${kind}${file}`, { hash: line.slice(hashStart, fileStart - 1), line, valueStart });
  }
  return entries;
}

function entryLine(kind: EntryKind, file: string, hash: string, value: unknown): Entry {
  const prefix = `${kind}\t${hash}\t${stringifyAscii(file)}\t`;
  return { hash, line: `${prefix}${stringifyAscii(value)}`, valueStart: prefix.length };
}

/**
 * Opens the cache in `directory`. `salt` holds everything besides a file's content that changes its
 * facts (profilint's version, the vocabulary config): a different salt starts an empty cache. `prune`
 * drops the entries this run did not visit, which only a scan of the whole repository may do: a scan of a
 * few files (pre-commit, an editor) keeps everyone else's.
 */
export function openFactsCache(directory: string, salt: string, options: { prune: boolean }): FactsCache {
  const cacheFile = path.join(directory, fileName);
  let previous: Map<string, Entry>;
  try {
    previous = parseEntries(readCacheText(cacheFile), salt);
  } catch {
    // A missing or unreadable cache only costs a cold run.
    previous = new Map();
  }
  const current = new Map<string, Entry>();
  let changed = false;
  const lookUp = <T>(kind: EntryKind, file: string, hash: string): T | undefined => {
    const key = `${kind}${file}`;
    const entry = previous.get(key);
    if (entry === undefined || entry.hash !== hash) return undefined;
    try {
      entry.value ??= JSON.parse(entry.line.slice(entry.valueStart));
    } catch {
      // A damaged line is a file to analyse again.
      return undefined;
    }
    current.set(key, entry);
    return entry.value as T;
  };
  const remember = (kind: EntryKind, file: string, hash: string, value: unknown): void => {
    current.set(`${kind}${file}`, entryLine(kind, file, hash, value));
    changed = true;
  };
  return {
    get: (file, hash) => lookUp<FileFacts>('f', file, hash),
    set: (facts) => remember('f', facts.file, facts.hash, facts),
    verdicts: {
      get(file, hash) {
        const verdict = lookUp<TextVerdict>('v', file, hash);
        return verdict === undefined ? undefined : { kind: verdict.kind, imports: verdict.imports, minified: verdict.minified };
      },
      set: (file, hash, verdict) => remember('v', file, hash, { kind: verdict.kind, imports: verdict.imports, minified: verdict.minified }),
    },
    save() {
      // A run that only read the cache, over the same files, would write back what it read.
      if (!changed && !(options.prune && current.size < previous.size)) return;
      const kept = options.prune ? current : new Map([...previous, ...current]);
      // Sorted, so the file does not depend on the order the workers finished in.
      const keys = [...kept.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      replaceCacheFile(cacheFile, [`${header}\t${salt}`, ...keys.map((key) => kept.get(key)!.line)].join('\n'));
      // Earlier builds kept the facts in one JSON file, which nothing reads any more.
      rmSync(path.join(directory, 'facts.json'), { force: true });
    },
  };
}
