import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub, type FakeGitHubOptions, type PullRequestFile } from './fake-github.js';
import { actionEntry, cloneShallow, createPullRequestRepository, readEventPayload, runAction, writeFiles, type ActionRun } from './run-action.js';
import { decodeHtml, renderLikeGithub } from '../helpers/render-markdown.js';

const token = 'ghs_e2eSecretTokenNeverPrinted0123456789';
let server: FakeGitHub | undefined;

beforeAll(() => {
  if (!existsSync(actionEntry)) throw new Error('dist/action.js is missing: run `npm run build` first.');
});

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function startServer(options: Omit<FakeGitHubOptions, 'token'> = {}): Promise<FakeGitHub> {
  server = await startFakeGitHub({ token, ...options });
  return server;
}

/** A file with `count` suppression directives that give no reason: one warning each. */
/** The Action started by hand (workflow_dispatch) on the default branch: a full scan. */
function runManually(root: string, headSha: string, fake: FakeGitHub, inputs: Record<string, string>): Promise<ActionRun> {
  return runAction({
    workspace: root,
    eventName: 'workflow_dispatch',
    payload: { inputs: {}, ref: 'refs/heads/main', repository: readEventPayload('schedule')['repository'] },
    sha: headSha,
    apiUrl: fake.url,
    token,
    inputs,
  });
}

function reasonlessDirectives(count: number): string {
  return Array.from(
    { length: count },
    (_, index) => `// profilint-disable-next-line sensitive-attribute\nexport const value${index} = ${index};\n`,
  ).join('');
}

/**
 * A pipeline with `count` findings of each severity: retention-mismatch errors (a 90-day cache against a
 * 30-day spec), undocumented-retention warnings (a profile cached with no expiry) and reason-less
 * directives, which the repository's config lowers to notes.
 */
const mixedSeverityBase = {
  'profilint.config.yaml': 'rules:\n  unjustified-suppression: note\n',
  'specs/recommendations.profiling.yaml': [
    'profilint: 1',
    'pipeline: recommendations',
    'owner: personalisation@shop.example',
    'purpose: Recommend products from each customer\'s order history.',
    'lawfulBasis: consent',
    'consent: { required: true, purpose: personalisation }',
    'retention: P30D',
    '',
  ].join('\n'),
};

