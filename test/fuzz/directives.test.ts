import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDirectives } from '../../src/directives.js';
import type { Directive, FileFacts } from '../../src/types.js';
import { fuzzSeed, runsFor, testTimeoutFor, withinBudget } from './fuzz-settings.js';
import { countLines } from './seeds.js';

const ruleIds = ['sensitive-attribute', 'proxy-attribute', 'missing-consent', 'unjustified-suppression', 'no-such-rule'];
const kinds = ['disable-next-line', 'disable-line', 'disable', 'enable'] as const;

/** Pieces of comments, strings and directives, in any order: the directive lexer's hardest inputs. */
const fragments = [
  '//', '/*', '*/', '/**', ' * ', '#', '"', "'", '`', '${', '}', '\\', '\n', '\r\n', '\r', '\u2028', ' ', '\t', ',', '--', ' -- ', '---', '-',
  'profilint-', 'profilint-disable', 'profilint-disable-line', 'profilint-disable-next-line', 'profilint-enable', 'profilint-disablefoo',
  ...ruleIds, 'because', 'const a = 1;', 'x: 1', '- item', 'http://example.com/a', '/regex/g', '<!--', '-->', '\u0000', '\uFEFF', '\u202E',
];

const languages: FileFacts['language'][] = ['typescript', 'javascript', 'yaml'];

function expectWellFormed(directives: Directive[], text: string): void {
  const lines = countLines(text);
  expect(directives.length).toBeLessThanOrEqual(text.split('profilint-').length - 1);
  for (const directive of directives) {
    expect(kinds).toContain(directive.kind);
    expect(directive.span.line).toBeGreaterThanOrEqual(1);
    expect(directive.span.endLine).toBeGreaterThanOrEqual(directive.span.line);
    expect(directive.span.endLine).toBeLessThanOrEqual(lines);
    expect(directive.span.column).toBeGreaterThanOrEqual(1);
    expect(directive.fromLine).toBeLessThanOrEqual(directive.toLine);
    expect(directive.fromLine).toBeGreaterThanOrEqual(1);
    for (const id of directive.ruleIds) expect(id).toMatch(/^[^\s,]+$/);
    expect(directive.reason).toBe(directive.reason.trim());
    expect(directive.reason).not.toMatch(/[\r\n]/);
  }
}

/** One line of a generated file: code, or a directive whose meaning the test knows. */
type GeneratedLine = { code: string } | { kind: 'disable-next-line' | 'disable-line'; ids: string[]; reason: string };

const reasonArbitrary = fc.oneof(
  fc.constant(''),
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9 .,'()]{0,40}$/).map((reason) => reason.trim()).filter((reason) => reason !== ''),
);

const lineArbitrary: fc.Arbitrary<GeneratedLine> = fc.oneof(
  fc.constantFrom('const a = 1;', 'score(customer.age);', '', 'function f() {', '}').map((code) => ({ code })),
  fc.record({
    kind: fc.constantFrom('disable-next-line' as const, 'disable-line' as const),
    ids: fc.uniqueArray(fc.constantFrom(...ruleIds), { maxLength: 3 }),
    reason: reasonArbitrary,
  }),
);

function render(line: GeneratedLine): string {
  if ('code' in line) return line.code;
  const comment = `// profilint-${line.kind}${line.ids.length > 0 ? ` ${line.ids.join(', ')}` : ''}${line.reason === '' ? '' : ` -- ${line.reason}`}`;
  return line.kind === 'disable-line' ? `call(); ${comment}` : comment;
}

describe('fuzzing the directive parser', () => {
  it('never throws on comment soup, in every language, and keeps positions inside the file', { timeout: testTimeoutFor(20_000) }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 8 })), { maxLength: 60 }), fc.constantFrom(...languages), async (parts, language) => {
        const text = parts.join('');
        const directives = await withinBudget('parseDirectives', () => parseDirectives(text, language));
        expectWellFormed(directives, text);
      }),
      { numRuns: runsFor(400), seed: fuzzSeed, endOnFailure: true },
    );
  });

  it('reads exactly the directives a generated file contains, with their rules, reasons and lines', { timeout: testTimeoutFor(20_000) }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(lineArbitrary, { minLength: 1, maxLength: 30 }), fc.constantFrom('\n', '\r\n'), async (lines, newline) => {
        const text = lines.map(render).join(newline);
        const directives = await withinBudget('parseDirectives', () => parseDirectives(text, 'typescript'));
        const expected = lines.flatMap((line, index) =>
          'code' in line
            ? []
            : [
                {
                  kind: line.kind,
                  ruleIds: line.ids,
                  // Runs of whitespace in a reason read as one space.
                  reason: line.reason.replace(/\s+/g, ' '),
                  line: index + 1,
                  coveredLine: line.kind === 'disable-next-line' ? index + 2 : index + 1,
                },
              ],
        );
        expect(
          directives.map((directive) => ({
            kind: directive.kind,
            ruleIds: directive.ruleIds,
            reason: directive.reason,
            line: directive.span.line,
            coveredLine: directive.fromLine,
          })),
        ).toEqual(expected);
      }),
      { numRuns: runsFor(300), seed: fuzzSeed, endOnFailure: true },
    );
  });
});
