import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTextSearch, tokensOf } from '../src/candidate-text.js';
import { importWords, relativeImportSpecifiersAt, relativeImportSpecifiersIn } from '../src/link.js';
import { tokenize } from '../src/tokenize.js';

const vocabulary = ['kid', 'age', 'category', 'person', 'child', 'diagnosis', 'dob', 'date', 'birth', 'ethnicity', 'zip', '5', 'id', 'x', 'status'];
// Literals of every kind the search tells apart: with a boundary every occurrence has (`@profiling`, `t-`, `v8`),
// letters alone (`optOut` may sit inside one piece in any case), one letter, and ones with characters beyond ASCII
// or with no letter or digit; the same and a few more compared exactly, where `optOut` and `ABCdef` have boundaries.
const literals = ['@profiling', 'profilint-', 'optOut', 'withCMP', 'featurestore', 'v8', 'q', '--', 'café', 'x_y'];
const exactLiterals = [...literals, 'optout', 'ABCdef', 'AB', '\u212A'];
const search = createTextSearch(vocabulary, literals, exactLiterals);

function sorted(tokens: Iterable<string>): string[] {
  return [...tokens].sort();
}

/** What the search must give: every token `tokensOf` finds, kept to the vocabulary. */
function expected(text: string): string[] {
  return sorted([...tokensOf(text)].filter((token) => vocabulary.includes(token)));
}

