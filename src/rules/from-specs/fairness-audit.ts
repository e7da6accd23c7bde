import { parseDuration } from '../../duration.js';
import type { Project } from '../../link.js';
import type { SpecSubject } from '../../specs/types.js';
import type { Span } from '../../types.js';

/** What is wrong with a subject's fairness audit, if anything, and where to point. */
export type AuditAssessment =
  | { status: 'fresh' }
  | { status: 'missing' }
  | { status: 'noReport'; span: Span }
  | { status: 'reportMissing'; span: Span; report: string }
  | { status: 'noDate'; span: Span; lastRun: string }
  | { status: 'badInterval'; span: Span; every: string }
  | { status: 'stale'; span: Span; lastRun: string; due: string };

const dayMs = 86_400_000;

/**
 * Judges a subject's fairness audit: it must name a report that exists (URLs are taken on trust),
 * carry a valid `lastRun` date, and be younger than `every` (default: the config's `auditMaxAgeDays`).
 */
export function assessFairnessAudit(project: Project, subject: SpecSubject): AuditAssessment {
  const audit = subject.fairnessAudit;
  if (audit === undefined) return { status: 'missing' };
  if (audit.report === undefined) return { status: 'noReport', span: audit.span };
  const report = audit.report.value;
  if (!isUrl(report) && !project.fileExists(report.replace(/^\.?\//, ''))) {
    return { status: 'reportMissing', span: audit.report.span, report };
  }
  const lastRun = audit.lastRun === undefined ? undefined : parseDate(audit.lastRun.value);
  if (lastRun === undefined) {
    return { status: 'noDate', span: audit.lastRun?.span ?? audit.span, lastRun: audit.lastRun?.value ?? 'none' };
  }
  let maxAgeDays = project.config.auditMaxAgeDays;
  if (audit.every !== undefined) {
    const every = parseDuration(audit.every.value);
    if (every.kind !== 'bounded') return { status: 'badInterval', span: audit.every.span, every: audit.every.value };
    maxAgeDays = every.days;
  }
  const due = new Date(lastRun.getTime() + Math.round(maxAgeDays) * dayMs);
  // An audit is due on a calendar day, and stale from the day after (as the weekly report counts it).
  const today = Date.UTC(project.now.getUTCFullYear(), project.now.getUTCMonth(), project.now.getUTCDate());
  if (due.getTime() < today) {
    return { status: 'stale', span: audit.lastRun!.span, lastRun: audit.lastRun!.value, due: due.toISOString().slice(0, 10) };
  }
  return { status: 'fresh' };
}

function isUrl(text: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
}

// YYYY-MM-DD that names a real calendar day (2026-02-30 is not one).
function parseDate(text: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (match === null) return undefined;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text.trim() ? date : undefined;
}
