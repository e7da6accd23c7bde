import { describe, expect, it } from 'vitest';
import { selectWorkflowAnnotations } from '../../src/github/workflow-annotations.js';
import { describeRule, makeFinding } from './scan-results.js';

const rules = [
  describeRule('sensitive-attribute', 'error'),
  describeRule('missing-consent', 'error', 'warning'),
  describeRule('proxy-attribute', 'warning'),
  describeRule('unjustified-suppression', 'warning', 'note'),
];

function countCommands(annotations: ReturnType<typeof selectWorkflowAnnotations>) {
  return {
    error: annotations.filter((annotation) => annotation.command === 'error').length,
    warning: annotations.filter((annotation) => annotation.command === 'warning').length,
    notice: annotations.filter((annotation) => annotation.command === 'notice').length,
  };
}

describe('selectWorkflowAnnotations', () => {
  it('shows every finding when each kind fits in GitHub’s 10 per step, with no overflow notice', () => {
    const findings = [
      makeFinding('sensitive-attribute', 'error', 'src/a.ts', 1),
      makeFinding('proxy-attribute', 'warning', 'src/a.ts', 2),
      makeFinding('unjustified-suppression', 'note', 'src/a.ts', 3),
    ];
    const annotations = selectWorkflowAnnotations(findings, rules, 'the job summary');
    expect(annotations.map((annotation) => annotation.command)).toEqual(['error', 'warning', 'notice']);
    expect(annotations[0]).toEqual({
      command: 'error',
      message: 'Problem at line 1.\nDocs: https://github.com/profilint/profilint/blob/v0.1.0/rules/sensitive-attribute.md',
      properties: { title: 'sensitive-attribute', file: 'src/a.ts', startLine: 1, endLine: 1, startColumn: 3, endColumn: 9 },
    });
  });

  it('caps 120 mixed findings at 10 errors, 10 warnings, 9 notes and one overflow notice', () => {
    const findings = Array.from({ length: 120 }, (_, index) =>
      index % 3 === 0
        ? makeFinding('sensitive-attribute', 'error', 'src/a.ts', index + 1)
        : index % 3 === 1
          ? makeFinding('proxy-attribute', 'warning', 'src/b.ts', index + 1)
          : makeFinding('unjustified-suppression', 'note', 'src/c.ts', index + 1),
    );
    const annotations = selectWorkflowAnnotations(findings, rules, 'the job summary');
    expect(countCommands(annotations)).toEqual({ error: 10, warning: 10, notice: 10 });
    expect(annotations.at(-1)).toEqual({
      command: 'notice',
      message: '91 more findings not shown as annotations (GitHub shows at most 10 of each kind per step): see the job summary.',
      properties: { title: 'profilint' },
    });
  });

  it('sends the most important first: errors, then a rule that is an error by default before one a config lowered', () => {
    const findings = [
      makeFinding('proxy-attribute', 'warning', 'src/a.ts', 1),
      makeFinding('missing-consent', 'warning', 'src/z.ts', 50),
      ...Array.from({ length: 10 }, (_, index) => makeFinding('proxy-attribute', 'warning', 'src/b.ts', index + 1)),
      makeFinding('sensitive-attribute', 'error', 'src/z.ts', 99),
    ];
    const annotations = selectWorkflowAnnotations(findings, rules, 'the job summary');
    expect(annotations[0]?.properties).toMatchObject({ title: 'sensitive-attribute', file: 'src/z.ts', startLine: 99 });
    expect(annotations[1]?.properties).toMatchObject({ title: 'missing-consent', file: 'src/z.ts', startLine: 50 });
    // Among equals the scan's order holds, so the dropped warning is the last proxy-attribute one.
    const shownWarnings = annotations.filter((annotation) => annotation.command === 'warning');
    expect(shownWarnings.map((annotation) => `${annotation.properties.file}:${annotation.properties.startLine}`)).toEqual([
      'src/z.ts:50',
      'src/a.ts:1',
      ...Array.from({ length: 8 }, (_, index) => `src/b.ts:${index + 1}`),
    ]);
    expect(annotations.at(-1)?.message).toMatch(/^2 more findings not shown/);
  });

  it('leaves room for annotations the step already emitted itself', () => {
    const findings = Array.from({ length: 12 }, (_, index) => makeFinding('sensitive-attribute', 'error', 'src/a.ts', index + 1));
    const annotations = selectWorkflowAnnotations(findings, rules, 'the check run', { error: 1, warning: 0, notice: 0 });
    expect(countCommands(annotations)).toEqual({ error: 9, warning: 0, notice: 1 });
    expect(annotations.at(-1)?.message).toMatch(/^3 more findings not shown .*: see the check run\.$/);
  });

  it('sends no columns for a finding that spans several lines, as GitHub requires', () => {
    const finding = { ...makeFinding('sensitive-attribute', 'error', 'src/a.ts', 4), endLine: 6 };
    const [annotation] = selectWorkflowAnnotations([finding], rules, 'the job summary');
    expect(annotation?.properties).toEqual({ title: 'sensitive-attribute', file: 'src/a.ts', startLine: 4, endLine: 6 });
  });
});