function mixedSeverityPipeline(count: number): string {
  const lines = ["import Redis from 'ioredis';", '', "const redis = new Redis('redis://localhost:6379');", 'const NINETY_DAYS = 60 * 60 * 24 * 90;', ''];
  for (let index = 0; index < count; index += 1) {
    lines.push(
      '/** @profiling recommendations */',
      `export async function cacheRecommendations${index}(customerId: string, productIds: string[]): Promise<void> {`,
      "  await redis.set(`recommendations:${customerId}`, JSON.stringify(productIds), 'EX', NINETY_DAYS);",
      '}',
      `export async function cacheProfile${index}(profile: { customerId: string }): Promise<void> {`,
      '  await redis.set(`profile:${profile.customerId}`, JSON.stringify(profile));',
      '}',
      '// profilint-disable-next-line sensitive-attribute',
      `export const marker${index} = ${index};`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The lines of `file` that hold a directive, 1-based. */
function directiveLines(count: number): number[] {
  return Array.from({ length: count }, (_, index) => index * 2 + 1);
}

/** The pull request's files as GitHub lists them, made from the real diff between two commits. */
function listPullRequestFiles(root: string, baseSha: string, headSha: string): PullRequestFile[] {
  const entries = execFileSync('git', ['diff', '--name-status', baseSha, headSha], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((entry) => entry !== '');
  return entries.map((entry) => {
    const [status, filename] = entry.split('\t') as [string, string];
    const diff = execFileSync('git', ['diff', '--unified=3', baseSha, headSha, '--', filename], { cwd: root, encoding: 'utf8' });
    return { filename, status: status === 'A' ? 'added' : 'modified', patch: diff.slice(diff.indexOf('@@')).trimEnd() };
  });
}

function expectTokenNowhere(run: ActionRun, workspace: string, extraFiles: string[] = []): void {
  for (const text of [run.stdout, run.stderr, run.summary, JSON.stringify(run.outputs)]) expect(text).not.toContain(token);
  for (const file of extraFiles) expect(readFileSync(path.join(workspace, file), 'utf8')).not.toContain(token);
}

describe('the Action on a pull request', () => {
  it('reviews 120 findings on changed lines: 10 warning annotations plus an overflow notice, a check run with all 120 in three requests, a summary under 1 MiB', async () => {
    const { root, baseSha, headSha } = await createPullRequestRepository(
      { 'src/legacy.ts': reasonlessDirectives(5) },
      { 'src/legacy.ts': reasonlessDirectives(5), 'src/pipeline.ts': reasonlessDirectives(120) },
    );
    const fake = await startServer();
    const run = await runAction({
      workspace: root,
      eventName: 'pull_request',
      payload: readEventPayload('pull_request', { baseSha, headSha }),
      sha: 'f00dfeedf00dfeedf00dfeedf00dfeedf00dfeed',
      apiUrl: fake.url,
      token,
      inputs: { annotations: 'true', 'fail-on': 'warning' },
    });

    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(1);
    // The five findings on unchanged lines of src/legacy.ts are not reported.
    expect(run.outputs).toMatchObject({ findings: '120', errors: '0', warnings: '120', notes: '0' });

    const checkRequests = fake.requests.filter((request) => request.path.includes('/check-runs'));
    expect(checkRequests.map((request) => [request.method, request.body.output.annotations.length])).toEqual([
      ['POST', 50],
      ['PATCH', 50],
      ['PATCH', 20],
    ]);
    expect(checkRequests[0]?.body).toMatchObject({ name: 'profilint', head_sha: headSha });
    expect(checkRequests[2]?.body).toMatchObject({ status: 'completed', conclusion: 'failure' });
    const annotated = fake.checkRuns[0]?.annotations ?? [];
    expect(annotated.map((annotation) => `${annotation.path}:${annotation.start_line}`)).toEqual(
      directiveLines(120).map((line) => `src/pipeline.ts:${line}`),
    );
    expect(fake.requests.every((request) => request.authorization === `token ${token}`)).toBe(true);

    const warnings = run.commands.filter((command) => command.command === 'warning');
    const notices = run.commands.filter((command) => command.command === 'notice');
    const errors = run.commands.filter((command) => command.command === 'error');
    expect(warnings).toHaveLength(10);
    expect(warnings[0]?.properties).toEqual({ title: 'unjustified-suppression', file: 'src/pipeline.ts', line: '1', endLine: '1', col: expect.any(String), endColumn: expect.any(String) });
    expect(notices).toHaveLength(1);
    expect(notices[0]?.message).toBe(
      '110 more findings not shown as annotations (GitHub shows at most 10 of each kind per step): see the job summary, the "profilint" check run, the SARIF file profilint-results.sarif.',
    );
    expect(errors.map((command) => command.message)).toEqual([
      'profilint found 0 errors, 120 warnings and 0 notes on lines changed by pull request #42; fail-on is "warning".',
    ]);

    expect(Buffer.byteLength(run.summary)).toBeLessThan(1024 * 1024);
    expect(run.summary).toContain('**120 findings** on lines changed by pull request #42: 0 errors, 120 warnings and 0 notes.');
    expect(run.summary).toContain(`(https://github.com/acme/shop/blob/${headSha}/src/pipeline.ts#L1)`);
    expect(run.summary).toContain('…and 20 more findings');

    const sarif = JSON.parse(readFileSync(path.join(root, 'profilint-results.sarif'), 'utf8'));
    // SARIF holds the whole scan: code scanning compares it with the base branch itself.
    expect(sarif.runs[0].results).toHaveLength(125);
    expect(run.outputs['sarif-file']).toBe('profilint-results.sarif');
    expect(run.outputs['report-file']).toBe('profilint-report.md');
    expectTokenNowhere(run, root, ['profilint-results.sarif', 'profilint-report.md']);
  });

  it('sends the most important first: 120 findings of three severities become 10 errors, 10 warnings, 9 notes and the overflow notice', async () => {
    const { root, baseSha, headSha } = await createPullRequestRepository(mixedSeverityBase, {
      'src/caches.ts': mixedSeverityPipeline(40),
    });
    const fake = await startServer();
    const run = await runAction({
      workspace: root,
      eventName: 'pull_request',
      payload: readEventPayload('pull_request', { baseSha, headSha }),
      sha: headSha,
      apiUrl: fake.url,
      token,
      inputs: { annotations: 'true', 'fail-on': 'never' },
    });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ findings: '120', errors: '40', warnings: '40', notes: '40' });
    expect(fake.checkRuns[0]?.annotations).toHaveLength(120);
    expect(fake.checkRuns[0]?.conclusion).toBe('neutral');
    const annotations = run.commands.filter((command) => ['error', 'warning', 'notice'].includes(command.command));
    expect(annotations.map((command) => command.command)).toEqual([
      ...Array.from({ length: 10 }, () => 'error'),
      ...Array.from({ length: 10 }, () => 'warning'),
      ...Array.from({ length: 10 }, () => 'notice'),
    ]);
    expect(annotations.slice(0, 10).every((command) => command.properties['title'] === 'retention-mismatch')).toBe(true);
    expect(annotations.slice(10, 20).every((command) => command.properties['title'] === 'undocumented-retention')).toBe(true);
    expect(annotations.slice(20, 29).every((command) => command.properties['title'] === 'unjustified-suppression')).toBe(true);
    expect(annotations[29]?.message).toMatch(/^91 more findings not shown as annotations/);
    expect(Buffer.byteLength(run.summary)).toBeLessThan(1024 * 1024);
    expect(run.summary).toContain('**120 findings** on lines changed by pull request #42: 40 errors, 40 warnings and 40 notes.');
  });

  it('from a fork: falls back to workflow commands on 403, reads a shallow clone’s changes from the paginated file listing, and keeps the verdict', async () => {
    const docs = Object.fromEntries(Array.from({ length: 130 }, (_, index) => [`docs/page-${index}.md`, `page ${index}\n`]));
    const { root, baseSha, headSha } = await createPullRequestRepository(
      { 'src/legacy.ts': reasonlessDirectives(3) },
      { 'src/legacy.ts': reasonlessDirectives(3), 'src/pipeline.ts': reasonlessDirectives(12), ...docs },
    );
    const workspace = cloneShallow(root);
    const fake = await startServer({ readOnly: true, pullRequestFiles: listPullRequestFiles(root, baseSha, headSha) });
    const run = await runAction({
      workspace,
      eventName: 'pull_request',
      payload: readEventPayload('pull_request_fork', { baseSha, headSha }),
      sha: 'f00dfeedf00dfeedf00dfeedf00dfeedf00dfeed',
      apiUrl: fake.url,
      token,
      inputs: { comment: 'true' },
    });

    expect(run.stderr).toBe('');
    // Only warnings and fail-on error: the job passes although every API write was refused.
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ findings: '12', warnings: '12' });
    const listing = fake.requests.filter((request) => request.path === '/repos/acme/shop/pulls/7/files');
    expect(listing.map((request) => request.query['page'])).toEqual(['1', '2']);
    expect(fake.requests.filter((request) => request.method !== 'GET').map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /repos/acme/shop/check-runs',
      'POST /repos/acme/shop/issues/7/comments',
    ]);

    const warnings = run.commands.filter((command) => command.command === 'warning');
    const ownWarnings = warnings.filter((command) => command.properties['file'] === undefined).map((command) => command.message);
    expect(ownWarnings).toHaveLength(3);
    expect(ownWarnings[0]).toMatch(/shallow.*"fetch-depth: 0"/);
    expect(ownWarnings[1]).toMatch(/HTTP 403.*fork.*"checks: write"/);
    expect(ownWarnings[2]).toMatch(/HTTP 403.*"pull-requests: write"/);
    // Ten warnings in all: three of the Action's own, seven findings; the rest are counted in a notice.
    expect(warnings).toHaveLength(10);
    expect(warnings.filter((command) => command.properties['file'] === 'src/pipeline.ts').map((command) => command.properties['line'])).toEqual(
      directiveLines(7).map(String),
    );
    const notices = run.commands.filter((command) => command.command === 'notice');
    expect(notices.map((command) => command.message)).toEqual([
      '5 more findings not shown as annotations (GitHub shows at most 10 of each kind per step): see the job summary, the SARIF file profilint-results.sarif.',
    ]);
    expect(run.summary).toContain('**12 findings** on lines changed by pull request #7');
    expectTokenNowhere(run, workspace);
  });

  it('keeps one pull-request comment, found by its hidden marker, updated in place and escaped', async () => {
    const hostileName = 'src/<b>x</b>,y:z @octocat.ts';
    const { root, baseSha, headSha } = await createPullRequestRepository(
      { 'README.md': 'shop\n' },
      { 'src/pipeline.ts': reasonlessDirectives(2), [hostileName]: reasonlessDirectives(1) },
    );
    const fake = await startServer({
      comments: [{ id: 1, body: 'Looks good to me', user: { login: 'octocat', type: 'User' } }],
    });
    const runOnce = () =>
      runAction({
        workspace: root,
        eventName: 'pull_request',
        payload: readEventPayload('pull_request', { baseSha, headSha }),
        sha: headSha,
        apiUrl: fake.url,
        token,
        inputs: { comment: 'true', paths: './src' },
      });
    const first = await runOnce();
    const second = await runOnce();
    expect([first.exitCode, second.exitCode]).toEqual([0, 0]);
    const commentWrites = fake.requests.filter((request) => request.path.includes('comments') && request.method !== 'GET');
    expect(commentWrites.map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /repos/acme/shop/issues/42/comments',
      `PATCH /repos/acme/shop/issues/comments/${fake.comments[1]?.id}`,
    ]);
    expect(fake.comments).toHaveLength(2);
    const body = fake.comments[1]?.body ?? '';
    expect(body).toMatch(/^<!-- profilint:pull-request-comment -->\n## profilint\n\n\*\*3 findings\*\*/);
    // GitHub shows the hostile file name as written, with no bold element and no mention.
    const rendered = renderLikeGithub(body);
    expect(rendered).not.toContain('<b>');
    expect(decodeHtml(rendered)).toContain('src/<b>x</b>,y:z @\u200boctocat.ts:1');
    // Paths stay repository-relative with no `./`, whatever form `paths` took.
    expect(fake.checkRuns[0]?.annotations.map((annotation) => annotation.path)).toEqual([
      hostileName,
      'src/pipeline.ts',
      'src/pipeline.ts',
    ]);
  });
});

