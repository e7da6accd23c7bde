import { describe, expect, it } from 'vitest';
import { applyDirectives, parseDirectives } from '../src/directives.js';
import type { FileFacts, Finding } from '../src/types.js';

function finding(file: string, line: number, ruleId = 'sensitive-attribute'): Finding {
  return {
    ruleId,
    severity: 'error',
    messageId: 'sensitiveInput',
    message: 'm.',
    data: {},
    file,
    line,
    column: 1,
    endLine: line,
    endColumn: 2,
    fingerprint: `${file}:${line}`,
  };
}

function factsOf(file: string, text: string): FileFacts {
  return { file, language: file.endsWith('.yaml') ? 'yaml' : 'typescript', hash: '', directives: parseDirectives(text, file.endsWith('.yaml') ? 'yaml' : 'typescript'), notices: [] };
}

const active = new Set(['sensitive-attribute', 'proxy-attribute', 'missing-consent']);

describe('parseDirectives', () => {
  it('reads next-line, line and block directives with rules, reason and covered lines', () => {
    const text = [
      '// profilint-disable-next-line sensitive-attribute, proxy-attribute -- approved in DPIA-7',
      'const a = 1; // profilint-disable-line missing-consent --- consent collected upstream',
      '/* profilint-disable proxy-attribute -- legacy model, removal tracked in JIRA-1 */',
      'const b = 2;',
      '/* profilint-enable proxy-attribute */',
      'const c = 3;',
    ].join('\n');
    expect(parseDirectives(text, 'typescript')).toEqual([
      {
        kind: 'disable-next-line',
        ruleIds: ['sensitive-attribute', 'proxy-attribute'],
        reason: 'approved in DPIA-7',
        span: { line: 1, column: 1, endLine: 1, endColumn: 90 },
        fromLine: 2,
        toLine: 2,
      },
      {
        kind: 'disable-line',
        ruleIds: ['missing-consent'],
        reason: 'consent collected upstream',
        span: { line: 2, column: 14, endLine: 2, endColumn: 86 },
        fromLine: 2,
        toLine: 2,
      },
      {
        kind: 'disable',
        ruleIds: ['proxy-attribute'],
        reason: 'legacy model, removal tracked in JIRA-1',
        span: { line: 3, column: 1, endLine: 3, endColumn: 83 },
        fromLine: 3,
        toLine: 5,
      },
      { kind: 'enable', ruleIds: ['proxy-attribute'], reason: '', span: { line: 5, column: 1, endLine: 5, endColumn: 39 }, fromLine: 5, toLine: 5 },
    ]);
  });

  it('runs a disable block without enable to the end of the file', () => {
    const [directive] = parseDirectives('/* profilint-disable -- generated file */\na\nb\nc', 'typescript');
    expect(directive).toMatchObject({ kind: 'disable', ruleIds: [], fromLine: 1, toLine: 4 });
  });

  it('ends a block at an enable that names one of its rules, not at one naming another rule', () => {
    const text = '/* profilint-disable proxy-attribute -- x */\n/* profilint-enable missing-consent */\n\n/* profilint-enable */\n';
    expect(parseDirectives(text, 'typescript')[0]).toMatchObject({ fromLine: 1, toLine: 4 });
  });

  it('ignores directive-like text in strings, templates, regular expressions and non-leading positions', () => {
    const text = [
      'const s = "// profilint-disable-line sensitive-attribute -- no";',
      "const t = `${x} /* profilint-disable -- no */ ${`// profilint-disable-line -- nested`}`;",
      'const r = /\\/\\/ profilint-disable-line -- no/g;',
      '// see profilint-disable-line for details',
      'const d = a / b; // profilint-disable-line proxy-attribute -- after a division',
    ].join('\n');
    expect(parseDirectives(text, 'typescript').map((directive) => [directive.span.line, directive.reason])).toEqual([
      [5, 'after a division'],
    ]);
  });

  it('needs a separator of two or more dashes set apart by spaces for a reason', () => {
    const [withoutSpace, dangling, longDash] = parseDirectives(
      ['// profilint-disable-line proxy-attribute--no space', '// profilint-disable-line proxy-attribute --', '// profilint-disable-line ---- four dashes work'].join('\n'),
      'typescript',
    );
    expect(withoutSpace).toMatchObject({ ruleIds: ['proxy-attribute--no', 'space'], reason: '' });
    expect(dangling).toMatchObject({ ruleIds: ['proxy-attribute'], reason: '' });
    expect(longDash).toMatchObject({ ruleIds: [], reason: 'four dashes work' });
  });

  it('reads YAML # comments, not # inside quoted strings or block scalars', () => {
    const text = [
      'profilint: 1',
      'note: "# profilint-disable-line -- inside a string"',
      'text: |',
      '  # profilint-disable-next-line -- inside a block scalar',
      '# profilint-disable-next-line missing-accountability -- owner is set by the platform team',
      'owner: null',
      'purpose: x # profilint-disable-line missing-accountability -- trailing',
    ].join('\n');
    expect(parseDirectives(text, 'yaml').map((directive) => [directive.kind, directive.span.line, directive.span.column, directive.fromLine])).toEqual([
      ['disable-next-line', 5, 1, 6],
      ['disable-line', 7, 12, 7],
    ]);
  });

  it('reads a JSDoc-style block directive and covers the line after the comment ends', () => {
    const text = '/**\n * profilint-disable-next-line proxy-attribute -- postcode is needed\n * for delivery zones\n */\nconst zone = 1;\n';
    expect(parseDirectives(text, 'typescript')).toMatchObject([
      { kind: 'disable-next-line', reason: 'postcode is needed for delivery zones', fromLine: 5, toLine: 5 },
    ]);
  });

  it('counts lines and columns the same with CRLF line endings', () => {
    const text = 'a\r\nb // profilint-disable-line proxy-attribute -- windows checkout\r\n// profilint-disable-next-line -- all rules\r\nc\r\n';
    expect(parseDirectives(text, 'typescript').map((directive) => [directive.span.line, directive.span.column, directive.fromLine, directive.reason])).toEqual([
      [2, 3, 2, 'windows checkout'],
      [3, 1, 4, 'all rules'],
    ]);
  });

  it('finds nothing in a file without the word profilint', () => {
    expect(parseDirectives('const x = "// eslint-disable-line";\n', 'javascript')).toEqual([]);
  });
});

