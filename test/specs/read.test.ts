import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readSpecs } from '../../src/specs/read.js';

const churn = `profilint: 1
pipeline: churn-propensity
owner: growth-analytics@acme.example
purpose: Offer retention discounts to customers likely to cancel.
lawfulBasis: legitimate-interests
consent: { required: true, purpose: profiling }
retention: P180D
decision:
  automated: true
  legalEffect: false
  humanReview: true
  redress: https://acme.example/privacy/contest
fairnessAudit:
  report: docs/fairness/churn-2026-q3.md
  lastRun: 2026-10-15
  every: P180D
features:
  - name: tenure_months
    source: billing.subscriptions.tenure
  - name: age_band
    justification: Age-restricted products must not be offered to minors.
  - postcode
`;

describe('readSpecs on a native profiling spec', () => {
  it('reads every key the rules need, at the exact key position', () => {
    const { specs, notices } = readSpecs('specs/churn.profiling.yaml', churn);
    expect(notices).toEqual([]);
    expect(specs).toHaveLength(1);
    const [spec] = specs;
    expect(spec).toMatchObject({
      format: 'profilint',
      documentIndex: 0,
      pipeline: 'churn-propensity',
      firstKey: { line: 1, column: 1, endLine: 1, endColumn: 10 },
    });
    const [subject] = spec!.subjects;
    expect(subject).toMatchObject({
      kind: 'pipeline',
      name: 'churn-propensity',
      anchor: { line: 1, column: 1 },
      accountability: [
        { field: 'owner', value: { value: 'growth-analytics@acme.example', span: { line: 3, column: 1 } } },
        { field: 'purpose', value: { value: 'Offer retention discounts to customers likely to cancel.', span: { line: 4 } } },
        { field: 'lawfulBasis', value: { value: 'legitimate-interests', span: { line: 5 } } },
      ],
      consent: { required: true, purpose: 'profiling', span: { line: 6 } },
      retention: { text: 'P180D', duration: { kind: 'bounded', days: 180 }, span: { line: 7, column: 1 } },
      decision: {
        span: { line: 8 },
        automated: { value: true, span: { line: 9, column: 3 } },
        legalEffect: { value: false, span: { line: 10 } },
        humanReview: { value: true, span: { line: 11 } },
        redress: { value: 'https://acme.example/privacy/contest', span: { line: 12 } },
      },
      fairnessAudit: {
        span: { line: 13 },
        report: { value: 'docs/fairness/churn-2026-q3.md', span: { line: 14 } },
        lastRun: { value: '2026-10-15', span: { line: 15 } },
        every: { value: 'P180D', span: { line: 16 } },
      },
    });
    expect(subject!.fields).toEqual([
      { name: 'tenure_months', span: { line: 18, column: 5, endLine: 18, endColumn: 9 }, aliases: [], justification: undefined },
      {
        name: 'age_band',
        span: { line: 20, column: 5, endLine: 20, endColumn: 9 },
        aliases: [],
        justification: { value: 'Age-restricted products must not be offered to minors.', span: expect.objectContaining({ line: 21 }) },
      },
      { name: 'postcode', span: { line: 22, column: 5, endLine: 22, endColumn: 13 }, aliases: [] },
    ]);
  });

  it('reads an owner given as a mapping and leaves blank keys missing', () => {
    const { specs } = readSpecs(
      'a.profiling.yaml',
      'profilint: 1\npipeline: upsell\nowner: { team: growth, email: g@acme.example }\npurpose: ""\nretention:\n',
    );
    const [subject] = specs[0]!.subjects;
    expect(subject!.accountability.map((slot) => slot.value?.value)).toEqual(['growth, g@acme.example', undefined, undefined]);
    expect(subject!.retention).toBeUndefined();
  });

  it('reports each schema violation as a notice at the key at fault, and still reads the spec', () => {
    const text = [
      'profilint: 2',
      'pipeline: churn',
      'ower: growth@acme.example',
      'lawfulBasis: legit',
      'decision:',
      '  automated: yes',
      'fairnessAudit:',
      '  lastRun: last spring',
      'features:',
      '  - source: crm.age',
      '  - 42',
      'x-team-notes: kept',
    ].join('\n');
    const { specs, notices } = readSpecs('specs/churn.profiling.yaml', text);
    expect(specs).toHaveLength(1);
    expect(notices.map((notice) => [notice.line, notice.column, notice.level])).toEqual([
      [1, 1, 'warning'],
      [3, 1, 'warning'],
      [4, 1, 'warning'],
      [6, 3, 'warning'],
      [8, 3, 'warning'],
      [10, 5, 'warning'],
      [11, 5, 'warning'],
    ]);
    expect(notices[0]!.message).toBe('"profilint" must be 1; profilint reads version 1 of the spec format.');
    expect(notices[1]!.message).toContain('Unknown key "ower"');
    expect(notices[2]!.message).toContain('"lawfulBasis" must be one of consent, contract');
    expect(notices[3]!.message).toBe('"decision.automated" must be true or false; change its value.');
    expect(notices[5]!.message).toBe('"features[0]" needs a "name" key; add it.');
    expect(notices[6]!.message).toBe('"features[1]" must be text or a mapping; change its value.');
    expect(notices.every((notice) => notice.file === 'specs/churn.profiling.yaml' && notice.kind === 'parse-error')).toBe(true);
  });

  it('reports a spec without a pipeline at its first key', () => {
    const { notices } = readSpecs('x.yaml', '# header\nprofilint: 1\nowner: me\n');
    expect(notices).toEqual([
      expect.objectContaining({ line: 2, column: 1, message: 'The profiling spec needs a "pipeline" key; add it.' }),
    ]);
  });
});

