import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTempRepo, type TempRepo } from '../helpers/temp-repo.js';
import { findingKeys, noticesFor, onlySensitiveAttributeConfig, readJsonReport, requireBuiltCli, runCli, scoringSource } from './run-cli.js';

const depth = 50_000;

let repo: TempRepo | undefined;
afterEach(() => repo?.remove());
beforeAll(requireBuiltCli);

// Each shape nests 50,000 levels along a different path through the parser and the tree walks. One level a
// line, as generated source is laid out: on one line the file would be skipped as minified, never parsed.
const deepSources: Record<string, string> = {
  'src/parentheses.ts': `export const parenthesised =\n${'(\n'.repeat(depth)}customer.age${'\n)'.repeat(depth)};\n`,
  'src/binary-chain.ts': `export const sum =\n${'customer.age +\n'.repeat(depth)}1;\n`,
  'src/arrays.ts': `export const nested =\n${'[\n'.repeat(depth)}customer.age${'\n]'.repeat(depth)};\n`,
  'src/calls.ts': `export const called =\n${'wrap(\n'.repeat(depth)}customer.age${'\n)'.repeat(depth)};\n`,
  'src/arrows.ts': `export const curried =\n${'(a) =>\n'.repeat(depth)}model.predict([customer.age]);\n`,
  'specs/deep.profiling.yaml': `profilint: 1\npipeline: deep\nowner: ${'['.repeat(depth)}x${']'.repeat(depth)}\n`,
};

describe('a 50,000-deep nested expression', { timeout: 300_000 }, () => {
  it('never overflows the stack in extraction, link or reporting: the file gets a notice, the others their findings', () => {
    repo = createTempRepo({ 'profilint.config.yaml': onlySensitiveAttributeConfig, 'src/score.ts': scoringSource(), ...deepSources }, { git: true });
    const run = runCli(['--format', 'json'], { cwd: repo.root });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const report = readJsonReport(run);
    expect(findingKeys(report).filter((key) => key.startsWith('src/score.ts'))).toEqual(['src/score.ts:3 sensitive-attribute']);
    for (const file of Object.keys(deepSources)) {
      // A deep file is analysed (whatever the parser can take) or skipped with a notice saying why.
      for (const notice of noticesFor(report, file)) {
        expect(notice.line ?? 1).toBe(file.endsWith('.yaml') ? 3 : 1);
        // Running out of stack on deep input is a property of the input, to be explained, not a bug to report.
        if (file.endsWith('.ts')) expect(notice.message).toMatch(/^Skipped: .*nest(s|ed|ing) .*too deep/i);
      }
    }
  });

  it('keeps every output format working on the result', () => {
    repo = createTempRepo({ 'profilint.config.yaml': onlySensitiveAttributeConfig, 'src/score.ts': scoringSource(), ...deepSources }, { git: true });
    const scoringFileAsShown = { stylish: 'src/score.ts', sarif: 'src/score.ts', github: 'file=src/score.ts', markdown: 'src\\/score\\.ts' };
    for (const [format, shown] of Object.entries(scoringFileAsShown)) {
      const run = runCli(['--format', format], { cwd: repo.root });
      expect(run.stderr, format).toBe('');
      expect(run.status, format).toBe(1);
      expect(run.stdout, format).toContain(shown);
    }
  });

  it('bounds the time of a 5,000-function call chain (each function returns the next one’s result) in extraction and link', () => {
    const chain = ["import * as tf from '@tensorflow/tfjs';", 'declare const model: tf.LayersModel;'];
    for (let index = 0; index < 5000; index += 1) chain.push(`export function step${index}(c: any) { return step${index + 1}(c); }`);
    chain.push('export function step5000(c: { age: number }) { return model.predict(tf.tensor2d([[c.age]])); }', '');
    repo = createTempRepo({ 'profilint.config.yaml': onlySensitiveAttributeConfig, 'src/score.ts': scoringSource(), 'src/chain.ts': chain.join('\n') }, { git: true });
    const started = Date.now();
    const run = runCli(['--format', 'json'], { cwd: repo.root, timeoutMs: 150_000 });
    expect(run.signal).toBeNull();
    expect(Date.now() - started).toBeLessThan(150_000);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const report = readJsonReport(run);
    expect(findingKeys(report)).toContain('src/score.ts:3 sensitive-attribute');
    const analysed = findingKeys(report).includes('src/chain.ts:5003 sensitive-attribute');
    expect(analysed || noticesFor(report, 'src/chain.ts').some((notice) => notice.kind === 'timeout')).toBe(true);
  });
});
