import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub, type FakeGitHubOptions } from '../action/fake-github.js';
import { actionEntry, createPullRequestRepository, readEventPayload, runAction, type ActionRun } from '../action/run-action.js';
import { hostileFileName, hostileRepositoryFiles, injectedCommands } from './hostile-repository.js';
import { rawControlCharacter } from './hostile-text.js';

const token = 'ghs_securityTestTokenMustNeverLeak9876543210';
// The token as it could leak in another form: base64 (basic auth), percent-encoded, or split by masking.
const tokenForms = [token, Buffer.from(`x-access-token:${token}`).toString('base64'), encodeURIComponent(token), token.slice(4, 24)];

let server: FakeGitHub | undefined;
beforeAll(() => {
  if (!existsSync(actionEntry)) throw new Error('dist/action.js is missing: run `npm run build` first.');
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function runOnPullRequest(options: Omit<FakeGitHubOptions, 'token'>, inputs: Record<string, string>): Promise<{ run: ActionRun; fake: FakeGitHub; workspace: string }> {
  const { root, baseSha, headSha } = await createPullRequestRepository({ 'README.md': 'shop\n' }, hostileRepositoryFiles());
  server = await startFakeGitHub({ token, ...options });
  const run = await runAction({
    workspace: root,
    eventName: 'pull_request',
    payload: readEventPayload('pull_request', { baseSha, headSha }),
    sha: headSha,
    apiUrl: server.url,
    token,
    inputs: { 'report-file': 'reports/profilint.md', ...inputs },
  });
  return { run, fake: server, workspace: root };
}

/** Every byte the Action produced: its logs, outputs, summary, the files it wrote and what it sent to the API. */
function everythingWritten(run: ActionRun, fake: FakeGitHub, workspace: string): Record<string, string> {
  const written: Record<string, string> = {
    stdout: run.stdout,
    stderr: run.stderr,
    summary: run.summary,
    outputs: JSON.stringify(run.outputs),
    requests: JSON.stringify(fake.requests.map((request) => ({ method: request.method, path: request.path, query: request.query, body: request.body }))),
  };
  for (const file of ['profilint-results.sarif', 'reports/profilint.md']) {
    const absolute = path.join(workspace, file);
    if (existsSync(absolute)) written[file] = readFileSync(absolute, 'utf8');
  }
  return written;
}

function expectNoTokenIn(written: Record<string, string>): void {
  for (const [where, text] of Object.entries(written)) {
    for (const form of tokenForms) expect(text.includes(form), `the token (or a form of it) appears in ${where}`).toBe(false);
  }
}

describe('the Action on a pull request full of hostile content', { timeout: 300_000 }, () => {
  it('cannot be made to write a workflow command by a file name, a YAML value or a suppression reason', async () => {
    const { run, fake, workspace } = await runOnPullRequest({}, { annotations: 'true', comment: 'true' });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(1);
    expect(injectedCommands(run.stdout)).toEqual([]);
    expect(run.stdout).not.toMatch(rawControlCharacter);
    // The check run still annotates the real file, whose name GitHub receives as data in JSON.
    expect(fake.checkRuns[0]?.annotations.map((annotation) => annotation.path)).toContain(hostileFileName);
    for (const [where, markdown] of [['summary', run.summary], ['comment', fake.comments.at(-1)?.body ?? ''], ['report', readFileSync(path.join(workspace, 'reports/profilint.md'), 'utf8')]] as const) {
      expect(markdown, where).not.toBe('');
      expect(markdown, `${where} has raw HTML`).not.toMatch(/(^|[^\\])<(img|script)/im);
      expect(markdown, `${where} mentions someone`).not.toMatch(/@(?!\u200b)(octocat|acme)/);
      expect(markdown, `${where} has a raw control character`).not.toMatch(rawControlCharacter);
    }
    for (const annotation of fake.checkRuns[0]?.annotations ?? []) {
      expect(`${annotation.title ?? ''}${annotation.message}`).not.toMatch(rawControlCharacter);
    }
    expectNoTokenIn(everythingWritten(run, fake, workspace));
  });

  it('never prints the token when the token cannot write (a fork) and the API refuses everything', async () => {
    const { run, fake, workspace } = await runOnPullRequest({ readOnly: true }, { comment: 'true' });
    expect(run.exitCode).toBe(1);
    expect(fake.requests.length).toBeGreaterThan(0);
    expect(injectedCommands(run.stdout)).toEqual([]);
    expectNoTokenIn(everythingWritten(run, fake, workspace));
  });

  it('never prints the token when the scan itself fails on a broken config', async () => {
    const { root, baseSha, headSha } = await createPullRequestRepository({ 'README.md': 'shop\n' }, { 'profilint.config.yaml': 'rules: [broken\n' });
    server = await startFakeGitHub({ token });
    const run = await runAction({
      workspace: root,
      eventName: 'pull_request',
      payload: readEventPayload('pull_request', { baseSha, headSha }),
      sha: headSha,
      apiUrl: server.url,
      token,
    });
    expect(run.exitCode).not.toBe(0);
    expect(`${run.stdout}${run.stderr}`).toMatch(/profilint\.config\.yaml/);
    expectNoTokenIn(everythingWritten(run, server, root));
  });
});
