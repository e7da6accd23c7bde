import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

/** A real folder (optionally a git repository) in the system temp dir, removed by `remove()`. */
export interface TempRepo {
  root: string;
  write(files: Record<string, string | Buffer>): void;
  git(...args: string[]): string;
  commitAll(message: string): void;
  remove(): void;
}

const gitIdentity = {
  GIT_AUTHOR_NAME: 'profilint tests',
  GIT_AUTHOR_EMAIL: 'tests@profilint.example',
  GIT_COMMITTER_NAME: 'profilint tests',
  GIT_COMMITTER_EMAIL: 'tests@profilint.example',
  GIT_CONFIG_NOSYSTEM: '1',
};

const createdRoots: string[] = [];
// Each test file loads this module afresh: whatever a test did not remove goes when its file is done.
afterAll(() => {
  for (const root of createdRoots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** Creates a temp folder with `files`; with `git: true` it is a repository on branch `main`. */
export function createTempRepo(files: Record<string, string | Buffer> = {}, options: { git?: boolean } = {}): TempRepo {
  const root = mkdtempSync(path.join(tmpdir(), 'profilint-test-'));
  createdRoots.push(root);
  const repo: TempRepo = {
    root,
    write(entries) {
      for (const [file, content] of Object.entries(entries)) {
        const absolute = path.join(root, file);
        mkdirSync(path.dirname(absolute), { recursive: true });
        writeFileSync(absolute, content);
      }
    },
    git(...args) {
      return execFileSync('git', args, { cwd: root, env: { ...process.env, ...gitIdentity }, stdio: ['ignore', 'pipe', 'pipe'] }).toString('utf8');
    },
    commitAll(message) {
      repo.git('add', '--all');
      repo.git('commit', '--quiet', '--no-verify', '-m', message);
    },
    remove() {
      rmSync(root, { recursive: true, force: true });
    },
  };
  if (options.git) repo.git('init', '--quiet', '--initial-branch=main');
  repo.write(files);
  return repo;
}
