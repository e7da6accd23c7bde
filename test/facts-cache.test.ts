import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeBuildId } from '../scripts/build-id.mjs';
import { cliPath, findingKeys, onlySensitiveAttributeConfig, readJsonReport, requireBuiltCli, runCli, scoringSource } from './bad-input/run-cli.js';
import { createTempRepo, type TempRepo } from './helpers/temp-repo.js';

// The cache is judged by what a user sees (the same report, warm or cold) and by what it keeps on disk:
// which files' facts and prefilter verdicts, for which content.
beforeAll(requireBuiltCli);

interface CacheFile {
  entries: Record<string, { hash: string }>;
  verdicts: Record<string, { hash: string; kind: string; imports: string[] }>;
}

const files = {
  'profilint.config.yaml': onlySensitiveAttributeConfig,
  'src/score.ts': scoringSource(),
  'src/churn.ts': scoringSource('churn'),
  'src/cart/total.ts': 'export const total = (prices: number[]) => prices.reduce((sum, price) => sum + price, 0);\n',
  'config/pipelines.yaml': 'pipelines:\n  - name: nightly\n',
};

function scanWithCache(repo: TempRepo, paths: string[] = []): { keys: string[]; stdout: string; cache: CacheFile } {
  const run = runCli([...paths, '--format', 'json', '--cache', '--cache-location', '.profilint-cache'], { cwd: repo.root });
  expect(run.stderr).toBe('');
  return { keys: findingKeys(readJsonReport(run)), stdout: run.stdout, cache: readCache(repo) };
}

const cacheFile = (repo: TempRepo): string => path.join(repo.root, '.profilint-cache', 'facts.cache');

/** The cache file's entries: a header line, then `kind TAB hash TAB "path" TAB value` per line. */
function readCache(repo: TempRepo): CacheFile {
  const [header, ...lines] = readFileSync(cacheFile(repo), 'utf8').split('\n');
  expect(header).toMatch(/^profilint facts 1\t[0-9a-f]{40}$/);
  const cache: CacheFile = { entries: {}, verdicts: {} };
  for (const line of lines) {
    const [kind, hash, file, value] = line.split('\t') as [string, string, string, string];
    if (kind === 'f') cache.entries[JSON.parse(file) as string] = { ...(JSON.parse(value) as { hash: string }), hash };
    else cache.verdicts[JSON.parse(file) as string] = { ...(JSON.parse(value) as { kind: string; imports: string[] }), hash };
  }
  return cache;
}

