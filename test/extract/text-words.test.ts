import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distinctWords } from '../../src/extract/text-words.js';
import { tokenize } from '../../src/vocabulary.js';
import { runsFor } from '../fuzz/fuzz-settings.js';

const tokenSet = (text: string): string[] => [...new Set(tokenize(text))].sort();

// Pieces that stress what `tokenize` does besides splitting: accents it strips (precomposed and combining), letters
// whose lower case or decomposition is ASCII (the Kelvin sign, dotted capital I), camel case, digits, plurals.
const tricky = fc.constantFrom(
  'a', 'Z', 'é', 'e\u0301', '\u0301', '\u212A', '\u0130', '\u212B', 'ß', 'Σ', 'ﬁ', 'ǅ', 'ABc', 'dEF', 'zip5', '5th',
  'ies', 's', 'ss', 'children', 'people', 'diagnoses', ' ', '.', '_', '-', '$', '\n', '\u00A0', '\u200D', '`', '~',
);

describe('distinctWords', () => {
  it.each([
    ['customer.dateOfBirth = customer.dateOfBirth', 'customer dateOfBirth'],
    ["if (user.gender === 'F') return user.gender", 'if user gender F return'],
    ['gênero, género; gênero', 'gênero género'],
  ])('keeps each word of %j once', (text, words) => {
    expect(distinctWords(text)).toBe(words);
  });

  it('gives tokenize the same tokens as the whole text', () => {
    const texts = fc.oneof(
      fc.array(tricky, { maxLength: 30 }).map((pieces) => pieces.join('')),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 60 }),
    );
    fc.assert(
      fc.property(texts, (text) => {
        expect(tokenSet(distinctWords(text))).toEqual(tokenSet(text));
      }),
      { numRuns: runsFor(2_000, 50_000) },
    );
  });
});