describe('readSpecs on bad input', () => {
  it('reports a syntax error with its line and keeps the other documents', () => {
    const text = 'profilint: 1\npipeline: a\n---\nprofilint: 1\npipeline: [b\n---\nprofilint: 1\npipeline: c\n';
    const { specs, notices } = readSpecs('multi.yaml', text);
    expect(specs.map((spec) => [spec.documentIndex, spec.pipeline])).toEqual([
      [0, 'a'],
      [2, 'c'],
    ]);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: 'parse-error', level: 'error', file: 'multi.yaml' });
    expect(notices[0]!.line).toBeGreaterThanOrEqual(5);
    expect(notices[0]!.message).toMatch(/^Invalid YAML: .+\. Fix it so profilint can read this spec\.$/);
  });

  it('warns about a duplicate key at the second occurrence and reads the last value, as dbt does', () => {
    const { specs, notices } = readSpecs('dup.yaml', 'profilint: 1\npipeline: a\nowner: x\nowner: y\n');
    expect(specs[0]!.subjects[0]!.accountability[0]!.value?.value).toBe('y');
    expect(notices).toEqual([
      {
        kind: 'parse-error',
        level: 'warning',
        file: 'dup.yaml',
        line: 4,
        column: 1,
        message: 'Invalid YAML: Map keys must be unique. profilint reads the last value, as dbt and PyYAML do; remove the other.',
      },
    ]);
  });

  it('reports tabs used as indentation', () => {
    const { notices } = readSpecs('tabs.yaml', 'profilint: 1\npipeline: a\ndecision:\n\tautomated: true\n');
    expect(notices).toEqual([expect.objectContaining({ line: 4, message: expect.stringContaining('Tabs') })]);
  });

  it('reports a spec whose top level is a list', () => {
    const { specs, notices } = readSpecs('list.yaml', '- profilint: 1\n  pipeline: a\n');
    expect(specs).toEqual([]);
    expect(notices).toEqual([
      expect.objectContaining({ kind: 'parse-error', line: 1, message: expect.stringContaining('not a mapping') }),
    ]);
  });

  it('refuses an alias bomb quickly instead of expanding it', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let level = 1; level < 9; level += 1) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    const text = `profilint: 1\npipeline: bomb\n${levels.join('\n')}\n`;
    const started = performance.now();
    const { specs, notices } = readSpecs('bomb.yaml', text);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(specs).toEqual([]);
    expect(notices).toEqual([expect.objectContaining({ line: 1, message: expect.stringContaining('alias bomb') })]);
  });

  it('reads a spec with a byte order mark and CRLF line endings at the same positions', () => {
    const { specs, notices } = readSpecs('crlf.yaml', `\uFEFF${churn.replace(/\n/g, '\r\n')}`);
    expect(notices).toEqual([]);
    expect(specs[0]!.firstKey).toEqual({ line: 1, column: 1, endLine: 1, endColumn: 10 });
    expect(specs[0]!.subjects[0]!.retention?.span).toEqual({ line: 7, column: 1, endLine: 7, endColumn: 10 });
    expect(specs[0]!.subjects[0]!.fields[2]).toMatchObject({ name: 'postcode', span: { line: 22, column: 5 } });
  });

  it('reads a spec as large as the default size limit (1 MB), line numbers intact', () => {
    const features = Array.from({ length: 45_000 }, (_, index) => `  - name: feature_${index}\n`).join('');
    const text = `profilint: 1\npipeline: huge\nretention: P30D\nfeatures:\n${features}`;
    expect(text.length).toBeGreaterThan(1_000_000);
    const { specs, notices } = readSpecs('huge.profiling.yaml', text);
    expect(notices).toEqual([]);
    expect(specs[0]!.subjects[0]!.fields).toHaveLength(45_000);
    expect(specs[0]!.subjects[0]!.fields[44_999]!.span.line).toBe(45_004);
  });
});

