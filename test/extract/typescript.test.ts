import { describe, expect, it } from 'vitest';
import { loadCatalogs } from '../../src/catalogs.js';
import type { AttributeFlow } from '../../src/extract/attributes.js';
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

describe('extractCode module facts', () => {
  const features = `/**
 * Feature builders for the churn model.
 * @profiling churn-model
 */
import scoring, { toRow as buildRow, 'quoted-name' as quoted } from './scoring';
import * as vendor from 'vendor-sdk';
const { legacyScore } = require('./legacy');

/** @retention 30d */
export const customerFeatures = (customer) => ({ age: customer.age, zip: customer.zipCode });

function privateFeatures(customer) {
  return [customer.religion];
}

export default function rank(customer) {
  return buildRow(customer);
}

export class Scorer {
  features(customer) {
    return this.rowOf(customer);
  }
  rowOf(customer) {
    return { gender: customer.gender };
  }
}

export { privateFeatures as hiddenFeatures };
`;

  it('reads imports, exports, tags and what exported functions return', () => {
    const { code } = extractCode('src/features.ts', features, catalogs);
    expect(code?.module.imports).toEqual([
      { localName: 'scoring', importedName: 'default', specifier: './scoring' },
      { localName: 'buildRow', importedName: 'toRow', specifier: './scoring' },
      { localName: 'quoted', importedName: 'quoted-name', specifier: './scoring' },
      { localName: 'vendor', importedName: '*', specifier: 'vendor-sdk' },
      { localName: 'legacyScore', importedName: 'legacyScore', specifier: './legacy' },
    ]);
    expect(code?.module.fileTags.profiling?.pipeline).toBe('churn-model');
    expect(code?.module.functions.map((fact) => [fact.id, fact.exportedAs, fact.tags.retention?.value])).toEqual([
      ['customerFeatures@10:33', ['customerFeatures'], '30d'],
      ['privateFeatures@12:1', ['hiddenFeatures'], undefined],
      ['rank@16:1', ['default'], undefined],
      ['Scorer.features@21:3', [], undefined],
      ['Scorer.rowOf@24:3', [], undefined],
    ]);
    // Every exported function's result is traced back, through `this.` methods of its class too.
    const returnedBy = (flows: AttributeFlow[]): string => flows.map((flow) => (flow.kind === 'returned' ? flow.functionName : flow.kind)).join(',');
    expect(code?.attributes.map((reference) => `${reference.name}@${reference.span.line}:${returnedBy(reference.flows)}`)).toEqual(['age@10:customerFeatures', 'zip@10:customerFeatures', 'religion@13:privateFeatures', 'gender@25:features,rowOf']);
    expect(code?.module.calls.map((call) => `${call.calleeText}@${call.span.line}`)).toEqual(['buildRow@17', 'this.rowOf@22']);
  });
});
