import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTokenSearch, tokensOf } from '../src/candidate-text.js';

const vocabulary = ['age', 'category', 'person', 'child', 'diagnosis', 'dob', 'date', 'birth', 'ethnicity', 'zip', '5', 'id', 'x', 'status'];
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
    ['', []],
  ])('finds the vocabulary tokens of %j', (text, tokens) => {
    expect(sorted(search(text))).toEqual(tokens);
    expect(expected(text)).toEqual(tokens);
  });

  it('agrees with tokensOf on any text', () => {
    const pieces = fc.constantFrom('age', 'Age', 'AGE', 'ages', 'category', 'Categories', 'people', 'Person', 'children', 'DOB', 'Date',
      'birth', 'zip', '5', '55', 'id', 'ID', 'x', 'X', 'status', 'statuses', 'é', 'Â', 'ß', '_', '.', ' ', '-', '\n', '$', 'a', 'B', '9', 'page');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        expect(sorted(search(text))).toEqual(expected(text));
      }),
      { numRuns: 3000, seed: 20261130 },
    );
  });
});
