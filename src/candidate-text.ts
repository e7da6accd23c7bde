import { tokenize } from './tokenize.js';

/**
 * What a code file's text must contain for any rule to report a finding on one of its lines, reduced to
 * plain data so the CLI can test files without loading catalogs or the engine. Every test here is looser
 * than the prefilter's and the extractors' (word tokens present anywhere, no call-shape checks), so a file
 * that fails cannot host a finding; the rule tests assert that for every case.
 */
export interface CandidateTest {
  /** Text that alone can make a finding: a directive, a tag, a TTL index, a consent-gated SDK option. */
  markers: string[];
  /** Sink and user-store names: all `tokens` present, and every lower-case `substrings` (wildcard catalog patterns). */
  calls: Array<{ tokens: string[]; substrings: string[] }>;
  /** Store writes, which matter next to profile data. */
  writes: string[][];
  profileData: string[][];
  /** Sensitive and proxy terms: a reference to one can be a finding wherever the value goes. */
  attributes: string[][];
}

const tokenCache = new Map<string, string[]>();

const accented = /[\u00C0-\u024F\u1E00-\u1EFF]/;
const accentedWords = /[A-Za-z0-9\u00C0-\u024F\u1E00-\u1EFF]*[\u00C0-\u024F\u1E00-\u1EFF][A-Za-z0-9\u00C0-\u024F\u1E00-\u1EFF]*/g;

/** The word tokens of a text, as `tokenize` would give for every name in it, gathered cheaply. */
export function tokensOf(text: string): Set<string> {
  const pieces = new Set(text.match(/[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+/g));
  // `tokenize` strips accents, so a Latin letter with a diacritic can be part of a name's token: such words go through it whole.
  if (accented.test(text)) for (const word of text.match(accentedWords) ?? []) pieces.add(word);
  const tokens = new Set<string>();
  for (const piece of pieces) {
    let normalized = tokenCache.get(piece);
    if (normalized === undefined) {
      normalized = tokenize(piece);
      tokenCache.set(piece, normalized);
    }
    for (const token of normalized) tokens.add(token);
  }
  return tokens;
}

/** Whether every token of some term occurs in the text. */
export function anyTermPresent(terms: string[][], tokens: Set<string>): boolean {
  return terms.some((term) => term.every((token) => tokens.has(token)));
}

/** Whether a code file's text could host a finding; false means no rule can report on any of its lines. */
export function mayHostFinding(test: CandidateTest, text: string): boolean {
  if (test.markers.some((marker) => text.includes(marker))) return true;
  const tokens = tokensOf(text);
  if (anyTermPresent(test.attributes, tokens)) return true;
  if (anyTermPresent(test.writes, tokens) && anyTermPresent(test.profileData, tokens)) return true;
  let lower: string | undefined;
  return test.calls.some(
    (call) => call.tokens.every((token) => tokens.has(token)) && call.substrings.every((part) => (lower ??= text.toLowerCase()).includes(part)),
  );
}
