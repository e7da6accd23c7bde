import type { FileFacts, Finding, RuleDescriptor, ScanNotice, Severity } from '../types.js';
import type { VocabularyMatch } from '../vocabulary.js';
import { buildInventory, type InventoryRow } from './inventory.js';
import type { AuditAssessment } from './audits.js';
import { buildFlowGraph, type DiagramLimits, type FlowGraph } from './mermaid.js';
import { compareWithPrevious, createSnapshot, type FindingsChange, type ReportSnapshot, type TrendPoint } from './snapshot.js';
import { listStaleBaselineEntries, listSuppressions, type SuppressionEntry } from './suppressions.js';

/** Counts of one rule's findings in this run and since the previous report. */
export interface RuleCount {
  ruleId: string;
  description: string;
  error: number;
  warning: number;
  note: number;
  suppressed: number;
  added: number;
  fixed: number;
}

/** A fairness audit that needs attention: stale, never run, or due within 30 days. */
export interface AuditDue {
  pipeline: string;
  specFile: string;
  specLine: number;
  assessment: AuditAssessment;
}

/** Everything the weekly report shows; the Markdown and HTML renderers are pure functions of it. */
export interface WeeklyReport {
  generatedAt: string;
  toolVersion: string;
  /** Shown in the title: the repository's name. */
  repositoryName: string;
  filesScanned: number;
  totals: Record<Severity | 'open' | 'suppressed', number>;
  byRule: RuleCount[];
  /** Absent when there is no readable previous snapshot; `previousNote` says why. */
  change?: FindingsChange;
  previousNote?: string;
  /** Oldest first, this run last. */
  history: TrendPoint[];
  inventory: InventoryRow[];
  flow: FlowGraph;
  suppressions: SuppressionEntry[];
  staleBaseline: ScanNotice[];
  audits: AuditDue[];
  /** Scan notices other than stale baseline entries: parse errors, skipped files. */
  notices: ScanNotice[];
  /** Where the full report is, for summaries that had to leave rows out. */
  fullReportUrl?: string;
  snapshot: ReportSnapshot;
}

export interface WeeklyReportInput {
  root: string;
  repositoryName: string;
  toolVersion: string;
  filesScanned: number;
  findings: Finding[];
  notices: ScanNotice[];
  rules: RuleDescriptor[];
  facts: FileFacts[];
  now: Date;
  auditMaxAgeDays: number;
  previous?: ReportSnapshot;
  previousNote?: string;
  fullReportUrl?: string;
  useGit: boolean;
  classifyName?: (name: string) => VocabularyMatch | undefined;
  diagramLimits?: DiagramLimits;
}

function countByRule(input: WeeklyReportInput, change: FindingsChange | undefined): RuleCount[] {
  const descriptions = new Map(input.rules.map((rule) => [rule.id, rule.description]));
  const counts = new Map<string, RuleCount>();
  const countFor = (ruleId: string): RuleCount => {
    let count = counts.get(ruleId);
    if (count === undefined) {
      count = { ruleId, description: descriptions.get(ruleId) ?? '', error: 0, warning: 0, note: 0, suppressed: 0, added: 0, fixed: 0 };
      counts.set(ruleId, count);
    }
    return count;
  };
  for (const rule of input.rules) countFor(rule.id);
  for (const finding of input.findings) {
    const count = countFor(finding.ruleId);
    if (finding.suppression !== undefined) count.suppressed += 1;
    else count[finding.severity] += 1;
  }
  for (const added of change?.added ?? []) countFor(added.ruleId).added += 1;
  for (const fixed of change?.fixed ?? []) countFor(fixed.ruleId).fixed += 1;
  return [...counts.values()].sort((a, b) => (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
}

const auditAttention = new Set<AuditAssessment['status']>(['stale', 'never-run', 'due-soon']);

/** Never-run audits first, then the most overdue, then by pipeline name. */
function compareAudits(a: AuditDue, b: AuditDue): number {
  const dueA = a.assessment.daysUntilDue ?? Number.NEGATIVE_INFINITY;
  const dueB = b.assessment.daysUntilDue ?? Number.NEGATIVE_INFINITY;
  if (dueA !== dueB) return dueA < dueB ? -1 : 1;
  return a.pipeline < b.pipeline ? -1 : a.pipeline > b.pipeline ? 1 : a.specFile < b.specFile ? -1 : a.specFile > b.specFile ? 1 : 0;
}

/** Assembles the weekly report from a scan, the facts behind it and the previous snapshot. */
export function buildWeeklyReport(input: WeeklyReportInput): WeeklyReport {
  const change = input.previous === undefined ? undefined : compareWithPrevious(input.findings, input.previous);
  const snapshot = createSnapshot(input.findings, input.now, input.previous);
  const inventory = buildInventory({
    facts: input.facts,
    findings: input.findings,
    now: input.now,
    auditMaxAgeDays: input.auditMaxAgeDays,
    classifyName: input.classifyName,
  });
  const totals = { open: 0, error: 0, warning: 0, note: 0, suppressed: 0 };
  for (const finding of input.findings) {
    if (finding.suppression !== undefined) {
      totals.suppressed += 1;
    } else {
      totals.open += 1;
      totals[finding.severity] += 1;
    }
  }
  const audits: AuditDue[] = inventory
    .filter((row) => row.audit !== undefined && auditAttention.has(row.audit.status) && row.specFile !== undefined)
    .map((row) => ({ pipeline: row.name, specFile: row.specFile!, specLine: row.specLine ?? 1, assessment: row.audit! }))
    .sort(compareAudits);
  const report: WeeklyReport = {
    generatedAt: input.now.toISOString(),
    toolVersion: input.toolVersion,
    repositoryName: input.repositoryName,
    filesScanned: input.filesScanned,
    totals,
    byRule: countByRule(input, change),
    history: snapshot.history,
    inventory,
    flow: buildFlowGraph(inventory, input.diagramLimits),
    suppressions: listSuppressions({ root: input.root, facts: input.facts, findings: input.findings, now: input.now, useGit: input.useGit }),
    staleBaseline: listStaleBaselineEntries(input.notices),
    audits,
    notices: input.notices.filter((notice) => notice.kind !== 'stale-baseline'),
    snapshot,
  };
  if (change !== undefined) report.change = change;
  if (input.previousNote !== undefined) report.previousNote = input.previousNote;
  if (input.fullReportUrl !== undefined) report.fullReportUrl = input.fullReportUrl;
  return report;
}
