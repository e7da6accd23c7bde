import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../src/errors.js';
import { cleanTrackedBlobs, findChangedLines, findGitRoot, listStagedFiles, parseUnifiedDiff, readStagedFiles } from '../src/git.js';
import { hashText } from '../src/extract/file-facts.js';
import { createTempRepo, type TempRepo } from './helpers/temp-repo.js';

const repos: TempRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.remove();
});

function tempRepo(files: Record<string, string> = {}): TempRepo {
  const repo = createTempRepo(files, { git: true });
  repos.push(repo);
  return repo;
}

describe('parseUnifiedDiff', () => {
  it('reads added line ranges per file, ignoring deletions and removed files', () => {
    const diff = [
      'diff --git src/a.ts src/a.ts',
      '--- src/a.ts',
      '+++ src/a.ts',
      '@@ -3,0 +4,2 @@',
      '+x',
      '+y',
      '@@ -10 +12 @@',
      '-old',
      '+new',
      '@@ -20,3 +22,0 @@',
      'diff --git gone.ts gone.ts',
      '--- gone.ts',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      'diff --git "caf\\303\\251 \\"x\\".ts" "caf\\303\\251 \\"x\\".ts"',
      '+++ "caf\\303\\251 \\"x\\".ts"',
      '@@ -0,0 +1 @@',
    ].join('\n');
    expect(parseUnifiedDiff(diff)).toEqual(
      new Map([
        ['src/a.ts', new Set([4, 5, 12])],
        ['café "x".ts', new Set([1])],
      ]),
    );
  });
});

describe('findChangedLines', () => {
  it('lists lines added since the merge-base, including uncommitted and untracked files', () => {
    const repo = tempRepo({ 'src/a.ts': 'one\ntwo\nthree\n' });
    repo.commitAll('base');
    repo.git('checkout', '--quiet', '-b', 'feature');
    repo.write({ 'src/a.ts': 'one\nTWO\nthree\nfour\n' });
    repo.commitAll('change');
    repo.write({ 'src/a.ts': 'zero\none\nTWO\nthree\nfour\n', 'src/new.ts': 'new\n' });
    const changed = findChangedLines(repo.root, 'main');
    expect(changed.lines).toEqual(new Map([['src/a.ts', new Set([1, 3, 5])]]));
    expect(changed.wholeFiles).toEqual(new Set(['src/new.ts']));
  });

  it('uses the merge-base, so commits on the base branch after the fork do not count', () => {
    const repo = tempRepo({ 'a.ts': '1\n', 'b.ts': '1\n' });
    repo.commitAll('base');
    repo.git('checkout', '--quiet', '-b', 'feature');
    repo.write({ 'a.ts': '1\n2\n' });
    repo.commitAll('feature work');
    repo.git('checkout', '--quiet', 'main');
    repo.write({ 'b.ts': '1\nmain only\n' });
    repo.commitAll('main moves on');
    repo.git('checkout', '--quiet', 'feature');
    expect(findChangedLines(repo.root, 'main').lines).toEqual(new Map([['a.ts', new Set([2])]]));
  });

  it('compares the index, not the working tree, when staged', () => {
    const repo = tempRepo({ 'a.ts': '1\n' });
    repo.commitAll('base');
    repo.write({ 'a.ts': '1\nstaged\n' });
    repo.git('add', 'a.ts');
    repo.write({ 'a.ts': '1\nstaged\nunstaged\n' });
    expect(findChangedLines(repo.root, 'HEAD', { staged: true }).lines).toEqual(new Map([['a.ts', new Set([2])]]));
  });

  it('names an unknown ref clearly', () => {
    const repo = tempRepo({ 'a.ts': '1\n' });
    repo.commitAll('base');
    expect(() => findChangedLines(repo.root, 'origin/nope')).toThrow(ConfigError);
    expect(() => findChangedLines(repo.root, 'origin/nope')).toThrow('--changed-since: unknown git ref "origin/nope". Check the name');
  });

  it('says fetch-depth: 0 when a shallow clone lacks the history', () => {
    const origin = tempRepo({ 'a.ts': '1\n' });
    origin.commitAll('one');
    origin.write({ 'a.ts': '1\n2\n' });
    origin.commitAll('two');
    origin.write({ 'a.ts': '1\n2\n3\n' });
    origin.commitAll('three');
    const clone = tempRepo();
    execFileSync('git', ['clone', '--quiet', '--depth=1', `file://${origin.root}`, path.join(clone.root, 'c')]);
    const cloneRoot = path.join(clone.root, 'c');
    expect(() => findChangedLines(cloneRoot, 'HEAD~2')).toThrow(/shallow.*fetch-depth: 0/);
  });
});