/** The literals a case-insensitive regular expression finds in the text. */
function expectedLiterals(text: string): string[] {
  return sorted(literals.filter((literal) => new RegExp(literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i').test(text)));
}

function expectedExactLiterals(text: string): string[] {
  return sorted(exactLiterals.filter((literal) => text.includes(literal)));
}

describe('createTextSearch', () => {
  it.each([
    ['userAge', ['age']],
    ['USER_AGES', ['age']],
    ['DOBDate', ['date', 'dob']],
    ['ABCdob', []],
    ['xAge', ['age', 'x']],
    ['productCategories', ['category']],
    ['people.children', ['child', 'person']],
    ['diagnoses', ['diagnosis']],
    ['zip5', ['5', 'zip']],
    ['zip55', ['zip']],
    ['statuses status', ['status']],
    ['page usage message', []],
    ['Âge ethnicité', ['age']],
    ['A\u0302ge', ['age']],
    ['\u212Aids', ['kid']],
    ['user\u0301Age', ['age']],
    ['🏳️ age', ['age']],
    ['', []],
  ])('finds the vocabulary tokens of %j', (text, tokens) => {
    expect(sorted(search(text).tokens)).toEqual(tokens);
    expect(expected(text)).toEqual(tokens);
  });

  it.each([
    ['/** @profiling churn */', ['@profiling']],
    ['// profilint-disable-next-line', ['profilint-']],
    ['// PROFILINT-disable', ['profilint-']],
    ['profilintx', []],
    ['posthog.init(key, { optOut: true })', ['optOut']],
    ['const OPTOUT = 1; optoutAll()', ['optOut']],
    ['setOptOut', ['optOut']],
    ['isOPTOut', ['optOut']],
    ['adoptOutcome', ['optOut']],
    ['opt Out', []],
    ['withCmp(app)', ['withCMP']],
    ['myFeatureStore.write(row)', ['featurestore']],
    ['FEATURESTORE', ['featurestore']],
    ['featureStoreX featurestor', ['featurestore']],
    ['node v8', ['v8']],
    ['V8x', ['v8']],
    ['v 8', []],
    ['Q', ['q']],
    ['a -- b', ['--']],
    ['CAFÉ', ['café']],
    ['x_y', ['x_y']],
    ['', []],
  ])('finds the literals in %j as a case-insensitive expression does', (text, found) => {
    expect(sorted(search(text).literals)).toEqual(found);
    expect(expectedLiterals(text)).toEqual(found);
  });

  it.each([
    ['posthog.init(key, { optOut: true })', ['optOut']],
    ['const OPTOUT = 1; optoutAll()', ['optout']],
    ['adoptOutcome', ['optOut']],
    ['XABCdef ABCDef', ['AB', 'ABCdef']],
    ['withCmp(app)', []],
    ['\u212Aids', ['\u212A']],
  ])('finds the exact literals in %j as written', (text, found) => {
    expect(sorted(search(text).exactLiterals)).toEqual(found);
    expect(expectedExactLiterals(text)).toEqual(found);
  });

  it('finds every token tokenize gives a name, however its letters are composed', () => {
    const letters = fc.constantFrom('a', 'g', 'e', 'A', 'G', 'E', 'k', '\u212A', 'i', 'd', 's', '\u0302', '\u0301', '\u20DD', 'é', 'Â', '_', '1');
    fc.assert(
      fc.property(fc.array(letters, { minLength: 1, maxLength: 10 }), (characters) => {
        const name = characters.join('');
        const found = tokensOf(`const ${name} = 1;`);
        for (const token of tokenize(name)) expect(found.has(token), `${JSON.stringify(name)}: ${token}`).toBe(true);
      }),
      { numRuns: 3000, seed: 20261130 },
    );
  });

  it('agrees with tokensOf on any text', () => {
    const pieces = fc.constantFrom('age', 'Age', 'AGE', 'ages', 'category', 'Categories', 'people', 'Person', 'children', 'DOB', 'Date',
      'birth', 'zip', '5', '55', 'id', 'ID', 'x', 'X', 'status', 'statuses', 'é', 'Â', 'ß', '_', '.', ' ', '-', '\n', '$', 'a', 'B', '9', 'page',
      '\u0302', '\u212A', 'kids', '中', '\uFE0F', '\u{1F44D}', '\u{1D165}', '\uD800', 'Ω');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        expect(sorted(search(text).tokens)).toEqual(expected(text));
      }),
      { numRuns: 3000, seed: 20261130 },
    );
  });

  it('finds the literals a case-insensitive expression finds, and the exact ones as written, in any text', () => {
    const pieces = fc.constantFrom('opt', 'OPT', 'Out', 'OUT', 'out', 'optOut', 'with', 'With', 'CMP', 'Cmp', 'cmp', 'feature', 'Feature', 'STORE',
      'store', '@', 'profiling', 'Profiling', 'profilint', 'PROFILINT', '-', '--', 'v', 'V', '8', '88', 'q', 'Q', 'x', '_', 'y', 'café', 'CAFÉ',
      'é', ' ', '.', 'a', 'Z', '中', '\u0301', '\u{1F44D}', 'AB', 'ABC', 'def', 'Def', '\u212A');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        const found = search(text);
        expect(sorted(found.literals)).toEqual(expectedLiterals(text));
        expect(sorted(found.exactLiterals)).toEqual(expectedExactLiterals(text));
      }),
      { numRuns: 5000, seed: 20261130 },
    );
  });

  it('finds where import words start, so the import expression tried only there finds what it finds in the whole text', () => {
    const importSearch = createTextSearch([], [], [], importWords);
    const pieces = fc.constantFrom('from', 'import', 'require', 'From', 'froms', ' ', '\n', '(', ')', "'", '"', './a', '../b', '.', '_', '$', 'x',
      'X', '9', ';', 'é', '中');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 16 }), (parts) => {
        const text = parts.join('');
        const { wordStarts } = importSearch(text);
        if (wordStarts === undefined) expect(/[^\x00-\x7f]/.test(text)).toBe(true);
        else expect(relativeImportSpecifiersAt(text, wordStarts)).toEqual(relativeImportSpecifiersIn(text));
      }),
      { numRuns: 5000, seed: 20261130 },
    );
  });

  it('finds the relative imports of a module as the whole-text expression does', () => {
    const text = "import a from './a';\nexport * from \"../b/c.js\";\nconst d = require( './d' );\nconst e = await import('./e');\nimport f from 'f';\n_from './no'";
    const { wordStarts } = createTextSearch([], [], [], importWords)(text);
    expect(relativeImportSpecifiersAt(text, wordStarts!)).toEqual(['./a', '../b/c.js', './d', './e']);
    expect(relativeImportSpecifiersIn(text)).toEqual(['./a', '../b/c.js', './d', './e']);
  });
});
