import { cpSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashText } from '../src/extract/file-facts.js';
import { scan } from '../src/scan.js';
import type { ScanOptions, ScanResult } from '../src/types.js';
import { createTempRepo, type TempRepo } from './helpers/temp-repo.js';
import { scoringSource } from './bad-input/run-cli.js';

// A warm scan of the whole repository may repeat the last scan's analysis instead of running the rules again.
// These cases change, between two scans, each thing besides the files that decides what the rules find, and
// require the second report to be the one a scan without a cache gives.
let repo: TempRepo | undefined;
afterEach(() => repo?.remove());

const spec = (lastRun: string): string => `profilint: 1
pipeline: churn
owner: growth@acme.example
features:
  - name: tenure_months
  - name: age_band
    justification: Age-restricted offers.
fairnessAudit:
  report: docs/fairness/churn.md
  lastRun: ${lastRun}
  every: P180D
`;

const files = {
  'specs/churn.profiling.yaml': spec('2026-06-02'),
  'docs/fairness/churn.md': '# Churn fairness audit\n',
  'src/score.ts': scoringSource(),
  'src/cart/total.ts': 'export const total = (prices: number[]) => prices.reduce((sum, price) => sum + price, 0);\n',
};

function warmScan(options: Partial<ScanOptions> = {}): Promise<ScanResult> {
  return scan({ cwd: repo!.root, paths: [], now: new Date('2026-11-29T12:00:00Z'), cache: true, cacheLocation: '.cache', includeFacts: false, ...options });
}

async function scanWithoutCache(options: Partial<ScanOptions> = {}): Promise<string> {
  const result = await scan({ cwd: repo!.root, paths: [], now: new Date('2026-11-29T12:00:00Z'), includeFacts: false, ...options });
  return JSON.stringify(result);
}

const auditFindings = (result: ScanResult): string[] =>
  result.findings.filter((finding) => finding.ruleId === 'missing-bias-audit').map((finding) => finding.messageId);

describe('a warm scan of the whole repository', { timeout: 120_000 }, () => {
  it('gives what a scan without a cache gives, and keeps its last analysis in the cache folder', async () => {
    repo = createTempRepo(files, { git: true });
    repo.commitAll('first');
    const cold = await warmScan();
    expect(existsSync(path.join(repo.root, '.cache', 'last-scan.json'))).toBe(true);
    const warm = await warmScan();
    expect(JSON.stringify(warm)).toBe(JSON.stringify(cold));
    expect(JSON.stringify(warm)).toBe(await scanWithoutCache());
    expect(warm.findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`)).toContain('src/score.ts:3 sensitive-attribute');
  });

  it('works the same in a folder outside git, where every file is read and hashed', async () => {
    repo = createTempRepo(files);
    const cold = await warmScan();
    expect(JSON.stringify(await warmScan())).toBe(JSON.stringify(cold));
    repo.write({ 'src/cart/total.ts': scoringSource('total') });
    const changed = await warmScan();
    expect(changed.findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`)).toContain('src/cart/total.ts:3 sensitive-attribute');
    expect(JSON.stringify(changed)).toBe(await scanWithoutCache());
  });

  it('judges an audit by the day it runs on, with nothing else changed', async () => {
    repo = createTempRepo(files, { git: true });
    repo.commitAll('first');
    expect(auditFindings(await warmScan())).toEqual([]);
    const nextDay = { now: new Date('2026-11-30T08:00:00Z') };
    const stale = await warmScan(nextDay);
    expect(auditFindings(stale)).toEqual(['staleAudit']);
    expect(JSON.stringify(stale)).toBe(await scanWithoutCache(nextDay));
  });

  it('looks again for a report the last scan found, or did not find, when only that file changed', async () => {
    repo = createTempRepo(files, { git: true });
    repo.commitAll('first');
    expect(auditFindings(await warmScan())).toEqual([]);
    rmSync(path.join(repo.root, 'docs/fairness/churn.md'));
    expect(auditFindings(await warmScan())).toEqual(['auditReportMissing']);
    repo.write({ 'docs/fairness/churn.md': '# Churn fairness audit, again\n' });
    expect(auditFindings(await warmScan())).toEqual([]);
  });

  it('runs the rules again when a rule is configured differently', async () => {
    repo = createTempRepo(files, { git: true });
    repo.commitAll('first');
    expect((await warmScan()).findings.some((finding) => finding.ruleId === 'sensitive-attribute')).toBe(true);
    const off = await warmScan({ ruleOverrides: { 'sensitive-attribute': 'off' } });
    expect(off.findings.some((finding) => finding.ruleId === 'sensitive-attribute')).toBe(false);
    repo.write({ 'profilint.config.yaml': 'rules:\n  sensitive-attribute: warning\n' });
    expect((await warmScan()).findings.find((finding) => finding.ruleId === 'sensitive-attribute')?.severity).toBe('warning');
  });

  it('gives the facts to a caller that asks for them', async () => {
    repo = createTempRepo(files, { git: true });
    repo.commitAll('first');
    await warmScan();
    const withFacts = await warmScan({ includeFacts: true });
    expect(withFacts.facts?.find((facts) => facts.file === 'src/score.ts')?.code?.sinks.length).toBeGreaterThan(0);
    expect((await warmScan()).facts).toBeUndefined();
  });
});

