import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { defaultConfig } from '../../src/config.js';
import { createTempRepo, type TempRepo } from '../helpers/temp-repo.js';
import { findingKeys, noticesFor, onlySensitiveAttributeConfig, readJsonReport, requireBuiltCli, runCli, scoringSource } from './run-cli.js';

const length = 5000;
const config = defaultConfig('/repo');
// The nodes one trace may follow back (src/extract/flow-tracer.ts): what bounds its time.
const stepBudget = 4000;

/** Extraction, link, every rule and directives on one file, timed. */
async function analyzeTimed(text: string, file = 'src/chain.ts'): Promise<Awaited<ReturnType<typeof analyze>> & { elapsed: number }> {
  const started = performance.now();
  const output = await analyze({ root: '/repo', config, sources: [{ file, text }], fileExists: () => false, now: new Date('2026-11-30T12:00:00Z') });
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
    // Following `c` back through its 4,999 callers, looking for more, runs out of steps: the file says so. The
    // sink's line takes 5 of them (the call, two arrays, `c.age`, `c`), each caller one (its `c`).
    expect(notices).toEqual([
      expect.objectContaining({ kind: 'capped', level: 'warning', file: 'src/chain.ts', line: sinkLine - (stepBudget - 5) - 1 }),
    ]);
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

/**
 * `f0(customer)` calls `f1(customer.age)`, each `f<i>(x)` calls `f<i+1>(x)`, and `f<calls>` gives `x` to
 * `model.predict` on line `calls + 3`: the age (line 3) reaches the model only through `calls` parameters.
 */
function argumentChain(calls: number, sinkArguments = ['[[x]]']): string {
  const lines = ["import * as tf from '@tensorflow/tfjs';", 'declare const model: tf.LayersModel;'];
  lines.push('export function f0(customer: { age: number }) { return f1(customer.age); }');
  for (let index = 1; index < calls; index += 1) lines.push(`function f${index}(x: number) { return f${index + 1}(x); }`);
  const predictions = sinkArguments.map((values) => `model.predict(tf.tensor2d(${values}));`).join(' ');
  lines.push(`function f${calls}(x: number) { ${predictions} }`, '');
  return lines.join('\n');
}

/**
 * Where a trace from the sink line stops: that line takes 4 steps (the `tensor2d` call, two arrays and `x`),
 * each call further up one step (its `x`), so the first `x` left unfollowed is this many lines up.
 */
function stoppedLine(sinkLine: number): number {
  return sinkLine - (stepBudget - 4) - 1;
}

// The tracer used to stop silently 400 levels deep: a chain of 350 calls was found, one of 400 lost.
describe('an argument chain: f0 passes customer.age to f1, each function passes it on, the last to model.predict', { timeout: 120_000 }, () => {
  it.each([400, 1000, 3000])('%i calls: the age is found where it is read, and no notice', async (calls) => {
    const { findings, notices, elapsed } = await analyzeTimed(argumentChain(calls));
    expect(keys(findings)).toEqual(['3 sensitive-attribute', `${calls + 3} missing-consent`]);
    expect(notices).toEqual([]);
    expect(elapsed).toBeLessThan(config.fileTimeout);
  });

  it('5,000 calls: the trace stops at its step budget, within the per-file budget, and the file says where', async () => {
    const { findings, notices, elapsed } = await analyzeTimed(argumentChain(length));
    const sinkLine = length + 3;
    const line = stoppedLine(sinkLine);
    expect(keys(findings)).toEqual([`${sinkLine} missing-consent`]);
    expect(notices).toEqual([
      {
        kind: 'capped',
        level: 'warning',
        file: 'src/chain.ts',
        line,
        column: `function f${line - 3}(x: number) { return f${line - 2}(`.length + 1,
        message: expect.stringMatching(
          new RegExp(
            `^Stopped tracing what reaches \`model\\.predict\` \\(line ${sinkLine}\\) at \`x\`: it had followed ${stepBudget} expressions back.*` +
              'Sensitive attributes .* may be missing from the findings\\. Check by hand where `x` comes from, or shorten the chain of calls',
          ),
        ),
      },
    ]);
    expect(elapsed).toBeLessThan(config.fileTimeout);
  });

  it('several traces cut short give one notice, at the first place one stopped, that counts the others', async () => {
    const { notices } = await analyzeTimed(argumentChain(length, ['[[x]]', '[[x, 1]]', '[[1, x]]']));
    expect(notices).toEqual([expect.objectContaining({ kind: 'capped', line: stoppedLine(length + 3) })]);
    expect(notices[0]?.message).toContain('2 more traces in this file also stopped early.');
  });
});

describe('an argument chain cut short, through the built CLI', { timeout: 180_000 }, () => {
  let repo: TempRepo | undefined;
  beforeAll(requireBuiltCli);
  afterEach(() => repo?.remove());

  it('reports the capped trace with path and line, exits on the other file’s finding, and shows the notice to a reader', () => {
    repo = createTempRepo(
      { 'profilint.config.yaml': onlySensitiveAttributeConfig, 'src/score.ts': scoringSource(), 'src/chain.ts': argumentChain(length) },
      { git: true },
    );
    const run = runCli(['--format', 'json'], { cwd: repo.root });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const report = readJsonReport(run);
    expect(findingKeys(report)).toEqual(['src/score.ts:3 sensitive-attribute']);
    const line = stoppedLine(length + 3);
    expect(noticesFor(report, 'src/chain.ts')).toEqual([
      expect.objectContaining({ kind: 'capped', level: 'warning', file: 'src/chain.ts', line, message: expect.stringContaining(`(line ${length + 3}) at \`x\``) }),
    ]);
    const stylish = runCli([], { cwd: repo.root });
    expect(stylish.stdout).toContain('src/chain.ts');
    expect(stylish.stdout).toContain(`Stopped tracing what reaches \`model.predict\` (line ${length + 3}) at \`x\``);
  });

  it('a chain under the budget gives the finding where the age is read and no notice', () => {
    repo = createTempRepo({ 'profilint.config.yaml': onlySensitiveAttributeConfig, 'src/chain.ts': argumentChain(1000) }, { git: true });
    const run = runCli(['--format', 'json'], { cwd: repo.root });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const report = readJsonReport(run);
    expect(findingKeys(report)).toEqual(['src/chain.ts:3 sensitive-attribute']);
    expect(report.notices).toEqual([]);
  });
});

/** The TypeScript examples of every rule page: ordinary profiling code, each in the file it names. */
function ruleExamples(): { name: string; file: string; code: string }[] {
  const pages = readdirSync(new URL('../../rules/', import.meta.url)).filter((name) => name.endsWith('.md'));
  return pages.flatMap((page) => {
    const text = readFileSync(new URL(`../../rules/${page}`, import.meta.url), 'utf8');
    return [...text.matchAll(/^```ts (bad|good)\n([\s\S]*?)^```$/gm)].map((match) => ({
      name: `${page} ${match[1]} example at line ${text.slice(0, match.index).split('\n').length}`,
      file: /^\/\/\s*file:\s*(\S+)/.exec(match[2]!)?.[1] ?? 'src/example.ts',
      code: match[2]!,
    }));
  });
}

describe('ordinary code', () => {
  const examples = ruleExamples();
  it('has the rule pages’ examples to check', () => {
    expect(examples.length).toBeGreaterThan(20);
  });

  it.each(examples)('$name: every trace completes, so no capped notice', async ({ file, code }) => {
    const { notices } = await analyzeTimed(code, file);
    expect(notices.filter((notice) => notice.kind === 'capped')).toEqual([]);
  });
});
