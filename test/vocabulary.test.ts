import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadVocabulary, matchName, mayMentionVocabulary, tokenize } from '../src/vocabulary.js';
import type { VocabularyExtension } from '../src/types.js';

const noExtension: VocabularyExtension = { sensitive: {}, proxies: {}, ignore: [], sinks: [], consent: [], stores: [] };
const vocabulary = loadVocabulary(noExtension);
const fixtures = path.join(import.meta.dirname, 'fixtures', 'vocabulary');

/** Fixture lines without comments: `name` or `name category`. */
function fixtureRows(file: string): string[][] {
  return readFileSync(path.join(fixtures, file), 'utf8')
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter((line) => line !== '')
    .map((line) => line.split(/\s+/));
}

const falseFriends = fixtureRows('false-friends.txt').map(([name]) => name as string);
const truePositives = fixtureRows('true-positives.txt').map(([name, category]) => [name as string, category as string] as const);

describe('tokenize', () => {
  it.each([
    ['DOBDate', ['dob', 'date']],
    ['ethnicity_code', ['ethnicity', 'code']],
    ['$Gender', ['gender']],
    ['zip5', ['zip', '5']],
    ['user.address.postalCode', ['user', 'address', 'postal', 'code']],
    ['SSNLast4', ['ssn', 'last', '4']],
    ['is-pregnant', ['is', 'pregnant']],
    ['Convictions', ['conviction']],
    ['allergies', ['allergy']],
    ['children', ['child']],
    ['status', ['status']],
    ['nacionalidad_ñandú', ['nacionalidad', 'nandu']],
  ])('splits %s into %j', (name, tokens) => {
    expect(tokenize(name)).toEqual(tokens);
  });
});

describe('matchName', () => {
  it('has at least 150 false friends and 150 true positives from real code', () => {
    expect(falseFriends.length).toBeGreaterThanOrEqual(150);
    expect(truePositives.length).toBeGreaterThanOrEqual(150);
  });

  it.each(falseFriends)('stays silent on %s', (name) => {
    expect(matchName(vocabulary, name)).toBeUndefined();
  });

  it.each(truePositives)('matches %s as %s', (name, category) => {
    expect(matchName(vocabulary, name)?.category).toBe(category);
  });

  it('says what matched: kind, label, laws and the term', () => {
    expect(matchName(vocabulary, 'ethnicity_code')).toMatchObject({
      kind: 'sensitive',
      category: 'racial-or-ethnic-origin',
      label: 'racial or ethnic origin',
      term: 'ethnicity',
    });
    expect(matchName(vocabulary, 'ethnicity_code')?.laws).toContain('GDPR Art. 9');
  });

  it('names what a proxy stands in for', () => {
    const match = matchName(vocabulary, 'postalCode');
    expect(match).toMatchObject({ kind: 'proxy', category: 'postcode', term: 'postal code' });
    expect(match?.standsFor).toContain('racial-or-ethnic-origin');
  });

  it('prefers the sensitive category over a proxy in the same name', () => {
    expect(matchName(vocabulary, 'spouseFirstName')?.category).toBe('marital-or-family-status');
  });

  it('needs a person word for person-only terms', () => {
    expect(matchName(vocabulary, 'weight')).toBeUndefined();
    expect(matchName(vocabulary, 'patient.weight')?.category).toBe('body-measurement');
  });
});

describe('loadVocabulary with the user configuration', () => {
  it('adds user terms to a category', () => {
    const extended = loadVocabulary({ ...noExtension, sensitive: { health: ['bmi_score', 'glucose reading'] } });
    expect(matchName(extended, 'glucoseReading')?.category).toBe('health');
    expect(matchName(vocabulary, 'glucoseReading')).toBeUndefined();
  });

  it('adds user terms to a proxy', () => {
    const extended = loadVocabulary({ ...noExtension, proxies: { postcode: ['delivery area'] } });
    expect(matchName(extended, 'deliveryArea')?.category).toBe('postcode');
  });

  it('ignores whole names the user lists, case-insensitively', () => {
    const extended = loadVocabulary({ ...noExtension, ignore: ['raceNumber', 'SEX'] });
    expect(matchName(extended, 'racenumber')).toBeUndefined();
    expect(matchName(extended, 'sex')).toBeUndefined();
    expect(matchName(extended, 'gender')?.category).toBe('sex-or-gender');
  });
});

describe('mayMentionVocabulary', () => {
  it('passes text that holds every token of a term', () => {
    expect(mayMentionVocabulary(vocabulary, 'const row = { dateOfBirth: c.dob };')).toBe(true);
  });

  it('rejects text with only substrings of terms', () => {
    expect(mayMentionVocabulary(vocabulary, 'const pageUsage = averageMessageStorage(image);')).toBe(false);
  });

  it('lets through every true positive, so a prefilter never loses a finding', () => {
    for (const [name] of truePositives) expect(mayMentionVocabulary(vocabulary, `x.${name} = 1`), name).toBe(true);
  });
});
