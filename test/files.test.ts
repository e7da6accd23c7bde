import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultExcludes } from '../src/config.js';
import { ConfigError } from '../src/errors.js';
import { createPathFilter, discoverFiles, relativeToRoot } from '../src/files.js';
import { createTempRepo, type TempRepo } from './helpers/temp-repo.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.remove());

const projectFiles = {
  'src/app.ts': 'export const a = 1;\n',
  'src/view.tsx': 'export const v = <div />;\n',
  'src/legacy.cjs': 'module.exports = 1;\n',
  'src/module.mts': 'export {};\n',
  'specs/churn.profiling.yaml': 'profilint: 1\n',
  'specs/other.yml': 'a: 1\n',
  'README.md': '# not scanned\n',
  'src/logo.png': 'png',
  'node_modules/lib/index.js': 'module.exports = 1;\n',
  'dist/cli.js': '1;\n',
  'vendor/sdk.js': '1;\n',
  'public/app.min.js': '1;\n',
  'coverage/lcov.js': '1;\n',
  'tmp/generated.ts': 'export {};\n',
  '.gitignore': 'tmp/\n',
  'packages/web/.gitignore': '*.gen.ts\n',
  'packages/web/page.gen.ts': 'export {};\n',
  'packages/web/page.ts': 'export {};\n',
};

const expectedFiles = [
  'packages/web/page.ts',
  'specs/churn.profiling.yaml',
  'specs/other.yml',
  'src/app.ts',
  'src/legacy.cjs',
  'src/module.mts',
  'src/view.tsx',
];

function discover(repository: TempRepo, overrides: { targets?: string[]; include?: string[]; exclude?: string[]; inGit?: boolean } = {}) {
  return discoverFiles({
    root: repository.root,
    targets: (overrides.targets ?? []).map((target) => path.join(repository.root, target)),
    include: overrides.include ?? [],
    exclude: overrides.exclude ?? defaultExcludes,
    inGit: overrides.inGit ?? false,
  });
}

describe('discoverFiles outside git', () => {
  it('walks supported languages, honouring nested .gitignore files and the default excludes', () => {
    repo = createTempRepo(projectFiles);
    expect(discover(repo)).toEqual({ files: expectedFiles, notices: [] });
  });

  it('treats a folder named like a source file as a folder', () => {
    repo = createTempRepo({ 'src/legacy.ts/index.ts': 'export {};\n' });
    expect(discover(repo).files).toEqual(['src/legacy.ts/index.ts']);
  });

  it('notes a symbolic link loop instead of walking forever', () => {
    repo = createTempRepo({ 'src/a.ts': 'export {};\n' });
    symlinkSync(path.join(repo.root, 'src'), path.join(repo.root, 'src', 'again'));
    symlinkSync('self.ts', path.join(repo.root, 'src', 'self.ts'));
    const result = discover(repo);
    expect(result.files).toEqual(['src/a.ts']);
    expect(result.notices.map((notice) => [notice.kind, notice.file])).toEqual([
      ['skipped', 'src/again'],
      ['skipped', 'src/self.ts'],
    ]);
  });

  it('limits to the given files and folders, and skips explicitly named unsupported files quietly', () => {
    repo = createTempRepo(projectFiles);
    expect(discover(repo, { targets: ['src/app.ts', 'specs', 'README.md'] }).files).toEqual([
      'specs/churn.profiling.yaml',
      'specs/other.yml',
      'src/app.ts',
    ]);
  });

  it('applies include and exclude globs, and re-includes with a ! glob', () => {
    repo = createTempRepo(projectFiles);
    expect(discover(repo, { include: ['src/**'], exclude: [...defaultExcludes, '**/*.tsx'] }).files).toEqual([
      'src/legacy.cjs',
      'src/module.mts',
      'src/app.ts',
    ].sort());
    expect(discover(repo, { exclude: [...defaultExcludes, '!vendor/**'] }).files).toContain('vendor/sdk.js');
  });

  it('refuses a path that does not exist or lies outside the repository', () => {
    repo = createTempRepo(projectFiles);
    expect(() => discover(repo!, { targets: ['nope'] })).toThrow(ConfigError);
    expect(() => discoverFiles({ root: repo!.root, targets: [path.dirname(repo!.root)], include: [], exclude: [], inGit: false })).toThrow(
      /outside the repository root/,
    );
  });
});

describe('discoverFiles in git', () => {
  it('takes tracked and untracked files git does not ignore', () => {
    repo = createTempRepo(projectFiles, { git: true });
    repo.commitAll('initial');
    repo.write({ 'src/untracked.ts': 'export {};\n', 'tmp/ignored.ts': 'export {};\n' });
    expect(discover(repo, { inGit: true }).files).toEqual([...expectedFiles, 'src/untracked.ts'].sort());
  });

  it('keeps a subfolder target relative to the root', () => {
    repo = createTempRepo(projectFiles, { git: true });
    mkdirSync(path.join(repo.root, 'empty'));
    expect(discover(repo, { inGit: true, targets: ['packages'] }).files).toEqual(['packages/web/page.ts']);
    expect(discover(repo, { inGit: true, targets: ['empty'] }).files).toEqual([]);
  });
});

describe('path helpers', () => {
  it('makes repository-relative POSIX paths and rejects paths outside the root', () => {
    expect(relativeToRoot('/repo', '/repo/src/a.ts')).toBe('src/a.ts');
    expect(relativeToRoot('/repo', '/repo')).toBe('');
    expect(relativeToRoot('/repo', '/repository/a.ts')).toBeUndefined();
    expect(relativeToRoot('/repo', '/repo/..data/a.ts')).toBe('..data/a.ts');
  });

  it('prunes excluded folders only when nothing re-includes into them', () => {
    expect(createPathFilter([], defaultExcludes).isPrunedFolder('a/node_modules')).toBe(true);
    expect(createPathFilter([], [...defaultExcludes, '!node_modules/x/**']).isPrunedFolder('node_modules')).toBe(false);
  });
});
