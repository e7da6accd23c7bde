import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTempRepo, type TempRepo } from '../helpers/temp-repo.js';
import { findingKeys, onlySensitiveAttributeConfig, readJsonReport, requireBuiltCli, runCli, scoringSource } from './run-cli.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.remove());
beforeAll(requireBuiltCli);

/** A user mistake stops the scan: exit 2, nothing on stdout, one line on stderr naming the file, no stack trace. */
function expectUsageError(run: ReturnType<typeof runCli>, message: RegExp): void {
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(message);
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

describe('bad configuration', { timeout: 300_000 }, () => {
  it('rejects an invalid config with its file, line and key, and the fix', () => {
    repo = createTempRepo({ 'src/score.ts': scoringSource(), 'profilint.config.yaml': 'rules:\n  missing-consent: off\nmaxFileSize: lots\n' }, { git: true });
    expectUsageError(runCli([], { cwd: repo.root }), /^profilint: profilint\.config\.yaml:3: maxFileSize: wrong type\. Expected a value of type (?:number|integer)\.\n$/);
  });

  it('rejects a config that is not YAML at all, with the line and column', () => {
    repo = createTempRepo({ 'src/score.ts': scoringSource(), 'profilint.config.yaml': 'rules:\n  missing-consent: [off\n' }, { git: true });
    expectUsageError(runCli([], { cwd: repo.root }), /^profilint: profilint\.config\.yaml:3:1: Cannot parse the config file/);
  });

  it('rejects a config with a duplicate key instead of taking either value', () => {
    repo = createTempRepo({ 'src/score.ts': scoringSource(), 'profilint.config.yaml': 'rules:\n  missing-consent: off\n  missing-consent: error\n' }, { git: true });
    expectUsageError(runCli([], { cwd: repo.root }), /^profilint: profilint\.config\.yaml:3:\d+: Cannot parse the config file: Map keys must be unique/);
  });

  it('rejects --config pointing at a missing file, naming it', () => {
    repo = createTempRepo({ 'src/score.ts': scoringSource() }, { git: true });
    expectUsageError(runCli(['--config', 'config/profilint.yaml'], { cwd: repo.root }), /^profilint: config\/profilint\.yaml: Cannot read the config file: file not found\./);
  });

  it('accepts globs in the config that match no file: they are patterns, not paths', () => {
    repo = createTempRepo(
      { 'src/score.ts': scoringSource(), 'profilint.config.yaml': `${onlySensitiveAttributeConfig}exclude:\n  - legacy/**\nprofiling:\n  paths:\n    - missing/**\n` },
      { git: true },
    );
    const run = runCli(['--format', 'json'], { cwd: repo.root });
    expect(run.status).toBe(1);
    expect(findingKeys(readJsonReport(run))).toEqual(['src/score.ts:3 sensitive-attribute']);
  });
});

describe('a corrupted baseline', { timeout: 300_000 }, () => {
  it('names the baseline and the line where the JSON breaks', () => {
    repo = createTempRepo({ 'profilint.config.yaml': onlySensitiveAttributeConfig, 'src/score.ts': scoringSource() }, { git: true });
    expect(runCli(['--write-baseline', 'profilint-baseline.json'], { cwd: repo.root }).status).toBe(0);
    const lines = readFileSync(path.join(repo.root, 'profilint-baseline.json'), 'utf8').split('\n');
    // Truncated in the middle of the first entry, as an interrupted write or a bad merge leaves it.
    repo.write({ 'profilint-baseline.json': `${lines.slice(0, 5).join('\n')}\n  "ruleId": \n` });
    expectUsageError(runCli(['--baseline', 'profilint-baseline.json'], { cwd: repo.root }), /^profilint: (?:\/.*\/)?profilint-baseline\.json:\d+: The baseline is not valid JSON/);
  });

  it('names the baseline when it is valid JSON of the wrong shape', () => {
    repo = createTempRepo({ 'profilint.config.yaml': onlySensitiveAttributeConfig, 'src/score.ts': scoringSource(), 'profilint-baseline.json': '{ "src/score.ts": { "sensitive-attribute": { "count": 1 } } }\n' }, { git: true });
    expectUsageError(runCli(['--baseline', 'profilint-baseline.json'], { cwd: repo.root }), /^profilint: (?:\/.*\/)?profilint-baseline\.json: The baseline has an unknown shape\. Expected/);
  });

  it('names a missing baseline and how to create it', () => {
    repo = createTempRepo({ 'profilint.config.yaml': onlySensitiveAttributeConfig, 'src/score.ts': scoringSource() }, { git: true });
    expectUsageError(runCli(['--baseline', 'nope.json'], { cwd: repo.root }), /^profilint: (?:\/.*\/)?nope\.json: Cannot read the baseline: file not found\. Create it with --write-baseline\./);
  });
});
