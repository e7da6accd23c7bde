import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scan } from '../../src/scan.js';
import type { Finding, ScanOptions } from '../../src/types.js';
import { createTempRepo, type TempRepo } from '../helpers/temp-repo.js';
import { crossFileRepository } from './cross-file-repository.js';

// pre-commit and lint-staged scan a few files; CI scans everything. On the same lines they must agree.
let repo: TempRepo | undefined;
afterEach(() => repo?.remove());

const now = new Date('2026-11-30T12:00:00Z');
const files = Object.keys(crossFileRepository).sort();

async function findingsOf(options: Partial<ScanOptions>): Promise<string[]> {
  const result = await scan({ cwd: repo!.root, paths: [], now, ...options });
  return result.findings.map(summarize);
}

function summarize(finding: Finding): string {
  return `${finding.file}:${finding.line}:${finding.column} ${finding.ruleId}/${finding.messageId} ${finding.fingerprint}`;
}

function committedRepository(): TempRepo {
  const created = createTempRepo(crossFileRepository, { git: true });
  created.commitAll('a cross-file repository');
  return created;
}

describe('scanning some files of a repository', { timeout: 300_000 }, () => {
  it('reports on each file what the full scan reports on it, reading the callers and specs that decide it', async () => {
    repo = committedRepository();
    const full = await findingsOf({});
    // The repository is built so that these verdicts need other files: rows.ts feeds a model in train.ts,
    // model.ts is guarded two imports away and linked to its spec.
    expect(full.map((line) => line.split(' ').slice(0, 2).join(' '))).toEqual([
      'src/features/rows.ts:2:43 sensitive-attribute/sensitiveInput',
      'src/features/train.ts:5:10 missing-consent/missingConsent',
    ]);
    for (const file of files) {
      expect(await findingsOf({ paths: [file] }), file).toEqual(full.filter((line) => line.startsWith(`${file}:`)));
    }
  });

  it('holds code a spec claims by profiling.paths to that spec, as the full scan does', async () => {
    repo = createTempRepo(
      {
        'specs/churn.profiling.yaml': "profilint: 1\npipeline: churn-propensity\nprofiling:\n  paths: ['services/churn/**']\nowner: growth@example.com\npurpose: Retention offers.\nlawfulBasis: legitimate-interests\nretention: P30D\n",
        'services/churn/cache.ts':
          "import Redis from 'ioredis';\nconst redis = new Redis();\nexport async function cacheScore(id: string, churnScore: number) {\n  await redis.set(`churn:${id}`, String(churnScore), 'EX', 60 * 60 * 24 * 365);\n}\n",
      },
      { git: true },
    );
    repo.commitAll('a spec claiming a folder');
    const full = await findingsOf({});
    expect(full.map((line) => line.split(' ').slice(0, 2).join(' '))).toEqual(['services/churn/cache.ts:4:54 retention-mismatch/expiryExceedsSpec']);
    expect(await findingsOf({ paths: ['services/churn/cache.ts'] })).toEqual(full.filter((line) => line.startsWith('services/churn/cache.ts:')));
    // pre-commit: the file staged with an edit, the spec untouched.
    writeFileSync(path.join(repo.root, 'services/churn/cache.ts'), `${readFileSync(path.join(repo.root, 'services/churn/cache.ts'), 'utf8')}// cached for a year\n`);
    repo.git('add', 'services/churn/cache.ts');
    expect(await findingsOf({ staged: true })).toEqual(await findingsOf({}));
  });

  it('reads the same context in a folder outside git', async () => {
    repo = createTempRepo(crossFileRepository);
    const full = await findingsOf({});
    for (const file of ['src/scoring/model.ts', 'src/features/rows.ts']) {
      expect(await findingsOf({ paths: [file] }), file).toEqual(full.filter((line) => line.startsWith(`${file}:`)));
    }
  });

  it('gives the same findings for absolute paths (lint-staged), repository-relative ones (pre-commit) and from a subfolder', async () => {
    repo = committedRepository();
    const targets = ['src/scoring/model.ts', 'src/features/rows.ts', 'specs/churn.profiling.yaml'];
    const relative = await findingsOf({ paths: targets });
    expect(relative).toHaveLength(1);
    expect(await findingsOf({ paths: targets.map((file) => path.join(repo!.root, file)) })).toEqual(relative);
    expect(await findingsOf({ cwd: path.join(repo.root, 'src'), paths: ['scoring/model.ts', 'features/rows.ts', '../specs/churn.profiling.yaml'] })).toEqual(
      relative,
    );
  });

  it('gives, over a file list split into several runs, the findings of one run over the whole list', async () => {
    repo = committedRepository();
    // Staged edits: model.ts feeds the customer's age to the model, train.ts checks consent first, rows.ts
    // drops its sensitive column…
    repo.write({
      'src/scoring/model.ts': crossFileRepository['src/scoring/model.ts']!.replace(/tenureMonths: number \}/, 'tenureMonths: number; age: number }').replace(
        '[[customer.tenureMonths]]',
        '[[customer.tenureMonths, customer.age]]',
      ),
      'src/features/train.ts': crossFileRepository['src/features/train.ts']!
        .replace("import { toFeatureRow } from './rows';", "import { toFeatureRow } from './rows';\nimport { hasConsent } from '../consent';")
        .replace('  return model.predict', "  if (!hasConsent('batch', 'profiling')) return undefined;\n  return model.predict"),
      'src/features/rows.ts': crossFileRepository['src/features/rows.ts']!.replace("customer.gender === 'f' ? 1 : 0", '1'),
    });
    repo.git('add', '--all');
    // …and an unstaged edit puts the column back, which --staged must not see.
    repo.write({ 'src/features/rows.ts': crossFileRepository['src/features/rows.ts']! });
    const whole = await findingsOf({ staged: true, paths: files });
    expect(whole.map((line) => line.split(' ').slice(0, 2).join(' '))).toEqual(['src/scoring/model.ts:5:70 sensitive-attribute/sensitiveInput']);
    // Only staged files are scanned with --staged; the split runs pass every file, as pre-commit would.
    const firstHalf = await findingsOf({ staged: true, paths: files.slice(0, 4) });
    const secondHalf = await findingsOf({ staged: true, paths: files.slice(4) });
    expect([...firstHalf, ...secondHalf].sort()).toEqual([...whole].sort());
  });

  it('keeps baseline entries of files it only read for context, and reports none of them stale', async () => {
    repo = committedRepository();
    const baselineFile = path.join(repo.root, 'profilint-baseline.json');
    await scan({ cwd: repo.root, paths: [], now, writeBaselineFile: baselineFile });
    const partial = await scan({ cwd: repo.root, paths: ['src/features/rows.ts'], now, baselineFile });
    expect(partial.findings.map((finding) => `${finding.file} ${finding.suppression?.kind}`)).toEqual(['src/features/rows.ts external']);
    expect(partial.notices).toEqual([]);
    expect(partial.filesScanned).toBe(1);
  });
});
