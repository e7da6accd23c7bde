import type { Finding, Severity } from '../types.js';

/** Weeks of history a snapshot keeps for the trend chart. */
export const trendWeeks = 12;

/** One open finding as the next report needs it to tell new from fixed. */
export interface SnapshotFinding {
  fingerprint: string;
  ruleId: string;
  severity: Severity;
  file: string;
  line: number;
}

/** The counts of one past report, for the trend. */
export interface TrendPoint {
  /** ISO date (YYYY-MM-DD) of the report. */
  date: string;
  open: number;
  error: number;
  warning: number;
  note: number;
  suppressed: number;
}

/** What each report run writes (`--snapshot`) and the next reads (`--previous`). */
export interface ReportSnapshot {
  profilintReportSnapshot: 1;
  generatedAt: string;
  /** Open (unsuppressed) findings, sorted by file, line and rule. */
  findings: SnapshotFinding[];
  /** Oldest first, this run last; at most {@link trendWeeks} points. */
  history: TrendPoint[];
}

/** New, fixed and unchanged findings since the previous report, matched by fingerprint. */
export interface FindingsChange {
  /** ISO date (YYYY-MM-DD) of the previous report. */
  previousDate: string;
  added: SnapshotFinding[];
  fixed: SnapshotFinding[];
  unchanged: number;
}

function toSnapshotFinding(finding: Finding): SnapshotFinding {
  return {
    fingerprint: finding.fingerprint,
    ruleId: finding.ruleId,
    severity: finding.severity,
    file: finding.file,
    line: finding.line,
  };
}

/** Counts of a run's findings, as one point of the trend. */
export function trendPointOf(findings: Finding[], now: Date): TrendPoint {
  const point: TrendPoint = { date: now.toISOString().slice(0, 10), open: 0, error: 0, warning: 0, note: 0, suppressed: 0 };
  for (const finding of findings) {
    if (finding.suppression !== undefined) {
      point.suppressed += 1;
      continue;
    }
    point.open += 1;
    point[finding.severity] += 1;
  }
  return point;
}

/** The snapshot of this run: its open findings and the history carried over from the previous snapshot. */
export function createSnapshot(findings: Finding[], now: Date, previous?: ReportSnapshot): ReportSnapshot {
  const point = trendPointOf(findings, now);
  // A second run on the same day replaces that day's point instead of adding a week.
  const history = [...(previous?.history ?? []).filter((entry) => entry.date < point.date), point].slice(-trendWeeks);
  return {
    profilintReportSnapshot: 1,
    generatedAt: now.toISOString(),
    findings: findings.filter((finding) => finding.suppression === undefined).map(toSnapshotFinding),
    history,
  };
}

/** Compares this run's open findings with the previous snapshot's by fingerprint. */
export function compareWithPrevious(findings: Finding[], previous: ReportSnapshot): FindingsChange {
  const open = findings.filter((finding) => finding.suppression === undefined);
  const previousFingerprints = new Set(previous.findings.map((finding) => finding.fingerprint));
  const currentFingerprints = new Set(open.map((finding) => finding.fingerprint));
  const added = open.filter((finding) => !previousFingerprints.has(finding.fingerprint)).map(toSnapshotFinding);
  const fixed = previous.findings.filter((finding) => !currentFingerprints.has(finding.fingerprint));
  return {
    previousDate: previous.generatedAt.slice(0, 10),
    added,
    fixed,
    unchanged: open.length - added.length,
  };
}

const severities = new Set(['error', 'warning', 'note']);

function isSnapshotFinding(value: unknown): value is SnapshotFinding {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.fingerprint === 'string' &&
    typeof entry.ruleId === 'string' &&
    typeof entry.file === 'string' &&
    typeof entry.line === 'number' &&
    severities.has(entry.severity as string)
  );
}

function isTrendPoint(value: unknown): value is TrendPoint {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.date === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(entry.date) &&
    ['open', 'error', 'warning', 'note', 'suppressed'].every((key) => typeof entry[key] === 'number')
  );
}

/**
 * Reads a snapshot a previous run wrote. Throws an Error saying what is wrong when the text is not
 * one (the caller turns it into a notice: a broken artifact must not stop this week's report).
 */
export function parseSnapshot(text: string): ReportSnapshot {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof data !== 'object' || data === null || (data as Record<string, unknown>).profilintReportSnapshot !== 1) {
    throw new Error('not a profilint report snapshot (expected "profilintReportSnapshot": 1)');
  }
  const record = data as Record<string, unknown>;
  if (typeof record.generatedAt !== 'string' || Number.isNaN(Date.parse(record.generatedAt))) {
    throw new Error('"generatedAt" is not a date');
  }
  if (!Array.isArray(record.findings) || !record.findings.every(isSnapshotFinding)) {
    throw new Error('"findings" is not a list of findings with fingerprint, ruleId, severity, file and line');
  }
  if (!Array.isArray(record.history) || !record.history.every(isTrendPoint)) {
    throw new Error('"history" is not a list of dated counts');
  }
  return {
    profilintReportSnapshot: 1,
    generatedAt: record.generatedAt,
    findings: record.findings,
    history: record.history,
  };
}

/** The snapshot as written to disk: stable key order, one trailing newline. */
export function serializeSnapshot(snapshot: ReportSnapshot): string {
  return `${JSON.stringify(snapshot, null, 2)}\n`;
}