describe('readSpecs on arbitrary input', () => {
  // Fragments of every format's keys and of YAML's syntax, so random documents reach deep into the readers.
  const fragment = fc.constantFrom(
    'profilint: 1', 'pipeline: x', 'models:', 'sources:', 'groups:', 'kind: DataContract', 'dataContractSpecification: 1.1.0',
    'dataset:', 'system:', '- fides_key: k', '- name: age', 'columns:', 'tables:', 'fields:', 'properties:', 'meta:',
    'config:', 'retention: forever', 'retention:', 'owner: [a, b]', 'decision: {automated: true, legalEffect: true}',
    'fairnessAudit: x', 'features: [a, {name: gender}]', 'slaProperties: [{property: retention, value: 3}]',
    'servicelevels: {retention: {unlimited: true}}', 'privacy_declarations:', 'data_categories: [user.contact]',
    'a: &a [1]', 'b: *a', 'c: *missing', '---', '  ', '\t', '- ', ': :', '[', '{', '"', "'", '#', '&x', '*x', '? k',
  );
  const yamlish = fc.array(fc.tuple(fc.nat(6), fragment), { maxLength: 30 }).map((lines) =>
    lines.map(([indent, text]) => `${' '.repeat(indent)}${text}`).join('\n'),
  );

  it('never throws, and every notice names the file', () => {
    fc.assert(
      fc.property(yamlish, (text) => {
        const { notices } = readSpecs('specs/random.yaml', text);
        for (const notice of notices) expect(notice.file).toBe('specs/random.yaml');
      }),
      { numRuns: 400 },
    );
  });
});

describe('readSpecs on YAML that is not a spec', () => {
  it.each([
    ['a GitHub workflow', 'name: CI\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n'],
    ['a Kubernetes manifest', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - image: nginx\n'],
    ['a docker-compose file', 'services:\n  web:\n    image: nginx\n    environment:\n      - max-age=0\n'],
    ['an OpenAPI document', 'openapi: 3.0.0\ninfo:\n  title: Users\ncomponents:\n  schemas:\n    User:\n      properties:\n        language: { type: string }\n'],
    ['a GitLab CI file', 'stages: [test]\ntest:\n  stage: test\n  script: npm test\n'],
    ['broken YAML of another kind', 'name: CI\non: [push\n'],
    ['an app config listing LLM models', 'models:\n  - name: gpt-4o\n    provider: openai\n  - name: claude\n    provider: anthropic\n'],
    ['a dbt project file', 'name: shop\nversion: "1.0"\nmodels:\n  shop:\n    +materialized: table\n'],
  ])('ignores %s', (_, text) => {
    expect(readSpecs('file.yaml', text)).toEqual({ specs: [], notices: [] });
  });
});
