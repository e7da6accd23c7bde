import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const repositoryRoot = path.resolve(import.meta.dirname, '../..');

// A fixed identity and date make the snapshot's commit a function of its content, so an unchanged build
// reuses the hook environment pre-commit installed for it in an earlier run.
const snapshotIdentity = {
  GIT_AUTHOR_NAME: 'profilint tests',
  GIT_AUTHOR_EMAIL: 'tests@profilint.example',
  GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
  GIT_COMMITTER_NAME: 'profilint tests',
  GIT_COMMITTER_EMAIL: 'tests@profilint.example',
  GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
  GIT_CONFIG_NOSYSTEM: '1',
};

/** A commit of this repository as pre-commit clones it, and the pre-commit home that caches its install. */
export interface HookRepository {
  path: string;
  rev: string;
  preCommitHome: string;
}

/**
 * Commits what a user's pre-commit installs from this repository (package.json and its lockfile, the hook
 * manifest, and the package's `files`: the committed dist/, rules/, schema/) into a git repository of its own.
 * It works the same on a fresh CI clone and on a working tree with uncommitted edits, where `pre-commit try-repo`
 * would miss untracked files. `distFolder` replaces dist/ (PROFILINT_CLI's folder, when testing another build).
 */
export function snapshotHookRepository(distFolder = path.join(repositoryRoot, 'dist')): HookRepository {
  const base = path.join(tmpdir(), 'profilint-pre-commit');
  mkdirSync(base, { recursive: true });
  removeOldSnapshots(base);
  const staging = mkdtempSync(path.join(base, 'staging-'));
  const manifest = JSON.parse(readFileSync(path.join(repositoryRoot, 'package.json'), 'utf8')) as { files: string[] };
  for (const entry of ['package.json', 'package-lock.json', '.pre-commit-hooks.yaml', 'README.md', ...manifest.files]) {
    const source = entry === 'dist' ? distFolder : path.join(repositoryRoot, entry);
    if (existsSync(source)) cpSync(source, path.join(staging, entry), { recursive: true });
  }
  const git = (...args: string[]): string =>
    execFileSync('git', args, { cwd: staging, env: { ...process.env, ...snapshotIdentity }, stdio: ['ignore', 'pipe', 'pipe'] })
      .toString('utf8')
      .trim();
  git('init', '--quiet', '--initial-branch=main');
  git('add', '--all');
  git('commit', '--quiet', '--no-verify', '-m', 'profilint hook snapshot');
  const rev = git('rev-parse', 'HEAD');
  const snapshot = path.join(base, `hook-${rev}`);
  if (existsSync(snapshot)) rmSync(staging, { recursive: true, force: true });
  else renameSync(staging, snapshot);
  return { path: snapshot, rev, preCommitHome: path.join(base, 'home') };
}

const snapshotLifetimeMs = 24 * 60 * 60 * 1000;

// Each build leaves a snapshot; one a day old belongs to no test still running (`pre-commit gc` then drops its environment).
function removeOldSnapshots(base: string): void {
  for (const entry of readdirSync(base)) {
    const folder = path.join(base, entry);
    if (/^(?:hook|staging)-/.test(entry) && Date.now() - statSync(folder).mtimeMs > snapshotLifetimeMs) {
      rmSync(folder, { recursive: true, force: true });
    }
  }
}

/** The `.pre-commit-config.yaml` a user writes to run profilint from `hook`. */
export function preCommitConfig(hook: HookRepository): string {
  return `repos:\n  - repo: ${hook.path}\n    rev: ${hook.rev}\n    hooks:\n      - id: profilint\n`;
}

/** Throws the line that installs pre-commit when it is missing, rather than skipping the tests that need it. */
export function requirePreCommit(): string {
  const result = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error('pre-commit is not installed: `apt-get install -y pre-commit` (Debian) or `pipx install pre-commit`.');
  }
  return result.stdout.trim();
}

