import { describe, expect, it } from 'vitest';
import type { InventoryRow } from '../../src/weekly/inventory.js';
import { buildFlowGraph, renderMermaid } from '../../src/weekly/mermaid.js';
import { buildWeeklyReport, type WeeklyReportInput } from '../../src/weekly/report.js';
import { renderWeeklyMarkdown } from '../../src/weekly/markdown.js';
import { escapeHtml, renderWeeklyHtml } from '../../src/weekly/html.js';
import { assessAudit } from '../../src/weekly/audits.js';
import { createSnapshot, parseSnapshot, serializeSnapshot } from '../../src/weekly/snapshot.js';
import type { Finding } from '../../src/types.js';
import type { SpecDocument } from '../../src/specs/types.js';

const span = (line: number) => ({ line, column: 3, endLine: line, endColumn: 10 });

function row(name: string, attributes: [string, 'sensitive' | 'proxy'][], sinks: [string, InventoryRow['sinks'][number]['consent']][]): InventoryRow {
  return {
    name,
    origin: 'code',
    codeFiles: [`src/${name}.ts`],
    missingSpec: false,
    attributes: attributes.map(([category, kind], index) => ({ name: category, kind, category, file: `src/${name}.ts`, line: index + 1, status: 'unjustified' })),
    sinks: sinks.map(([callee, consent], index) => ({ kind: 'ads', callee, file: `src/${name}.ts`, line: index + 10, thirdParty: true, consent })),
    retention: { storeWrites: 0, writesWithoutExpiry: 0, retentionFindings: 0 },
    openFindings: 0,
  };
}

describe('the Mermaid data flow', () => {
  it('draws a small repository in full, with one edge per pipeline and sink and the worst consent status', () => {
    const graph = buildFlowGraph([
      row('churn', [['age', 'sensitive'], ['postcode', 'proxy']], [['model.predict', 'guarded']]),
      row('ads', [['age', 'sensitive']], [['fbq', 'guarded'], ['fbq', 'unguarded'], ['gtag', 'wrong-purpose']]),
    ]);
    expect(renderMermaid(graph)).toBe(
      [
        'flowchart LR',
        '  subgraph attributes["Sensitive attributes and proxies"]',
        '    n2(["age #40;sensitive#41;"])',
        '    n6(["postcode #40;proxy#41;"])',
        '  end',
        '  subgraph pipelines["Pipelines"]',
        '    n1["ads"]',
        '    n5["churn"]',
        '  end',
        '  subgraph sinks["Sinks"]',
        '    n3(["fbq #40;ads#44; third party#41;"])',
        '    n4(["gtag #40;ads#44; third party#41;"])',
        '    n7(["model#46;predict #40;ads#44; third party#41;"])',
        '  end',
        '  n2 --> n1',
        '  n1 == no consent check ==> n3',
        '  n1 == wrong purpose ==> n4',
        '  n2 --> n5',
        '  n6 --> n5',
        '  n5 -. consent .-> n7',
        '  classDef sensitive fill:#fde2e1,stroke:#b42318',
        '  classDef thirdParty fill:#fef0c7,stroke:#b54708',
        '  class n2 sensitive',
        '  class n3,n4,n7 thirdParty',
      ].join('\n'),
    );
    expect(graph.notes).toEqual([]);
  });

  it('caps a large repository: the most connected pipelines, the most used attributes and sinks, the rest grouped with a note', () => {
    const rows = Array.from({ length: 40 }, (_, index) =>
      row(`pipeline-${String(index).padStart(2, '0')}`, [[`category-${index % 30}`, 'sensitive']], index < 5 ? [[`sdk-${index}`, 'unguarded']] : []),
    );
    const graph = buildFlowGraph(rows, { pipelines: 10, attributes: 4, sinks: 3 });
    const pipelines = graph.nodes.filter((node) => node.column === 'pipeline').map((node) => node.label);
    expect(pipelines).toHaveLength(10);
    // The five with an ungated sink weigh most.
    expect(pipelines.slice(0, 5)).toEqual(['pipeline-00', 'pipeline-01', 'pipeline-02', 'pipeline-03', 'pipeline-04']);
    expect(graph.nodes.filter((node) => node.column === 'attribute').map((node) => node.label)).toContain('other attributes');
    expect(graph.nodes.filter((node) => node.column === 'sink').map((node) => node.label)).toEqual([
      'sdk-0 (ads, third party)',
      'sdk-1 (ads, third party)',
      'sdk-2 (ads, third party)',
      'other sinks',
    ]);
    expect(graph.notes).toEqual([
      '30 of 40 pipelines are not drawn (the least connected); the inventory lists them all.',
      '6 less used attribute categories are grouped as "other attributes".',
      '2 less used sinks are grouped as "other sinks".',
    ]);
    expect(graph.nodes.length).toBeLessThanOrEqual(10 + 5 + 4);
  });

  it('draws fewer pipelines when the edges would be too many for GitHub to render', () => {
    const attributes = Array.from({ length: 20 }, (_, index): [string, 'sensitive'] => [`category-${index}`, 'sensitive']);
    const sinks = Array.from({ length: 20 }, (_, index): [string, 'unguarded'] => [`sdk-${index}`, 'unguarded']);
    const rows = Array.from({ length: 25 }, (_, index) => row(`pipeline-${String(index).padStart(2, '0')}`, attributes, sinks));
    const graph = buildFlowGraph(rows);
    expect(graph.edges.length).toBeLessThanOrEqual(400);
    expect(graph.nodes.filter((node) => node.column === 'pipeline')).toHaveLength(9);
    expect(graph.notes[0]).toBe('16 of 25 pipelines are not drawn (the least connected); the inventory lists them all.');
  });

  it('writes every character that could break out of a label as an entity', () => {
    const graph = buildFlowGraph([row('x"] --> evil["<img src=x onerror=alert(1)>', [['age', 'sensitive']], [['a|b', 'guarded']])]);
    const mermaid = renderMermaid(graph);
    expect(mermaid).toContain('n1["x#34;#93; #45;#45;#62; evil#91;#34;#60;img src#61;x onerror#61;alert#40;1#41;#62;"]');
    expect(mermaid).not.toMatch(/<img|"\]\s*-->/);
  });
});

const now = new Date('2026-11-30T12:00:00Z');

function finding(index: number, overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'sensitive-attribute',
    severity: 'error',
    messageId: 'sensitiveInput',
    message: 'age is an input.',
    data: {},
    file: `src/file-${index}.ts`,
    line: index + 1,
    column: 1,
    endLine: index + 1,
    endColumn: 4,
    fingerprint: `fingerprint-${index}`,
    ...overrides,
  };
}

