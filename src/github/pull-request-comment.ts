import { listAllPages, type RepositoryRef, type RestRequest } from './rest.js';

/** Hidden first line that identifies profilint's comment among a pull request's comments. */
export const pullRequestCommentMarker = '<!-- profilint:pull-request-comment -->';

interface IssueComment {
  id: number;
  body?: string | null;
}

/** What happened to the comment: created, updated in place, or left alone because there is nothing to say. */
export type CommentOutcome = { action: 'created' | 'updated'; id: number } | { action: 'skipped' };

/**
 * Keeps one profilint comment on the pull request: finds the comment that starts with the marker and
 * updates it, or creates it. With nothing to report and no earlier comment, it posts nothing.
 */
export async function upsertPullRequestComment(
  request: RestRequest,
  repository: RepositoryRef,
  pullNumber: number,
  body: string,
  hasFindings: boolean,
): Promise<CommentOutcome> {
  const { items } = await listAllPages<IssueComment>(
    request,
    'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
    { ...repository, issue_number: pullNumber },
    Number.POSITIVE_INFINITY,
  );
  const existing = items.find((comment) => comment.body?.startsWith(pullRequestCommentMarker) === true);
  const markedBody = `${pullRequestCommentMarker}\n${body}`;
  if (existing !== undefined) {
    await request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
      ...repository,
      comment_id: existing.id,
      body: markedBody,
    });
    return { action: 'updated', id: existing.id };
  }
  if (!hasFindings) return { action: 'skipped' };
  const created = await request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
    ...repository,
    issue_number: pullNumber,
    body: markedBody,
  });
  return { action: 'created', id: (created.data as { id: number }).id };
}
