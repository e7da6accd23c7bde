import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTempRepo, type TempRepo } from '../helpers/temp-repo.js';

// PROFILINT_CLI runs the tests against another build of the same sources (e.g. while dist/ is being rebuilt).
const cli = process.env.PROFILINT_CLI ?? path.resolve('dist/cli.js');

let repo: TempRepo | undefined;
afterEach(() => repo?.remove());

beforeAll(() => {
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` before the end-to-end tests.');
});

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function profilint(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Run {
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd: options.cwd ?? repo!.root,
    env: { ...process.env, NO_COLOR: '1', DEBUG: '', FORCE_COLOR: '', ...options.env },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A scoring function that feeds `age` to a model: a sensitive-attribute error on line `line`. */
function scoring(line = 3): string {
  return `${'\n'.repeat(line - 3)}import * as tf from '@tensorflow/tfjs';
export function score(model: tf.LayersModel, customer: { age: number; tenureMonths: number }) {
  return model.predict(tf.tensor2d([[customer.age, customer.tenureMonths]]));
}
`;
}

const onlySensitive = 'rules:\n  missing-consent: off\n';

function findingsOf(run: Run): string[] {
  const report = JSON.parse(run.stdout) as { findings: { ruleId: string; file: string; line: number; suppression?: unknown }[] };
  return report.findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}${finding.suppression ? ' suppressed' : ''}`);
}

