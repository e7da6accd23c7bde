import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltCli, runCli, type CliRun } from '../bad-input/run-cli.js';
import { createTempRepo, type TempRepo } from '../helpers/temp-repo.js';
import { crossFileRepository } from './cross-file-repository.js';

// lint-staged runs `profilint <absolute paths of staged files>` from the repository root, in chunks;
// pre-commit runs it with repository-relative paths. Both must give CI's findings on those files.
let repo: TempRepo | undefined;
afterEach(() => repo?.remove());
beforeAll(requireBuiltCli);

interface ReportedFinding {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  fingerprint: string;
}

// A loaded CI machine can take longer than the default 10 s over one file; a skipped file would lose its findings.
const slowMachineConfig = { 'profilint.config.yaml': 'fileTimeout: 120000\n' };

function findingsOf(run: CliRun): string[] {
  expect(run.stderr).toBe('');
  const report = JSON.parse(run.stdout) as { findings: ReportedFinding[]; notices: unknown[] };
  expect(report.notices).toEqual([]);
  return report.findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.ruleId} ${finding.fingerprint}`);
}

describe('profilint run the way lint-staged runs it', { timeout: 300_000 }, () => {
  it('gives the same findings and exit code for absolute and repository-relative paths, and CI’s on those files', () => {
    repo = createTempRepo({ ...crossFileRepository, ...slowMachineConfig }, { git: true });
    repo.commitAll('a cross-file repository');
    // The staged change: the model gets the customer's age (its consent check and spec are in files not
    // staged), and the feature row, whose model is in a file not staged, gets a version.
    repo.write({
      'src/features/rows.ts': `${crossFileRepository['src/features/rows.ts']!}export const rowVersion = 2;\n`,
      'src/scoring/model.ts': crossFileRepository['src/scoring/model.ts']!.replace(/tenureMonths: number \}/, 'tenureMonths: number; age: number }').replace(
        '[[customer.tenureMonths]]',
        '[[customer.tenureMonths, customer.age]]',
      ),
    });
    repo.git('add', '--all');
    const staged = ['src/scoring/model.ts', 'src/features/rows.ts'];
    const absolute = staged.map((file) => path.join(repo!.root, file));

    const ci = runCli(['-f', 'json'], { cwd: repo.root });
    const onStaged = findingsOf(ci).filter((finding) => staged.some((file) => finding.startsWith(`${file}:`)));
    expect(onStaged.map((finding) => finding.split(' ').slice(0, 2).join(' '))).toEqual([
      'src/features/rows.ts:2:43 sensitive-attribute',
      'src/scoring/model.ts:5:70 sensitive-attribute',
    ]);

    const lintStaged = runCli(['-f', 'json', ...absolute], { cwd: repo.root });
    const preCommit = runCli(['-f', 'json', ...staged], { cwd: repo.root });
    const fromSubfolder = runCli(['-f', 'json', ...absolute], { cwd: path.join(repo.root, 'src', 'features') });
    const stagedContent = runCli(['-f', 'json', '--staged', ...absolute], { cwd: repo.root });
    for (const run of [lintStaged, preCommit, fromSubfolder, stagedContent]) {
      expect(run.status).toBe(1);
      expect(findingsOf(run)).toEqual(onStaged);
    }
  });

  it('gives, over absolute paths split into chunks, the findings of one run', () => {
    repo = createTempRepo({ ...crossFileRepository, ...slowMachineConfig }, { git: true });
    repo.commitAll('a cross-file repository');
    const absolute = Object.keys(crossFileRepository)
      .sort()
      .map((file) => path.join(repo!.root, file));
    const whole = findingsOf(runCli(['-f', 'json', ...absolute], { cwd: repo.root }));
    const chunks = [absolute.slice(0, 3), absolute.slice(3, 6), absolute.slice(6)].map((chunk) => findingsOf(runCli(['-f', 'json', ...chunk], { cwd: repo!.root })));
    expect(whole).toHaveLength(2);
    expect(chunks.flat().sort()).toEqual([...whole].sort());
  });
});
