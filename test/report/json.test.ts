import { describe, expect, it } from 'vitest';
import { formatReport } from '../../src/report/index.js';
import { cleanResult, fixtureFindings, fixtureResult } from './scan-result.fixture.js';

describe('json reporter', () => {
  it('matches the snapshot', async () => {
    await expect(formatReport('json', fixtureResult, { color: false })).toMatchFileSnapshot('__snapshots__/report.json');
  });

  it('has the documented top-level shape with a version', () => {
    const report = JSON.parse(formatReport('json', fixtureResult, { color: false })) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(['version', 'tool', 'summary', 'rules', 'findings', 'notices']);
    expect(report.version).toBe(1);
    expect(report.tool).toEqual({ name: 'profilint', version: '0.1.0' });
    expect(report.summary).toEqual({ filesScanned: 12, filesParsed: 5, errors: 4, warnings: 1, notes: 0, suppressed: 2, notices: 3 });
  });

  it('gives every finding the same keys, nulls for what is absent, and keeps suppressed ones', () => {
    const report = JSON.parse(formatReport('json', fixtureResult, { color: false })) as { findings: Array<Record<string, unknown>> };
    const keys = ['ruleId', 'severity', 'message', 'messageId', 'data', 'file', 'line', 'column', 'endLine', 'endColumn', 'category', 'related', 'fingerprint', 'suppression'];
    for (const finding of report.findings) expect(Object.keys(finding)).toEqual(keys);
    expect(report.findings.map((finding) => finding.fingerprint)).toEqual(fixtureFindings.map((finding) => finding.fingerprint));
    expect(report.findings[0]?.related).toEqual([]);
    expect(report.findings[2]?.category).toBeNull();
    expect(report.findings[4]?.suppression).toEqual({
      kind: 'inSource',
      justification: 'Audited in FAIR-12; see docs/fairness.md.',
      file: 'src/pipeline.ts',
      line: 13,
    });
  });

  it('round-trips hostile text exactly while writing invisible characters as escapes', () => {
    const text = formatReport('json', fixtureResult, { color: false });
    expect(text).not.toMatch(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    const report = JSON.parse(text) as { findings: Array<{ message: string; file: string }>; notices: Array<{ file: string | null }> };
    expect(report.findings[6]).toMatchObject({ message: fixtureFindings[6]?.message, file: fixtureFindings[6]?.file });
    expect(report.notices[1]?.file).toBe('data/huge \u001b[2Jfile.yaml');
    expect(report.notices[2]?.file).toBeNull();
  });

  it('reports a clean scan with empty lists', () => {
    const report = JSON.parse(formatReport('json', cleanResult, { color: false })) as { findings: unknown[]; notices: unknown[]; summary: Record<string, number> };
    expect(report.findings).toEqual([]);
    expect(report.notices).toEqual([]);
    expect(report.summary.errors).toBe(0);
  });
});
