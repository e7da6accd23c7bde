import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReportCommand } from '../../src/weekly/command.js';
import { analyze } from '../../src/analyze.js';
import { defaultConfig } from '../../src/config.js';
import { buildInventory } from '../../src/weekly/inventory.js';
import { buildWeeklyReport } from '../../src/weekly/report.js';
import type { Finding } from '../../src/types.js';
import { createTestRepository, type TestRepository } from './git-repository.js';
import { weekOneFiles, weekTwoFiles } from './fixture.js';
import { mermaidBlock, tableUnder, unescapeMarkdown } from './markdown-table.js';

describe('the inventory and data flow of a repository', () => {
  let repository: TestRepository;
  let markdown = '';

  beforeAll(async () => {
    repository = createTestRepository();
    repository.write(weekOneFiles);
    repository.commit('Churn pipeline and purchase tracking', '2026-11-16T09:00:00Z');
    repository.write(weekTwoFiles);
    repository.commit('Next best offer', '2026-11-23T09:00:00Z');
    await runReportCommand([], { cwd: repository.root, now: new Date('2026-11-23T12:00:00Z'), writeStdout: (text) => (markdown += text) });
  });

  afterAll(() => repository.remove());

  it('has one row per spec, per @profiling pipeline without a spec, and per untagged file with sinks', () => {
    const rows = tableUnder(markdown, '## Profiling inventory');
    expect(rows.map((row) => row[0]!.replace(/yaml:\d+$/, 'yaml:<line>'))).toEqual([
      '**churn-propensity**<br>specs/churn.profiling.yaml:<line>',
      '**next-best-offer**<br>src/offers/next-offer.ts<br>no spec found for this @profiling tag',
      '**src/marketing/audience.ts**<br>src/marketing/audience.ts',
    ]);
  });

  it('fills the spec row from the spec and the code linked to it', () => {
    const churn = tableUnder(markdown, '## Profiling inventory')[0]!;
    expect(churn.slice(1, 4)).toEqual([
      'growth-analytics@acme.example',
      'Offer retention discounts to customers likely to cancel.',
      'legitimate-interests',
    ]);
    expect(churn[4]!.split('<br>')).toContain('age_band → age (sensitive, justified)');
    expect(churn[5]).toBe('model.predict (ml-inference, consent checked)');
    expect(churn[7]).toBe('automated, human review, redress: https://acme.example/privacy/contest');
    expect(churn[8]).toBe('166 days old, due 2026-12-07 (in 14 days)');
  });

  it('compares retention declared in the spec with the store writes of the code', () => {
    const rows = tableUnder(markdown, '## Profiling inventory');
    expect(rows[0]![6]).toBe('declared: P180D (6 months); code: no store writes');
    expect(rows[1]![6]).toMatch(/^declared: not declared; code: 1 store write, 1 without expiry(, \d+ retention findings?)?$/);
  });

  it('lists the sinks of an untagged file with their consent status', () => {
    const audience = tableUnder(markdown, '## Profiling inventory')[2]!;
    expect(audience.slice(1, 4)).toEqual(['no spec', 'no spec', 'no spec']);
    expect(audience[5]).toBe('fbq → Meta Pixel (ads, third party, no consent check) ×2');
    // The directive with a reason suppresses sensitive-data-shared on that line: the attribute shows as suppressed.
    expect(audience[4]!.split('<br>')).toContainEqual(expect.stringMatching(/^religion.* \(sensitive, suppressed\)$/));
    expect(audience[8]).toBe('none declared');
  });

  it('lists the audit due within 30 days', () => {
    expect(tableUnder(markdown, '## Bias audits due').map((row) => row.map((cell) => cell.replace(/yaml:\d+$/, 'yaml:<line>')))).toEqual([
      ['churn-propensity', 'specs/churn.profiling.yaml:<line>', '2026-06-10', '166 days old, due 2026-12-07 (in 14 days)', 'docs/fairness/churn.md'],
    ]);
  });

  it('draws attributes → pipelines → sinks, consent-gated edges dotted and ungated ones thick', () => {
    const mermaid = mermaidBlock(markdown);
    const nodeId = (label: string): string => {
      const match = new RegExp(`^\\s+(n\\d+)\\(?\\[\\(?"${label.replace(/[()[\]]/g, '\\$&')}"`, 'm').exec(mermaid);
      if (match === null) throw new Error(`No node "${label}" in:\n${mermaid}`);
      return match[1]!;
    };
    const churn = nodeId('churn#45;propensity');
    const audience = nodeId('src#47;marketing#47;audience#46;ts');
    const predict = nodeId('model#46;predict #40;ml#45;inference#41;');
    const fbq = nodeId('fbq #40;ads#44; third party#41;');
    expect(mermaid.split('\n')[0]).toBe('flowchart LR');
    expect(mermaid).toContain(`  ${churn} -. consent .-> ${predict}`);
    expect(mermaid).toContain(`  ${audience} == no consent check ==> ${fbq}`);
    expect(mermaid).toContain(`  ${nodeId('religion #40;sensitive#41;')} --> ${audience}`);
    expect(mermaid).toMatch(new RegExp(`class [n\\d,]*${fbq}[n\\d,]* thirdParty`));
    expect(mermaid).toContain('subgraph pipelines["Pipelines"]');
  });

  it('escapes text from the scanned code', () => {
    const text = unescapeMarkdown(markdown);
    expect(markdown).not.toContain('<b>');
    expect(text).toContain('<b>reviewed</b> by the DPO in ticket PRIV-12');
  });
});

