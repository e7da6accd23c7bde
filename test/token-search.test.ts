import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTokenSearch, tokensOf } from '../src/candidate-text.js';
import { tokenize } from '../src/tokenize.js';

const vocabulary = ['kid', 'age', 'category', 'person', 'child', 'diagnosis', 'dob', 'date', 'birth', 'ethnicity', 'zip', '5', 'id', 'x', 'status'];
const search = createTokenSearch(vocabulary);

function sorted(tokens: Iterable<string>): string[] {
  return [...tokens].sort();
}

/** What the search must give: every token `tokensOf` finds, kept to the vocabulary. */
function expected(text: string): string[] {
  return sorted([...tokensOf(text)].filter((token) => vocabulary.includes(token)));
}

describe('createTokenSearch', () => {
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
    ['', []],
  ])('finds the vocabulary tokens of %j', (text, tokens) => {
    expect(sorted(search(text))).toEqual(tokens);
    expect(expected(text)).toEqual(tokens);
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
      '\u0302', '\u212A', 'kids', '中', '\uFE0F', '\u{1F44D}', '\u{1D165}');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        expect(sorted(search(text))).toEqual(expected(text));
      }),
      { numRuns: 3000, seed: 20261130 },
    );
  });
});
