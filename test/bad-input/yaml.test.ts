import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTempRepo, type TempRepo } from '../helpers/temp-repo.js';
import { findingKeys, noticesFor, onlySensitiveAttributeConfig, readJsonReport, requireBuiltCli, runCli, scoringSource } from './run-cli.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.remove());
beforeAll(requireBuiltCli);

/** A repository with one good pipeline (a finding at src/score.ts:3) and the bad spec next to it. */
function repositoryWith(badFile: string, badContent: string): TempRepo {
  return createTempRepo(
    { 'profilint.config.yaml': onlySensitiveAttributeConfig, 'src/score.ts': scoringSource(), [badFile]: badContent },
    { git: true },
  );
}

/** An alias bomb ("billion laughs"): ten levels of ten aliases each expand to 10^10 strings. */
function aliasBomb(): string {
  const lines = ['profilint: 1', 'pipeline: laughs', 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let level = 1; level <= 9; level += 1) {
    lines.push(`a${level}: &a${level} [${Array.from({ length: 10 }, () => `*a${level - 1}`).join(', ')}]`);
  }
  lines.push('features: *a9', '');
  return lines.join('\n');
}

describe('bad YAML specs', { timeout: 120_000 }, () => {
  it('reports malformed YAML at its line and column, and still reports the other files', () => {
    repo = repositoryWith('specs/churn.profiling.yaml', 'profilint: 1\npipeline: churn\nowner: growth: analytics\n');
    const run = runCli(['--format', 'json'], { cwd: repo.root });
    expect(run.status).toBe(1);
    const report = readJsonReport(run);
    expect(findingKeys(report)).toEqual(['src/score.ts:3 sensitive-attribute']);
    expect(noticesFor(report, 'specs/churn.profiling.yaml')).toEqual([
      expect.objectContaining({ kind: 'parse-error', level: 'error', line: 3, column: 8, message: expect.stringMatching(/^Invalid YAML: .*nested mappings/i) }),
    ]);
    const stylish = runCli([], { cwd: repo.root });
    expect(stylish.status).toBe(1);
    expect(stylish.stdout).toMatch(/specs\/churn\.profiling\.yaml\n\s+3:8\s+error\s+Invalid YAML/);
  });

  it('skips an alias bomb quickly with a notice instead of expanding it', () => {
    repo = repositoryWith('specs/laughs.profiling.yaml', aliasBomb());
    const started = Date.now();
    const run = runCli(['--format', 'json'], { cwd: repo.root, timeoutMs: 60_000 });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(run.signal).toBeNull();
    expect(run.status).toBe(1);
    const report = readJsonReport(run);
    expect(findingKeys(report)).toEqual(['src/score.ts:3 sensitive-attribute']);
    expect(noticesFor(report, 'specs/laughs.profiling.yaml')).toEqual([
      expect.objectContaining({ kind: 'parse-error', level: 'error', line: 1, message: expect.stringMatching(/alias bomb/) }),
    ]);
  });

  it('warns about a duplicate key at its second occurrence and reads the last value, as dbt and PyYAML do', () => {
    repo = repositoryWith(
      'specs/churn.profiling.yaml',
      'profilint: 1\npipeline: churn\nowner: growth@acme.example\npurpose: Offer retention discounts.\nlawfulBasis: consent\nretention: P30D\nretention: unlimited\n',
    );
    const run = runCli(['--format', 'json'], { cwd: repo.root });
    expect(run.status).toBe(1);
    const report = readJsonReport(run);
    expect(findingKeys(report)).toEqual(['specs/churn.profiling.yaml:7 undocumented-retention', 'src/score.ts:3 sensitive-attribute']);
    expect(noticesFor(report, 'specs/churn.profiling.yaml')).toEqual([
      expect.objectContaining({ kind: 'parse-error', level: 'warning', line: 7, column: 1, message: expect.stringMatching(/unique|duplicate/i) }),
    ]);
  });

  it('reads the good documents of a multi-document file whose other document is malformed', () => {
    const good = 'profilint: 1\npipeline: churn\nretention: unlimited\n';
    repo = createTempRepo(
      { 'profilint.config.yaml': 'rules:\n  missing-accountability: off\n', 'specs/both.profiling.yaml': `${good}---\nprofilint: 1\npipeline: [broken\n` },
      { git: true },
    );
    const run = runCli(['--format', 'json'], { cwd: repo.root });
    const report = readJsonReport(run);
    expect(findingKeys(report)).toEqual(['specs/both.profiling.yaml:3 undocumented-retention']);
    expect(noticesFor(report, 'specs/both.profiling.yaml')).toEqual([
      expect.objectContaining({ kind: 'parse-error', level: 'error', line: 7, message: expect.stringMatching(/^Invalid YAML/) }),
    ]);
  });
});
