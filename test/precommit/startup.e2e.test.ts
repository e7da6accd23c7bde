import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
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
// each (the bundles in dist/ are CommonJS), and every script compiled through node:vm (how the compiler
// bundle loads with V8's code cache).
const recorder = `const Module = require('node:module');
const fs = require('node:fs');
const vm = require('node:vm');
const record = (filename, content) =>
  fs.appendFileSync(process.env.PROFILINT_COMPILED_LOG, JSON.stringify({ filename, bytes: Buffer.byteLength(content) }) + '\\n');
const compile = Module.prototype._compile;
Module.prototype._compile = function (content, filename) {
  record(filename, content);
  return compile.call(this, content, filename);
};
const Script = vm.Script;
vm.Script = class extends Script {
  constructor(code, options) {
    if (options && options.filename) record(options.filename, code);
    super(code, options);
  }
};
`;

const typescriptCompilerBytes = 8 * 1024 * 1024;
// A loaded CI machine can take longer than the default 10 s over one file; a skipped file would hide the parse.
const slowMachineConfig = { 'profilint.config.yaml': 'fileTimeout: 120000\n' };

function compiledBy(
  args: string[],
  env: Record<string, string> = {},
): { status: number | null; stdout: string; modules: { filename: string; bytes: number }[] } {
  const recorderFile = path.join(repo!.root, '.recorder.cjs');
  const log = path.join(repo!.root, '.compiled.json');
  writeFileSync(recorderFile, recorder);
  writeFileSync(log, '');
  // Its own cache folder, so nothing remembered by another test or by the developer's own runs answers for it.
  const cacheHome = path.join(repo!.root, '.cache-home');
  const run = runCli(args, { cwd: repo!.root, env: { NODE_OPTIONS: `--require ${recorderFile}`, PROFILINT_COMPILED_LOG: log, XDG_CACHE_HOME: cacheHome, ...env } });
  expect(run.stderr).toBe('');
  const modules = readFileSync(log, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { filename: string; bytes: number });
  return { status: run.status, stdout: run.stdout, modules };
}

const engineBundle = (): string => path.join(path.dirname(cliPath), 'profilint.js');
const compilerBundle = (): string => path.join(path.dirname(cliPath), 'extract-code.js');
const filenames = (modules: { filename: string }[]): string[] => modules.map((module) => module.filename);

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

const plainFiles = {
  'src/cart/total.ts': 'export const total = (prices: number[]) => prices.reduce((sum, price) => sum + price, 0);\n',
  'src/cart/format.ts': "export function formatPrice(cents: number): string {\n  return `${(cents / 100).toFixed(2)} EUR`;\n}\n",
};
const profilingFile = {
  'src/score.ts': "import * as tf from '@tensorflow/tfjs';\nexport const score = (model: tf.LayersModel, c: { age: number }) => model.predict(tf.tensor2d([[c.age]]));\n",
};

describe('a commit that touches no profiling code', { timeout: 300_000 }, () => {
  it('is answered without loading the engine, with the report the full scan gives', () => {
    repo = createTempRepo(plainFiles, { git: true });
    repo.git('add', '--all');
    const files = Object.keys(plainFiles);
    const quick = compiledBy([...files, '--fail-on', 'warning']);
    expect(filenames(quick.modules)).not.toContain(engineBundle());
    // --no-prefilter is an option the quick answer does not take: the engine scans the same files.
    const full = compiledBy([...files, '--fail-on', 'warning', '--no-prefilter']);
    expect(filenames(full.modules)).toContain(engineBundle());
    expect(quick.status).toBe(0);
    expect(quick.stdout).toBe(full.stdout);
    expect(quick.stdout).toContain('2 files scanned');
    // lint-staged passes absolute paths.
    const absolute = compiledBy(files.map((file) => path.join(repo!.root, file)));
    expect(filenames(absolute.modules)).not.toContain(engineBundle());
    expect(absolute.stdout).toBe(full.stdout);
  });

  it.each([
    { involving: 'a file git has never seen', file: 'src/cart/total.ts', arrange: (): void => undefined },
    {
      involving: 'a config file',
      file: 'src/cart/total.ts',
      arrange: (): void => {
        repo!.git('add', '--all');
        repo!.write({ 'profilint.config.yaml': 'rules:\n  missing-consent: warning\n' });
      },
    },
    {
      involving: 'a file in a default-excluded folder',
      file: 'dist/total.js',
      arrange: (): void => {
        repo!.write({ 'dist/total.js': 'module.exports = 1;\n' });
        repo!.git('add', '--all', '--force');
      },
    },
  ])('leaves the answer to the engine when the run involves $involving', ({ file, arrange }) => {
    repo = createTempRepo(plainFiles, { git: true });
    arrange();
    const run = compiledBy([file]);
    expect(filenames(run.modules)).toContain(engineBundle());
    expect(run.status).toBe(0);
  });

  it('leaves the answer to the engine when one of the files could host a finding', () => {
    repo = createTempRepo({ ...plainFiles, ...profilingFile }, { git: true });
    repo.git('add', '--all');
    const run = compiledBy(['src/cart/total.ts', 'src/score.ts']);
    expect(filenames(run.modules)).toContain(engineBundle());
    // The finding, or on a machine too loaded to parse within the default time budget, the notice that says so.
    expect(run.stdout).toContain('src/score.ts');
  });

  it.each([
    ['2', (): void => undefined],
    // An intent-to-add entry carries the extended flags that make git write version 3.
    ['3', (): void => {
      repo!.write({ 'src/cart/tax.ts': 'export const tax = (cents: number) => Math.round(cents * 0.2);\n' });
      repo!.git('add', '--intent-to-add', 'src/cart/tax.ts');
    }],
    ['4', (): void => {
      repo!.git('update-index', '--index-version', '4');
    }],
  ])('reads git index version %s to know the files are tracked', (version, arrange) => {
    repo = createTempRepo(plainFiles, { git: true });
    repo.git('add', '--all');
    arrange();
    expect(readFileSync(path.join(repo.root, '.git', 'index')).readUInt32BE(4)).toBe(Number(version));
    const run = compiledBy(Object.keys(plainFiles));
    expect(filenames(run.modules)).not.toContain(engineBundle());
    expect(run.stdout).toContain('2 files scanned');
  });
});

