import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTempRepo, type TempRepo } from '../helpers/temp-repo.js';
import { findingKeys, onlySensitiveAttributeConfig, readJsonReport, requireBuiltCli, runCli, scoringSource } from './run-cli.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.remove());
beforeAll(requireBuiltCli);

describe('a named pipe (FIFO) with a source file name', { timeout: 300_000 }, () => {
  // Opening a FIFO for reading waits for a writer that never comes: reading one would hang the scan.
  for (const git of [false, true]) {
    it(`is not read by a full scan or a scan of some paths ${git ? 'in' : 'outside'} git`, () => {
      repo = createTempRepo({ 'profilint.config.yaml': onlySensitiveAttributeConfig, 'src/score.ts': scoringSource() }, { git });
      execFileSync('mkfifo', [path.join(repo.root, 'src/pipe.ts')]);
      for (const args of [[], ['src/score.ts']]) {
        const run = runCli(['--format', 'json', ...args], { cwd: repo.root, timeoutMs: 60_000 });
        expect(run.signal, `profilint ${args.join(' ')} finished`).toBeNull();
        expect(run.stderr).toBe('');
        expect(run.status).toBe(1);
        expect(findingKeys(readJsonReport(run))).toEqual(['src/score.ts:3 sensitive-attribute']);
      }
    });
  }
});