describe('the Action on a schedule', () => {
  it('scans everything, writes the SARIF and report files, and keeps one labelled tracking issue', async () => {
    const { root, headSha } = await createPullRequestRepository({ 'src/legacy.ts': reasonlessDirectives(4) }, {});
    const fake = await startServer({
      issues: [{ number: 3, title: 'Privacy review', body: 'Opened by a person.', state: 'open', labels: [{ name: 'profilint' }] }],
    });
    const runOnce = () =>
      runAction({
        workspace: root,
        eventName: 'schedule',
        payload: readEventPayload('schedule'),
        sha: headSha,
        apiUrl: fake.url,
        token,
        inputs: { 'tracking-issue': 'profilint', 'report-file': 'reports/profilint.md' },
      });
    const first = await runOnce();
    const second = await runOnce();
    expect(first.stderr).toBe('');
    expect([first.exitCode, second.exitCode]).toEqual([0, 0]);
    expect(first.outputs).toMatchObject({ findings: '4', warnings: '4', 'sarif-file': 'profilint-results.sarif', 'report-file': 'reports/profilint.md' });
    expect(existsSync(path.join(root, 'reports/profilint.md'))).toBe(true);
    expect(JSON.parse(readFileSync(path.join(root, 'profilint-results.sarif'), 'utf8')).runs[0].results).toHaveLength(4);

    const issueWrites = fake.requests.filter((request) => request.path.startsWith('/repos/acme/shop/issues') && request.method !== 'GET');
    expect(issueWrites.map((request) => request.method)).toEqual(['POST', 'PATCH']);
    expect(issueWrites[0]?.body).toMatchObject({ labels: ['profilint'] });
    expect(fake.issues).toHaveLength(2);
    expect(fake.issues[0]?.body).toBe('Opened by a person.');
    expect(fake.issues[1]?.body.startsWith('<!-- profilint:tracking-issue -->\n')).toBe(true);
    expect(fake.checkRuns.map((checkRun) => checkRun.head_sha)).toEqual([headSha, headSha]);
    // Without a failed check run, workflow commands stay off: the check run carries the annotations.
    expect(first.commands.filter((command) => command.command === 'warning')).toEqual([]);
    expect(first.summary).toContain('**4 findings** in the repository');
    expectTokenNowhere(first, root, ['profilint-results.sarif', 'reports/profilint.md']);
  });
});

