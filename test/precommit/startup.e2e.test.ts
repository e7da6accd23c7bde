import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, requireBuiltCli, runCli } from '../bad-input/run-cli.js';
import { createTempRepo, type TempRepo } from '../helpers/temp-repo.js';

// Start-up is most of a pre-commit run. The TypeScript compiler is 9 MB of JavaScript that Node must compile
// before the first file is parsed, so a commit that needs no parsing must never load it.
let repo: TempRepo | undefined;
afterEach(() => repo?.remove());
beforeAll(requireBuiltCli);

// Preloaded into the CLI and its worker threads: logs every CommonJS module Node compiles, one JSON line
// each (the bundles in dist/ are CommonJS).
const recorder = `const Module = require('node:module');
const fs = require('node:fs');
const compile = Module.prototype._compile;
Module.prototype._compile = function (content, filename) {
  fs.appendFileSync(process.env.PROFILINT_COMPILED_LOG, JSON.stringify({ filename, bytes: Buffer.byteLength(content) }) + '\\n');
  return compile.call(this, content, filename);
};
`;

const typescriptCompilerBytes = 8 * 1024 * 1024;
// A loaded CI machine can take longer than the default 10 s over one file; a skipped file would hide the parse.
const slowMachineConfig = { 'profilint.config.yaml': 'fileTimeout: 120000\n' };

function compiledBy(args: string[]): { status: number | null; modules: { filename: string; bytes: number }[] } {
  const recorderFile = path.join(repo!.root, '.recorder.cjs');
  const log = path.join(repo!.root, '.compiled.json');
  writeFileSync(recorderFile, recorder);
  writeFileSync(log, '');
  const run = runCli(args, { cwd: repo!.root, env: { NODE_OPTIONS: `--require ${recorderFile}`, PROFILINT_COMPILED_LOG: log } });
  expect(run.stderr).toBe('');
  const modules = readFileSync(log, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { filename: string; bytes: number });
  return { status: run.status, modules };
}

function totalBytes(modules: { bytes: number }[]): number {
  return modules.reduce((sum, module) => sum + module.bytes, 0);
}

describe('profilint start-up', { timeout: 300_000 }, () => {
  it('does not load the TypeScript compiler for a commit of specs and configuration only', () => {
    repo = createTempRepo(
      {
        'specs/churn.profiling.yaml': 'profilint: 1\npipeline: churn\nowner: growth@acme.example\npurpose: Retention offers.\n',
        '.github/workflows/ci.yml': 'on: push\njobs: {}\n',
      },
      { git: true },
    );
    const run = compiledBy(['specs/churn.profiling.yaml', '.github/workflows/ci.yml']);
    expect(run.modules.map((module) => path.basename(module.filename))).not.toContain('extract-code.js');
    expect(totalBytes(run.modules), `compiled: ${run.modules.map((module) => `${module.filename} ${module.bytes}`).join(', ')}`).toBeLessThan(
      typescriptCompilerBytes,
    );
  });

  it('does not load the TypeScript compiler for code that does no profiling', () => {
    repo = createTempRepo({ 'src/cart/total.ts': 'export const total = (prices: number[]) => prices.reduce((sum, price) => sum + price, 0);\n' }, { git: true });
    const run = compiledBy(['src/cart/total.ts']);
    expect(run.status).toBe(0);
    expect(run.modules.map((module) => path.basename(module.filename))).not.toContain('extract-code.js');
    expect(totalBytes(run.modules)).toBeLessThan(typescriptCompilerBytes);
  });

  it('loads it once a file needs parsing', () => {
    repo = createTempRepo(
      {
        ...slowMachineConfig,
        'src/score.ts':
          "import * as tf from '@tensorflow/tfjs';\nexport const score = (model: tf.LayersModel, c: { age: number }) => model.predict(tf.tensor2d([[c.age]]));\n",
      },
      { git: true },
    );
    const run = compiledBy(['src/score.ts']);
    expect(run.status).toBe(1);
    expect(run.modules.map((module) => module.filename)).toContain(path.join(path.dirname(cliPath), 'extract-code.js'));
  });
});
