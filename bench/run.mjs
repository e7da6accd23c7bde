// `npm run bench [-- --files N] [-- --repo <path>]`: one run that prints how profilint's scan compares
// with the floor of reading every file once, with and without its cache, with parsing everything with
// the TypeScript compiler, and (when installed) with ESLint; where it may empty the page cache, the floor
// and the cold scan again with every file read from disk; then the pre-commit path against plain Node
// start-up and against loading the compiler. Times are medians of a few runs; ratios are what to quote.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateRepository } from './generate.mjs';

const root = path.resolve(import.meta.dirname, '..');
const cli = path.join(root, 'dist', 'cli.js');
const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    repo: { type: 'string' },
    runs: { type: 'string', default: '3' },
  },
});
const runs = Number(values.runs);

if (!existsSync(cli)) {
  console.error('dist/cli.js is missing: run `npm run build` first.');
  process.exit(2);
}

/** Runs a command `runs` times under /usr/bin/time; returns the median wall time and the peak RSS. */
function measure(command, args, options = {}) {
  const samples = [];
  let peakKb = 0;
  let lastStdout = '';
  for (let run = 0; run < (options.runs ?? runs); run += 1) {
    options.before?.();
    const started = process.hrtime.bigint();
    const result = spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], {
      cwd: options.cwd ?? root,
      env: options.env ?? process.env,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.status !== 0 && !(options.okStatuses ?? [0]).includes(result.status)) {
      throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr.slice(-2000)}`);
    }
    const rssLine = result.stderr.trim().split('\n').at(-1) ?? '0';
    peakKb = Math.max(peakKb, Number(rssLine) || 0);
    lastStdout = result.stdout;
    samples.push(elapsed);
  }
  samples.sort((a, b) => a - b);
  return { ms: samples[Math.floor(samples.length / 2)], peakMb: peakKb / 1024, stdout: lastStdout };
}

/**
 * Empties the kernel's page cache, so the next run reads files from disk, as a first scan after a reboot or on a
 * fresh runner does (the issue's 2 s to read 20 MB is such a read). Needs root on Linux; false where it cannot.
 */
function dropPageCache() {
  try {
    spawnSync('sync');
    writeFileSync('/proc/sys/vm/drop_caches', '3');
    return true;
  } catch {
    return false;
  }
}
const canDropPageCache = dropPageCache();

function row(label, measurement, floor) {
  const ratio = floor === undefined ? '' : `${(measurement.ms / floor.ms).toFixed(2)}×`;
  return `| ${label} | ${measurement.ms.toFixed(0)} ms | ${ratio} | ${measurement.peakMb.toFixed(0)} MB |`;
}

function benchRepository(label, repository) {
  const cacheDirectory = mkdtempSync(path.join(os.tmpdir(), 'profilint-bench-cache-'));
  const floor = measure(process.execPath, [path.join(root, 'bench', 'read-floor.mjs'), repository]);
  const fileCount = floor.stdout.trim();
  const scanArgs = [cli, repository, '--format', 'json', '--fail-on', 'never', '--quiet'];
  const cold = measure(process.execPath, [...scanArgs, '--cache-location', cacheDirectory], {
    before: () => rmSync(cacheDirectory, { recursive: true, force: true }),
  });
  measure(process.execPath, [...scanArgs, '--cache-location', cacheDirectory], { runs: 1 });
  const warm = measure(process.execPath, [...scanArgs, '--cache-location', cacheDirectory]);
  const uncached = measure(process.execPath, scanArgs);
  const parseAll = measure(process.execPath, [path.join(root, 'bench', 'parse-all.mjs'), repository]);
  const lines = [
    `### ${label} (${fileCount} files)`,
    '',
    '| measurement | median | × read floor | peak memory |',
    '| --- | --- | --- | --- |',
    row('read every file once (floor)', floor, floor),
    row('profilint, cold cache', cold, floor),
    row('profilint, warm cache', warm, floor),
    row('profilint, no cache', uncached, floor),
    row('TypeScript parse of every file', parseAll, floor),
  ];
  const eslint = path.join(root, 'node_modules', '.bin', 'eslint');
  if (existsSync(eslint) && existsSync(path.join(root, 'node_modules', '@typescript-eslint', 'parser'))) {
    lines.push(row('ESLint + @typescript-eslint/parser, one rule', measure(path.join(root, 'bench', 'eslint.sh'), [repository], { okStatuses: [0, 1] }), floor));
  } else {
    lines.push('| ESLint + @typescript-eslint/parser | not installed | | |');
  }
  if (canDropPageCache) {
    // Both from disk: the floor's reads and the scan's, each after the page cache is emptied.
    const diskFloor = measure(process.execPath, [path.join(root, 'bench', 'read-floor.mjs'), repository], { before: dropPageCache });
    const diskCold = measure(process.execPath, [...scanArgs, '--cache-location', cacheDirectory], {
      before: () => {
        rmSync(cacheDirectory, { recursive: true, force: true });
        dropPageCache();
      },
    });
    lines.push(
      '',
      'From disk (the page cache emptied before each run):',
      '',
      '| measurement | median | × read floor from disk | peak memory |',
      '| --- | --- | --- | --- |',
      row('read every file once from disk (floor)', diskFloor, diskFloor),
      row('profilint, cold cache, from disk', diskCold, diskFloor),
    );
  } else {
    lines.push('', 'From disk: not measured (emptying the page cache needs root on Linux).');
  }
  rmSync(cacheDirectory, { recursive: true, force: true });
  return lines.join('\n');
}

