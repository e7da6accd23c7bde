import { describe, expect, it } from 'vitest';
import { formatReport, isReportFormat, reportFormats } from '../../src/report/index.js';
import { describeRules } from '../../src/report/rule-descriptors.js';
import { rules } from '../../src/rules/index.js';
import type { ScanResult } from '../../src/types.js';
import { fixtureResult } from './scan-result.fixture.js';
import { validateWithMultitool, validateWithSchema } from './validate-sarif.js';

describe('formatReport', () => {
  it('knows exactly the five documented formats', () => {
    expect(reportFormats).toEqual(['stylish', 'json', 'sarif', 'github', 'markdown']);
    expect(reportFormats.every(isReportFormat)).toBe(true);
    expect(isReportFormat('html')).toBe(false);
    expect(isReportFormat('SARIF')).toBe(false);
  });

  it.each(reportFormats)('%s output is byte-identical across two runs and ends with a newline', (format) => {
    const first = formatReport(format, fixtureResult, { color: true });
    const second = formatReport(format, structuredClone(fixtureResult), { color: true });
    expect(second).toBe(first);
    expect(first.endsWith('\n')).toBe(true);
  });

  it.each(reportFormats)('%s output shows every notice', (format) => {
    // Markdown escapes punctuation with backslashes that GitHub does not display.
    const output = formatReport(format, fixtureResult, { color: false }).replace(/\\(?=[^\w\s])/g, '');
    expect(output).toContain('src/broken.ts');
    expect(output).toMatch(/Larger than 1 MiB/);
    expect(output).toMatch(/Not a git repository/);
  });

  it("describes profilint's real rules in SARIF that passes the Multitool and the schema", () => {
    const levels = Object.fromEntries(Object.values(rules).map((rule) => [rule.id, rule.severity]));
    const result: ScanResult = { ...fixtureResult, rules: describeRules(levels) };
    const sarif = formatReport('sarif', result, { color: false });
    expect(validateWithMultitool(sarif).filter((problem) => problem.level === 'error')).toEqual([]);
    expect(validateWithSchema(sarif)).toEqual([]);
  });
});
