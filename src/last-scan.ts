import path from 'node:path';
import { readCacheText, replaceCacheFile, stringifyAscii } from './cache-file.js';
import type { Finding, ScanNotice } from './types.js';

/** What the analysis of a whole repository gave, apart from the facts it was drawn from. */
export interface RememberedAnalysis {
  findings: Finding[];
  notices: ScanNotice[];
  filesParsed: number;
}

/** What the analysis of a whole repository depended on, besides what the salts hold. */
export interface AnalysisInputs {
  /** Every scanned file and its content hash, in scan order. */
  sources: Array<{ file: string; hash?: string }>;
  /** The UTC day (`YYYY-MM-DD`) the rules ran on: audit staleness is judged by the day. */
  day: string;
  /** Every path the rules asked about, and whether it existed. */
  existence: Map<string, boolean>;
}

/**
 * What, besides the files, decides a scan's outcome. `reading`: how a file reads (profilint's version,
 * `maxFileSize`), which a scan must share with the last one to trust its hashes. `analysis`: everything
 * besides the files, the day and the paths the rules look for that decides the findings (the version, the
 * whole config, the options), which it must share too to repeat the last analysis.
 */
export interface LastScanSalts {
  reading: string;
  analysis: string;
}

interface LastScanFile {
  salts: LastScanSalts;
  files: string[];
  hashes: string[];
  day: string;
  existence: Array<[string, boolean]>;
  /** Absent when the run is not to be repeated from memory (a file's analysis timed out). */
  analysis?: RememberedAnalysis;
}

/** The last scan of the whole repository that read files as this one does, as kept in the cache folder. */
export interface LastScan {
  /** The content hash the last scan gave this file: a file whose git blob id is that hash need not be read again. */
  hashOf(file: string): string | undefined;
  /** The last scan's analysis, when the sources, the day and every path its rules looked for are as they were then. */
  analysisFor(inputs: Omit<AnalysisInputs, 'existence'>, fileExists: (file: string) => boolean): RememberedAnalysis | undefined;
}

const fileName = 'last-scan.json';

function isLastScanFile(value: unknown, salts: LastScanSalts): value is LastScanFile {
  const candidate = value as Partial<LastScanFile> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    candidate.salts?.reading === salts.reading &&
    typeof candidate.salts.analysis === 'string' &&
    Array.isArray(candidate.files) &&
    Array.isArray(candidate.hashes) &&
    candidate.files.length === candidate.hashes.length &&
    typeof candidate.day === 'string' &&
    Array.isArray(candidate.existence)
  );
}

/** Reads the last scan kept in `directory`; one with another reading salt, or a missing or damaged one, is an empty memory. */
export function readLastScan(directory: string, salts: LastScanSalts): LastScan {
  let record: LastScanFile | undefined;
  try {
    const parsed: unknown = JSON.parse(readCacheText(path.join(directory, fileName)));
    if (isLastScanFile(parsed, salts)) record = parsed;
  } catch {
    // Missing or unreadable: this run reads every file and analyses afresh.
  }
  let hashes: Map<string, string> | undefined;
  return {
    hashOf(file) {
      if (record === undefined) return undefined;
      hashes ??= new Map(record.files.map((name, index) => [name, record!.hashes[index]!]));
      return hashes.get(file);
    },
    analysisFor(inputs, fileExists) {
      const analysis = record?.analysis;
      if (record === undefined || analysis === undefined || record.salts.analysis !== salts.analysis || record.day !== inputs.day || record.files.length !== inputs.sources.length) return undefined;
      for (const [index, source] of inputs.sources.entries()) {
        if (source.file !== record.files[index] || source.hash !== record.hashes[index]) return undefined;
      }
      return record.existence.every(([file, existed]) => fileExists(file) === existed) ? analysis : undefined;
    },
  };
}

/** Keeps this scan's inputs and analysis for the next one; a folder that cannot be written only costs it its memory. */
export function writeLastScan(directory: string, salts: LastScanSalts, inputs: AnalysisInputs, analysis: RememberedAnalysis | undefined): void {
  const record: LastScanFile = {
    salts,
    files: inputs.sources.map((source) => source.file),
    hashes: inputs.sources.map((source) => source.hash ?? ''),
    day: inputs.day,
    existence: [...inputs.existence],
    analysis,
  };
  try {
    replaceCacheFile(path.join(directory, fileName), stringifyAscii(record));
  } catch {
    // The next run analyses afresh.
  }
}