describe('the facts cache (--cache)', { timeout: 300_000 }, () => {
  it('gives the cold report warm, keeps a verdict for every code file, and rewrites nothing when nothing changed', () => {
    const repo = createTempRepo(files, { git: true });
    const cold = scanWithCache(repo);
    expect(cold.keys).toEqual(['src/churn.ts:3 sensitive-attribute', 'src/score.ts:3 sensitive-attribute']);
    // Parsed code and YAML files, which are read and validated whether or not they are specs.
    expect(Object.keys(cold.cache.entries)).toEqual(['config/pipelines.yaml', 'profilint.config.yaml', 'src/churn.ts', 'src/score.ts']);
    expect(Object.keys(cold.cache.verdicts)).toEqual(['src/cart/total.ts', 'src/churn.ts', 'src/score.ts']);
    expect(cold.cache.verdicts['src/cart/total.ts']?.kind).toBe('none');
    expect(cold.cache.verdicts['src/score.ts']?.kind).toBe('sink');

    const written = statSync(cacheFile(repo)).mtimeMs;
    const warm = scanWithCache(repo);
    expect(warm.stdout).toBe(cold.stdout);
    expect(statSync(cacheFile(repo)).mtimeMs).toBe(written);
  });

  it('judges a changed file afresh and drops the entries of a deleted one', () => {
    const repo = createTempRepo(files, { git: true });
    const cold = scanWithCache(repo);
    repo.write({ 'src/cart/total.ts': scoringSource('total') });
    rmSync(path.join(repo.root, 'src/churn.ts'));
    const warm = scanWithCache(repo);
    expect(warm.keys).toEqual(['src/cart/total.ts:3 sensitive-attribute', 'src/score.ts:3 sensitive-attribute']);
    expect(Object.keys(warm.cache.entries)).toEqual(['config/pipelines.yaml', 'profilint.config.yaml', 'src/cart/total.ts', 'src/score.ts']);
    expect(warm.cache.verdicts['src/cart/total.ts']?.kind).toBe('sink');
    expect(warm.cache.verdicts['src/cart/total.ts']?.hash).not.toBe(cold.cache.verdicts['src/cart/total.ts']?.hash);
    expect(warm.cache.entries['src/score.ts']).toEqual(cold.cache.entries['src/score.ts']);
  });

  it("keeps the other files' entries when a scan of a few files (pre-commit) uses it", () => {
    const repo = createTempRepo(files, { git: true });
    const full = scanWithCache(repo);
    const partial = scanWithCache(repo, ['src/score.ts']);
    expect(partial.keys).toEqual(['src/score.ts:3 sensitive-attribute']);
    expect(Object.keys(partial.cache.entries)).toEqual(Object.keys(full.cache.entries));
    expect(Object.keys(partial.cache.verdicts)).toEqual(Object.keys(full.cache.verdicts));
  });

  it('starts afresh from cache files cut short mid-line, as a full disk leaves them', () => {
    const repo = createTempRepo(files, { git: true });
    const cold = scanWithCache(repo);
    for (const name of ['facts.cache', 'last-scan.json']) {
      const file = path.join(repo.root, '.profilint-cache', name);
      const text = readFileSync(file, 'utf8');
      writeFileSync(file, text.slice(0, Math.floor(text.length * 0.6)));
    }
    const again = scanWithCache(repo);
    expect(again.stdout).toBe(cold.stdout);
    expect(again.cache).toEqual(cold.cache);
  });

  it('remembers files whose names and text are not ASCII', () => {
    const skor = scoringSource('skor').replaceAll('model', 'modél').replaceAll('tenureMonths', 'kıdemAy');
    const repo = createTempRepo({ ...files, 'src/müşteri/skor.ts': skor, 'src/skor.ts': skor, 'src/日本.ts': 'export const 名前 = "値";\n' }, { git: true });
    repo.commitAll('first');
    const cold = scanWithCache(repo);
    expect(cold.keys).toEqual(expect.arrayContaining(['src/müşteri/skor.ts:3 sensitive-attribute', 'src/skor.ts:3 sensitive-attribute']));
    expect(cold.stdout).toContain('`modél.predict`');
    expect(Object.keys(cold.cache.entries)).toContain('src/müşteri/skor.ts');
    expect(cold.cache.verdicts['src/日本.ts']?.kind).toBe('none');
    repo.write({ 'src/cart/total.ts': `${files['src/cart/total.ts']}// edited\n` });
    const warm = scanWithCache(repo);
    expect(warm.stdout).toBe(cold.stdout);
    expect(warm.cache.entries['src/müşteri/skor.ts']).toEqual(cold.cache.entries['src/müşteri/skor.ts']);
  });

  it('gives the same report when only the facts file is damaged', () => {
    const repo = createTempRepo(files, { git: true });
    const cold = scanWithCache(repo);
    writeFileSync(cacheFile(repo), 'profilint facts 1\tx\nf\t[tru');
    const run = runCli(['--format', 'json', '--cache', '--cache-location', '.profilint-cache'], { cwd: repo.root });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(cold.stdout);
  });

  it('removes the facts.json that earlier builds wrote, once it writes its own file', () => {
    const repo = createTempRepo(files, { git: true });
    mkdirSync(path.join(repo.root, '.profilint-cache'));
    writeFileSync(path.join(repo.root, '.profilint-cache', 'facts.json'), '{"entries":{}}');
    scanWithCache(repo);
    expect(readdirSync(path.join(repo.root, '.profilint-cache')).sort()).toEqual(['facts.cache', 'last-scan.json']);
  });

  it('starts afresh under a different build of the same version, and reports the same', async () => {
    const repo = createTempRepo(files, { git: true });
    const first = scanWithCache(repo);
    const firstHeader = readFileSync(cacheFile(repo), 'utf8').split('\n')[0];
    // Another build: the same bundle with another build id, as a rebuild from changed sources would have.
    const otherBuild = mkdtempSync(path.join(os.tmpdir(), 'profilint-other-build-'));
    const dist = path.dirname(cliPath);
    cpSync(dist, path.join(otherBuild, 'dist'), { recursive: true });
    cpSync(path.join(dist, '..', 'rules'), path.join(otherBuild, 'rules'), { recursive: true });
    cpSync(path.join(dist, '..', 'package.json'), path.join(otherBuild, 'package.json'));
    const engine = path.join(otherBuild, 'dist', 'profilint.js');
    const engineText = readFileSync(engine, 'utf8');
    const buildId = await computeBuildId(path.resolve(import.meta.dirname, '..'));
    expect(engineText, 'dist/ is older than the sources: run `npm run build`').toContain(`"${buildId}"`);
    writeFileSync(engine, engineText.replaceAll(`"${buildId}"`, `"${'f'.repeat(40)}"`));
    const run = spawnSync(process.execPath, [path.join(otherBuild, 'dist', 'cli.js'), '--format', 'json', '--cache', '--cache-location', '.profilint-cache'], {
      cwd: repo.root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', DEBUG: '' },
    });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(first.stdout);
    expect(readFileSync(cacheFile(repo), 'utf8').split('\n')[0]).not.toBe(firstHeader);
    rmSync(otherBuild, { recursive: true, force: true });
  });
});

describe('the facts cache in a repository whose files git tracks', { timeout: 300_000 }, () => {
  // Files git vouches are unchanged are looked up by their blob id and not read; these cases are the ones where
  // that could go wrong: edits git has not been told of, edits staged but not committed, and new files.
  it('gives the cold report warm, and judges afresh what changed since, committed or not', () => {
    const repo = createTempRepo(files, { git: true });
    repo.commitAll('first');
    const cold = scanWithCache(repo);
    expect(scanWithCache(repo).stdout).toBe(cold.stdout);

    repo.write({ 'src/cart/total.ts': scoringSource('total') });
    expect(scanWithCache(repo).keys).toContain('src/cart/total.ts:3 sensitive-attribute');
    repo.git('add', 'src/cart/total.ts');
    expect(scanWithCache(repo).keys).toContain('src/cart/total.ts:3 sensitive-attribute');
    repo.write({ 'src/cart/total.ts': files['src/cart/total.ts'], 'src/new.ts': scoringSource('fresh') });
    const after = scanWithCache(repo);
    expect(after.keys).toEqual(['src/churn.ts:3 sensitive-attribute', 'src/new.ts:3 sensitive-attribute', 'src/score.ts:3 sensitive-attribute']);
  });

  it('reports the lines of findings in files it did not need to read, as a cold scan does', () => {
    const repo = createTempRepo(files, { git: true });
    repo.commitAll('first');
    const cold = runCli(['--format', 'sarif', '--cache-location', '.profilint-cache'], { cwd: repo.root });
    const warm = runCli(['--format', 'sarif', '--cache-location', '.profilint-cache'], { cwd: repo.root });
    expect(warm.stdout).toBe(cold.stdout);
    expect(warm.stdout).toContain('partialFingerprints');
  });
});
