import type { Finding, RuleDescriptor, ScanResult } from '../../src/types.js';

/**
 * Text an attacker could commit, as it reaches a reporter through an identifier, a YAML value or a
 * file name: Markdown, HTML, a mention, workflow-command syntax (literal and as real line breaks),
 * percent-encodings the runner would decode, and ANSI escapes.
 */
export const hostileText =
  "<img src=x onerror=alert(1)> **bold** [click](javascript:alert(1)) @octocat | `tick` %0A::error::fake %25\n::warning file=x::injected\r\u001b[31mred\u001b[0m \u202eevil";

export const hostileFile = 'src/we!rd dir/%0A::x,y:z <b>|`.ts';

function rule(id: string, severity: RuleDescriptor['severity'], defaultSeverity = severity): RuleDescriptor {
  return {
    id,
    description: `Disallow what ${id} is about`,
    rationale: `GDPR Art. 9 makes ${id} a problem.`,
    defaultSeverity,
    severity,
    tags: ['gdpr'],
    helpUri: `https://github.com/profilint/profilint/blob/v0.1.0/rules/${id}.md`,
    helpMarkdown: `# ${id}\n\nWhy it matters, with **Markdown**.`,
  };
}

export const fixtureRules: RuleDescriptor[] = [
  rule('proxy-attribute', 'error', 'warning'),
  rule('sensitive-attribute', 'error'),
  rule('unjustified-suppression', 'warning'),
];

function finding(fields: Partial<Finding> & Pick<Finding, 'ruleId' | 'file' | 'line' | 'message'>): Finding {
  return {
    severity: 'error',
    messageId: 'message',
    data: {},
    column: 1,
    endLine: fields.line,
    endColumn: 2,
    fingerprint: `${fields.ruleId}-${fields.file}-${fields.line}`.replace(/[^a-z0-9]/gi, '').slice(0, 32),
    ...fields,
  };
}

/** Sorted like the engine sorts: by file, line, column, rule. */
export const fixtureFindings: Finding[] = [
  finding({
    ruleId: 'sensitive-attribute',
    file: 'specs/churn.profiling.yaml',
    line: 12,
    column: 5,
    endColumn: 18,
    message: "Feature 'age_band' is a special category (age) with no justification. Add a justification and a fairness audit.",
    data: { feature: 'age_band', category: 'age' },
    category: 'age',
  }),
  finding({
    ruleId: 'sensitive-attribute',
    file: 'src/pipeline.ts',
    line: 3,
    column: 10,
    endColumn: 19,
    message: "'birthYear' (age) is an input to model.predict(). Remove it or justify it in the pipeline's spec.",
    data: { name: 'birthYear', category: 'age' },
    category: 'age',
    related: [
      { file: 'src/pipeline.ts', line: 9, column: 3, message: 'model.predict() receives it here.' },
      { file: 'specs/churn.profiling.yaml', line: 2, message: 'The spec of this pipeline.' },
    ],
  }),
  finding({
    ruleId: 'proxy-attribute',
    file: 'src/pipeline.ts',
    line: 5,
    column: 3,
    endLine: 7,
    endColumn: 4,
    severity: 'error',
    message: "'postcode' stands in for ethnicity. Justify it in the spec or drop it.",
    data: { name: 'postcode', proxyFor: 'ethnicity' },
  }),
  finding({
    ruleId: 'unjustified-suppression',
    file: 'src/pipeline.ts',
    line: 13,
    column: 1,
    endColumn: 45,
    severity: 'warning',
    message: 'This directive gives no reason. Add one after `--`.',
  }),
  finding({
    ruleId: 'sensitive-attribute',
    file: 'src/pipeline.ts',
    line: 14,
    column: 7,
    endColumn: 13,
    message: "'gender' (sex) is an input to model.predict(). Remove it or justify it in the pipeline's spec.",
    suppression: { kind: 'inSource', justification: 'Audited in FAIR-12; see docs/fairness.md.', file: 'src/pipeline.ts', line: 13 },
  }),
  finding({
    ruleId: 'proxy-attribute',
    file: 'src/segments.ts',
    line: 2,
    column: 1,
    endColumn: 9,
    severity: 'error',
    message: "'language' stands in for national origin. Justify it in the spec or drop it.",
    suppression: { kind: 'external', justification: 'Recorded in the baseline.', file: 'profilint-baseline.json', line: 1 },
  }),
  finding({
    ruleId: 'sensitive-attribute',
    file: hostileFile,
    line: 1,
    column: 1,
    endColumn: 7,
    message: `'${hostileText}' is an input to score(). Remove it.`,
    data: { name: hostileText },
  }),
];

/** A scan with every kind of content a reporter must handle. */
export const fixtureResult: ScanResult = {
  root: '/home/dev/shop',
  toolVersion: '0.1.0',
  findings: fixtureFindings,
  notices: [
    { kind: 'parse-error', level: 'error', message: "Unexpected token '}'; the file was not analysed.", file: 'src/broken.ts', line: 4, column: 2 },
    { kind: 'skipped', level: 'warning', message: 'Larger than 1 MiB (maxFileSize); not scanned.', file: 'data/huge \u001b[2Jfile.yaml' },
    { kind: 'git', level: 'note', message: `Not a git repository; .gitignore files were honoured by walking. ${hostileText}` },
  ],
  rules: fixtureRules,
  filesScanned: 12,
  filesParsed: 5,
};

/** The same scan with nothing to report. */
export const cleanResult: ScanResult = { ...fixtureResult, findings: [], notices: [] };
