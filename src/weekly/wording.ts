// Wording shared by the Markdown and HTML reports, so both say the same thing about the same row.
import type { InventoryAttribute, InventoryRow, InventorySink } from './inventory.js';
import type { AuditAssessment } from './audits.js';
import type { SuppressionEntry } from './suppressions.js';
import { formatDays } from '../duration.js';

/** `1 file`, `3 files`. */
export function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Collapses repeated lines into one with a count (`fbq (ads, no consent check) ×2`), keeping first-seen order. */
export function countRepeats(items: string[]): string[] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts].map(([item, count]) => (count === 1 ? item : `${item} ×${count}`));
}

/** How a consent status reads in a table cell. */
export const consentWords: Record<InventorySink['consent'], string> = {
  guarded: 'consent checked',
  'wrong-purpose': 'consent for another purpose',
  unguarded: 'no consent check',
};

/** How an attribute status reads in a table cell. */
export const attributeStatusWords: Record<InventoryAttribute['status'], string> = {
  unjustified: 'no justification',
  justified: 'justified',
  suppressed: 'suppressed',
  accepted: 'not reported',
};

/** One line about an attribute: `age (sensitive, no justification)`. */
export function describeAttribute(attribute: InventoryAttribute): string {
  const what = attribute.category && attribute.category !== attribute.name ? `${attribute.name} → ${attribute.category}` : attribute.name;
  return `${what} (${attribute.kind}, ${attributeStatusWords[attribute.status]})`;
}

/** One line about a sink: `fbq → Meta Pixel (ads, third party, no consent check)`. */
export function describeSink(sink: InventorySink): string {
  const receiver = sink.vendor === undefined ? '' : ` → ${sink.vendor}`;
  return `${sink.callee}${receiver} (${sink.kind}${sink.thirdParty ? ', third party' : ''}, ${consentWords[sink.consent]})`;
}

/** Retention as declared by the spec against what the code does. */
export function describeRetention(row: InventoryRow): string {
  const { retention } = row;
  const declared =
    retention.declared === undefined
      ? 'not declared'
      : `${retention.declared}${retention.declaredReadable && retention.declaredReadable !== retention.declared ? ` (${retention.declaredReadable})` : ''}`;
  const parts: string[] = [];
  if (retention.storeWrites === 0) {
    parts.push('no store writes');
  } else {
    parts.push(countOf(retention.storeWrites, 'store write'));
    if (retention.writesWithoutExpiry > 0) parts.push(`${retention.writesWithoutExpiry} without expiry`);
    if (retention.longestExpiryDays !== undefined) parts.push(`longest expiry ${formatDays(retention.longestExpiryDays)}`);
  }
  if (retention.retentionFindings > 0) parts.push(countOf(retention.retentionFindings, 'retention finding'));
  return `declared: ${declared}; code: ${parts.join(', ')}`;
}

/** The automated decision and how a person can contest it. */
export function describeDecision(row: InventoryRow): string {
  const decision = row.decision;
  if (decision === undefined) return row.origin === 'spec' ? 'not declared' : 'no spec';
  if (decision.automated === false) return 'not automated';
  const parts = [decision.automated ? 'automated' : 'automation not stated'];
  if (decision.legalEffect) parts.push('legal or similar effect');
  parts.push(decision.humanReview ? 'human review' : 'no human review');
  parts.push(decision.redress ? `redress: ${decision.redress}` : 'no redress channel');
  return parts.join(', ');
}

/** The bias audit's age and status. */
export function describeAudit(audit: AuditAssessment | undefined): string {
  if (audit === undefined) return 'none declared';
  switch (audit.status) {
    case 'never-run':
      return 'never run';
    case 'stale':
      return `stale: ${audit.ageDays} days old, due ${audit.dueDate}`;
    case 'due-soon':
      return `${audit.ageDays} days old, due ${audit.dueDate} (in ${audit.daysUntilDue} days)`;
    case 'fresh':
      return `${audit.ageDays} days old, due ${audit.dueDate}`;
  }
}

/** Where a row lives: the spec's key, or the code files. */
export function describeRowLocation(row: InventoryRow): string {
  if (row.specFile !== undefined) return `${row.specFile}:${row.specLine ?? 1}`;
  return row.codeFiles.join(', ');
}

/** A suppression's age: `12 days (since 2026-11-18)`, `not committed yet`, or `unknown`. */
export function describeAge(entry: SuppressionEntry): string {
  if (entry.uncommitted) return 'not committed yet';
  if (entry.ageDays === undefined) return 'unknown';
  return `${entry.ageDays} day${entry.ageDays === 1 ? '' : 's'} (since ${entry.since})`;
}

/** The rules a suppression names. */
export function describeSuppressedRules(entry: SuppressionEntry): string {
  return entry.ruleIds.length === 0 ? 'every rule' : entry.ruleIds.join(', ');
}
