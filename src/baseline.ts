import { readFileSync, writeFileSync } from 'node:fs';
import { ConfigError } from './errors.js';
import type { Finding, ScanNotice } from './types.js';

/** One recorded finding; only `fingerprint` decides matching, the rest helps a reviewer read the file. */
export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  file: string;
  line: number;
  message: string;
}

/** The `--write-baseline` file: accepted findings, keyed by fingerprint (DESIGN 3.4). */
export interface Baseline {
  version: 1;
  entries: BaselineEntry[];
}

/** A baseline read from disk, with the line of each entry in that file (for suppression locations). */
export interface LoadedBaseline {
  baseline: Baseline;
  file: string;
  lineByFingerprint: Map<string, number>;
}

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) || (a.fingerprint < b.fingerprint ? -1 : 1);
}

/** The line a JSON.parse error points at: its `position`, the last line when the text ends too early, else none. */
function jsonErrorLine(text: string, message: string): number | undefined {
  const position = /at position (\d+)/.exec(message);
  if (position !== null) return text.slice(0, Number(position[1])).split('\n').length;
  if (/end of JSON input/.test(message)) return text.trimEnd().split('\n').length;
  return undefined;
}

/** Reads a baseline file; a missing or malformed one is a ConfigError (the user named it). */
export function readBaseline(file: string): LoadedBaseline {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw new ConfigError(`Cannot read the baseline: ${reason}. Create it with --write-baseline.`, { file });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const line = jsonErrorLine(text, message);
    throw new ConfigError(`The baseline is not valid JSON: ${message}.`, { file: line === undefined ? file : `${file}:${line}` });
  }
  const candidate = parsed as Partial<Baseline> | null;
  const valid =
    candidate !== null &&
    typeof candidate === 'object' &&
    candidate.version === 1 &&
    Array.isArray(candidate.entries) &&
    candidate.entries.every(
      (entry) =>
        typeof entry?.fingerprint === 'string' &&
        typeof entry.ruleId === 'string' &&
        typeof entry.file === 'string' &&
        typeof entry.line === 'number',
    );
  if (!valid) {
    throw new ConfigError('The baseline has an unknown shape.', {
      file,
      expected: '{ "version": 1, "entries": [{ "fingerprint", "ruleId", "file", "line", "message" }] } as written by --write-baseline',
    });
  }
  const lines = text.split('\n');
  const lineByFingerprint = new Map<string, number>();
  lines.forEach((line, index) => {
    const match = /"fingerprint":\s*"([^"]+)"/.exec(line);
    if (match !== null) lineByFingerprint.set(match[1]!, index + 1);
  });
  return { baseline: candidate as Baseline, file, lineByFingerprint };
}

/**
 * The baseline for the current findings. Entries for files this scan did not look at are kept, so a
 * partial scan (some paths, --staged) does not forget the rest of the repository.
 */
export function createBaseline(findings: Finding[], scannedFiles: ReadonlySet<string>, previous?: Baseline): Baseline {
  const kept = (previous?.entries ?? []).filter((entry) => !scannedFiles.has(entry.file));
  const current = findings
    .filter((finding) => finding.suppression?.kind !== 'inSource')
    .map((finding) => ({
      fingerprint: finding.fingerprint,
      ruleId: finding.ruleId,
      file: finding.file,
      line: finding.line,
      message: finding.message,
    }));
  return { version: 1, entries: [...kept, ...current].sort(compareEntries) };
}

/** Writes a baseline as stable, diff-friendly JSON. */
export function writeBaseline(file: string, baseline: Baseline): void {
  try {
    writeFileSync(file, `${JSON.stringify(baseline, null, 2)}\n`);
  } catch (error) {
    throw new ConfigError(`Cannot write the baseline: ${(error as Error).message}.`, { file });
  }
}

/**
 * Marks findings recorded in the baseline as suppressed (`external`), and turns entries of scanned files
 * that match no finding any more into notes, so the baseline can shrink.
 */
export function applyBaseline(
  findings: Finding[],
  loaded: LoadedBaseline,
  scannedFiles: ReadonlySet<string>,
): { findings: Finding[]; notices: ScanNotice[] } {
  const { baseline, file: baselineFile } = loaded;
  const entriesByFingerprint = new Map(baseline.entries.map((entry) => [entry.fingerprint, entry]));
  const matched = new Set<string>();
  const result = findings.map((finding) => {
    const entry = entriesByFingerprint.get(finding.fingerprint);
    if (entry === undefined || finding.suppression !== undefined) return finding;
    matched.add(entry.fingerprint);
    return {
      ...finding,
      suppression: { kind: 'external' as const, justification: `Recorded in the baseline ${baselineFile}.`, file: baselineFile, line: loaded.lineByFingerprint.get(entry.fingerprint) ?? 1 },
    };
  });
  const notices: ScanNotice[] = baseline.entries
    .filter((entry) => scannedFiles.has(entry.file) && !matched.has(entry.fingerprint))
    .map((entry) => ({
      kind: 'stale-baseline',
      level: 'note',
      file: entry.file,
      line: entry.line,
      message: `Baseline entry for ${entry.ruleId} no longer matches a finding ("${entry.message}"); rewrite the baseline with --write-baseline to drop it.`,
    }));
  return { findings: result, notices };
}
