import { matchName, tokenize, type Vocabulary, type VocabularyMatch } from '../vocabulary.js';

// The extractors ask about the same few thousand names in file after file (`id`, `email`, `customer`…); both
// answers depend on the name alone, so they are kept for the run, and dropped when the cache grows large.
const maxEntries = 50_000;
const tokensByName = new Map<string, string[]>();
const matchesByVocabulary = new WeakMap<Vocabulary, Map<string, VocabularyMatch | undefined>>();

/** `tokenize` from the vocabulary, cached; the tokens are shared, so callers must not change them. */
export function tokenizeCached(name: string): string[] {
  let tokens = tokensByName.get(name);
  if (tokens === undefined) {
    if (tokensByName.size > maxEntries) tokensByName.clear();
    tokens = tokenize(name);
    tokensByName.set(name, tokens);
  }
  return tokens;
}

/** `matchName`, cached per vocabulary; a match is shared, so callers must not change it. */
export function matchNameCached(vocabulary: Vocabulary, name: string): VocabularyMatch | undefined {
  let matches = matchesByVocabulary.get(vocabulary);
  if (matches === undefined) {
    matches = new Map();
    matchesByVocabulary.set(vocabulary, matches);
  }
  if (matches.has(name)) return matches.get(name);
  if (matches.size > maxEntries) matches.clear();
  const match = matchName(vocabulary, name);
  matches.set(name, match);
  return match;
}