describe('staged files', () => {
  it('lists staged files and reads what is staged, not the working tree', () => {
    const repo = tempRepo({ 'a.ts': 'committed\n', 'b.ts': 'b\n' });
    repo.commitAll('base');
    repo.write({ 'a.ts': 'staged\n', 'new file.ts': 'new\n', 'deleted.ts': 'x' });
    repo.git('add', 'a.ts', 'new file.ts');
    repo.write({ 'a.ts': 'working tree\n' });
    repo.git('rm', '--quiet', 'b.ts');
    expect(listStagedFiles(repo.root)).toEqual(['a.ts', 'new file.ts']);
    const contents = readStagedFiles(repo.root, ['a.ts', 'new file.ts']);
    expect([...contents].map(([file, bytes]) => [file, bytes.toString('utf8')])).toEqual([
      ['a.ts', 'staged\n'],
      ['new file.ts', 'new\n'],
    ]);
  });
});

describe('findGitRoot', () => {
  it('finds the top of the work tree from a subfolder, and nothing outside git', () => {
    const repo = tempRepo({ 'src/deep/a.ts': '' });
    expect(findGitRoot(path.join(repo.root, 'src/deep'))).toBe(execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: repo.root }).toString().trim());
    const plain = createTempRepo();
    repos.push(plain);
    expect(findGitRoot(plain.root)).toBeUndefined();
  });
});

describe('cleanTrackedBlobs', () => {
  it("gives git's blob id, which is profilint's content hash, for tracked files whose working copy matches the index", async () => {
    const repo = tempRepo({ 'src/a.ts': 'export const a = 1;\n', 'src/é b.ts': 'export const b = "ü";\n', 'src/c.ts': 'export const c = 3;\n' });
    repo.commitAll('first');
    repo.write({ 'src/c.ts': 'export const c = 4;\n', 'src/new.ts': 'export const d = 5;\n' });
    repo.git('rm', '--quiet', '--cached', 'src/a.ts');
    repo.git('add', 'src/a.ts');
    const blobs = await cleanTrackedBlobs(repo.root);
    expect([...blobs.keys()].sort()).toEqual(['src/a.ts', 'src/é b.ts']);
    expect(blobs.get('src/a.ts')).toBe(hashText('export const a = 1;\n'));
    expect(blobs.get('src/é b.ts')).toBe(hashText('export const b = "ü";\n'));
    expect(blobs.get('src/a.ts')).toBe(repo.git('hash-object', 'src/a.ts').trim());
  });

  it('leaves out files git was told not to look at: assume-unchanged and skip-worktree', async () => {
    const repo = tempRepo({ 'a.ts': 'export const a = 1;\n', 'b.ts': 'export const b = 2;\n', 'c.ts': 'export const c = 3;\n' });
    repo.commitAll('first');
    repo.git('update-index', '--assume-unchanged', 'a.ts');
    repo.git('update-index', '--skip-worktree', 'b.ts');
    // Edits that `git diff-files` does not report.
    repo.write({ 'a.ts': 'export const a = 10;\n', 'b.ts': 'export const b = 20;\n' });
    expect([...(await cleanTrackedBlobs(repo.root)).keys()]).toEqual(['c.ts']);
  });
});
