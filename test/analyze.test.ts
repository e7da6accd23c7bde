import { describe, expect, it } from 'vitest';
import { analyze } from '../src/analyze.js';
import type { Catalogs } from '../src/catalogs.js';
import { loadCatalogs } from '../src/catalogs.js';
import { defaultConfig } from '../src/config.js';

/** Catalogs whose first use (by the first file's extraction) throws: an extractor bug triggered by that file. */
function catalogsFailingOnce(): Catalogs {
  const real = loadCatalogs(defaultConfig('/repo').vocabulary);
  let failed = false;
  return new Proxy(real, {
    get(target, property, receiver) {
      if (!failed) {
        failed = true;
        throw new Error('catalog exploded');
      }
      return Reflect.get(target, property, receiver);
    },
  });
}

const input = {
  root: '/repo',
  config: defaultConfig('/repo'),
  sources: [{ file: 'src/a.ts', text: '// profilint-disable-next-line proxy-attribute\nexport const a = 1;\n' }],
  fileExists: () => false,
  now: new Date('2026-11-30T12:00:00Z'),
};

describe('analyze', () => {
  it('rethrows an extractor failure with the file, so tests see bugs', async () => {
    await expect(analyze({ ...input, catalogs: catalogsFailingOnce() })).rejects.toThrow('Internal error while extracting src/a.ts: catalog exploded');
  });

  it('turns an extractor failure into a notice when scanning, and still reports what it can', async () => {
    const { notices, findings } = await analyze({ ...input, catalogs: catalogsFailingOnce(), extractionErrorsAsNotices: true });
    expect(notices).toEqual([
      {
        kind: 'parse-error',
        level: 'error',
        file: 'src/a.ts',
        message: 'profilint could not analyse this file (internal error: catalog exploded); please report it with DEBUG=profilint output.',
      },
    ]);
    expect(findings.map((finding) => finding.ruleId)).not.toContain('proxy-attribute');
  });
});
