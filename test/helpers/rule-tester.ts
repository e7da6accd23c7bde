import { describe, expect, it } from 'vitest';
import { analyze, languageOf, type SourceText } from '../../src/analyze.js';
import { mayHostFinding, type CandidateTest } from '../../src/candidate-text.js';
import { loadCatalogs } from '../../src/catalogs.js';
import { candidateTestFor } from '../../src/prefilter.js';
import { rules } from '../../src/rules/index.js';
import type { AnyRule } from '../../src/rules/define-rule.js';
import type { Finding, ResolvedConfig, VocabularyExtension } from '../../src/types.js';

/** Config a case may change; everything else keeps profilint's defaults. */
export interface CaseConfig {
  vocabulary?: Partial<VocabularyExtension>;
  profilingPaths?: string[];
  auditMaxAgeDays?: number;
  rules?: ResolvedConfig['rules'];
}

export interface ValidCase {
  name: string;
  /** Where `code` is placed; default `src/pipeline.ts`. */
  filename?: string;
  code?: string;
  /** Several files, by repository-relative path, for cases across files. */
  files?: Record<string, string>;
  options?: Record<string, unknown>;
  config?: CaseConfig;
}

export interface ExpectedError {
  messageId: string;
  line: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** Needed only when the case has several files. */
  file?: string;
  /** Placeholders the message must have been rendered with (only the keys given are compared). */
  data?: Record<string, string>;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedError[];
}

/** The fixed clock of every rule test, so audit ages and trends do not drift. */
export const testNow = new Date('2026-11-30T12:00:00Z');

const defaultFilename = 'src/pipeline.ts';

function sourcesOf(testCase: ValidCase): SourceText[] {
  const files: Record<string, string> = { ...testCase.files };
  if (testCase.code !== undefined) files[testCase.filename ?? defaultFilename] = testCase.code;
  return Object.entries(files).map(([file, text]) => ({ file, text }));
}

function configOf(rule: AnyRule, testCase: ValidCase): ResolvedConfig {
  const vocabulary: VocabularyExtension = {
    sensitive: {},
    proxies: {},
    ignore: [],
    sinks: [],
    consent: [],
    stores: [],
    ...testCase.config?.vocabulary,
  };
  return {
    root: '/repo',
    rules: {
      ...testCase.config?.rules,
      ...(testCase.options ? { [rule.id]: { level: rule.severity, options: testCase.options } } : {}),
    },
    include: [],
    exclude: [],
    vocabulary,
    profilingPaths: testCase.config?.profilingPaths ?? [],
    maxFileSize: 1024 * 1024,
    fileTimeout: 10_000,
    auditMaxAgeDays: testCase.config?.auditMaxAgeDays ?? 365,
  };
}

/** Runs the whole pipeline on a case's files; every rule's findings, suppressed ones included. */
async function analyzeCase(ruleId: string, testCase: ValidCase, prefilter: boolean): Promise<{ findings: Finding[]; config: ResolvedConfig }> {
  const rule = (rules as Record<string, AnyRule>)[ruleId];
  if (rule === undefined) throw new Error(`Unknown rule "${ruleId}"`);
  const sources = sourcesOf(testCase);
  if (sources.length === 0) throw new Error(`Case "${testCase.name}" has neither code nor files`);
  const known = new Set(sources.map((source) => source.file));
  const config = configOf(rule, testCase);
  const { findings } = await analyze({
    root: '/repo',
    config,
    sources,
    fileExists: (relativePath) => known.has(relativePath),
    now: testNow,
    prefilter,
  });
  return { findings, config };
}

function unsuppressedOf(ruleId: string, findings: Finding[]): Finding[] {
  return findings.filter((finding) => finding.ruleId === ruleId && finding.suppression === undefined);
}

/**
 * Runs the whole pipeline on a case's files and returns the tested rule's unsuppressed findings.
 * `prefilter: false` parses every code file, which must never change what is found.
 */
export async function findingsOf(ruleId: string, testCase: ValidCase, prefilter = true): Promise<Finding[]> {
  return unsuppressedOf(ruleId, (await analyzeCase(ruleId, testCase, prefilter)).findings);
}

function project(finding: Finding, expected: ExpectedError, withFile: boolean): ExpectedError {
  const actual: ExpectedError = { messageId: finding.messageId, line: finding.line };
  if (withFile) actual.file = finding.file;
  if (expected.column !== undefined) actual.column = finding.column;
  if (expected.endLine !== undefined) actual.endLine = finding.endLine;
  if (expected.endColumn !== undefined) actual.endColumn = finding.endColumn;
  if (expected.data !== undefined) {
    actual.data = Object.fromEntries(Object.keys(expected.data).map((key) => [key, finding.data[key] ?? '<missing>']));
  }
  return actual;
}

