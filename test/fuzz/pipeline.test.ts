import fc from 'fast-check';
import { hashText } from '../../src/extract/file-facts.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, extractFacts } from '../../src/analyze.js';
import { loadCatalogs, type Catalogs } from '../../src/catalogs.js';
import { defaultConfig } from '../../src/config.js';
import { readSpecs } from '../../src/specs/read.js';
import type { FileFacts, Finding, ScanNotice, Span } from '../../src/types.js';
import { fuzzSeed, runsFor, testTimeoutFor, withinBudget } from './fuzz-settings.js';
import { countLines, loadSeedCorpus, mutatedText, type SeedCorpus } from './seeds.js';

const now = new Date('2026-11-30T12:00:00Z');
let corpus: SeedCorpus;
let catalogs: Catalogs;

beforeAll(() => {
  corpus = loadSeedCorpus();
  catalogs = loadCatalogs(defaultConfig('/repo').vocabulary);
});

/** A position profilint reports must exist in the file it names. */
function expectInside(span: Partial<Span>, lines: number, where: string): void {
  if (span.line === undefined) return;
  expect(span.line, `${where}: line`).toBeGreaterThanOrEqual(1);
  expect(span.line, `${where}: line`).toBeLessThanOrEqual(lines);
  if (span.column !== undefined) expect(span.column, `${where}: column`).toBeGreaterThanOrEqual(1);
  if (span.endLine !== undefined) {
    expect(span.endLine, `${where}: endLine`).toBeGreaterThanOrEqual(span.line);
    expect(span.endLine, `${where}: endLine`).toBeLessThanOrEqual(lines);
  }
}

function expectWellFormedFacts(facts: FileFacts, file: string, text: string): void {
  const lines = countLines(text);
  expect(facts.file).toBe(file);
  // The cache's key, and git's id for the same content: what lets a warm scan skip files git knows unchanged.
  expect(facts.hash).toBe(hashText(text));
  for (const notice of facts.notices) {
    expect(notice.file).toBe(file);
    expect(notice.message.trim()).not.toBe('');
    expectInside(notice, lines + 1, `notice "${notice.message}"`);
  }
  for (const directive of facts.directives) expectInside(directive.span, lines, 'directive');
  // Facts cross threads and the cache as structured clones: they must be plain data.
  expect(structuredClone(facts)).toEqual(facts);
}

/** The whole in-memory pipeline on one file: extraction, link, every rule, directives, fingerprints. */
async function analyzeOne(file: string, text: string): Promise<{ findings: Finding[]; notices: ScanNotice[] }> {
  return analyze({ root: '/repo', config: defaultConfig('/repo'), sources: [{ file, text }], fileExists: () => false, now, catalogs });
}

function expectWellFormedFindings(findings: Finding[], file: string, text: string): void {
  const lines = countLines(text);
  for (const finding of findings) {
    expect(finding.file).toBe(file);
    expect(finding.message).not.toMatch(/\{\{\s*\w+\s*\}\}/);
    expect(finding.fingerprint).not.toBe('');
    expectInside(finding, lines, `${finding.ruleId} "${finding.message}"`);
  }
}

// Inputs the nightly run once failed on, replayed in every run.
const typescriptRegressions: [string, string][] = [
  ["import { audienceMembers om './schema';\nexport async function add(db: any, userId: string) {\n  await db.insert(audienceMembers).values({ userId });\n}\n", 'src/pipeline.ts'],
  ['function send(analytics, id, traits) {\n  analytics.identify(id,  function onProfile(analytics, u) {\n  send(analytics, u.id, { maritalStatus: u.maritalStatus });\n}\n', 'src/pipeline.ts'],
];
const yamlRegressions: [string][] = [
  ['profilint: 1\npipeline: next-best-offer\nowner: crm@shop.example\nlawfulBasis: *aconsent\n'],
  [`profilint: 1\npipeline: laughs\na0: &a0 [${Array(10).fill('lol').join(', ')}]\na1: &a1 [${Array(10).fill('*a0').join(', ')}]\na2: [${Array(10).fill('*a1').join(', ')}]\n`],
];

describe('fuzzing the TypeScript extractor and the pipeline behind it', () => {
  it('never throws on mutated rule fixtures, and every reported position is inside the file', { timeout: testTimeoutFor(60_000) }, async () => {
    await fc.assert(
      fc.asyncProperty(mutatedText(corpus.typescript), fc.constantFrom('src/pipeline.ts', 'src/view.tsx', 'lib/legacy.js'), async (text, file) => {
        const facts = await withinBudget(`extractFacts(${file})`, () => extractFacts(file, text, catalogs));
        expectWellFormedFacts(facts, file, text);
        const { findings } = await withinBudget(`analyze(${file})`, () => analyzeOne(file, text));
        expectWellFormedFindings(findings, file, text);
      }),
      { numRuns: runsFor(100), seed: fuzzSeed, endOnFailure: true, examples: typescriptRegressions },
    );
  });

  it('gives the same facts for the same text, whatever was extracted before', { timeout: testTimeoutFor(30_000) }, async () => {
    await fc.assert(
      fc.asyncProperty(mutatedText(corpus.typescript), mutatedText(corpus.typescript), async (text, other) => {
        const first = await extractFacts('src/pipeline.ts', text, catalogs);
        await extractFacts('src/pipeline.ts', other, catalogs);
        expect(await extractFacts('src/pipeline.ts', text, catalogs)).toEqual(first);
      }),
      { numRuns: runsFor(10, 1000), seed: fuzzSeed, endOnFailure: true },
    );
  });
});

describe('fuzzing the YAML spec reader', () => {
  it('never throws on mutated specs, and every notice points inside the file', { timeout: testTimeoutFor(30_000) }, async () => {
    await fc.assert(
      fc.asyncProperty(mutatedText(corpus.yaml), async (text) => {
        const file = 'specs/churn.profiling.yaml';
        const { specs, notices } = await withinBudget('readSpecs', () => readSpecs(file, text));
        for (const notice of notices) {
          expect(notice.file).toBe(file);
          expectInside(notice, countLines(text) + 1, `notice "${notice.message}"`);
        }
        for (const spec of specs) expectInside(spec.firstKey, countLines(text), 'first key');
        const { findings } = await withinBudget('analyze(yaml)', () => analyzeOne(file, text));
        expectWellFormedFindings(findings, file, text);
      }),
      { numRuns: runsFor(150), seed: fuzzSeed, endOnFailure: true, examples: yamlRegressions },
    );
  });

  it('stops alias expansion of any depth and width at the alias budget', { timeout: testTimeoutFor(20_000) }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 2, max: 30 }), async (width, depth) => {
        const lines = ['profilint: 1', 'pipeline: laughs', `a0: &a0 [${Array(width).fill('lol').join(', ')}]`];
        for (let level = 1; level < depth; level += 1) lines.push(`a${level}: &a${level} [${Array(width).fill(`*a${level - 1}`).join(', ')}]`);
        const text = `${lines.join('\n')}\n`;
        const { notices } = await withinBudget(`readSpecs(alias bomb ${width}^${depth})`, () => readSpecs('specs/laughs.profiling.yaml', text));
        // A document that would expand to a million values or more is refused, never expanded.
        if (width ** depth >= 1_000_000) expect(notices.map((notice) => notice.message).join('\n')).toMatch(/alias bomb/);
      }),
      { numRuns: runsFor(40, 500), seed: fuzzSeed, endOnFailure: true },
    );
  });
});