function input(overrides: Partial<WeeklyReportInput> = {}): WeeklyReportInput {
  return {
    root: '/nowhere',
    repositoryName: 'acme/shop',
    toolVersion: '0.1.0',
    filesScanned: 3,
    findings: [],
    notices: [],
    rules: [],
    facts: [],
    now,
    auditMaxAgeDays: 365,
    useGit: false,
    ...overrides,
  };
}

describe('the Markdown report', () => {
  it('fits a GitHub issue when the repository is huge, keeping the headline and linking the full report', () => {
    const findings = Array.from({ length: 3000 }, (_, index) => finding(index));
    const facts = Array.from({ length: 1500 }, (_, index) => ({
      file: `src/pipeline-${index}.ts`,
      language: 'typescript' as const,
      hash: '',
      directives: [{ kind: 'disable-next-line' as const, ruleIds: ['proxy-attribute'], reason: `reason ${index}`, span: span(1), fromLine: 2, toLine: 2 }],
      notices: [],
    }));
    const report = buildWeeklyReport(input({ findings, facts, fullReportUrl: 'https://ci.example.test/runs/9 (artifact)' }));
    const full = renderWeeklyMarkdown(report, { maxLength: Number.POSITIVE_INFINITY });
    expect(full.length).toBeGreaterThan(65_536);
    const markdown = renderWeeklyMarkdown(report);
    expect(markdown.length).toBeLessThanOrEqual(65_536);
    expect(markdown).toContain('**3000 open findings**: 3000 errors, 0 warnings, 0 notes; 0 suppressed.');
    expect(markdown).toMatch(/_\d+ more suppressions are in \[the full report\]\(https:\/\/ci\.example\.test\/runs\/9%20%28artifact%29\)\._/);
  });

  it('summarises to the headline and a link when even short tables do not fit', () => {
    const report = buildWeeklyReport(input({ findings: [finding(1)], fullReportUrl: 'https://ci.example.test/runs/9' }));
    const markdown = renderWeeklyMarkdown(report, { maxLength: 400 });
    expect(markdown.length).toBeLessThanOrEqual(400);
    expect(markdown).toContain('The details do not fit here; see [the full report](https://ci.example.test/runs/9).');
  });

  it('escapes Markdown, HTML and mentions from scanned code', () => {
    const facts = [
      {
        file: 'src/<script>alert(1)</script>.ts',
        language: 'typescript' as const,
        hash: '',
        directives: [{ kind: 'disable-line' as const, ruleIds: [], reason: '@security-team said [ok](https://evil.test) | fine', span: span(4), fromLine: 4, toLine: 4 }],
        notices: [],
      },
    ];
    const markdown = renderWeeklyMarkdown(buildWeeklyReport(input({ facts })));
    expect(markdown).not.toContain('<script>');
    expect(markdown).not.toContain('](https://evil.test)');
    expect(markdown).toContain('@\u200bsecurity');
    expect(markdown).toContain('\\| fine');
  });
});

