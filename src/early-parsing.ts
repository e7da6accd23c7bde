import type { Catalogs } from './catalogs.js';
import type { FactsExtractor, SourceText } from './analyze.js';
import { languageOf } from './extract/file-facts.js';
import type { FileFacts } from './types.js';
import type { Prefilter, PrefilterMemo, TextVerdict } from './prefilter.js';

/** Parsing that starts while the files are still being read (see `parseWhileReading`). */
export interface EarlyParsing {
  /** Hears of each file as soon as it is read. */
  onRead(source: SourceText): void;
  /** The scan's extractor, answering a file started early with the extraction already under way. */
  extract: FactsExtractor;
  /** The verdicts reached while reading, over those of the memo given. */
  prefilterMemo: PrefilterMemo;
}

/**
 * Judges each code file as soon as it is read and hands the files sure to be parsed to `extract` at once.
 * When the files come from disk rather than the page cache, reading is most of a scan and leaves the
 * worker idle: erxes's first scan after a reboot read for about 1.4 s before its worker got a file. The
 * analysis that follows judges the same files again through `prefilterMemo` and finds them started.
 */
export function parseWhileReading(options: { extract: FactsExtractor; prefilter: Prefilter; catalogs: Catalogs; memo?: PrefilterMemo }): EarlyParsing {
  const verdicts = new Map<string, { hash: string; verdict: TextVerdict }>();
  const started = new Map<string, { hash: string; facts: Promise<FileFacts> }>();
  const prefilterMemo: PrefilterMemo = {
    get(file, hash) {
      const known = verdicts.get(file);
      return known?.hash === hash ? known.verdict : options.memo?.get(file, hash);
    },
    set(file, hash, verdict) {
      verdicts.set(file, { hash, verdict });
      options.memo?.set(file, hash, verdict);
    },
  };
  return {
    onRead(source) {
      if (source.hash === undefined || languageOf(source.file) === 'yaml') return;
      if (!options.prefilter.judge(source, prefilterMemo).isSeed) return;
      const facts = options.extract(source, true, options.catalogs);
      // Awaited when the analysis asks for this file; until then a failure must not count as unhandled.
      facts.catch(() => undefined);
      started.set(source.file, { hash: source.hash, facts });
    },
    extract(source, parseCode, catalogs) {
      const early = parseCode ? started.get(source.file) : undefined;
      return early !== undefined && early.hash === source.hash ? early.facts : options.extract(source, parseCode, catalogs);
    },
    prefilterMemo,
  };
}