describe('attribute status in the inventory', () => {
  it('follows the findings: open means unjustified, suppressed carries the reason, a spec justification wins', async () => {
    const root = '/repo';
    const sources = Object.entries(weekOneFiles).map(([file, text]) => ({ file, text }));
    const { project } = await analyze({ root, config: defaultConfig(root), sources, fileExists: () => true, now: new Date('2026-11-23T12:00:00Z') });
    const audience = project.byFile.get('src/marketing/audience.ts')!;
    const religion = audience.code!.attributes.find((attribute) => attribute.term.toLowerCase().includes('religion'))!;
    const postcode = audience.code!.attributes.find((attribute) => attribute.term.toLowerCase().includes('postcode'))!;
    const finding = (ruleId: string, line: number, suppressed: boolean): Finding => ({
      ruleId,
      severity: 'error',
      messageId: 'x',
      message: 'x',
      data: {},
      file: 'src/marketing/audience.ts',
      line,
      column: 1,
      endLine: line,
      endColumn: 2,
      fingerprint: `${ruleId}-${line}`,
      ...(suppressed ? { suppression: { kind: 'inSource', justification: 'reviewed by the DPO', file: 'src/marketing/audience.ts', line: line - 1 } } : {}),
    });
    const rows = buildInventory({
      facts: project.files,
      findings: [finding('sensitive-attribute', religion.span.line, true), finding('proxy-attribute', postcode.span.line, false)],
      now: new Date('2026-11-23T12:00:00Z'),
      auditMaxAgeDays: 365,
    });
    const row = rows.find((candidate) => candidate.name === 'src/marketing/audience.ts')!;
    const statusOf = (name: string) => row.attributes.filter((attribute) => attribute.name === name.toLowerCase() || attribute.name === name);
    expect(statusOf(religion.term).map((attribute) => [attribute.status, attribute.justification])).toEqual([['suppressed', 'reviewed by the DPO']]);
    expect(statusOf(postcode.term).find((attribute) => attribute.line === postcode.span.line)?.status).toBe('unjustified');
    expect(row.openFindings).toBe(1);
    const churn = rows.find((candidate) => candidate.name === 'churn-propensity')!;
    expect(churn.attributes.find((attribute) => attribute.name === 'age_band')).toMatchObject({
      status: 'justified',
      justification: 'Age-restricted products must not be offered to minors.',
    });
  });
});

describe('retention in the inventory', () => {
  it('counts the store writes of the code linked to a spec, those without expiry and the longest expiry', async () => {
    const root = '/repo';
    const sources = [
      { file: 'specs/churn.profiling.yaml', text: weekOneFiles['specs/churn.profiling.yaml']! },
      {
        file: 'src/churn/cache.ts',
        text: `/**
 * Churn score cache.
 * @profiling churn-propensity
 */
import { createClient } from 'redis';

const redis = createClient();

export async function cacheScore(id: string, churnScore: number) {
  await redis.set(\`churn-score:\${id}\`, String(churnScore), { EX: 60 * 60 * 24 * 30 });
  await redis.set(\`churn-segment:\${id}\`, 'high');
}
`,
      },
    ];
    const { project, findings } = await analyze({ root, config: defaultConfig(root), sources, fileExists: () => true, now: new Date('2026-11-23T12:00:00Z') });
    const [churn] = buildInventory({ facts: project.files, findings, now: new Date('2026-11-23T12:00:00Z'), auditMaxAgeDays: 365 });
    expect(churn).toMatchObject({ name: 'churn-propensity', codeFiles: ['src/churn/cache.ts'] });
    expect(churn!.retention).toMatchObject({ declared: 'P180D', declaredReadable: '6 months', storeWrites: 2, writesWithoutExpiry: 1, longestExpiryDays: 30 });
  });
});

describe('audits that need attention', () => {
  it('lists never-run and stale audits first, then those due within 30 days, and leaves fresh ones out', async () => {
    const spec = (pipeline: string, audit: string) => `profilint: 1
pipeline: ${pipeline}
owner: risk@acme.example
purpose: Decide credit limits.
lawfulBasis: contract
retention: P1Y
${audit}
features:
  - name: income
`;
    const sources = [
      { file: 'specs/a.profiling.yaml', text: spec('fresh-model', 'fairnessAudit:\n  report: docs/a.md\n  lastRun: 2026-11-01\n  every: P180D') },
      { file: 'specs/b.profiling.yaml', text: spec('stale-model', 'fairnessAudit:\n  report: docs/b.md\n  lastRun: 2025-10-01') },
      { file: 'specs/c.profiling.yaml', text: spec('due-model', 'fairnessAudit:\n  report: docs/c.md\n  lastRun: 2026-06-20\n  every: P180D') },
      { file: 'specs/d.profiling.yaml', text: spec('unaudited-model', 'fairnessAudit:\n  report: docs/d.md') },
    ];
    const now = new Date('2026-11-30T12:00:00Z');
    const { project, findings } = await analyze({ root: '/repo', config: defaultConfig('/repo'), sources, fileExists: () => true, now });
    const report = buildWeeklyReport({
      root: '/repo',
      repositoryName: 'acme',
      toolVersion: '0.1.0',
      filesScanned: sources.length,
      findings,
      notices: [],
      rules: [],
      facts: project.files,
      now,
      auditMaxAgeDays: 365,
      useGit: false,
    });
    expect(report.audits.map((audit) => [audit.pipeline, audit.assessment.status, audit.assessment.dueDate])).toEqual([
      ['unaudited-model', 'never-run', undefined],
      ['stale-model', 'stale', '2026-10-01'],
      ['due-model', 'due-soon', '2026-12-17'],
    ]);
  });
});

