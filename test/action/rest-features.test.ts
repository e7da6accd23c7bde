import { getOctokit } from '@actions/github';
import { afterEach, describe, expect, it } from 'vitest';
import { publishCheckRun } from '../../src/github/check-run.js';
import { readChangedFilesFromRest } from '../../src/github/changed-lines.js';
import { pullRequestCommentMarker, upsertPullRequestComment } from '../../src/github/pull-request-comment.js';
import { retryRateLimited, type RestRequest } from '../../src/github/rest.js';
import { trackingIssueMarker, upsertTrackingIssue } from '../../src/github/tracking-issue.js';
import { startFakeGitHub, type FakeGitHub, type FakeGitHubOptions, type PullRequestFile } from './fake-github.js';
import { describeRule, makeFinding } from './scan-results.js';

const token = 'ghs_fakeTokenForTests0000000000000000';
const repository = { owner: 'acme', repo: 'shop' };
let server: FakeGitHub | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function connect(options: Omit<FakeGitHubOptions, 'token'> = {}): Promise<{ fake: FakeGitHub; request: RestRequest }> {
  server = await startFakeGitHub({ token, ...options });
  const octokit = getOctokit(token, { baseUrl: server.url });
  return { fake: server, request: retryRateLimited((route, parameters) => octokit.request(route, parameters), async () => {}) };
}

const rules = [describeRule('sensitive-attribute', 'error'), describeRule('proxy-attribute', 'warning')];
const manyFindings = Array.from({ length: 120 }, (_, index) =>
  makeFinding(index % 2 === 0 ? 'sensitive-attribute' : 'proxy-attribute', index % 2 === 0 ? 'error' : 'warning', `src/f${index % 7}.ts`, index + 1),
);

