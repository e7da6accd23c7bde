import type { Finding, Severity } from '../types.js';

/** Reported findings by severity, plus how many were suppressed (by a directive or the baseline). */
export interface FindingCounts extends Record<Severity, number> {
  suppressed: number;
}

/** Counts findings the way every summary line reports them: suppressed ones only as `suppressed`. */
export function countFindings(findings: readonly Finding[]): FindingCounts {
  const counts: FindingCounts = { error: 0, warning: 0, note: 0, suppressed: 0 };
  for (const finding of findings) {
    if (finding.suppression === undefined) counts[finding.severity] += 1;
    else counts.suppressed += 1;
  }
  return counts;
}

/** Counts findings per rule id, in rule id order. */
export function countFindingsByRule(findings: readonly Finding[]): Map<string, FindingCounts> {
  const byRule = new Map<string, Finding[]>();
  for (const finding of findings) {
    const ruleFindings = byRule.get(finding.ruleId);
    if (ruleFindings === undefined) byRule.set(finding.ruleId, [finding]);
    else ruleFindings.push(finding);
  }
  return new Map([...byRule].sort(([a], [b]) => (a < b ? -1 : 1)).map(([ruleId, ruleFindings]) => [ruleId, countFindings(ruleFindings)]));
}

/** `1 error`, `2 warnings`: English plural for the counts in summaries. */
export function pluralize(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
