import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { defaultConfig } from '../../src/config.js';

const length = 5000;
const config = defaultConfig('/repo');

/** Extraction, link, every rule and directives on one file, timed. */
async function analyzeTimed(text: string): Promise<Awaited<ReturnType<typeof analyze>> & { elapsed: number }> {
  const started = performance.now();
  const output = await analyze({ root: '/repo', config, sources: [{ file: 'src/chain.ts', text }], fileExists: () => false, now: new Date('2026-11-30T12:00:00Z') });
  return { ...output, elapsed: performance.now() - started };
}

function keys(findings: { line: number; ruleId: string }[]): string[] {
  return findings.map((finding) => `${finding.line} ${finding.ruleId}`);
}

// Each exported function's result used to be traced through the whole rest of the chain (quadratic: ~194 s for
// 5,000 functions), and judging consent recursed once per caller up the chain until the stack overflowed.
describe('a 5,000-function call chain', { timeout: 120_000 }, () => {
  it('f0 calls f1 … calls f4999, which gives the age to model.predict: found within the default per-file budget', async () => {
    const lines = ["import * as tf from '@tensorflow/tfjs';", 'declare const model: tf.LayersModel;'];
    for (let index = 0; index < length - 1; index += 1) lines.push(`export function f${index}(c: any) { return f${index + 1}(c); }`);
    lines.push(`export function f${length - 1}(c: { age: number }) { return model.predict(tf.tensor2d([[c.age]])); }`, '');
    const { findings, notices, elapsed } = await analyzeTimed(lines.join('\n'));
    const sinkLine = length + 2;
    expect(keys(findings)).toEqual([`${sinkLine} missing-consent`, `${sinkLine} sensitive-attribute`]);
    expect(notices).toEqual([]);
    expect(elapsed).toBeLessThan(config.fileTimeout);
  });

  it('judges consent through 5,000 callers without overflowing the stack, and finds the one guard at the top', async () => {
    const lines = ["import * as tf from '@tensorflow/tfjs';", "import { hasConsent } from './consent';", 'declare const model: tf.LayersModel;'];
    lines.push("export function f0(c: { id: string; tenureMonths: number }) { if (!hasConsent(c.id, 'profiling')) return; return f1(c); }");
    for (let index = 1; index < length - 1; index += 1) lines.push(`function f${index}(c: any) { return f${index + 1}(c); }`);
    lines.push(`function f${length - 1}(c: { tenureMonths: number }) { return model.predict(tf.tensor2d([[c.tenureMonths]])); }`, '');
    const guarded = await analyzeTimed(lines.join('\n'));
    expect(keys(guarded.findings)).toEqual([]);
    // Without the guard the sink at the end of the chain is unguarded.
    const unguarded = await analyzeTimed(lines.join('\n').replace("if (!hasConsent(c.id, 'profiling')) return; ", ''));
    expect(keys(unguarded.findings)).toEqual([`${length + 3} missing-consent`]);
  });
});