// Every test starts the CLI several times; a loaded CI machine needs more than the default minute.
describe('profilint CLI', { timeout: 300_000 }, () => {
  it('exits 0 on a clean repository and 1 with an error-level finding', () => {
    repo = createTempRepo({ 'src/cart.ts': 'export const total = (a: number, b: number) => a + b;\n' }, { git: true });
    const clean = profilint([]);
    expect(clean.status).toBe(0);
    expect(clean.stderr).toBe('');
    repo.write({ 'src/score.ts': scoring() });
    const dirty = profilint([]);
    expect(dirty.status).toBe(1);
    expect(dirty.stdout).toContain('src/score.ts');
    expect(dirty.stdout).toContain('sensitive-attribute');
  });

  it('honours --fail-on for warnings and never', () => {
    repo = createTempRepo({ 'src/a.ts': '// profilint-disable-next-line proxy-attribute\nexport const a = 1;\n' }, { git: true });
    expect(profilint([]).status).toBe(0);
    expect(profilint(['--fail-on', 'warning']).status).toBe(1);
    expect(profilint(['--fail-on', 'note']).status).toBe(1);
    expect(profilint(['--rule', 'unjustified-suppression=error', '--fail-on', 'never']).status).toBe(0);
    expect(profilint(['--rule', 'unjustified-suppression=error']).status).toBe(1);
  });

  it('exits 2 with one clear line for usage and config errors, without a stack trace', () => {
    repo = createTempRepo({ 'src/a.ts': 'export {};\n', 'profilint.config.yaml': 'rules:\n  proxy-attribute: warn\n' }, { git: true });
    const badConfig = profilint([]);
    expect(badConfig.status).toBe(2);
    expect(badConfig.stdout).toBe('');
    expect(badConfig.stderr).toBe(
      'profilint: profilint.config.yaml:2: rules.proxy-attribute: invalid value. Expected off, note, warning or error; [level, options]; or { level, options }.\n',
    );
    repo.write({ 'profilint.config.yaml': 'rulez: {}\n' });
    expect(profilint([]).stderr).toBe(
      'profilint: profilint.config.yaml:1: rulez: unknown key "rulez". Expected one of: $schema, extends, rules, include, exclude, vocabulary, profiling, maxFileSize, fileTimeout, audit.\n',
    );
    repo.write({ 'profilint.config.yaml': 'rules: {}\n' });
    for (const args of [['--bogus'], ['--format', 'xml'], ['--fail-on', 'warn'], ['missing-folder'], ['--rule', 'nope=off'], ['--changed-since', 'no-such-ref']]) {
      const run = profilint(args);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(/^profilint: [^\n]+\n$/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    const withDebug = profilint(['--config', 'nope.yaml'], { env: { DEBUG: 'profilint' } });
    expect(withDebug.status).toBe(2);
    expect(withDebug.stderr).toMatch(/\n\s+at /);
  });

  it('writes every format, to stdout or --output, byte-identical across runs', () => {
    repo = createTempRepo({ 'src/score.ts': scoring(), 'profilint.config.yaml': onlySensitive }, { git: true });
    for (const format of ['stylish', 'json', 'sarif', 'github', 'markdown']) {
      const first = profilint(['--format', format]);
      const second = profilint(['--format', format]);
      expect(first.status, format).toBe(1);
      expect(first.stdout.length, format).toBeGreaterThan(0);
      expect(second.stdout, format).toBe(first.stdout);
    }
    expect(findingsOf(profilint(['--format', 'json']))).toEqual(['src/score.ts:3 sensitive-attribute']);
    const sarif = JSON.parse(profilint(['-f', 'sarif']).stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results[0].ruleId).toBe('sensitive-attribute');
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('src/score.ts');
    expect(profilint(['-f', 'github']).stdout).toMatch(/^::error file=src\/score\.ts,line=3,/m);
    const written = profilint(['-f', 'json', '-o', 'reports/profilint.json']);
    expect(written.status).toBe(1);
    expect(written.stdout).toBe('');
    expect(findingsOf({ ...written, stdout: readFileSync(path.join(repo.root, 'reports/profilint.json'), 'utf8') })).toEqual([
      'src/score.ts:3 sensitive-attribute',
    ]);
  });

  it('reports only the new line with --changed-since on a two-commit history', () => {
    repo = createTempRepo({ 'src/score.ts': scoring(), 'profilint.config.yaml': onlySensitive }, { git: true });
    repo.commitAll('first');
    repo.git('checkout', '--quiet', '-b', 'feature');
    repo.write({
      'src/score.ts': `${scoring()}export function score2(model: tf.LayersModel, customer: { age: number }) {\n  return model.predict(tf.tensor2d([[customer.age]]));\n}\n`,
    });
    repo.commitAll('second');
    expect(findingsOf(profilint(['-f', 'json']))).toEqual(['src/score.ts:3 sensitive-attribute', 'src/score.ts:6 sensitive-attribute']);
    const changed = profilint(['-f', 'json', '--changed-since', 'main']);
    expect(findingsOf(changed)).toEqual(['src/score.ts:6 sensitive-attribute']);
    expect(changed.status).toBe(1);
  });

  it('scans staged content with --staged, whatever the working tree holds', () => {
    repo = createTempRepo({ 'src/cart.ts': 'export const a = 1;\n', 'profilint.config.yaml': onlySensitive }, { git: true });
    repo.commitAll('first');
    repo.write({ 'src/score.ts': scoring() });
    repo.git('add', 'src/score.ts');
    repo.write({ 'src/score.ts': 'export const fixedButNotStaged = 1;\n' });
    expect(profilint([]).status).toBe(0);
    const staged = profilint(['--staged', '-f', 'json']);
    expect(findingsOf(staged)).toEqual(['src/score.ts:3 sensitive-attribute']);
    expect(staged.status).toBe(1);
  });

  it('accepts absolute file paths (lint-staged) and paths relative to a subfolder', () => {
    repo = createTempRepo({ 'src/score.ts': scoring(), 'src/other.ts': scoring(), 'profilint.config.yaml': onlySensitive }, { git: true });
    expect(findingsOf(profilint(['-f', 'json', path.join(repo.root, 'src/score.ts')]))).toEqual(['src/score.ts:3 sensitive-attribute']);
    expect(findingsOf(profilint(['-f', 'json', 'other.ts'], { cwd: path.join(repo.root, 'src') }))).toEqual(['src/other.ts:3 sensitive-attribute']);
  });

  it('round-trips a baseline: recorded findings pass, new ones fail, fixed ones are stale', () => {
    repo = createTempRepo({ 'src/score.ts': scoring(), 'profilint.config.yaml': onlySensitive }, { git: true });
    const written = profilint(['--write-baseline', 'profilint-baseline.json']);
    expect(written.status).toBe(0);
    expect(profilint(['--baseline', 'profilint-baseline.json']).status).toBe(0);
    // Lines inserted above keep the finding's fingerprint.
    repo.write({ 'src/score.ts': scoring(6) });
    expect(findingsOf(profilint(['-f', 'json', '--baseline', 'profilint-baseline.json']))).toEqual(['src/score.ts:6 sensitive-attribute suppressed']);
    repo.write({ 'src/new.ts': scoring() });
    const withNew = profilint(['-f', 'json', '--baseline', 'profilint-baseline.json']);
    expect(withNew.status).toBe(1);
    expect(findingsOf(withNew)).toEqual(['src/new.ts:3 sensitive-attribute', 'src/score.ts:6 sensitive-attribute suppressed']);
    repo.write({ 'src/score.ts': 'export {};\n' });
    const stale = JSON.parse(profilint(['-f', 'json', '--baseline', 'profilint-baseline.json']).stdout);
    expect(JSON.stringify(stale.notices)).toContain('stale-baseline');
    const missing = profilint(['--baseline', 'nope.json']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('profilint: nope.json: Cannot read the baseline: file not found. Create it with --write-baseline.\n'.replace('nope.json', path.join(repo.root, 'nope.json')));
  });

  it('reports a directive without a reason and does not let it suppress', () => {
    const withDirective = (directive: string) =>
      scoring().replace('  return model.predict', `  ${directive}\n  return model.predict`);
    repo = createTempRepo({ 'src/score.ts': withDirective('// profilint-disable-next-line sensitive-attribute'), 'profilint.config.yaml': onlySensitive }, { git: true });
    const run = profilint(['-f', 'json']);
    expect(run.status).toBe(1);
    expect(findingsOf(run)).toEqual(['src/score.ts:3 unjustified-suppression', 'src/score.ts:4 sensitive-attribute']);
    repo.write({ 'src/score.ts': withDirective('// profilint-disable-next-line sensitive-attribute -- age bands approved in DPIA-2026-07') });
    const justified = profilint(['-f', 'json']);
    expect(justified.status).toBe(0);
    expect(findingsOf(justified)).toEqual(['src/score.ts:4 sensitive-attribute suppressed']);
  });

  it('notes binary and oversized files in every format and keeps going', () => {
    repo = createTempRepo(
      { 'src/blob.js': Buffer.from([1, 0, 2]), 'src/big.ts': `// ${'x'.repeat(200)}\n`, 'src/a.ts': 'export {};\n', 'profilint.config.yaml': 'maxFileSize: 100\n' },
      { git: true },
    );
    for (const format of ['stylish', 'json', 'sarif', 'github', 'markdown']) {
      const run = profilint(['-f', format]);
      expect(run.status, format).toBe(0);
      // Markdown escapes punctuation (`src\/blob\.js`); the others print the path as is.
      expect(run.stdout, format).toMatch(/src\\?\/blob\\?\.js/);
      expect(run.stdout, format).toMatch(/src\\?\/big\\?\.ts/);
    }
  });

  it('lists rules, prints version and help, and writes a starter config', () => {
    repo = createTempRepo({}, { git: true });
    const rules = profilint(['rules']);
    expect(rules.status).toBe(0);
    expect(rules.stdout).toMatch(/^sensitive-attribute +error +Disallow /m);
    expect(rules.stdout.trim().split('\n')).toHaveLength(10);
    const packageVersion = JSON.parse(readFileSync('package.json', 'utf8')).version;
    expect(profilint(['--version']).stdout).toBe(`${packageVersion}\n`);
    expect(profilint(['--help']).stdout).toContain('--changed-since <ref>');
    const init = profilint(['init']);
    expect(init.status).toBe(0);
    expect(init.stdout).toMatch(/^Wrote profilint\.config\.yaml\nWrote specs\/example\.profiling\.yaml\n\n/);
    expect(init.stdout).toContain('      - id: profilint\n');
    expect(profilint([]).status).toBe(0);
    expect(profilint(['init']).status).toBe(2);
  });

  it('scans a folder outside git, honouring .gitignore', () => {
    repo = createTempRepo({ 'src/score.ts': scoring(), 'gen/score.ts': scoring(), '.gitignore': 'gen/\n', 'profilint.config.yaml': onlySensitive });
    expect(findingsOf(profilint(['-f', 'json']))).toEqual(['src/score.ts:3 sensitive-attribute']);
  });
});
