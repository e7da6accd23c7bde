import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, type SourceText } from '../../src/analyze.js';
import { loadCatalogs, type Catalogs } from '../../src/catalogs.js';
import { defaultConfig } from '../../src/config.js';
import { fuzzSeed, runsFor, testTimeoutFor } from './fuzz-settings.js';
import { loadSeedCorpus } from './seeds.js';

describe('determinism of the in-memory pipeline', () => {
  let catalogs: Catalogs;
  let corpus: string[];
  beforeAll(() => {
    catalogs = loadCatalogs(defaultConfig('/repo').vocabulary);
    corpus = loadSeedCorpus().typescript.slice(0, 60);
  });

  it('finds the same findings, fingerprints included, whatever order the files arrive in', { timeout: testTimeoutFor(40_000) }, async () => {
    const analyzeInOrder = async (sources: SourceText[]) =>
      (await analyze({ root: '/repo', config: defaultConfig('/repo'), sources, fileExists: () => false, now: new Date('2026-11-30T12:00:00Z'), catalogs })).findings;
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.nat({ max: corpus.length - 1 }), { minLength: 2, maxLength: 6 }).chain((indexes) =>
          fc.tuple(fc.constant(indexes), fc.shuffledSubarray(indexes, { minLength: indexes.length, maxLength: indexes.length })),
        ),
        async ([indexes, shuffled]) => {
          const sourceOf = (index: number): SourceText => ({ file: `src/file-${index}.ts`, text: corpus[index]! });
          expect(await analyzeInOrder(shuffled.map(sourceOf))).toEqual(await analyzeInOrder(indexes.map(sourceOf)));
        },
      ),
      { numRuns: runsFor(15, 500), seed: fuzzSeed, endOnFailure: true },
    );
  });
});