function caseKey(testCase: ValidCase): string {
  return JSON.stringify([testCase.filename, testCase.code, testCase.files, testCase.options, testCase.config]);
}

function rejectDuplicates(cases: ValidCase[]): void {
  const names = new Set<string>();
  const inputs = new Set<string>();
  for (const testCase of cases) {
    if (names.has(testCase.name)) throw new Error(`Duplicate test case name: "${testCase.name}"`);
    const key = caseKey(testCase);
    if (inputs.has(key)) throw new Error(`Duplicate test case input: "${testCase.name}"`);
    names.add(testCase.name);
    inputs.add(key);
  }
}

/**
 * ESLint's RuleTester for profilint: `valid` cases must yield no finding of the rule, `invalid`
 * cases exactly the listed ones (message id and line always; column, end and data when given).
 */
export function runRuleTests(ruleId: string, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  const rule = (rules as Record<string, AnyRule>)[ruleId];
  if (rule === undefined) throw new Error(`Unknown rule "${ruleId}"`);
  if (cases.valid.length === 0 || cases.invalid.length === 0) {
    throw new Error(`Rule "${ruleId}" needs at least one valid and one invalid case`);
  }
  rejectDuplicates([...cases.valid, ...cases.invalid]);

  describe(ruleId, () => {
    describe('valid', () => {
      for (const testCase of cases.valid) {
        it(testCase.name, async () => {
          const analysis = await analyzeCase(ruleId, testCase, true);
          const findings = unsuppressedOf(ruleId, analysis.findings);
          expect(findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.message}`)).toEqual([]);
          await expectPrefilterChangesNothing(ruleId, testCase, findings);
          expectCandidateTestHolds(testCase, analysis);
        });
      }
    });
    describe('invalid', () => {
      for (const testCase of cases.invalid) {
        it(testCase.name, async () => {
          if (testCase.errors.length === 0) throw new Error('An invalid case must expect at least one error');
          for (const error of testCase.errors) {
            if (!(error.messageId in rule.messages)) {
              throw new Error(`messageId "${error.messageId}" is not in the messages of "${ruleId}"`);
            }
          }
          const withFile = sourcesOf(testCase).length > 1;
          const analysis = await analyzeCase(ruleId, testCase, true);
          const findings = unsuppressedOf(ruleId, analysis.findings);
          for (const finding of findings) {
            expect(finding.message, 'every placeholder is filled').not.toMatch(/\{\{\s*\w+\s*\}\}/);
          }
          const expected = [...testCase.errors].sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || a.line - b.line || (a.column ?? 0) - (b.column ?? 0),
          );
          const actual = findings.map((finding, index) =>
            project(finding, expected[index] ?? { messageId: '', line: 0 }, withFile),
          );
          expect(actual).toEqual(expected.map((error) => (withFile ? error : { ...error, file: undefined })).map(stripUndefined));
          await expectPrefilterChangesNothing(ruleId, testCase, findings);
          expectCandidateTestHolds(testCase, analysis);
        });
      }
    });
  });
}

/** The prefilter only skips files no rule can fire on: parsing everything must find exactly the same. */
async function expectPrefilterChangesNothing(ruleId: string, testCase: ValidCase, withPrefilter: Finding[]): Promise<void> {
  const withoutPrefilter = await findingsOf(ruleId, testCase, false);
  expect(withPrefilter, 'findings with the prefilter on equal those with it off').toEqual(withoutPrefilter);
}

const candidateTests = new Map<string, CandidateTest>();

/**
 * The CLI answers a run on files that fail the candidate test without the engine, so no finding of any
 * rule, suppressed or not, may sit in a code file that fails it.
 */
function expectCandidateTestHolds(testCase: ValidCase, analysis: { findings: Finding[]; config: ResolvedConfig }): void {
  const key = JSON.stringify(analysis.config.vocabulary);
  let candidateTest = candidateTests.get(key);
  if (candidateTest === undefined) {
    candidateTest = candidateTestFor(loadCatalogs(analysis.config.vocabulary));
    candidateTests.set(key, candidateTest);
  }
  const texts = new Map(sourcesOf(testCase).map((source) => [source.file, source.text]));
  const missed = analysis.findings
    .filter((finding) => languageOf(finding.file) !== 'yaml' && !mayHostFinding(candidateTest, texts.get(finding.file) ?? ''))
    .map((finding) => `${finding.ruleId} at ${finding.file}:${finding.line}`);
  expect(missed, 'files with findings pass the candidate test').toEqual([]);
}

function stripUndefined(error: ExpectedError): ExpectedError {
  return Object.fromEntries(Object.entries(error).filter(([, value]) => value !== undefined)) as unknown as ExpectedError;
}
