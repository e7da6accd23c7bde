import os from 'node:os';
import { buildId } from './build-id.js';
import type { Catalogs } from './catalogs.js';
import type { FactsExtractor } from './analyze.js';
import { extractFacts, hashText, languageOf, unparsedCodeFacts } from './extract/file-facts.js';
import { createExtractionPool, findWorkerFile, type ExtractionPool } from './extraction-pool.js';
import { openFactsCache, type FactsCache } from './facts-cache.js';
import type { PrefilterMemo } from './prefilter.js';
import type { FileFacts, ResolvedConfig } from './types.js';

export interface Extraction {
  extract: FactsExtractor;
  /** The prefilter's verdicts from the cache, when there is one. */
  prefilterMemo?: PrefilterMemo;
  /** Starts one worker before any file is handed to it, when the caller knows a file will be parsed. */
  prestart(): void;
  /** Saves the cache and stops the workers. */
  close(): Promise<void>;
  /** How many files the scan extracts, for progress; the caller sets it once the context is read. */
  total: number;
}

/**
 * How a scan extracts facts: parsed files go to worker threads (when running from the bundle) and
 * through the cache (when asked); files the prefilter ruled out are cheap and stay on this thread.
 */
export function createExtraction(options: {
  config: ResolvedConfig;
  version: string;
  jobs?: number;
  cacheDirectory?: string;
  /** A scan of the whole repository, whose cache keeps only the files it saw. */
  wholeRepository: boolean;
  onProgress?: (done: number, total: number) => void;
}): Extraction {
  const cache: FactsCache | undefined =
    options.cacheDirectory === undefined
      ? undefined
      : openFactsCache(
          options.cacheDirectory,
          // Facts depend on the file, profilint's version and build, the vocabulary and which files are read at all; rule
          // levels do not change them. The first item is the cache's own format.
          hashText(JSON.stringify([2, options.version, buildId, options.config.vocabulary, options.config.profilingPaths, options.config.maxFileSize])),
          { prune: options.wholeRepository },
        );
  const workerFile = findWorkerFile();
  let pool: ExtractionPool | undefined;
  let done = 0;
  const finished = (facts: FileFacts): FileFacts => {
    done += 1;
    options.onProgress?.(done, extraction.total);
    return facts;
  };

  const startPool = (file: string): ExtractionPool =>
    (pool ??= createExtractionPool({
      workerFile: file,
      // This thread reads and judges files while the workers parse: on two cores one worker beat two (erxes
      // 4.4 s against 5.0 s), as each extra worker also loads the compiler and warms up its own code. Adding one
      // once judging is done did not pay either: the two slowed each other (erxes 4.4-4.7 s against 3.9-4.0 s).
      jobs: options.jobs ?? Math.max(1, os.availableParallelism() - 1),
      extension: options.config.vocabulary,
      timeoutMs: options.config.fileTimeout,
    }));

  const parse = async (file: string, text: string, hash: string, catalogs: Catalogs): Promise<FileFacts> => {
    if (workerFile === undefined) return extractFacts(file, text, catalogs, true, hash);
    return startPool(workerFile).extract(file, text, hash);
  };

  const extraction: Extraction = {
    total: 0,
    async extract(source, parseCode, catalogs) {
      // Specs are read on this thread and code is parsed in the workers; the cache keeps both.
      const isSpec = languageOf(source.file) === 'yaml';
      if (!parseCode && !isSpec) {
        // A file in which the prefilter found nothing holds no directive either (`profilint-` is one of its
        // markers): its facts need no text, and a warm scan need not have read it.
        const verdict = source.hash === undefined ? undefined : cache?.verdicts.get(source.file, source.hash);
        if (source.hash !== undefined && verdict?.kind === 'none') return finished(unparsedCodeFacts(source.file, source.hash));
        return finished(await extractFacts(source.file, source.text, catalogs, false, source.hash));
      }
      const hash = source.hash ?? hashText(source.text);
      const cached = cache?.get(source.file, hash);
      if (cached !== undefined) return finished(cached);
      const facts = isSpec ? await extractFacts(source.file, source.text, catalogs, false, hash) : await parse(source.file, source.text, hash, catalogs);
      // A timed-out or crashed file is retried next run rather than remembered.
      if (!facts.notices.some((notice) => notice.kind === 'timeout')) cache?.set(facts);
      return finished(facts);
    },
    prefilterMemo: cache?.verdicts,
    prestart() {
      if (workerFile !== undefined) startPool(workerFile).prestart();
    },
    async close() {
      cache?.save();
      await pool?.close();
    },
  };
  return extraction;
}