function benchPreCommit() {
  const repository = mkdtempSync(path.join(os.tmpdir(), 'profilint-bench-precommit-'));
  generateRepository(repository, 200, 7);
  spawnSync('git', ['init', '-q'], { cwd: repository });
  mkdirSync(path.join(repository, 'src'), { recursive: true });
  const ordinary = [];
  const candidates = [];
  for (let index = 0; index < 10; index += 1) {
    const plain = `src/plain-${index}.ts`;
    const profiling = `src/churn-${index}.ts`;
    writeFileSync(path.join(repository, plain), `export function add${index}(a: number, b: number) {\n  return a + b;\n}\n`, { flag: 'w' });
    writeFileSync(
      path.join(repository, profiling),
      `import * as tf from '@tensorflow/tfjs-node';\nexport function score${index}(model: tf.LayersModel, customer: { age: number }) {\n  return model.predict(tf.tensor2d([[customer.age]]));\n}\n`,
    );
    ordinary.push(plain);
    candidates.push(profiling);
  }
  // pre-commit and lint-staged pass staged files: they are in git's index.
  spawnSync('git', ['add', '-A'], { cwd: repository });
  // The compile cache lives in the user's cache folder; a folder of the benchmark's own keeps runs comparable.
  const compileCache = mkdtempSync(path.join(os.tmpdir(), 'profilint-bench-compile-cache-'));
  const env = { ...process.env, XDG_CACHE_HOME: compileCache };
  const run = (files, options = {}) =>
    measure(process.execPath, [cli, ...files, '--fail-on', 'never', '--quiet'], { cwd: repository, runs: 5, env, ...options });
  const nodeStart = measure(process.execPath, ['-e', '0'], { runs: 5 });
  const tsMorphLoad = measure(process.execPath, ['-e', `require(${JSON.stringify(path.join(root, 'node_modules', 'ts-morph'))})`], { runs: 5 });
  const lines = [
    '### pre-commit path',
    '',
    '| measurement | median | × `node -e 0` | × loading ts-morph | peak memory |',
    '| --- | --- | --- | --- | --- |',
  ];
  const add = (label, measurement) =>
    lines.push(
      `| ${label} | ${measurement.ms.toFixed(0)} ms | ${(measurement.ms / nodeStart.ms).toFixed(2)}× | ${(measurement.ms / tsMorphLoad.ms).toFixed(2)}× | ${measurement.peakMb.toFixed(0)} MB |`,
    );
  add('`node -e 0`', nodeStart);
  add('load ts-morph (and the TypeScript compiler)', tsMorphLoad);
  add('1 staged file, no candidate', run(ordinary.slice(0, 1)));
  add('10 staged files, no candidate', run(ordinary));
  run(candidates.slice(0, 1), { runs: 1 });
  add('1 staged file, a candidate', run(candidates.slice(0, 1)));
  add('10 staged files, all candidates', run(candidates));
  add('1 candidate, first run (no compile cache yet)', run(candidates.slice(0, 1), { before: () => rmSync(path.join(compileCache, 'profilint'), { recursive: true, force: true }) }));
  // With a config file the CLI cannot answer from the staged files alone: it loads the engine to read the config.
  writeFileSync(path.join(repository, 'profilint.config.yaml'), 'rules:\n  missing-consent: warning\n');
  add('1 staged file, no candidate, first run with a config file', run(ordinary.slice(0, 1), { runs: 1 }));
  add('1 staged file, no candidate, with a config file seen before', run(ordinary.slice(0, 1)));
  rmSync(repository, { recursive: true, force: true });
  rmSync(compileCache, { recursive: true, force: true });
  return lines.join('\n');
}

const synthetic = mkdtempSync(path.join(os.tmpdir(), 'profilint-bench-'));
generateRepository(synthetic, Number(values.files), Number(values.seed));
// Committed, as a real repository's files are: a warm scan looks unchanged files up by git's blob ids.
spawnSync('git', ['init', '-q'], { cwd: synthetic });
spawnSync('git', ['add', '-A'], { cwd: synthetic });
spawnSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@profilint.example', 'commit', '-q', '-m', 'synthetic'], { cwd: synthetic });
// Each section prints as soon as it is measured, so a long run shows its progress.
console.log(`Node ${process.version}, ${os.cpus().length} cores, ${runs} runs per measurement (median).\n`);
console.log(`${benchRepository(`synthetic repository, seed ${values.seed}`, synthetic)}\n`);
rmSync(synthetic, { recursive: true, force: true });
if (values.repo) console.log(`${benchRepository(values.repo, path.resolve(values.repo))}\n`);
console.log(benchPreCommit());