describe('the Action with a config file and a baseline', () => {
  it('passes both to the scan: the config raises the level, the baseline hides what it recorded', async () => {
    const { root, headSha } = await createPullRequestRepository(
      { 'ci/profilint.yaml': 'rules:\n  unjustified-suppression: error\n', 'src/legacy.ts': reasonlessDirectives(2) },
      {},
    );
    execFileSync(process.execPath, [path.resolve(actionEntry, '../cli.js'), '--config', 'ci/profilint.yaml', '--write-baseline', 'ci/baseline.json'], {
      cwd: root,
    });
    await writeFiles(root, { 'src/new.ts': reasonlessDirectives(1) });
    const fake = await startServer();
    const run = await runManually(root, headSha, fake, { config: 'ci/profilint.yaml', baseline: 'ci/baseline.json', 'check-run': 'false' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ findings: '1', errors: '1', warnings: '0' });
    // No check run: the annotations go out as workflow commands, then the verdict.
    expect(run.commands.filter((command) => command.command === 'error').map((command) => command.properties['file'] ?? 'verdict')).toEqual([
      'src/new.ts',
      'verdict',
    ]);
    expect(fake.requests).toEqual([]);
  });

  it('keeps a facts cache in cache-location that the next run reads instead of parsing again', async () => {
    const scoring = "import * as tf from '@tensorflow/tfjs-node';\nexport function score(model: tf.LayersModel, customer: { age: number }) {\n  return model.predict(tf.tensor2d([[customer.age]]));\n}\n";
    const { root, headSha } = await createPullRequestRepository({ 'src/score.ts': scoring }, {});
    const fake = await startServer();
    const runFull = () => runManually(root, headSha, fake, { 'cache-location': '.cache/profilint', 'check-run': 'false', 'fail-on': 'never' });
    const first = await runFull();
    const cacheFile = path.join(root, '.cache', 'profilint', 'facts.cache');
    expect(readFileSync(cacheFile, 'utf8')).toContain('src/score.ts');
    const lastScanFile = path.join(root, '.cache', 'profilint', 'last-scan.json');
    const written = statSync(cacheFile).mtimeMs;
    const lastScanWritten = statSync(lastScanFile).mtimeMs;
    const second = await runFull();
    expect(second.outputs).toEqual(first.outputs);
    expect(Number(first.outputs['findings'])).toBeGreaterThan(0);
    // Nothing changed, so the run repeated the last one's result: it analysed nothing and wrote nothing back.
    expect(statSync(cacheFile).mtimeMs).toBe(written);
    expect(statSync(lastScanFile).mtimeMs).toBe(lastScanWritten);

    writeFileSync(path.join(root, 'src', 'score.ts'), scoring.replace('customer.age', 'customer.age * 2'));
    const changed = await runFull();
    expect(changed.outputs).toEqual(first.outputs);
    expect(statSync(cacheFile).mtimeMs).toBeGreaterThan(written);
  });
});

