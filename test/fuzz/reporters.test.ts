import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatReport, reportFormats, type ReportFormat } from '../../src/report/index.js';
import { describeRules } from '../../src/report/rule-descriptors.js';
import { rules } from '../../src/rules/index.js';
import type { Finding, RuleDescriptor, ScanNotice, ScanResult, Severity } from '../../src/types.js';
import { hostileFileNameArbitrary, hostileTextArbitrary, rawControlCharacter } from '../security/hostile-text.js';
import { fuzzSeed, runsFor, testTimeoutFor, withinBudget } from './fuzz-settings.js';

let descriptors: RuleDescriptor[];
beforeAll(() => {
  descriptors = describeRules(Object.fromEntries(Object.values(rules).map((rule) => [rule.id, rule.severity])));
});

const severity = fc.constantFrom<Severity>('error', 'warning', 'note');
const position = fc.integer({ min: 1, max: 100_000 });

const findingArbitrary: fc.Arbitrary<Finding> = fc
  .record({
    ruleId: fc.constantFrom(...Object.keys(rules)),
    severity,
    file: hostileFileNameArbitrary,
    line: position,
    column: position,
    span: fc.nat({ max: 5 }),
    message: hostileTextArbitrary,
    name: hostileTextArbitrary,
    related: fc.array(fc.record({ file: hostileFileNameArbitrary, line: position, message: hostileTextArbitrary }), { maxLength: 2 }),
    suppression: fc.option(
      fc.record({ kind: fc.constantFrom('inSource' as const, 'external' as const), justification: hostileTextArbitrary, file: hostileFileNameArbitrary, line: position }),
      { nil: undefined },
    ),
    fingerprint: fc.stringMatching(/^[0-9a-f]{32}$/),
  })
  .map(({ span, name, related, suppression, ...finding }) => ({
    ...finding,
    messageId: 'message',
    data: { name },
    endLine: finding.line + span,
    endColumn: finding.column + 3,
    ...(related.length > 0 ? { related } : {}),
    ...(suppression === undefined ? {} : { suppression }),
  }));

const noticeArbitrary: fc.Arbitrary<ScanNotice> = fc.record(
  {
    kind: fc.constantFrom('parse-error', 'unreadable', 'skipped', 'config', 'timeout', 'capped', 'stale-baseline', 'git'),
    level: severity,
    message: hostileTextArbitrary,
    file: hostileFileNameArbitrary,
    line: position,
    column: position,
  },
  { requiredKeys: ['kind', 'level', 'message'] },
);

const resultArbitrary: fc.Arbitrary<ScanResult> = fc
  .record({ findings: fc.array(findingArbitrary, { maxLength: 25 }), notices: fc.array(noticeArbitrary, { maxLength: 6 }) })
  .map(({ findings, notices }) => ({
    root: '/repo',
    toolVersion: '0.1.0',
    findings: [...findings].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line)),
    notices,
    rules: descriptors,
    filesScanned: findings.length + notices.length,
    filesParsed: findings.length,
  }));

/** What each format must guarantee whatever the scanned text contains. */
const contracts: Record<ReportFormat, (output: string, result: ScanResult) => void> = {
  stylish(output) {
    expect(output).not.toMatch(rawControlCharacter);
  },
  json(output, result) {
    const parsed = JSON.parse(output) as { findings: { message: string; file: string }[] };
    expect(parsed.findings.map((finding) => [finding.file, finding.message])).toEqual(result.findings.map((finding) => [finding.file, finding.message]));
    expect(output).not.toMatch(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
  },
  sarif(output, result) {
    const sarif = JSON.parse(output) as { runs: { results: { message: { text: string } }[] }[] };
    expect(sarif.runs).toHaveLength(1);
    expect(sarif.runs[0]!.results.length).toBe(result.findings.length);
  },
  github(output, result) {
    const lines = output.split('\n');
    expect(lines.at(-1)).toBe('');
    const commands = lines.filter((line) => line.startsWith('::'));
    const unsuppressed = result.findings.filter((finding) => finding.suppression === undefined).length;
    // Only profilint's own annotations are commands, and each one is a single well-formed line.
    expect(commands.length).toBeLessThanOrEqual(unsuppressed + result.notices.length);
    for (const command of commands) expect(command).toMatch(/^::(error|warning|notice) [^:\r]*::[^\r]*$/);
    // Everything else is a plain log line under profilint's own prefix.
    for (const line of lines.filter((candidate) => candidate !== '' && !candidate.startsWith('::'))) expect(line).toMatch(/^profilint: /);
    expect(output).not.toMatch(rawControlCharacter);
  },
  markdown(output) {
    const withoutOwnMarkup = output.replace(/<\/?(details|summary)>/g, '').replace(/<!-- profilint[^>]*-->/g, '');
    expect(withoutOwnMarkup).not.toMatch(/(^|[^\\])</m);
    expect(output).not.toMatch(/@(?!\u200b)[A-Za-z0-9]/);
    expect(output).not.toMatch(rawControlCharacter);
  },
};

describe('fuzzing every reporter with hostile scan results', () => {
  for (const format of reportFormats) {
    it(`${format}: never throws, and keeps hostile text inert`, { timeout: testTimeoutFor(30_000) }, async () => {
      await fc.assert(
        fc.asyncProperty(resultArbitrary, fc.boolean(), async (result, color) => {
          const output = await withinBudget(`formatReport(${format})`, () => formatReport(format, result, { color }));
          expect(typeof output).toBe('string');
          if (format === 'stylish' && color) {
            // Colour codes are profilint's own SGR sequences; every other escape byte was made visible.
            expect(output.replace(/\u001b\[\d+m/g, '')).not.toMatch(rawControlCharacter);
          } else {
            contracts[format](output, result);
          }
        }),
        { numRuns: runsFor(100), seed: fuzzSeed, endOnFailure: true },
      );
    });
  }

  it('renders 200,000 findings in every format without overflowing the stack', { timeout: testTimeoutFor(120_000) }, () => {
    const many: Finding[] = Array.from({ length: 200_000 }, (_, index) => ({
      ruleId: 'sensitive-attribute',
      severity: 'error',
      messageId: 'sensitiveInput',
      data: {},
      message: `\`age\` is an input number ${index}.`,
      file: `src/pipeline-${String(index % 50).padStart(2, '0')}.ts`,
      line: index + 1,
      column: 1,
      endLine: index + 1,
      endColumn: 4,
      fingerprint: index.toString(16).padStart(32, '0'),
    }));
    const result: ScanResult = { root: '/repo', toolVersion: '0.1.0', findings: many, notices: [], rules: descriptors, filesScanned: 50, filesParsed: 50 };
    for (const format of reportFormats) expect(formatReport(format, result, { color: false }).length, format).toBeGreaterThan(0);
  });
});
