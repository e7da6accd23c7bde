import type { SpecFairnessAudit } from '../specs/types.js';
import { parseDuration } from '../duration.js';

/** Audits due within this many days are listed so they can be scheduled before they go stale. */
export const auditDueSoonDays = 30;

const dayMs = 86_400_000;

/** Where a fairness audit stands on the report's date. */
export interface AuditAssessment {
  status: 'fresh' | 'due-soon' | 'stale' | 'never-run';
  /** ISO date of the last run, as written. */
  lastRun?: string;
  /** Whole days since the last run. */
  ageDays?: number;
  /** ISO date (YYYY-MM-DD) after which the audit is stale. */
  dueDate?: string;
  /** Days until the due date; negative when overdue. */
  daysUntilDue?: number;
  /** The audit report's path or URL. */
  report?: string;
}

function parseIsoDate(text: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text.trim());
  if (match === null) return undefined;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function startOfUtcDay(date: Date): number {
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}

/**
 * Decides whether a spec's fairness audit is fresh, due within {@link auditDueSoonDays} days, stale, or
 * has never run (no readable `lastRun`). The period is the audit's own `every`, else `maxAgeDays`.
 */
export function assessAudit(audit: SpecFairnessAudit, options: { now: Date; maxAgeDays: number }): AuditAssessment {
  const report = audit.report?.value;
  const lastRunText = audit.lastRun?.value === undefined ? undefined : String(audit.lastRun.value);
  const lastRun = lastRunText === undefined ? undefined : parseIsoDate(lastRunText);
  if (lastRun === undefined) {
    return { status: 'never-run', ...(lastRunText !== undefined ? { lastRun: lastRunText } : {}), ...(report ? { report } : {}) };
  }
  const every = audit.every?.value === undefined ? undefined : parseDuration(String(audit.every.value));
  const periodDays = every?.kind === 'bounded' ? every.days : options.maxAgeDays;
  const today = startOfUtcDay(options.now);
  const due = lastRun.getTime() + Math.round(periodDays) * dayMs;
  const daysUntilDue = Math.round((due - today) / dayMs);
  const status = daysUntilDue < 0 ? 'stale' : daysUntilDue <= auditDueSoonDays ? 'due-soon' : 'fresh';
  return {
    status,
    lastRun: lastRunText,
    ageDays: Math.round((today - lastRun.getTime()) / dayMs),
    dueDate: new Date(due).toISOString().slice(0, 10),
    daysUntilDue,
    ...(report ? { report } : {}),
  };
}
