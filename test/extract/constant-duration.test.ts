import { describe, expect, it } from 'vitest';
import { Project, SyntaxKind } from 'ts-morph';
import {
  evaluateConstantNumber,
  evaluateDurationSeconds,
  evaluateExpiryDateSeconds,
  parseMsString,
} from '../../src/extract/constant-duration.js';

const project = new Project({ useInMemoryFileSystem: true });
let fileCount = 0;

/** Evaluates the initializer of `const subject = …` in a file made of `prelude` and that line. */
function evaluate(expression: string, prelude = ''): number | undefined {
  fileCount += 1;
  const file = project.createSourceFile(`/case-${fileCount}.ts`, `${prelude}\nconst subject = ${expression};\n`);
  const declaration = file.getVariableDeclarationOrThrow('subject');
  return evaluateConstantNumber(declaration.getInitializerOrThrow());
}

describe('evaluateConstantNumber', () => {
  it.each([
    ['2592000', 2_592_000],
    ['2_592_000', 2_592_000],
    ['60 * 60 * 24 * 30', 2_592_000],
    ['(1 + 1) * 86400', 172_800],
    ['30 * 864e5', 2_592_000_000],
    ['-5 + 10', 5],
    ['2 ** 10', 1024],
    ["ms('30d')", 2_592_000_000],
    ["ms('2 hours')", 7_200_000],
    ["ms('1y') / 1000", 31_557_600],
    ["Math.floor(ms('1.5s') / 1000)", 1],
    ['90 as number', 90],
  ])('%s is %d', (expression, expected) => {
    expect(evaluate(expression)).toBe(expected);
  });

  it('follows const names, object members and enum members in the same file', () => {
    expect(evaluate('DAY * 7', 'const DAY = 24 * HOUR;\nconst HOUR = 3600;')).toBe(604_800);
    expect(evaluate('TTL.profile', 'const TTL = { profile: 60 * 60, session: 1 } as const;')).toBe(3600);
    expect(evaluate('Ttl.Week', 'enum Ttl { Day = 86400, Week = 7 * 86400 }')).toBe(604_800);
  });

  it.each([
    ['a let, which may change', 'ttl', 'let ttl = 60;'],
    ['a name declared twice', 'TTL', 'const TTL = 60;\nfunction f() { const TTL = 1; return TTL; }'],
    ['a configuration value', 'config.ttl', "import { config } from './config';"],
    ['a call profilint does not know', 'computeTtl()', ''],
    ['an imported constant', 'ONE_DAY', "import { ONE_DAY } from './time';"],
    ['a division by zero', '1 / 0', ''],
    ['an ms string that is not a duration', "ms('soon')", ''],
    ['a cycle', 'A', 'const A = B;\nconst B = A;'],
  ])('does not guess %s', (_reason, expression, prelude) => {
    expect(evaluate(expression, prelude)).toBeUndefined();
  });
});

describe('evaluateDurationSeconds', () => {
  it('applies the API unit', () => {
    fileCount += 1;
    const file = project.createSourceFile(`/units-${fileCount}.ts`, 'f(30);');
    const argument = file.getDescendantsOfKind(SyntaxKind.NumericLiteral)[0]!;
    expect(evaluateDurationSeconds(argument, 'milliseconds')).toBe(0.03);
    expect(evaluateDurationSeconds(argument, 'seconds')).toBe(30);
    expect(evaluateDurationSeconds(argument, 'days')).toBe(2_592_000);
    expect(evaluateDurationSeconds(argument, 'weeks')).toBe(18_144_000);
  });
});

describe('evaluateExpiryDateSeconds', () => {
  function expiry(expression: string): number | undefined {
    fileCount += 1;
    const file = project.createSourceFile(`/dates-${fileCount}.ts`, `const subject = ${expression};`);
    return evaluateExpiryDateSeconds(file.getVariableDeclarationOrThrow('subject').getInitializerOrThrow());
  }

  it('reads offsets from now', () => {
    expect(expiry('new Date(Date.now() + 30 * 864e5)')).toBe(2_592_000);
    expect(expiry('new Date(new Date().getTime() + 1000)')).toBe(1);
    expect(expiry('new Date(1000 * 60 + Date.now())')).toBe(60);
  });

  it('does not evaluate fixed dates or unknown offsets', () => {
    expect(expiry("new Date('2030-01-01')")).toBeUndefined();
    expect(expiry('new Date(Date.now() + ttl)')).toBeUndefined();
    expect(expiry('new Date(Date.now() - 1000)')).toBeUndefined();
  });
});

describe('parseMsString', () => {
  it.each([
    ['30d', 2_592_000_000],
    ['1 week', 604_800_000],
    ['500', 500],
    ['1.5h', 5_400_000],
    ['2 years', 63_115_200_000],
  ])('%s is %d ms', (text, expected) => {
    expect(parseMsString(text)).toBe(expected);
  });

  it('rejects what the ms package does not parse', () => {
    expect(parseMsString('30 fortnights')).toBeUndefined();
    expect(parseMsString('')).toBeUndefined();
  });
});
