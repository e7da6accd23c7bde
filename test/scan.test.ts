import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scan } from '../src/scan.js';
import type { ScanOptions } from '../src/types.js';
import { createTempRepo, type TempRepo } from './helpers/temp-repo.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.remove());

const now = new Date('2026-11-30T12:00:00Z');
const reasonless = '// profilint-disable-next-line proxy-attribute\n';

function run(options: Partial<ScanOptions> = {}) {
  return scan({ cwd: repo!.root, paths: [], now, ...options });
}

function summary(findings: { file: string; line: number; messageId: string; suppression?: unknown }[]) {
  return findings.map((finding) => `${finding.file}:${finding.line} ${finding.messageId}${finding.suppression ? ' (suppressed)' : ''}`);
}

describe('scan', () => {
  it('reports findings with repository-relative paths, the enabled rules and counts', async () => {
    repo = createTempRepo({ 'src/a.ts': `export const a = 1;\n${reasonless}export const b = 2;\n`, 'src/clean.ts': 'export const c = 3;\n' });
    const result = await run();
    expect(summary(result.findings)).toEqual(['src/a.ts:2 missingReason']);
    expect(result.findings[0]!.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(result.root).toBe(repo.root);
    expect(result.filesScanned).toBe(2);
    expect(result.facts?.map((facts) => facts.file)).toEqual(['src/a.ts', 'src/clean.ts']);
    expect(result.rules.map((rule) => rule.id)).toContain('unjustified-suppression');
    expect(result.notices).toEqual([]);
  });

  it('scans a repository named from a folder outside any repository as that whole repository', async () => {
    repo = createTempRepo({ 'repo/src/a.ts': `export const a = 1;\n${reasonless}export const b = 2;\n` });
    execFileSync('git', ['init', '--quiet'], { cwd: path.join(repo.root, 'repo') });
    const result = await scan({ cwd: repo.root, paths: ['repo'], now });
    expect(result.root).toBe(path.join(repo.root, 'repo'));
    expect(summary(result.findings)).toEqual(['src/a.ts:2 missingReason']);
  });

  it('turns files it cannot scan into notices and keeps scanning', async () => {
    repo = createTempRepo({
      'src/big.ts': `// ${'x'.repeat(3000)}\n`,
      'src/binary.js': Buffer.from([0x63, 0x00, 0x64]),
      'src/ok.ts': reasonless,
      'profilint.config.yaml': 'maxFileSize: 2048\n',
    });
    const result = await run();
    expect(result.notices.map((notice) => [notice.kind, notice.file, notice.message])).toEqual([
      ['skipped', 'src/big.ts', 'Skipped: 3 KiB is over maxFileSize (2 KiB); raise maxFileSize in the config to scan it.'],
      ['skipped', 'src/binary.js', 'Skipped: binary content (a NUL byte).'],
    ]);
    expect(summary(result.findings)).toEqual(['src/ok.ts:1 missingReason']);
  });

  it('notes a symbolic link loop that git lists, and reads a folder named like a source file as a folder', async () => {
    repo = createTempRepo({ 'src/legacy.ts/index.ts': reasonless }, { git: true });
    symlinkSync('loop.ts', path.join(repo.root, 'src', 'loop.ts'));
    const result = await run();
    expect(result.notices.map((notice) => [notice.kind, notice.file, notice.message])).toEqual([
      ['skipped', 'src/loop.ts', 'Skipped: symbolic link loop.'],
    ]);
    expect(summary(result.findings)).toEqual(['src/legacy.ts/index.ts:1 missingReason']);
  });

  it.skipIf(process.getuid?.() === 0)('notes an unreadable file', async () => {
    repo = createTempRepo({ 'src/secret.ts': 'export {};\n' });
    chmodSync(path.join(repo.root, 'src/secret.ts'), 0o000);
    const result = await run();
    expect(result.notices.map((notice) => [notice.kind, notice.file])).toEqual([['unreadable', 'src/secret.ts']]);
  });

  it('applies --rule overrides and a config that turns a rule off', async () => {
    repo = createTempRepo({ 'src/a.ts': reasonless });
    expect((await run({ ruleOverrides: { 'unjustified-suppression': 'error' } })).findings[0]!.severity).toBe('error');
    repo.write({ 'profilint.config.yaml': 'rules:\n  unjustified-suppression: off\n' });
    const result = await run();
    expect(result.findings).toEqual([]);
    expect(result.rules.map((rule) => rule.id)).not.toContain('unjustified-suppression');
  });

  it('scans the staged content of staged files only', async () => {
    repo = createTempRepo({ 'src/a.ts': 'export const a = 1;\n', 'src/b.ts': reasonless }, { git: true });
    repo.commitAll('base');
    repo.write({ 'src/a.ts': `export const a = 1;\n${reasonless}export const x = 2;\n` });
    repo.git('add', 'src/a.ts');
    repo.write({ 'src/a.ts': 'export const a = 1;\n' });
    const result = await run({ staged: true });
    expect(summary(result.findings)).toEqual(['src/a.ts:2 missingReason']);
    expect(result.filesScanned).toBe(1);
  });

  it('keeps only findings on lines changed since a ref', async () => {
    repo = createTempRepo({ 'src/a.ts': `${reasonless}export const a = 1;\n` }, { git: true });
    repo.commitAll('base');
    repo.git('checkout', '--quiet', '-b', 'feature');
    repo.write({ 'src/a.ts': `${reasonless}export const a = 1;\n${reasonless}export const b = 2;\n` });
    repo.commitAll('add b');
    expect(summary((await run()).findings)).toEqual(['src/a.ts:1 missingReason', 'src/a.ts:3 missingReason']);
    expect(summary((await run({ changedSince: 'main' })).findings)).toEqual(['src/a.ts:3 missingReason']);
    expect(summary((await run({ changedLines: new Map([['src/a.ts', new Set([1])]]) })).findings)).toEqual(['src/a.ts:1 missingReason']);
  });

  it('records a baseline, hides what it records, and lists entries that no longer match', async () => {
    repo = createTempRepo({ 'src/a.ts': `${reasonless}export const a = 1;\n`, 'src/b.ts': reasonless });
    const written = await run({ writeBaselineFile: 'profilint-baseline.json' });
    expect(summary(written.findings)).toEqual(['src/a.ts:1 missingReason (suppressed)', 'src/b.ts:1 missingReason (suppressed)']);
    const baseline = JSON.parse(readFileSync(path.join(repo.root, 'profilint-baseline.json'), 'utf8'));
    expect(baseline.version).toBe(1);
    expect(baseline.entries.map((entry: { file: string; line: number }) => `${entry.file}:${entry.line}`)).toEqual(['src/a.ts:1', 'src/b.ts:1']);

    // Lines inserted above keep the fingerprint; a new finding is reported; a fixed one leaves a stale entry.
    repo.write({ 'src/a.ts': `export const z = 0;\n\n${reasonless}export const a = 1;\n${reasonless}` , 'src/b.ts': 'export {};\n' });
    const result = await run({ baselineFile: 'profilint-baseline.json' });
    expect(summary(result.findings)).toEqual(['src/a.ts:3 missingReason (suppressed)', 'src/a.ts:5 missingReason']);
    expect(result.findings[0]!.suppression).toEqual({
      kind: 'external',
      justification: 'Recorded in the baseline profilint-baseline.json.',
      file: 'profilint-baseline.json',
      line: 5,
    });
    expect(result.notices.map((notice) => [notice.kind, notice.file, notice.line])).toEqual([['stale-baseline', 'src/b.ts', 1]]);
  });

  it('keeps baseline entries of files a partial scan did not read', async () => {
    repo = createTempRepo({ 'src/a.ts': reasonless, 'src/b.ts': reasonless });
    await run({ writeBaselineFile: 'baseline.json' });
    repo.write({ 'src/a.ts': 'export {};\n' });
    await run({ paths: ['src/a.ts'], writeBaselineFile: 'baseline.json' });
    const baseline = JSON.parse(readFileSync(path.join(repo.root, 'baseline.json'), 'utf8'));
    expect(baseline.entries.map((entry: { file: string }) => entry.file)).toEqual(['src/b.ts']);
  });

  it('counts each file once in its progress, parsing the files it is sure of while it reads the others', async () => {
    const scoring = "import * as tf from '@tensorflow/tfjs-node';\nexport const score = (model: tf.LayersModel, c: { age: number }) => model.predict(tf.tensor2d([[c.age]]));\n";
    repo = createTempRepo({
      'src/score.ts': scoring,
      'src/again.ts': scoring,
      'src/plain.ts': 'export const add = (a: number, b: number) => a + b;\n',
      'scoring.profiling.yaml': "profilint: 1\npipeline: scoring\nprofiling:\n  paths: ['src/plain.ts']\n",
    });
    const progress: string[] = [];
    const result = await run({ onProgress: (done, total) => progress.push(`${done}/${total}`) });
    expect(progress).toEqual(['1/4', '2/4', '3/4', '4/4']);
    expect(result.filesParsed).toBe(4);
    expect(summary(result.findings)).toEqual(expect.arrayContaining(['src/again.ts:2 sensitiveInput', 'src/score.ts:2 sensitiveInput']));
  });

  it('gives identical results for identical input', async () => {
    repo = createTempRepo({ 'src/a.ts': reasonless.repeat(3), 'src/b.ts': reasonless, 'x.bin.js': Buffer.from([0]) });
    expect(JSON.stringify(await run())).toBe(JSON.stringify(await run()));
  });
});