describe("git's blob id as the content hash", { timeout: 120_000 }, () => {
  it('stands for a clean tracked file on a cold scan; a changed or untracked file, or one whose bytes are not its text, is hashed from its text', async () => {
    const byteOrderMark = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(scoringSource('withMark'))]);
    repo = createTempRepo({ ...files, 'src/marked.ts': byteOrderMark }, { git: true });
    repo.commitAll('first');
    repo.write({ 'src/cart/total.ts': `${files['src/cart/total.ts']}// edited\n`, 'src/new.ts': scoringSource('fresh') });
    const blobOf = (file: string): string => repo!.git('rev-parse', `:${file}`).trim();

    const result = await scan({ cwd: repo.root, paths: [], now: new Date('2026-11-29T12:00:00Z') });
    const hashOf = (file: string): string | undefined => result.facts?.find((facts) => facts.file === file)?.hash;
    expect(hashOf('src/score.ts')).toBe(blobOf('src/score.ts'));
    expect(hashOf('specs/churn.profiling.yaml')).toBe(blobOf('specs/churn.profiling.yaml'));
    expect(hashOf('src/cart/total.ts')).toBe(hashText(`${files['src/cart/total.ts']}// edited\n`));
    expect(hashOf('src/cart/total.ts')).not.toBe(blobOf('src/cart/total.ts'));
    expect(hashOf('src/new.ts')).toBe(hashText(scoringSource('fresh')));
    expect(hashOf('src/marked.ts')).toBe(hashText(scoringSource('withMark')));
    expect(hashOf('src/marked.ts')).not.toBe(blobOf('src/marked.ts'));

    // The same files outside git give the same report.
    const copy = createTempRepo();
    cpSync(repo.root, copy.root, { recursive: true, filter: (source) => path.basename(source) !== '.git' });
    const outside = await scan({ cwd: copy.root, paths: [], now: new Date('2026-11-29T12:00:00Z') });
    copy.remove();
    expect(JSON.stringify(outside.findings)).toBe(JSON.stringify(result.findings));
    expect(JSON.stringify(outside.notices)).toBe(JSON.stringify(result.notices));
  });

  it('keeps reporting, warm, a committed file that is not valid UTF-8', async () => {
    const invalid = Buffer.concat([Buffer.from('export const name = "'), Buffer.from([0xc3, 0x28]), Buffer.from('";\n')]);
    repo = createTempRepo({ ...files, 'src/latin1.ts': invalid }, { git: true });
    repo.commitAll('first');
    const cold = await warmScan();
    expect(cold.notices.map((notice) => `${notice.file}:${notice.line} ${notice.kind}`)).toContain('src/latin1.ts:1 parse-error');
    const warm = await warmScan();
    expect(JSON.stringify(warm.notices)).toBe(JSON.stringify(cold.notices));
  });
});
