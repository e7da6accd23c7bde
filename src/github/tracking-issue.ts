import { listAllPages, type RepositoryRef, type RestRequest } from './rest.js';

/** Hidden first line that marks an issue as one profilint opened, so it never touches anyone else's. */
export const trackingIssueMarker = '<!-- profilint:tracking-issue -->';

interface ListedIssue {
  number: number;
  body?: string | null;
  pull_request?: unknown;
}

/** What the full scan did to the tracking issue. */
export type TrackingIssueOutcome =
  | { action: 'created' | 'updated' | 'closed'; number: number }
  | { action: 'skipped' };

/**
 * Keeps one open tracking issue, found by its label and profilint's marker: updated in place when there
 * are findings (created when there is none), closed when the scan is clean. Issues without the marker
 * are never edited or closed.
 */
export async function upsertTrackingIssue(
  request: RestRequest,
  repository: RepositoryRef,
  issue: { label: string; title: string; body: string; hasFindings: boolean },
): Promise<TrackingIssueOutcome> {
  const { items } = await listAllPages<ListedIssue>(
    request,
    'GET /repos/{owner}/{repo}/issues',
    { ...repository, state: 'open', labels: issue.label, sort: 'created', direction: 'asc' },
    Number.POSITIVE_INFINITY,
  );
  const existing = items.find(
    (item) => item.pull_request === undefined && item.body?.startsWith(trackingIssueMarker) === true,
  );
  const body = `${trackingIssueMarker}\n${issue.body}`;
  if (existing === undefined) {
    if (!issue.hasFindings) return { action: 'skipped' };
    const created = await request('POST /repos/{owner}/{repo}/issues', {
      ...repository,
      title: issue.title,
      body,
      labels: [issue.label],
    });
    return { action: 'created', number: (created.data as { number: number }).number };
  }
  await request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', {
    ...repository,
    issue_number: existing.number,
    body,
    ...(issue.hasFindings ? {} : { state: 'closed', state_reason: 'completed' }),
  });
  return { action: issue.hasFindings ? 'updated' : 'closed', number: existing.number };
}
