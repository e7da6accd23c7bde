import { describe, expect, it } from 'vitest';
import { analyze, extractFacts, type FactsExtractor } from '../src/analyze.js';
import { defaultConfig } from '../src/config.js';

/** An extractor with a bug that the first file triggers; the others extract normally. */
const extractFailingOnce = (): FactsExtractor => {
  let failed = false;
  return async (source, parseCode, catalogs) => {
    if (!failed) {
      failed = true;
      throw new Error('extractor exploded');
    }
    return extractFacts(source.file, source.text, catalogs, parseCode);
  };
};

const input = {
  root: '/repo',
  config: defaultConfig('/repo'),
  sources: [{ file: 'src/a.ts', text: '// profilint-disable-next-line proxy-attribute\nexport const a = 1;\n' }],
  fileExists: () => false,
  now: new Date('2026-11-30T12:00:00Z'),
};

describe('analyze', () => {
  it('rethrows an extractor failure with the file, so tests see bugs', async () => {
    await expect(analyze({ ...input, extract: extractFailingOnce() })).rejects.toThrow('Internal error while extracting src/a.ts: extractor exploded');
  });

  it('turns an extractor failure into a notice when scanning, and still reports what it can', async () => {
    const { notices, findings } = await analyze({ ...input, extract: extractFailingOnce(), extractionErrorsAsNotices: true });
    expect(notices).toEqual([
      {
        kind: 'parse-error',
        level: 'error',
        file: 'src/a.ts',
        message: 'profilint could not analyse this file (internal error: extractor exploded); please report it with DEBUG=profilint output.',
      },
    ]);
    expect(findings.map((finding) => finding.ruleId)).not.toContain('proxy-attribute');
  });
});