describe('publishCheckRun', () => {
  it('sends 120 annotations as a create and two updates of at most 50, and completes the run', async () => {
    const { fake, request } = await connect();
    const outcome = await publishCheckRun(request, repository, {
      headSha: 'abc123',
      title: '60 errors',
      summary: 'summary',
      conclusion: 'failure',
      findings: manyFindings,
      rules,
    });
    expect(outcome).toMatchObject({ status: 'published', requests: 3 });
    const writes = fake.requests.filter((recorded) => recorded.path.includes('check-runs'));
    expect(writes.map((recorded) => [recorded.method, recorded.body.output.annotations.length, recorded.body.status])).toEqual([
      ['POST', 50, 'in_progress'],
      ['PATCH', 50, 'in_progress'],
      ['PATCH', 20, 'completed'],
    ]);
    expect(writes[0]?.body).toMatchObject({ name: 'profilint', head_sha: 'abc123' });
    expect(fake.checkRuns[0]?.annotations).toHaveLength(120);
    expect(fake.checkRuns[0]?.conclusion).toBe('failure');
    expect(fake.checkRuns[0]?.annotations[1]).toEqual({
      path: 'src/f1.ts',
      start_line: 2,
      end_line: 2,
      start_column: 3,
      end_column: 9,
      annotation_level: 'warning',
      title: 'proxy-attribute',
      message: 'Problem at line 2.',
      raw_details: 'Docs: https://github.com/profilint/profilint/blob/v0.1.0/rules/proxy-attribute.md',
    });
  });

  it('completes a half-published run when an update fails, so it does not stay in progress', async () => {
    const { fake, request } = await connect({ failingCheckRunUpdates: 1 });
    const outcome = await publishCheckRun(request, repository, {
      headSha: 'abc123',
      title: 't',
      summary: 'summary',
      conclusion: 'failure',
      findings: manyFindings,
      rules,
    });
    expect(outcome).toEqual({ status: 'failed', reason: 'HTTP 500: Server Error after 50 annotations' });
    expect(fake.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(fake.checkRuns[0]?.annotations).toHaveLength(50);
    expect(fake.checkRuns[0]?.output.summary).toMatch(/^Some annotations could not be sent/);
  });

  it('the fake API refuses a 51st annotation in one request, as GitHub does', async () => {
    const { request } = await connect();
    await expect(
      request('POST /repos/{owner}/{repo}/check-runs', {
        ...repository,
        name: 'x',
        head_sha: 'abc',
        output: { title: 't', summary: 's', annotations: Array.from({ length: 51 }, () => ({})) },
      }),
    ).rejects.toMatchObject({ status: 422 });
  });

  it('reports a read-only token as forbidden instead of throwing', async () => {
    const { request } = await connect({ readOnly: true });
    const outcome = await publishCheckRun(request, repository, {
      headSha: 'abc123',
      title: 't',
      summary: 's',
      conclusion: 'success',
      findings: [],
      rules,
    });
    expect(outcome.status).toBe('forbidden');
  });

  it('waits and retries when GitHub answers 429 with Retry-After', async () => {
    const { fake, request } = await connect({ rateLimitFirstCheckRun: true });
    const outcome = await publishCheckRun(request, repository, {
      headSha: 'abc123',
      title: 't',
      summary: 's',
      conclusion: 'success',
      findings: manyFindings.slice(0, 3),
      rules,
    });
    expect(outcome.status).toBe('published');
    expect(fake.requests.filter((recorded) => recorded.method === 'POST')).toHaveLength(2);
    expect(fake.checkRuns).toHaveLength(1);
  });
});

describe('readChangedFilesFromRest', () => {
  it('follows the Link header across pages and reads each patch in new-file line numbers', async () => {
    const files: PullRequestFile[] = Array.from({ length: 250 }, (_, index) => ({
      filename: `src/file-${String(index).padStart(3, '0')}.ts`,
      status: 'modified',
      patch: '@@ -10,2 +10,3 @@ function f() {\n const a = 1;\n+const b = 2;\n const c = 3;',
    }));
    files.push({ filename: 'assets/logo.png', status: 'added' });
    files.push({ filename: 'src/old.ts', status: 'removed', patch: '@@ -1 +0,0 @@\n-gone' });
    const { fake, request } = await connect({ pullRequestFiles: files });
    const { files: changed, truncated } = await readChangedFilesFromRest(request, repository, 42);
    expect(truncated).toBe(false);
    expect(fake.requests.map((recorded) => recorded.query['page'])).toEqual(['1', '2', '3']);
    expect(changed.size).toBe(251);
    expect(changed.get('src/file-249.ts')).toEqual({ added: new Set([11]), context: new Set([10, 12]), wholeFile: false });
    expect(changed.get('assets/logo.png')?.wholeFile).toBe(true);
    expect(changed.has('src/old.ts')).toBe(false);
  });

  it('stops at GitHub’s 3,000-file limit and says the list is incomplete', async () => {
    const files = Array.from({ length: 3100 }, (_, index) => ({ filename: `f${index}.ts`, status: 'added' as const, patch: '@@ -0,0 +1 @@\n+x' }));
    const { fake, request } = await connect({ pullRequestFiles: files });
    const { files: changed, truncated } = await readChangedFilesFromRest(request, repository, 42);
    expect(changed.size).toBe(3000);
    expect(truncated).toBe(true);
    expect(fake.requests).toHaveLength(30);
  });
});

describe('upsertPullRequestComment', () => {
  it('creates the comment once, then updates it in place on the next run', async () => {
    const { fake, request } = await connect({
      comments: [{ id: 1, body: `> quoting ${pullRequestCommentMarker}`, user: { login: 'octocat', type: 'User' } }],
    });
    const first = await upsertPullRequestComment(request, repository, 42, 'first review', true);
    const second = await upsertPullRequestComment(request, repository, 42, 'second review', true);
    expect(first.action).toBe('created');
    expect(second).toEqual({ action: 'updated', id: first.action === 'created' ? first.id : -1 });
    expect(fake.comments.map((comment) => comment.body)).toEqual([
      `> quoting ${pullRequestCommentMarker}`,
      `${pullRequestCommentMarker}\nsecond review`,
    ]);
  });

  it('posts nothing for a clean pull request that has no comment yet', async () => {
    const { fake, request } = await connect();
    expect(await upsertPullRequestComment(request, repository, 42, 'clean', false)).toEqual({ action: 'skipped' });
    expect(fake.requests.filter((recorded) => recorded.method !== 'GET')).toEqual([]);
  });
});

describe('upsertTrackingIssue', () => {
  const someoneElses = {
    number: 3,
    title: 'Privacy review',
    body: 'Opened by a person.',
    state: 'open' as const,
    labels: [{ name: 'profilint' }],
  };

  it('creates one labelled issue, updates it next week and never touches an issue it did not open', async () => {
    const { fake, request } = await connect({ issues: [someoneElses] });
    const created = await upsertTrackingIssue(request, repository, { label: 'profilint', title: 'Report', body: 'week 1', hasFindings: true });
    const updated = await upsertTrackingIssue(request, repository, { label: 'profilint', title: 'Report', body: 'week 2', hasFindings: true });
    expect(created.action).toBe('created');
    expect(updated).toEqual({ action: 'updated', number: created.action === 'created' ? created.number : -1 });
    expect(fake.issues).toHaveLength(2);
    expect(fake.issues[0]).toEqual(someoneElses);
    expect(fake.issues[1]).toMatchObject({ body: `${trackingIssueMarker}\nweek 2`, labels: [{ name: 'profilint' }], state: 'open' });
  });

  it('closes its own issue when the scan is clean, and opens none when there was none', async () => {
    const { fake, request } = await connect({
      issues: [someoneElses, { number: 8, title: 'Report', body: `${trackingIssueMarker}\nold`, state: 'open', labels: [{ name: 'profilint' }] }],
    });
    expect(await upsertTrackingIssue(request, repository, { label: 'profilint', title: 'Report', body: 'clean', hasFindings: false })).toEqual({
      action: 'closed',
      number: 8,
    });
    expect(fake.issues.map((issue) => issue.state)).toEqual(['open', 'closed']);
    expect(await upsertTrackingIssue(request, repository, { label: 'profilint', title: 'Report', body: 'clean', hasFindings: false })).toEqual({
      action: 'skipped',
    });
  });
});
