import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReportCommand } from '../../src/weekly/command.js';
import { scan } from '../../src/scan.js';
import { parseSnapshot } from '../../src/weekly/snapshot.js';
import { createTestRepository, type TestRepository } from './git-repository.js';
import { tableUnder, unescapeMarkdown } from './markdown-table.js';

// Only the suppression rule runs, so the counts below depend on directives alone and not on the other
// rules' heuristics.
const onlySuppressionRule = `rules:
  missing-accountability: off
  missing-bias-audit: off
  missing-consent: off
  missing-redress: off
  proxy-attribute: off
  retention-mismatch: off
  sensitive-attribute: off
  sensitive-data-shared: off
  undocumented-retention: off
`;

const weekOne = `// profilint-disable-next-line proxy-attribute
export const deliveryZone = 1;
// profilint-disable-next-line sensitive-attribute
export const ageGate = 2;
// profilint-disable-next-line missing-consent -- consent is collected at sign-up (ticket PRIV-7)
export const welcomeMail = 3;
`;

// A week later: the first directive got its reason, two lines were added above everything (so every
// line number moves), and a new directive without a reason arrived.
const weekTwo = `import { strict as assert } from 'node:assert';
assert.ok(true);
// profilint-disable-next-line proxy-attribute -- postcode only picks the nearest warehouse
export const deliveryZone = 1;
// profilint-disable-next-line sensitive-attribute
export const ageGate = 2;
// profilint-disable-next-line missing-consent -- consent is collected at sign-up (ticket PRIV-7)
export const welcomeMail = 3;
// profilint-disable-next-line retention-mismatch
export const cacheDays = 30;
`;

describe('profilint report over two commits a week apart', () => {
  let repository: TestRepository;
  let weekOneMarkdown = '';
  let weekTwoMarkdown = '';

  const report = async (args: string[], now: string): Promise<string> => {
    let output = '';
    const code = await runReportCommand(args, { cwd: repository.root, now: new Date(now), writeStdout: (text) => (output += text) });
    expect(code).toBe(0);
    return output;
  };

  beforeAll(async () => {
    repository = createTestRepository();
    repository.write({ 'profilint.config.yaml': onlySuppressionRule, 'src/flags.ts': weekOne });
    repository.commit('Add feature flags', '2026-11-16T09:00:00Z');
    weekOneMarkdown = await report(['--snapshot', 'reports/week-1.json'], '2026-11-16T12:00:00Z');

    repository.write({ 'src/flags.ts': weekTwo });
    repository.commit('Explain the delivery zone suppression', '2026-11-23T09:00:00Z');
    weekTwoMarkdown = await report(
      ['--previous', 'reports/week-1.json', '--snapshot', 'reports/week-2.json', '--link', 'https://ci.example.test/runs/2'],
      '2026-11-23T12:00:00Z',
    );
  });

  afterAll(() => repository.remove());

  it('says there is nothing to compare with on the first run', () => {
    expect(unescapeMarkdown(weekOneMarkdown)).toContain('**2 open findings**: 0 errors, 2 warnings, 0 notes; 0 suppressed.');
    expect(unescapeMarkdown(weekOneMarkdown)).toContain('No comparison with a previous report: no previous snapshot was given (--previous).');
  });

  it('counts new, fixed and unchanged findings by fingerprint, not by line', () => {
    const text = unescapeMarkdown(weekTwoMarkdown);
    expect(text).toContain('Since the previous report (2026-11-16): **1 new**, **1 fixed**, 1 unchanged.');
    const changes = tableUnder(weekTwoMarkdown, '### New and fixed since the previous report');
    expect(changes).toEqual([
      ['new', 'unjustified-suppression', 'warning', 'src/flags.ts:9'],
      ['fixed', 'unjustified-suppression', 'warning', 'src/flags.ts:1'],
    ]);
    const byRule = tableUnder(weekTwoMarkdown, '## Findings by rule');
    expect(byRule.find((row) => row[0] === 'unjustified-suppression')).toEqual(['unjustified-suppression', '0', '2', '0', '0', '+1', '−1']);
  });

  it('carries the trend from one snapshot to the next', () => {
    const trend = tableUnder(weekTwoMarkdown, '## Trend');
    expect(trend.map((row) => row.slice(0, 6))).toEqual([
      ['2026-11-16', '2', '0', '2', '0', '0'],
      ['2026-11-23', '2', '0', '2', '0', '0'],
    ]);
    const snapshot = parseSnapshot(readFileSync(path.join(repository.root, 'reports/week-2.json'), 'utf8'));
    expect(snapshot.history.map((point) => [point.date, point.open])).toEqual([
      ['2026-11-16', 2],
      ['2026-11-23', 2],
    ]);
    expect(snapshot.findings.map((finding) => `${finding.file}:${finding.line}`)).toEqual(['src/flags.ts:5', 'src/flags.ts:9']);
  });

  it('dates each suppression from git blame of its directive line', () => {
    const suppressions = tableUnder(weekTwoMarkdown, '## Suppressions');
    expect(suppressions).toEqual([
      ['src/flags.ts:3', 'proxy-attribute', 'postcode only picks the nearest warehouse', '0', '0 days (since 2026-11-23)'],
      ['src/flags.ts:5', 'sensitive-attribute', '**no reason: suppresses nothing**', '0', '7 days (since 2026-11-16)'],
      ['src/flags.ts:7', 'missing-consent', 'consent is collected at sign-up (ticket PRIV-7)', '0', '7 days (since 2026-11-16)'],
      ['src/flags.ts:9', 'retention-mismatch', '**no reason: suppresses nothing**', '0', '0 days (since 2026-11-23)'],
    ]);
  });

  it('marks a directive written after the last commit as not committed yet', async () => {
    repository.write({ 'src/flags.ts': `${weekTwo}// profilint-disable-next-line proxy-attribute -- draft\nexport const draft = 4;\n` });
    const markdown = await report([], '2026-11-24T12:00:00Z');
    const suppressions = tableUnder(markdown, '## Suppressions');
    expect(suppressions.at(-1)).toEqual(['src/flags.ts:11', 'proxy-attribute', 'draft', '0', 'not committed yet']);
    expect(suppressions[1]).toEqual(['src/flags.ts:5', 'sensitive-attribute', '**no reason: suppresses nothing**', '0', '8 days (since 2026-11-16)']);
    repository.write({ 'src/flags.ts': weekTwo });
  });

  it('writes the same bytes when run twice on the same commit', async () => {
    const args = ['--previous', 'reports/week-1.json', '--link', 'https://ci.example.test/runs/2'];
    const again = await report(args, '2026-11-23T12:00:00Z');
    expect(again).toBe(weekTwoMarkdown);
    await runReportCommand([...args, '--format', 'html', '--output', 'reports/a.html'], { cwd: repository.root, now: new Date('2026-11-23T12:00:00Z') });
    await runReportCommand([...args, '--format', 'html', '--output', 'reports/b.html'], { cwd: repository.root, now: new Date('2026-11-23T12:00:00Z') });
    expect(readFileSync(path.join(repository.root, 'reports/a.html'), 'utf8')).toBe(readFileSync(path.join(repository.root, 'reports/b.html'), 'utf8'));
  });

  it('links the full report it was given', () => {
    expect(weekTwoMarkdown).toContain('Full report: [https\\:\\/\\/ci\\.example\\.test\\/runs\\/2](https://ci.example.test/runs/2)');
  });

  it('reports a broken previous snapshot in the report instead of failing', async () => {
    repository.write({ 'reports/broken.json': '{"profilintReportSnapshot": 1, "generatedAt": "yesterday"' });
    const markdown = await report(['--previous', 'reports/broken.json'], '2026-11-23T12:00:00Z');
    expect(unescapeMarkdown(markdown)).toMatch(/No comparison with a previous report: the previous snapshot reports\/broken\.json could not be read: not JSON/);
    const missing = await report(['--previous', 'reports/none.json'], '2026-11-23T12:00:00Z');
    expect(unescapeMarkdown(missing)).toContain('there is no previous snapshot at reports/none.json (the first report starts the trend).');
  });

  it('rejects an unknown format and a link that is not a URL as usage errors', async () => {
    await expect(runReportCommand(['--format', 'pdf'], { cwd: repository.root })).rejects.toThrow('--format "pdf" is not a report format.');
    await expect(runReportCommand(['--link', 'javascript:alert(1)'], { cwd: repository.root })).rejects.toThrow('is not an http(s) URL');
  });
});

