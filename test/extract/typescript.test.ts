import { describe, expect, it } from 'vitest';
import { loadCatalogs } from '../../src/catalogs.js';
import { extractCode } from '../../src/extract/typescript.js';
import type { VocabularyExtension } from '../../src/types.js';

const noExtension: VocabularyExtension = { sensitive: {}, proxies: {}, ignore: [], sinks: [], consent: [], stores: [] };
const catalogs = loadCatalogs(noExtension);

const pipeline = `
export function score(model, customer) {
  return model.predict([customer.age, customer.postcode]);
}
`;

/** What a reader checks of a file's facts: its functions, sinks and the attributes that reach them. */
function summary(file: string, text: string) {
  const { code, notices } = extractCode(file, text, catalogs);
  return {
    notices,
    functions: code?.module.functions.map((fact) => fact.id),
    sinks: code?.sinks.map((sink) => `${sink.catalogId}@${sink.span.line}`),
    attributes: code?.attributes.map((reference) => `${reference.name}:${reference.category}@${reference.span.line}`),
  };
}

describe('extractCode', () => {
  it('reads a file the same way each time its path is extracted again', () => {
    const first = summary('src/repeat/score.ts', pipeline);
    expect(first.sinks).toEqual(['model.predict@3']);
    expect(first.attributes).toEqual(['age:age@3', 'postcode:postcode@3']);
    expect(summary('src/repeat/score.ts', pipeline)).toEqual(first);
    // An edited file under the same path gets the facts of its new text.
    expect(summary('src/repeat/score.ts', pipeline.replace('customer.age, ', '')).attributes).toEqual(['postcode:postcode@3']);
  });

  it('reads a file whose path names the same file another way as that file', () => {
    const direct = summary('src/paths/score.ts', pipeline);
    expect(summary('src/paths/../paths/./score.ts', pipeline)).toEqual(direct);
  });

  it("reads a file at the path of one of the compiler's own library files", () => {
    expect(summary('node_modules/typescript/lib/lib.es5.d.ts', pipeline).sinks).toEqual(['model.predict@3']);
  });
});
