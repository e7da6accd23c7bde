import path from 'node:path';
import type * as Sarif from 'sarif';
import { describe, expect, it } from 'vitest';
import { formatReport } from '../../src/report/index.js';
import { scan } from '../../src/scan.js';
import { validateWithMultitool, validateWithSchema } from './validate-sarif.js';

const repositoryRoot = path.resolve(import.meta.dirname, '../..');

describe('SARIF of the example project', () => {
  it("passes Microsoft's SARIF Multitool (Gh;Sarif) and the SARIF 2.1.0 schema with no errors", async () => {
    const result = await scan({ cwd: repositoryRoot, paths: ['examples/shop'], now: new Date('2026-11-30T12:00:00Z') });
    const sarif = formatReport('sarif', result, { color: false });
    const run = (JSON.parse(sarif) as Sarif.Log).runs[0];
    expect(run?.results?.length).toBeGreaterThan(0);
    expect(run?.results?.every((result) => result.locations?.[0]?.physicalLocation?.artifactLocation?.uri?.startsWith('examples/shop/'))).toBe(true);
    expect(validateWithMultitool(sarif).filter((problem) => problem.level === 'error')).toEqual([]);
    expect(validateWithSchema(sarif)).toEqual([]);
  });
});
