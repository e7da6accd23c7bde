import { spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTempRepo, type TempRepo } from '../helpers/temp-repo.js';
import { findingKeys, noticesFor, onlySensitiveAttributeConfig, readJsonReport, requireBuiltCli, runCli, scoringSource } from './run-cli.js';

const nobody = { uid: 65534, gid: 65534 };
const isRoot = process.getuid?.() === 0;
// Root reads a chmod 000 file anyway, so as root the CLI runs as `nobody` through setpriv (util-linux).
const canDropPrivileges = isRoot && spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'true']).status === 0;
const canTestPermissions = !isRoot || canDropPrivileges;
const runAs = isRoot ? nobody : undefined;

// git refuses repositories owned by another user unless they are marked safe.
const gitTrustsEveryFolder = { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'safe.directory', GIT_CONFIG_VALUE_0: '*', HOME: '/tmp' };

let repo: TempRepo | undefined;
afterEach(() => repo?.remove());
beforeAll(requireBuiltCli);

/** Lets every user read and enter the repository, so only the permissions a test removes matter. */
function openToEveryone(folder: string): void {
  chmodSync(folder, 0o755);
  for (const entry of readdirSync(folder)) {
    const child = path.join(folder, entry);
    if (statSync(child).isDirectory()) openToEveryone(child);
    else chmodSync(child, 0o644);
  }
}

describe.skipIf(!canTestPermissions)('unreadable files and folders (chmod 000)', { timeout: 300_000 }, () => {
  it('reports an unreadable file with its path and the reason, and still reports the other files', () => {
    repo = createTempRepo({ 'profilint.config.yaml': onlySensitiveAttributeConfig, 'src/score.ts': scoringSource(), 'src/secret.ts': scoringSource('scoreSecret') }, { git: true });
    repo.commitAll('pipelines');
    openToEveryone(repo.root);
    chmodSync(path.join(repo.root, 'src/secret.ts'), 0o000);
    const run = runCli(['--format', 'json'], { cwd: repo.root, asUser: runAs, env: gitTrustsEveryFolder });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const report = readJsonReport(run);
    expect(findingKeys(report)).toEqual(['src/score.ts:3 sensitive-attribute']);
    expect(noticesFor(report, 'src/secret.ts')).toEqual([
      expect.objectContaining({ kind: 'unreadable', level: 'warning', message: expect.stringMatching(/EACCES/) }),
    ]);
  });

  it('reports an unreadable folder outside git and walks the rest', () => {
    repo = createTempRepo({ 'profilint.config.yaml': onlySensitiveAttributeConfig, 'src/score.ts': scoringSource(), 'private/score.ts': scoringSource('scorePrivate') });
    openToEveryone(repo.root);
    chmodSync(path.join(repo.root, 'private'), 0o000);
    const run = runCli(['--format', 'json'], { cwd: repo.root, asUser: runAs, env: gitTrustsEveryFolder });
    chmodSync(path.join(repo.root, 'private'), 0o755);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const report = readJsonReport(run);
    expect(findingKeys(report)).toEqual(['src/score.ts:3 sensitive-attribute']);
    expect(noticesFor(report, 'private')).toEqual([
      expect.objectContaining({ kind: 'unreadable', message: expect.stringMatching(/EACCES/) }),
    ]);
  });
});