describe('baseline entries in the report', () => {
  let repository: TestRepository;

  beforeAll(async () => {
    repository = createTestRepository();
    repository.write({ 'profilint.config.yaml': onlySuppressionRule, 'src/flags.ts': weekTwo });
    repository.commit('Feature flags', '2026-11-09T09:00:00Z');
    await scan({ cwd: repository.root, paths: [], writeBaselineFile: 'profilint-baseline.json', now: new Date('2026-11-16T09:00:00Z') });
    repository.commit('Accept the current findings', '2026-11-16T09:00:00Z');
    // The cache directive gets its reason: its baseline entry no longer matches anything.
    repository.write({ 'src/flags.ts': weekTwo.replace('retention-mismatch\n', 'retention-mismatch -- the cache holds no personal data\n') });
    repository.commit('Explain the cache', '2026-11-23T09:00:00Z');
  });

  afterAll(() => repository.remove());

  it('lists the baseline as one suppression dated by its oldest entry, and its stale entries', async () => {
    let markdown = '';
    await runReportCommand(['--baseline', 'profilint-baseline.json'], {
      cwd: repository.root,
      now: new Date('2026-11-30T12:00:00Z'),
      writeStdout: (text) => (markdown += text),
    });
    const baselineRows = tableUnder(markdown, '## Suppressions').filter((row) => row[0]!.endsWith('(baseline)'));
    expect(baselineRows.map((row) => [row[0]!.replace(/:\d+ /, ':<line> '), ...row.slice(1)])).toEqual([
      ['profilint-baseline.json:<line> (baseline)', 'unjustified-suppression', 'baseline', '1', '14 days (since 2026-11-16)'],
    ]);
    const text = unescapeMarkdown(markdown);
    expect(text).toContain('**0 open findings**: 0 errors, 0 warnings, 0 notes; 1 suppressed.');
    expect(text).toMatch(/### Stale baseline entries\n\n- src\/flags\.ts: Baseline entry for unjustified-suppression no longer matches a finding/);
  });
});
