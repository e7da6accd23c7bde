import { spawnSync } from 'node:child_process';
import type { FileFacts, Finding, ScanNotice } from '../types.js';

/** A suppression as the weekly report lists it: a directive in the code, or the baseline. */
export interface SuppressionEntry {
  kind: 'directive' | 'baseline';
  /** Rule ids the directive names; empty means every rule. For a baseline, the rules of the findings it hides. */
  ruleIds: string[];
  file: string;
  line: number;
  /** The directive's reason; empty when it gives none (then it suppresses nothing). */
  reason: string;
  /** Findings it suppresses in this scan. */
  suppressedCount: number;
  /** When the line was last written (a baseline's oldest entry), from `git blame` (ISO date); absent outside git. */
  since?: string;
  /** Whole days since then. */
  ageDays?: number;
  /** Written but not committed yet. */
  uncommitted?: boolean;
}

/** When each asked line of a file was last changed: `git blame --porcelain` of the working tree. */
export type LineDates = Map<number, { date: Date; uncommitted: boolean }>;

// `git blame` marks lines that exist only in the working tree with this all-zero commit.
const uncommittedCommit = /^0{40}$/;

/**
 * Reads when the given lines of a file were written from `git blame`, in one git process per file.
 * Returns an empty map when git cannot say (not a repository, untracked file, lines out of range).
 */
export function blameLines(root: string, file: string, lines: number[]): LineDates {
  const dates: LineDates = new Map();
  const unique = [...new Set(lines)].filter((line) => line >= 1).sort((a, b) => a - b);
  if (unique.length === 0) return dates;
  const ranges = unique.flatMap((line) => ['-L', `${line},${line}`]);
  const result = spawnSync('git', ['blame', '--porcelain', ...ranges, '--', file], {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error !== undefined || result.status !== 0) return dates;
  const timeByCommit = new Map<string, number>();
  let commit = '';
  let finalLine = 0;
  for (const text of result.stdout.toString('utf8').split('\n')) {
    const header = /^([0-9a-f]{40}) \d+ (\d+)/.exec(text);
    if (header !== null) {
      commit = header[1]!;
      finalLine = Number(header[2]);
      continue;
    }
    if (text.startsWith('author-time ')) {
      timeByCommit.set(commit, Number(text.slice('author-time '.length)) * 1000);
      continue;
    }
    // The content line closes each entry; headers of a commit seen before are not repeated.
    if (text.startsWith('\t')) {
      const time = timeByCommit.get(commit);
      if (time !== undefined) dates.set(finalLine, { date: new Date(time), uncommitted: uncommittedCommit.test(commit) });
    }
  }
  return dates;
}

function ageInDays(since: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - since.getTime()) / 86_400_000));
}

export interface SuppressionInput {
  root: string;
  facts: FileFacts[];
  findings: Finding[];
  now: Date;
  /** Whether to ask git for ages; off when the root is not a repository. */
  useGit: boolean;
}

/**
 * Every suppression directive in the scanned files (with or without a reason, used or not) and every
 * baseline suppression, with the number of findings it hides and its age from git history.
 */
export function listSuppressions(input: SuppressionInput): SuppressionEntry[] {
  const byDirective = new Map<string, number>();
  // A baseline can hold hundreds of entries: it is one row per baseline file, dated by its oldest entry.
  const byBaseline = new Map<string, { count: number; ruleIds: Set<string>; lines: Set<number> }>();
  for (const finding of input.findings) {
    const suppression = finding.suppression;
    if (suppression === undefined) continue;
    if (suppression.kind === 'inSource') {
      const key = `${suppression.file}\0${suppression.line}`;
      byDirective.set(key, (byDirective.get(key) ?? 0) + 1);
      continue;
    }
    const baseline = byBaseline.get(suppression.file) ?? { count: 0, ruleIds: new Set<string>(), lines: new Set<number>() };
    baseline.count += 1;
    baseline.ruleIds.add(finding.ruleId);
    baseline.lines.add(suppression.line);
    byBaseline.set(suppression.file, baseline);
  }

  const entries: SuppressionEntry[] = [];
  const linesToDate = new Map<SuppressionEntry, number[]>();
  for (const facts of input.facts) {
    for (const directive of facts.directives ?? []) {
      if (directive.kind === 'enable') continue;
      const line = directive.span.line;
      const entry: SuppressionEntry = {
        kind: 'directive',
        ruleIds: [...directive.ruleIds],
        file: facts.file,
        line,
        reason: directive.reason,
        suppressedCount: byDirective.get(`${facts.file}\0${line}`) ?? 0,
      };
      entries.push(entry);
      linesToDate.set(entry, [line]);
    }
  }
  for (const [file, baseline] of byBaseline) {
    const lines = [...baseline.lines].sort((a, b) => a - b);
    const entry: SuppressionEntry = {
      kind: 'baseline',
      ruleIds: [...baseline.ruleIds].sort(),
      file,
      line: lines[0] ?? 1,
      reason: '',
      suppressedCount: baseline.count,
    };
    entries.push(entry);
    linesToDate.set(entry, lines);
  }

  if (input.useGit) addAges(input.root, linesToDate, input.now);
  return entries.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.kind.localeCompare(b.kind)));
}

/** Dates each entry by the oldest of its lines (a directive has one line; a baseline has one per entry). */
function addAges(root: string, linesToDate: Map<SuppressionEntry, number[]>, now: Date): void {
  const byFile = new Map<string, SuppressionEntry[]>();
  for (const entry of linesToDate.keys()) byFile.set(entry.file, [...(byFile.get(entry.file) ?? []), entry]);
  for (const [file, fileEntries] of byFile) {
    const dates = blameLines(root, file, fileEntries.flatMap((entry) => linesToDate.get(entry) ?? []));
    for (const entry of fileEntries) {
      const written = (linesToDate.get(entry) ?? [])
        .map((line) => dates.get(line))
        .filter((date) => date !== undefined)
        .sort((a, b) => a.date.getTime() - b.date.getTime())[0];
      if (written === undefined) continue;
      entry.since = written.date.toISOString().slice(0, 10);
      entry.ageDays = ageInDays(written.date, now);
      if (written.uncommitted) entry.uncommitted = true;
    }
  }
}

/** Baseline entries that match no finding any more, from the scan's notices. */
export function listStaleBaselineEntries(notices: ScanNotice[]): ScanNotice[] {
  return notices.filter((notice) => notice.kind === 'stale-baseline');
}
