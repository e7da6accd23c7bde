import { describe, expect, it } from 'vitest';
import { analyze, extractFacts, type FactsExtractor } from '../src/analyze.js';
import { defaultConfig } from '../src/config.js';
import { looksMinified } from '../src/prefilter.js';

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

describe('minified and bundled code', () => {
  const scoring = [
    "import * as tf from '@tensorflow/tfjs';",
    'export function score(model: tf.LayersModel, customer: { age: number }) {',
    '  return model.predict(tf.tensor2d([[customer.age]]));',
    '}',
  ];
  // Build output: the same code among thousands of characters of other code on each line.
  const filler = `var a=${'1+'.repeat(300)}1;`;
  const bundled = scoring.map((line) => `${filler}${line}${filler}`).join('\n');

  it('is not parsed, and a note says which file and why', async () => {
    for (const prefilter of [true, false]) {
      const { findings, notices } = await analyze({ ...input, prefilter, sources: [{ file: 'public/widget.bundle.js', text: bundled }] });
      expect(findings).toEqual([]);
      expect(notices).toEqual([
        expect.objectContaining({ kind: 'skipped', level: 'note', file: 'public/widget.bundle.js', message: expect.stringContaining('minified or bundled') }),
      ]);
    }
  });

  it('is a file whose lines average over 250 characters, however they are spread', () => {
    const lines = (count: number, length: number): string[] => Array.from({ length: count }, () => 'x'.repeat(length));
    // 20 lines holding 5,000 characters with their line breaks average exactly 250; one character more is over.
    expect(looksMinified(`${lines(20, 249).join('\n')}x`)).toBe(false);
    expect(looksMinified(`${lines(20, 249).join('\n')}xx`)).toBe(true);
    // Short lines first, then one long line: the average decides, not the first lines.
    expect(looksMinified([...lines(5, 10), 'y'.repeat(6000)].join('\n'))).toBe(true);
    expect(looksMinified([...lines(30, 10), 'y'.repeat(6000)].join('\n'))).toBe(false);
  });

  it('is told from source by line length, not by name or size', async () => {
    const source = scoring.join('\n');
    const { findings, notices } = await analyze({ ...input, sources: [{ file: 'public/widget.bundle.js', text: `${source}\n${'// padding\n'.repeat(600)}` }] });
    expect(notices).toEqual([]);
    expect(findings.map((finding) => `${finding.ruleId}:${finding.line}`)).toContain('sensitive-attribute:3');
  });
});