describe('a commit that touches no profiling code, in a repository with a config file', { timeout: 300_000 }, () => {
  const digestsIn = (cacheHome: string): string[] => readdirSync(path.join(cacheHome, 'profilint')).filter((name) => name.startsWith('config-'));

  function arrange(config: string): { files: string[]; env: Record<string, string>; cacheHome: string } {
    repo = createTempRepo({ ...plainFiles, 'profilint.config.yaml': config }, { git: true });
    repo.git('add', '--all');
    const cacheHome = path.join(repo.root, '.cache-home');
    return { files: Object.keys(plainFiles), env: { XDG_CACHE_HOME: cacheHome }, cacheHome };
  }

  it('is answered without the engine once the engine has accepted that config', () => {
    const { files, env, cacheHome } = arrange('rules:\n  missing-consent: warning\n');
    const first = compiledBy(files, env);
    expect(filenames(first.modules)).toContain(engineBundle());
    expect(digestsIn(cacheHome)).toHaveLength(1);
    const second = compiledBy(files, env);
    expect(filenames(second.modules)).not.toContain(engineBundle());
    expect(second.stdout).toBe(first.stdout);
    expect(second.status).toBe(0);

    // Another config is another question for the engine.
    repo!.write({ 'profilint.config.yaml': 'rules:\n  missing-consent: error\n' });
    expect(filenames(compiledBy(files, env).modules)).toContain(engineBundle());
    expect(filenames(compiledBy(files, env).modules)).not.toContain(engineBundle());
  });

  it('never remembers a config the engine rejects', () => {
    const { files, env, cacheHome } = arrange('rules:\n  missing-consent: loud\n');
    for (let run = 0; run < 2; run += 1) {
      const rejected = runCli(files, { cwd: repo!.root, env });
      expect(rejected.status).toBe(2);
      expect(rejected.stderr).toContain('profilint.config.yaml:2');
    }
    expect(digestsIn(cacheHome)).toEqual([]);
  });

  it("uses the config's own vocabulary and leaves files it includes or excludes to the engine", () => {
    const { files, env } = arrange('vocabulary:\n  sensitive:\n    health: [sum]\n');
    compiledBy(files, env);
    // `sum` is now a health term: total.ts could host a finding.
    expect(filenames(compiledBy(files, env).modules)).toContain(engineBundle());
    expect(filenames(compiledBy(['src/cart/format.ts'], env).modules)).not.toContain(engineBundle());

    repo!.write({ 'profilint.config.yaml': 'include:\n  - src/**\n' });
    compiledBy(files, env);
    expect(filenames(compiledBy(files, env).modules)).toContain(engineBundle());
  });
});

describe('the compiler bundle', { timeout: 300_000 }, () => {
  it('loads through a code cache kept in a private folder of the user, and gives the same findings with it', () => {
    repo = createTempRepo({ ...profilingFile, ...slowMachineConfig }, { git: true });
    const cacheHome = path.join(repo.root, '.cache-home');
    const env = { XDG_CACHE_HOME: cacheHome };
    const first = compiledBy(['src/score.ts'], env);
    expect(filenames(first.modules)).toContain(compilerBundle());
    const folder = path.join(cacheHome, 'profilint');
    // The compiler bundle's, loaded by the worker, and the engine's, loaded by the CLI.
    const cacheFiles = readdirSync(folder).filter((name) => name.endsWith('.v8cache')).sort();
    expect(cacheFiles).toEqual([expect.stringMatching(/^extract-code-.*\.v8cache$/), expect.stringMatching(/^profilint-.*\.v8cache$/)]);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    for (const cacheFile of cacheFiles) expect(statSync(path.join(folder, cacheFile)).mode & 0o777).toBe(0o600);
    const second = compiledBy(['src/score.ts'], env);
    expect(second.stdout).toBe(first.stdout);
    expect(second.status).toBe(1);

    // A damaged cache is rejected by V8 and written again; the findings do not change.
    for (const cacheFile of cacheFiles) writeFileSync(path.join(folder, cacheFile), 'not compiled code');
    const damaged = compiledBy(['src/score.ts'], env);
    expect(damaged.stdout).toBe(first.stdout);
    for (const cacheFile of cacheFiles) expect(statSync(path.join(folder, cacheFile)).size).toBeGreaterThan(64 * 1024);
  });

  it('keeps no cache in a folder others can write to', () => {
    repo = createTempRepo({ ...profilingFile, ...slowMachineConfig }, { git: true });
    const cacheHome = path.join(repo.root, '.cache-home');
    mkdirSync(path.join(cacheHome, 'profilint'), { recursive: true });
    chmodSync(path.join(cacheHome, 'profilint'), 0o777);
    const run = compiledBy(['src/score.ts'], { XDG_CACHE_HOME: cacheHome });
    expect(run.status).toBe(1);
    expect(readdirSync(path.join(cacheHome, 'profilint'))).toEqual([]);
  });
});