describe('applyDirectives', () => {
  it('marks covered findings as suppressed in source with the reason, and keeps them', () => {
    const facts = [factsOf('src/a.ts', 'x\n// profilint-disable-next-line sensitive-attribute -- DPIA-7 allows age bands\nfeatures.age\n')];
    const { findings, unused } = applyDirectives([finding('src/a.ts', 3), finding('src/a.ts', 1)], facts, active);
    expect(findings).toHaveLength(2);
    expect(findings[0]!.suppression).toEqual({ kind: 'inSource', justification: 'DPIA-7 allows age bands', file: 'src/a.ts', line: 2 });
    expect(findings[1]!.suppression).toBeUndefined();
    expect(unused).toEqual([]);
  });

  it('does not suppress with a directive that gives no reason, and does not call it unused', () => {
    const facts = [factsOf('src/a.ts', '// profilint-disable-next-line sensitive-attribute\nfeatures.age\n')];
    const { findings, unused } = applyDirectives([finding('src/a.ts', 2)], facts, active);
    expect(findings[0]!.suppression).toBeUndefined();
    expect(unused).toEqual([]);
  });

  it('does not suppress another rule, another file or another line', () => {
    const facts = [factsOf('src/a.ts', '// profilint-disable-next-line proxy-attribute -- zip is needed\nfeatures.age\nfeatures.zip\n')];
    const { findings, unused } = applyDirectives(
      [finding('src/a.ts', 2, 'sensitive-attribute'), finding('src/b.ts', 2, 'proxy-attribute'), finding('src/a.ts', 3, 'proxy-attribute')],
      facts,
      active,
    );
    expect(findings.map((item) => item.suppression)).toEqual([undefined, undefined, undefined]);
    expect(unused).toMatchObject([{ file: 'src/a.ts', unusedRuleIds: ['proxy-attribute'] }]);
  });

  it('suppresses every finding inside a block and lists the named rules that matched nothing', () => {
    const text = '/* profilint-disable sensitive-attribute, missing-consent -- offline replay of consented events */\na\nb\n/* profilint-enable */\nc\n';
    const { findings, unused } = applyDirectives(
      [finding('src/a.ts', 2), finding('src/a.ts', 3), finding('src/a.ts', 5)],
      [factsOf('src/a.ts', text)],
      active,
    );
    expect(findings.map((item) => item.suppression?.line)).toEqual([1, 1, undefined]);
    expect(unused).toMatchObject([{ unusedRuleIds: ['missing-consent'] }]);
  });

  it('never reports a rule that did not run as unused, and never suppresses unjustified-suppression', () => {
    const text = '// profilint-disable-next-line retention-mismatch, unjustified-suppression -- off in this repo\nx\n';
    const { findings, unused } = applyDirectives([finding('src/a.ts', 2, 'unjustified-suppression')], [factsOf('src/a.ts', text)], active);
    expect(findings[0]!.suppression).toBeUndefined();
    expect(unused).toEqual([]);
  });

  it('applies YAML directives to findings in the YAML file', () => {
    const text = 'profilint: 1\n# profilint-disable-next-line missing-consent -- consent is handled by the CMP\npipeline: churn\n';
    const { findings } = applyDirectives([finding('specs/churn.profiling.yaml', 3, 'missing-consent')], [factsOf('specs/churn.profiling.yaml', text)], active);
    expect(findings[0]!.suppression?.justification).toBe('consent is handled by the CMP');
  });
});