describe('the HTML report', () => {
  it('escapes everything from the scan and loads nothing from elsewhere', () => {
    const facts = [
      {
        file: 'src/"><img src=x onerror=alert(1)>.ts',
        language: 'typescript' as const,
        hash: '',
        directives: [{ kind: 'disable-line' as const, ruleIds: ['proxy-attribute'], reason: "</td><script>fetch('https://evil.test')</script>", span: span(2), fromLine: 2, toLine: 2 }],
        notices: [],
      },
    ];
    const html = renderWeeklyHtml(buildWeeklyReport(input({ facts })));
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&lt;/td&gt;&lt;script&gt;fetch(&#39;https://evil.test&#39;)&lt;/script&gt;');
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).not.toMatch(/\s(?:src|href)="/);
  });

  it('shows invisible and bidirectional characters instead of letting them reorder text', () => {
    expect(escapeHtml('a\u202Eb\u0007')).toBe('a\\u202Eb\\u0007');
  });
});

describe('the snapshot', () => {
  it('keeps one point per day and at most twelve weeks', () => {
    let snapshot = createSnapshot([finding(1)], new Date('2026-09-01T06:00:00Z'));
    for (let week = 1; week <= 13; week += 1) {
      snapshot = createSnapshot([finding(1), finding(2)], new Date(Date.UTC(2026, 8, 1 + week * 7, 6)), snapshot);
    }
    snapshot = createSnapshot([finding(3, { severity: 'warning' })], new Date(Date.UTC(2026, 8, 1 + 13 * 7, 18)), snapshot);
    expect(snapshot.history).toHaveLength(12);
    expect(snapshot.history.at(-1)).toEqual({ date: '2026-12-01', open: 1, error: 0, warning: 1, note: 0, suppressed: 0 });
    expect(snapshot.history[0]!.date).toBe('2026-09-15');
    expect(parseSnapshot(serializeSnapshot(snapshot))).toEqual(snapshot);
  });

  it('says what is wrong with a file that is not a snapshot', () => {
    expect(() => parseSnapshot('{"version": 1}')).toThrow('not a profilint report snapshot');
    expect(() => parseSnapshot('{"profilintReportSnapshot": 1, "generatedAt": "2026-11-23T00:00:00Z", "findings": [{"fingerprint": 1}], "history": []}')).toThrow('"findings" is not a list');
  });
});

describe('bias audit due dates', () => {
  const audit = (lastRun: string | undefined, every?: string): NonNullable<SpecDocument['subjects'][number]['fairnessAudit']> => ({
    span: span(1),
    ...(lastRun === undefined ? {} : { lastRun: { value: lastRun, span: span(2) } }),
    ...(every === undefined ? {} : { every: { value: every, span: span(3) } }),
  });

  it('is stale after its period, due soon within 30 days, fresh before, never run without a date', () => {
    expect(assessAudit(audit('2026-06-01', 'P180D'), { now, maxAgeDays: 365 })).toMatchObject({ status: 'stale', ageDays: 182, dueDate: '2026-11-28', daysUntilDue: -2 });
    expect(assessAudit(audit('2026-06-10', 'P180D'), { now, maxAgeDays: 365 })).toMatchObject({ status: 'due-soon', daysUntilDue: 7 });
    expect(assessAudit(audit('2026-06-10'), { now, maxAgeDays: 365 })).toMatchObject({ status: 'fresh', dueDate: '2027-06-10' });
    expect(assessAudit(audit('2025-12-30'), { now, maxAgeDays: 365 })).toMatchObject({ status: 'due-soon', daysUntilDue: 30 });
    expect(assessAudit(audit('last spring'), { now, maxAgeDays: 365 })).toEqual({ status: 'never-run', lastRun: 'last spring' });
    expect(assessAudit(audit(undefined), { now, maxAgeDays: 365 }).status).toBe('never-run');
  });
});