describe('the Action with bad inputs', () => {
  it('fails the step with one clear message and no stack', async () => {
    const { root, headSha } = await createPullRequestRepository({ 'src/a.ts': 'export {};\n' }, {});
    const fake = await startServer();
    const run = await runAction({
      workspace: root,
      eventName: 'schedule',
      payload: readEventPayload('schedule'),
      sha: headSha,
      apiUrl: fake.url,
      token,
      inputs: { 'fail-on': 'sometimes' },
    });
    expect(run.exitCode).toBe(1);
    expect(run.commands.filter((command) => command.command === 'error').map((command) => command.message)).toEqual([
      'Input "fail-on" is "sometimes"; use one of: error, warning, note, never.',
    ]);
    expect(run.stdout).not.toMatch(/\n\s+at /);
    expect(fake.requests).toEqual([]);
  });

  it('reports a broken config file the way the CLI does, naming the file and key', async () => {
    const { root, headSha } = await createPullRequestRepository(
      { 'profilint.config.yaml': 'rules:\n  no-such-rule: error\n', 'src/a.ts': 'export {};\n' },
      {},
    );
    const fake = await startServer();
    const run = await runAction({
      workspace: root,
      eventName: 'schedule',
      payload: readEventPayload('schedule'),
      sha: headSha,
      apiUrl: fake.url,
      token,
    });
    expect(run.exitCode).toBe(1);
    const errors = run.commands.filter((command) => command.command === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/profilint\.config\.yaml.*rules\.no-such-rule/);
    expect(run.stdout).not.toMatch(/\n\s+at /);
    expect(fake.requests).toEqual([]);
  });
});
