import type { Finding, RuleDescriptor, Severity } from '../types.js';

const severityRank: Record<Severity, number> = { error: 0, warning: 1, note: 2 };

/** Counts of findings by severity, as the Action's outputs and headlines show them. */
export interface SeverityCounts {
  error: number;
  warning: number;
  note: number;
}

/** Counts findings by severity. */
export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, note: 0 };
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

/** Whether any finding is at or above `failOn`, which makes the step fail. */
export function failsVerdict(findings: readonly Finding[], failOn: Severity | 'never'): boolean {
  if (failOn === 'never') return false;
  return findings.some((finding) => severityRank[finding.severity] <= severityRank[failOn]);
}

/**
 * Orders findings most important first: by severity, then by the weight of the rule (its default
 * severity: a rule that is an error by default outranks one a config raised), then by position.
 * Stable, so equal findings keep the scan's file/line order.
 */
export function rankByImportance(findings: readonly Finding[], rules: readonly RuleDescriptor[]): Finding[] {
  const ruleWeight = new Map(rules.map((rule) => [rule.id, severityRank[rule.defaultSeverity]]));
  return [...findings].sort(
    (left, right) =>
      severityRank[left.severity] - severityRank[right.severity] ||
      (ruleWeight.get(left.ruleId) ?? 3) - (ruleWeight.get(right.ruleId) ?? 3),
  );
}

/** Words for a count: `1 error`, `3 warnings`. */
export function pluralize(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** `2 errors, 1 warning and 0 notes`-style headline of the counts. */
export function describeCounts(counts: SeverityCounts): string {
  return `${pluralize(counts.error, 'error')}, ${pluralize(counts.warning, 'warning')} and ${pluralize(counts.note, 'note')}`;
}
