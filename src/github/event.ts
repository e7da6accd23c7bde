import type { RepositoryRef } from './rest.js';
import type { ScanMode } from './settings.js';

/** What the Action reviews: a pull request's changed lines, or the whole repository at one commit. */
export type ReviewTarget =
  | {
      kind: 'pull-request';
      number: number;
      baseSha: string;
      /** The pull request's head commit: check runs go there, never on the temporary merge commit. */
      headSha: string;
      /** The head lives in another repository, so the workflow token is read-only. */
      fromFork: boolean;
    }
  | { kind: 'full'; sha: string };

/** The parts of @actions/github's context the Action reads. */
export interface WorkflowEvent {
  eventName: string;
  sha: string;
  payload: Record<string, unknown>;
}

function readRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

function readPullRequest(payload: Record<string, unknown>): Extract<ReviewTarget, { kind: 'pull-request' }> | undefined {
  const pullRequest = readRecord(payload['pull_request']);
  const base = readRecord(pullRequest?.['base']);
  const head = readRecord(pullRequest?.['head']);
  const number = pullRequest?.['number'];
  const baseSha = base?.['sha'];
  const headSha = head?.['sha'];
  if (typeof number !== 'number' || typeof baseSha !== 'string' || typeof headSha !== 'string') return undefined;
  const baseRepository = readRecord(base?.['repo'])?.['full_name'];
  // A deleted fork leaves `head.repo` null; its token is just as read-only.
  const headRepository = readRecord(head?.['repo'])?.['full_name'];
  return { kind: 'pull-request', number, baseSha, headSha, fromFork: headRepository !== baseRepository };
}

/**
 * Decides what to review. `auto` reviews pull requests (`pull_request`, `pull_request_target`) and scans
 * everything on other events; a pull-request mode without a pull request in the payload is an error.
 */
export function resolveReviewTarget(event: WorkflowEvent, mode: ScanMode): ReviewTarget {
  const full: ReviewTarget = { kind: 'full', sha: event.sha };
  if (mode === 'full') return full;
  const pullRequest = readPullRequest(event.payload);
  if (pullRequest !== undefined) return pullRequest;
  if (mode === 'pull-request') {
    throw new Error(
      `mode is "pull-request" but the ${event.eventName} event has no pull request; run on pull_request or set mode: full.`,
    );
  }
  return full;
}

/** `owner/repo` of the workflow's repository, from `GITHUB_REPOSITORY` or the payload. */
export function readRepository(payload: Record<string, unknown>, environmentValue: string | undefined): RepositoryRef {
  const fullName = environmentValue ?? readRecord(payload['repository'])?.['full_name'];
  const [owner, repo] = typeof fullName === 'string' ? fullName.split('/') : [];
  if (owner === undefined || repo === undefined || owner === '' || repo === '') {
    throw new Error('GITHUB_REPOSITORY is not set to "owner/repo"; run profilint as a step of a GitHub workflow.');
  }
  return { owner, repo };
}
