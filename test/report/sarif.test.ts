import type * as Sarif from 'sarif';
import { describe, expect, it } from 'vitest';
import { formatReport } from '../../src/report/index.js';
import { maxSarifResults } from '../../src/report/sarif.js';
import type { Finding, RuleDescriptor, ScanResult } from '../../src/types.js';
import { cleanResult, fixtureFindings, fixtureResult, hostileFile } from './scan-result.fixture.js';
import { validateWithMultitool, validateWithSchema } from './validate-sarif.js';

function toSarif(result: ScanResult): string {
  return formatReport('sarif', result, { color: false });
}

function parse(sarif: string): Sarif.Log & { runs: [Sarif.Run] } {
  return JSON.parse(sarif) as Sarif.Log & { runs: [Sarif.Run] };
}

describe('sarif reporter', () => {
  it('matches the snapshot', async () => {
    await expect(toSarif(fixtureResult)).toMatchFileSnapshot('__snapshots__/report.sarif');
  });

  it("passes Microsoft's SARIF Multitool with GitHub's and the spec's rules, without errors or warnings", () => {
    expect(validateWithMultitool(toSarif(fixtureResult))).toEqual([]);
    expect(validateWithMultitool(toSarif(cleanResult))).toEqual([]);
  });

  it('is valid against the SARIF 2.1.0 JSON Schema', () => {
    expect(validateWithSchema(toSarif(fixtureResult))).toEqual([]);
    expect(validateWithSchema(toSarif(cleanResult))).toEqual([]);
  });

  it('the validators reject a broken log, so the checks above can fail', () => {
    const log = parse(toSarif(fixtureResult));
    const result = log.runs[0].results?.[0] as Sarif.Result;
    result.message = {};
    (result.locations as Sarif.Location[])[0] = {
      physicalLocation: { artifactLocation: { uri: 'C:\\Users\\dev\\a b.ts' }, region: { startLine: 0 } },
    };
    delete log.runs[0].tool.driver.rules?.[0]?.help;
    const broken = JSON.stringify(log);
    expect(validateWithMultitool(broken).filter((problem) => problem.level === 'error').map((problem) => problem.ruleId)).toEqual(
      expect.arrayContaining(['JSON1008', 'GH1015', 'GH2012', 'SARIF1002']),
    );
    expect(validateWithSchema(broken)).toEqual(
      expect.arrayContaining(['/runs/0/results/0/locations/0/physicalLocation/region/startLine must be >= 1']),
    );
    // The Multitool silently accepts a log it cannot deserialize; only the schema catches this one.
    const unknownLevel = JSON.parse(toSarif(fixtureResult)) as Sarif.Log;
    (unknownLevel.runs[0]?.results?.[0] as { level: string }).level = 'critical';
    expect(validateWithSchema(JSON.stringify(unknownLevel))).toEqual(
      expect.arrayContaining(['/runs/0/results/0/level must be equal to one of the allowed values']),
    );
  });

  it('describes every enabled rule as GitHub requires and points results at them', () => {
    const run = parse(toSarif(fixtureResult)).runs[0];
    expect(run.tool.driver).toMatchObject({ name: 'profilint', version: '0.1.0', informationUri: 'https://github.com/profilint/profilint' });
    const rules = run.tool.driver.rules ?? [];
    expect(rules.map((rule) => rule.id)).toEqual(fixtureResult.rules.map((rule) => rule.id));
    for (const rule of rules) {
      expect(rule.fullDescription?.text).toBeTruthy();
      expect(rule.help?.text).toContain(rule.helpUri);
      expect(rule.help?.markdown).toContain('**Markdown**');
      expect(rule.properties?.tags).toEqual(['privacy', 'gdpr']);
    }
    // proxy-attribute is overridden from its default warning to error for this run.
    expect(rules[0]?.defaultConfiguration?.level).toBe('warning');
    expect(run.invocations?.[0]?.ruleConfigurationOverrides).toEqual([
      { descriptor: { id: 'proxy-attribute', index: 0 }, configuration: { level: 'error' } },
    ]);
    for (const result of run.results ?? []) {
      expect(rules[result.ruleIndex ?? -1]?.id).toBe(result.ruleId);
    }
  });

  it('locates results relative to %SRCROOT% with URI-encoded forward-slash paths and full regions', () => {
    const run = parse(toSarif(fixtureResult)).runs[0];
    const [yamlResult, codeResult, multiLineResult] = run.results ?? [];
    expect(yamlResult?.locations?.[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'specs/churn.profiling.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 12, startColumn: 5, endLine: 12, endColumn: 18 },
    });
    expect(multiLineResult?.locations?.[0]?.physicalLocation?.region).toEqual({ startLine: 5, startColumn: 3, endLine: 7, endColumn: 4 });
    expect(codeResult?.relatedLocations).toEqual([
      {
        id: 1,
        physicalLocation: { artifactLocation: { uri: 'src/pipeline.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 9, startColumn: 3 } },
        message: { text: 'model.predict() receives it here.' },
      },
      {
        id: 2,
        physicalLocation: { artifactLocation: { uri: 'specs/churn.profiling.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 2 } },
        message: { text: 'The spec of this pipeline.' },
      },
    ]);
    const hostile = (run.results ?? []).find((result) => result.partialFingerprints?.['profilint/v1'] === fixtureFindings[6]?.fingerprint);
    const uri = hostile?.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '';
    expect(uri).toBe('src/we!rd%20dir/%250A%3A%3Ax%2Cy%3Az%20%3Cb%3E%7C%60.ts');
    expect(decodeURIComponent(uri)).toBe(hostileFile);
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///home/dev/shop/' } });
  });

  it('keeps suppressed findings with an inSource or external suppression and its justification', () => {
    const results = parse(toSarif(fixtureResult)).runs[0].results ?? [];
    expect(results).toHaveLength(fixtureFindings.length);
    expect(results.filter((result) => result.suppressions !== undefined).map((result) => result.suppressions)).toEqual([
      [{ kind: 'inSource', justification: 'Audited in FAIR-12; see docs/fairness.md.' }],
      [{ kind: 'external', justification: 'Recorded in the baseline.' }],
    ]);
    expect(results.map((result) => result.partialFingerprints)).toEqual(
      fixtureFindings.map((finding) => ({ 'profilint/v1': finding.fingerprint })),
    );
  });

  it('reports notices as tool execution notifications of a successful invocation', () => {
    const invocation = parse(toSarif(fixtureResult)).runs[0].invocations?.[0];
    expect(invocation?.executionSuccessful).toBe(true);
    expect(invocation?.toolExecutionNotifications?.map((notification) => [notification.descriptor?.id, notification.level])).toEqual([
      ['parse-error', 'error'],
      ['skipped', 'warning'],
      ['git', 'note'],
    ]);
    expect(invocation?.toolExecutionNotifications?.[0]?.locations?.[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'src/broken.ts', uriBaseId: '%SRCROOT%' },
      region: { startLine: 4, startColumn: 2 },
    });
    expect(parse(toSarif({ ...cleanResult, rules: [] })).runs[0].invocations).toEqual([{ executionSuccessful: true }]);
  });

  it(`caps results at ${maxSarifResults}, keeping errors before warnings and notes, and says so`, () => {
    const many: Finding[] = Array.from({ length: maxSarifResults + 20 }, (_, index) => ({
      ...(fixtureFindings[1] as Finding),
      severity: index < 30 ? 'note' : index % 2 === 0 ? 'warning' : 'error',
      line: index + 1,
      endLine: index + 1,
      fingerprint: `f${index}`,
    }));
    const run = parse(toSarif({ ...cleanResult, findings: many })).runs[0];
    const results = run.results ?? [];
    expect(results).toHaveLength(maxSarifResults);
    // 30 notes come first in file order; the 20 dropped are the last of them.
    expect(results.filter((result) => result.level === 'note').map((result) => result.locations?.[0]?.physicalLocation?.region?.startLine)).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    );
    expect(results.filter((result) => result.level === 'error')).toHaveLength((maxSarifResults + 20 - 30) / 2);
    expect(results.map((result) => result.locations?.[0]?.physicalLocation?.region?.startLine)).toEqual(
      [...results.map((result) => result.locations?.[0]?.physicalLocation?.region?.startLine)].sort((a, b) => (a ?? 0) - (b ?? 0)),
    );
    expect(run.invocations?.[0]?.toolExecutionNotifications).toEqual([
      {
        descriptor: { id: 'capped' },
        level: 'warning',
        message: {
          text: `Only ${maxSarifResults} of ${maxSarifResults + 20} results are included, errors first: GitHub code scanning keeps at most ${maxSarifResults} per run. Use --format json for every finding.`,
        },
      },
    ]);
  });

  it('never writes a region GitHub would reject, even from a malformed finding', () => {
    const malformed: Finding = { ...(fixtureFindings[0] as Finding), line: 0, column: 0, endLine: 0, endColumn: 0 };
    const sarif = toSarif({ ...cleanResult, findings: [malformed] });
    expect(parse(sarif).runs[0].results?.[0]?.locations?.[0]?.physicalLocation?.region).toEqual({
      startLine: 1,
      startColumn: 1,
      endLine: 1,
      endColumn: 1,
    });
    expect(validateWithSchema(sarif)).toEqual([]);
  });
});

describe('sarif rule descriptions', () => {
  it('are never empty nor longer than GitHub accepts', () => {
    const rules = [{ ...(fixtureResult.rules[0] as RuleDescriptor), rationale: '', description: 'x'.repeat(1500) }];
    const driverRule = parse(toSarif({ ...cleanResult, rules })).runs[0].tool.driver.rules?.[0];
    expect(driverRule?.shortDescription?.text).toHaveLength(1024);
    expect(driverRule?.fullDescription?.text).toBe(driverRule?.shortDescription?.text);
  });
});
