import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTempRepo, type TempRepo } from '../helpers/temp-repo.js';
import { findingKeys, noticesFor, onlySensitiveAttributeConfig, readJsonReport, requireBuiltCli, runCli, scoringSource } from './run-cli.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.remove());
beforeAll(requireBuiltCli);

/**
 * About 24 MB of TypeScript that profiles (so the prefilter sends it to the parser): parsing and walking it
 * takes far longer than the 3 s budget below on any machine.
 */
function slowSource(): string {
  const line = 'export const customerLifetimeValueBucket0000000 = computeBucket(customerSegmentInput, [1, 2, 3], { tier: "gold" });\n';
  return `${scoringSource('scoreSlowly')}${line.repeat(Math.ceil((24 * 1024 * 1024) / line.length))}`;
}

describe('the per-file time budget', { timeout: 300_000 }, () => {
  it('reports a file whose analysis exceeds fileTimeout as skipped with the reason, and the others normally', () => {
    repo = createTempRepo(
      {
        // The slow file sorts after score.ts, so the one worker has started (and the budget is warm) when it
        // arrives; zzz-after.ts waits behind it in that worker and must be handed to its replacement.
        'profilint.config.yaml': `${onlySensitiveAttributeConfig}maxFileSize: 40000000\nfileTimeout: 3000\n`,
        'src/score.ts': scoringSource(),
        'src/zz-slow.ts': slowSource(),
        'src/zzz-after.ts': scoringSource('scoreAfter'),
      },
      { git: true },
    );
    const started = Date.now();
    const run = runCli(['--format', 'json', '--jobs', '1'], { cwd: repo.root, timeoutMs: 180_000 });
    expect(run.signal).toBeNull();
    expect(Date.now() - started).toBeLessThan(120_000);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const report = readJsonReport(run);
    expect(findingKeys(report)).toEqual(['src/score.ts:3 sensitive-attribute', 'src/zzz-after.ts:3 sensitive-attribute']);
    expect(noticesFor(report, 'src/zz-slow.ts')).toEqual([
      expect.objectContaining({ kind: 'timeout', level: 'warning', message: expect.stringMatching(/took longer than 3 s.*fileTimeout/) }),
    ]);
  });
});
