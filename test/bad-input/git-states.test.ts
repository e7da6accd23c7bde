import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTempRepo, type TempRepo } from '../helpers/temp-repo.js';
import { findingKeys, onlySensitiveAttributeConfig, readJsonReport, requireBuiltCli, runCli, scoringSource } from './run-cli.js';

let repo: TempRepo | undefined;
let clone: string | undefined;
afterEach(() => {
  repo?.remove();
  if (clone !== undefined) rmSync(clone, { recursive: true, force: true });
  clone = undefined;
});
beforeAll(requireBuiltCli);

/** Two commits on main: the first adds src/old.ts, the second src/new.ts; both feed `age` to a model. */
function twoCommitRepository(): TempRepo {
  const created = createTempRepo({ 'profilint.config.yaml': onlySensitiveAttributeConfig, 'src/old.ts': scoringSource('scoreOld') }, { git: true });
  created.commitAll('old pipeline');
  created.write({ 'src/new.ts': scoringSource('scoreNew') });
  created.commitAll('new pipeline');
  return created;
}

describe('git repositories in unusual states', { timeout: 300_000 }, () => {
  it('scans a detached HEAD, in full and since a ref', () => {
    repo = twoCommitRepository();
    repo.git('checkout', '--quiet', '--detach', 'HEAD');
    expect(repo.git('rev-parse', '--abbrev-ref', 'HEAD').trim()).toBe('HEAD');

    const full = runCli(['--format', 'json'], { cwd: repo.root });
    expect(full.stderr).toBe('');
    expect(full.status).toBe(1);
    expect(findingKeys(readJsonReport(full))).toEqual(['src/new.ts:3 sensitive-attribute', 'src/old.ts:3 sensitive-attribute']);

    const changed = runCli(['--format', 'json', '--changed-since', 'HEAD~1'], { cwd: repo.root });
    expect(changed.stderr).toBe('');
    expect(changed.status).toBe(1);
    expect(findingKeys(readJsonReport(changed))).toEqual(['src/new.ts:3 sensitive-attribute']);
  });

  it('scans a shallow clone in full, and explains fetch-depth when the base of --changed-since is not there', () => {
    repo = twoCommitRepository();
    clone = mkdtempSync(path.join(tmpdir(), 'profilint-shallow-'));
    execFileSync('git', ['clone', '--quiet', '--depth=1', `file://${repo.root}`, clone], { stdio: ['ignore', 'pipe', 'pipe'] });

    const full = runCli(['--format', 'json'], { cwd: clone });
    expect(full.stderr).toBe('');
    expect(full.status).toBe(1);
    expect(findingKeys(readJsonReport(full))).toEqual(['src/new.ts:3 sensitive-attribute', 'src/old.ts:3 sensitive-attribute']);

    const changed = runCli(['--changed-since', 'HEAD~1'], { cwd: clone });
    expect(changed.status).toBe(2);
    expect(changed.stdout).toBe('');
    expect(changed.stderr).toMatch(/^profilint: --changed-since: unknown git ref "HEAD~1"\. The clone is shallow.*fetch-depth: 0/);
    expect(changed.stderr.trim().split('\n')).toHaveLength(1);
  });
});
