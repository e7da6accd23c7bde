import type { Finding, RuleDescriptor, Severity } from '../types.js';
import { describeRequestError, readHttpStatus, type RepositoryRef, type RestRequest } from './rest.js';

/** The Checks API accepts at most this many annotations in one request; more gives 422. */
export const annotationsPerRequest = 50;
/** Name of the check run; distinct so it is not confused with the workflow's own check. */
export const checkRunName = 'profilint';

const levelBySeverity: Record<Severity, 'failure' | 'warning' | 'notice'> = {
  error: 'failure',
  warning: 'warning',
  note: 'notice',
};

/** What the check run shows besides its annotations. */
export interface CheckRunContent {
  headSha: string;
  title: string;
  /** Markdown, at most 65,535 characters. */
  summary: string;
  conclusion: 'success' | 'neutral' | 'failure';
  findings: readonly Finding[];
  rules: readonly RuleDescriptor[];
}

/** `published` with the run's id; `forbidden` when the token may not write checks (a fork's read-only token). */
export type CheckRunOutcome =
  | { status: 'published'; id: number; requests: number }
  | { status: 'forbidden'; reason: string }
  | { status: 'failed'; reason: string };

function clamp(text: string, maxCharacters: number): string {
  return text.length <= maxCharacters ? text : `${text.slice(0, maxCharacters - 1)}…`;
}

function toCheckAnnotation(finding: Finding, helpUris: Map<string, string>): Record<string, unknown> {
  const sameLine = finding.line === finding.endLine;
  return {
    path: finding.file,
    start_line: finding.line,
    end_line: finding.endLine,
    ...(sameLine ? { start_column: finding.column, end_column: finding.endColumn } : {}),
    annotation_level: levelBySeverity[finding.severity],
    title: clamp(finding.ruleId, 255),
    // 64 KB is the limit; 16,000 characters stay under it even at four UTF-8 bytes each.
    message: clamp(finding.message, 16_000),
    ...(helpUris.has(finding.ruleId) ? { raw_details: `Docs: ${helpUris.get(finding.ruleId)}` } : {}),
  };
}

/** Marks a half-published check run completed, so it does not stay "in progress" on the pull request. */
async function completeAfterFailure(
  request: RestRequest,
  repository: RepositoryRef,
  id: number,
  content: CheckRunContent,
  reason: string,
): Promise<void> {
  try {
    await request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', {
      ...repository,
      check_run_id: id,
      status: 'completed',
      conclusion: content.conclusion,
      completed_at: new Date().toISOString(),
      output: {
        title: clamp(content.title, 255),
        summary: clamp(`Some annotations could not be sent (${reason}); the step's workflow commands and summary list them.\n\n${content.summary}`, 65_535),
      },
    });
  } catch {
    // The run stays in progress; the caller already reports the first failure.
  }
}

/**
 * Publishes one check run on the head commit carrying every finding as an annotation: created with the
 * first 50, then updated with 50 more a request (GitHub appends them), completed with the last.
 */
export async function publishCheckRun(
  request: RestRequest,
  repository: RepositoryRef,
  content: CheckRunContent,
): Promise<CheckRunOutcome> {
  const helpUris = new Map(content.rules.map((rule) => [rule.id, rule.helpUri]));
  const annotations = content.findings.map((finding) => toCheckAnnotation(finding, helpUris));
  const batches: Record<string, unknown>[][] = [];
  for (let start = 0; start < annotations.length; start += annotationsPerRequest) {
    batches.push(annotations.slice(start, start + annotationsPerRequest));
  }
  if (batches.length === 0) batches.push([]);
  const output = (batch: Record<string, unknown>[]) => ({
    title: clamp(content.title, 255),
    summary: clamp(content.summary, 65_535),
    annotations: batch,
  });
  const completion = (index: number) =>
    index === batches.length - 1
      ? { status: 'completed', conclusion: content.conclusion, completed_at: new Date().toISOString() }
      : { status: 'in_progress' };
  let id: number;
  try {
    const created = await request('POST /repos/{owner}/{repo}/check-runs', {
      ...repository,
      name: checkRunName,
      head_sha: content.headSha,
      ...completion(0),
      output: output(batches[0] ?? []),
    });
    id = (created.data as { id: number }).id;
  } catch (error) {
    const status = readHttpStatus(error);
    if (status === 403 || status === 404) return { status: 'forbidden', reason: describeRequestError(error) };
    return { status: 'failed', reason: describeRequestError(error) };
  }
  for (let index = 1; index < batches.length; index += 1) {
    try {
      await request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', {
        ...repository,
        check_run_id: id,
        ...completion(index),
        output: output(batches[index] ?? []),
      });
    } catch (error) {
      const reason = `${describeRequestError(error)} after ${index * annotationsPerRequest} annotations`;
      await completeAfterFailure(request, repository, id, content, reason);
      return { status: 'failed', reason };
    }
  }
  return { status: 'published', id, requests: batches.length };
}
