import { getOctokit } from '@actions/github';
import { afterEach, describe, expect, it } from 'vitest';
import { findChangedFiles, isOnChangedLine, readUnifiedDiff } from '../../src/github/changed-lines.js';
import { startFakeGitHub, type FakeGitHub } from './fake-github.js';
import { cloneShallow, createPullRequestRepository } from './run-action.js';

const token = 'ghs_changedLinesToken000000000000000';
const repository = { owner: 'acme', repo: 'shop' };
let server: FakeGitHub | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const lines = (count: number, prefix = 'line') => Array.from({ length: count }, (_, index) => `${prefix} ${index + 1}`).join('\n') + '\n';

describe('readUnifiedDiff', () => {
  it('reads added and context lines per file, skips deletions and decodes quoted names', () => {
    const diff = [
      'diff --git a/src/a.ts b/src/a.ts',
      'index 1..2 100644',
      '--- a/src/a.ts',
      '+++ b/src/a.ts',
      '@@ -3,3 +3,4 @@ export function f() {',
      ' keep',
      '-old',
      '+new one',
      '+++ looks like a header but is an added line',
      ' tail',
      'diff --git a/gone.ts b/gone.ts',
      'deleted file mode 100644',
      '--- a/gone.ts',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-bye',
      'diff --git "a/src/\\"q\\" \\303\\251.ts" "b/src/\\"q\\" \\303\\251.ts"',
      'new file mode 100644',
      '--- /dev/null',
      '+++ "b/src/\\"q\\" \\303\\251.ts"',
      '@@ -0,0 +1,2 @@',
      '+one',
      '+two',
      'diff --git a/src/my file.ts b/src/my file.ts',
      '--- a/src/my file.ts\t',
      '+++ b/src/my file.ts\t',
      '@@ -1 +1 @@',
      '-a',
      '+b',
      '',
    ].join('\n');
    const files = readUnifiedDiff(diff);
    expect([...files.keys()]).toEqual(['src/a.ts', 'src/"q" é.ts', 'src/my file.ts']);
    expect(files.get('src/my file.ts')?.added).toEqual(new Set([1]));
    expect(files.get('src/a.ts')).toEqual({ added: new Set([4, 5]), context: new Set([3, 6]), wholeFile: false });
    expect(files.get('src/"q" é.ts')?.added).toEqual(new Set([1, 2]));
  });
});

describe('isOnChangedLine', () => {
  const files = readUnifiedDiff('+++ b/src/a.ts\n@@ -1,3 +1,4 @@\n one\n+two\n three\n four\n');
  it.each([
    ['added', 2, true],
    ['added', 3, false],
    ['diff_context', 3, true],
    ['diff_context', 40, false],
    ['file', 40, true],
    ['nofilter', 40, true],
  ] as const)('%s mode, line %i → %s', (mode, line, expected) => {
    expect(isOnChangedLine(files, mode, 'src/a.ts', line)).toBe(expected);
  });
  it('keeps nothing from an unchanged file unless the mode is nofilter', () => {
    expect(isOnChangedLine(files, 'file', 'src/other.ts', 1)).toBe(false);
    expect(isOnChangedLine(files, 'nofilter', 'src/other.ts', 1)).toBe(true);
  });
});

describe('findChangedFiles', () => {
  it('diffs from the merge base with local git when the history is there, following renames', async () => {
    const { root, baseSha } = await createPullRequestRepository(
      { 'src/keep.ts': lines(20), 'src/move-me.ts': lines(30, 'moved') },
      { 'src/keep.ts': lines(20).replace('line 7\n', 'line 7 changed\n'), 'src/new.ts': 'a\nb\n' },
    );
    const { execFileSync } = await import('node:child_process');
    execFileSync('git', ['mv', 'src/move-me.ts', 'src/moved.ts'], { cwd: root });
    const result = await findChangedFiles(root, { number: 42, baseSha }, undefined, repository);
    expect(result.source).toBe('git');
    expect(result.warnings).toEqual([]);
    expect([...result.files.keys()].sort()).toEqual(['src/keep.ts', 'src/new.ts']);
    expect(result.files.get('src/keep.ts')?.added).toEqual(new Set([7]));
    expect(result.files.get('src/new.ts')?.added).toEqual(new Set([1, 2]));
  });

  it('falls back to the REST listing in a shallow clone and says to set fetch-depth: 0', async () => {
    const { root, baseSha } = await createPullRequestRepository({ 'src/a.ts': lines(5) }, { 'src/a.ts': lines(6) });
    const shallow = cloneShallow(root);
    server = await startFakeGitHub({
      token,
      pullRequestFiles: [{ filename: 'src/a.ts', status: 'modified', patch: '@@ -5,0 +6 @@\n+line 6' }],
    });
    const octokit = getOctokit(token, { baseUrl: server.url });
    const result = await findChangedFiles(shallow, { number: 42, baseSha }, (route, parameters) => octokit.request(route, parameters), repository);
    expect(result.source).toBe('rest');
    expect(result.files.get('src/a.ts')?.added).toEqual(new Set([6]));
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/shallow.*"fetch-depth: 0"/);
  });

  it('fails with both reasons when neither git nor the API can say what changed', async () => {
    const { root, baseSha } = await createPullRequestRepository({ 'src/a.ts': 'x\n' }, { 'src/a.ts': 'y\n' });
    const shallow = cloneShallow(root);
    server = await startFakeGitHub({ token: 'a-different-token' });
    const octokit = getOctokit(token, { baseUrl: server.url });
    await expect(
      findChangedFiles(shallow, { number: 42, baseSha }, (route, parameters) => octokit.request(route, parameters), repository),
    ).rejects.toThrow(/fetch-depth: 0.*Listing the pull request's files failed too \(HTTP 401/);
  });
});
