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

// What `tokenize` turns into ASCII letters by decomposing and dropping marks: Latin letters with diacritics,
// combining marks themselves, and the Kelvin and Angstrom signs (canonically K and Å).
const decomposable = '\\u00C0-\\u024F\\u1E00-\\u1EFF\\u212A\\u212B\\p{M}';
const accented = new RegExp(`[${decomposable}]`, 'u');
const accentedWords = new RegExp(`[A-Za-z0-9${decomposable}]*[${decomposable}][A-Za-z0-9${decomposable}]*`, 'gu');

/** The word tokens of a text, as `tokenize` would give for every name in it, gathered cheaply. */
export function tokensOf(text: string): Set<string> {
  const pieces = new Set(text.match(/[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+/g));
  // `tokenize` decomposes letters and drops marks, so an accented letter or a combining mark can be part of a name's token: such words go through it whole.
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

// What starts a word piece, by character code: none, a lower-case letter, an upper-case letter, a digit.
const lower = 1;
const upper = 2;
const digit = 3;
const pieceStart = new Uint8Array(128);
pieceStart.fill(lower, 97, 123);
pieceStart.fill(upper, 65, 91);
pieceStart.fill(digit, 48, 58);
// Case-folding an ASCII upper-case letter is adding this.
const caseOffset = 32;
const filterBits = 16;

// What a code unit is to `tokenize`, beyond ASCII: a letter it turns into ASCII (an accented letter, the Kelvin
// or Angstrom sign), a mark it drops (or half of a surrogate pair, which may be one), or neither.
const turnsIntoAscii = 2;
const dropped = 1;
let decomposableCodes: Uint8Array | undefined;

/**
 * The kind (above) of every UTF-16 code unit, as a table: many files hold text in other scripts, and a Unicode
 * expression over each cost more than the rest of the search.
 */
function decomposableCodeTable(): Uint8Array {
  if (decomposableCodes !== undefined) return decomposableCodes;
  const table = new Uint8Array(0x10000);
  const mark = /\p{M}/u;
  for (let code = 128; code < 0x10000; code += 1) {
    const character = String.fromCharCode(code);
    if (accented.test(character)) table[code] = mark.test(character) ? dropped : turnsIntoAscii;
    else if (code >= 0xd800 && code <= 0xdfff) table[code] = dropped;
  }
  decomposableCodes = table;
  return table;
}

function hashPiece(piece: string): number {
  let hash = 0;
  for (let index = 0; index < piece.length; index += 1) hash = (Math.imul(hash, 31) + piece.charCodeAt(index)) | 0;
  return hash;
}

function filterSlot(hash: number): number {
  return (hash ^ (hash >>> filterBits)) & ((1 << filterBits) - 1);
}

/** The written forms of a search's tokens, by the hash of the lower-case piece. */
type FormsByHash = Map<number, Array<{ piece: string; token: string }>>;

/** Whether `text` from `start` to `end`, lower-cased, is `piece`: compared in place, as most look-ups miss. */
function pieceMatches(text: string, start: number, end: number, piece: string): boolean {
  if (end - start !== piece.length) return false;
  for (let index = start; index < end; index += 1) {
    const code = text.charCodeAt(index);
    if ((code <= 90 && code >= 65 ? code + caseOffset : code) !== piece.charCodeAt(index - start)) return false;
  }
  return true;
}

function addIfWanted(text: string, start: number, end: number, hash: number, filter: Uint8Array, forms: FormsByHash, found: Set<string>): void {
  if (filter[filterSlot(hash)] === 0) return;
  for (const form of forms.get(hash) ?? []) if (pieceMatches(text, start, end, form.piece)) found.add(form.token);
}

/** Whether a code unit (NaN past either end) is an ASCII letter or digit, or a letter that becomes one. */
function isInWord(code: number, decomposable: Uint8Array): boolean {
  return code < 128 ? pieceStart[code] !== 0 : decomposable[code] === turnsIntoAscii;
}

/**
 * The wanted tokens of a text, its pieces split as `[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+` splits
 * them; undefined when it holds a letter with an accent, which `tokensOf` reads differently.
 */
function searchPieces(text: string, filter: Uint8Array, forms: FormsByHash, decomposable: Uint8Array): Set<string> | undefined {
  const found = new Set<string>();
  const length = text.length;
  let index = 0;
  while (index < length) {
    const code = text.charCodeAt(index);
    if (code >= 128) {
      // A letter that becomes ASCII, or a mark inside a word, makes pieces this pass does not split. A mark between
      // other characters (an emoji's variation selector) is dropped from a word of no letters: it adds nothing.
      const kind = decomposable[code];
      if (kind === turnsIntoAscii) return undefined;
      if (kind === dropped && (isInWord(text.charCodeAt(index - 1), decomposable) || isInWord(text.charCodeAt(index + 1), decomposable))) return undefined;
      index += 1;
      continue;
    }
    const kind = pieceStart[code];
    if (kind === 0) {
      index += 1;
      continue;
    }
    const start = index;
    let hash = 0;
    if (kind === digit) {
      for (; index < length; index += 1) {
        const next = text.charCodeAt(index);
        if (next < 48 || next > 57) break;
        hash = (Math.imul(hash, 31) + next) | 0;
      }
      addIfWanted(text, start, index, hash, filter, forms, found);
      continue;
    }
    let wordStart = start;
    if (kind === upper) {
      let hashBeforeLast = 0;
      for (; index < length; index += 1) {
        const next = text.charCodeAt(index);
        if (next < 65 || next > 90) break;
        hashBeforeLast = hash;
        hash = (Math.imul(hash, 31) + next + caseOffset) | 0;
      }
      const following = index < length ? text.charCodeAt(index) : 0;
      if (following < 97 || following > 122) {
        addIfWanted(text, start, index, hash, filter, forms, found);
        continue;
      }
      // `ABCdef` is `AB` and `Cdef`: the last capital starts the next word.
      wordStart = index - 1;
      if (wordStart > start) addIfWanted(text, start, wordStart, hashBeforeLast, filter, forms, found);
      hash = text.charCodeAt(wordStart) + caseOffset;
    }
    for (; index < length; index += 1) {
      const next = text.charCodeAt(index);
      if (next < 97 || next > 122) break;
      hash = (Math.imul(hash, 31) + next) | 0;
    }
    addIfWanted(text, wordStart, index, hash, filter, forms, found);
  }
  return found;
}

/**
 * Builds a search for a fixed set of tokens: it gives `tokensOf(text)` restricted to `vocabulary`. One pass
 * over the characters splits the word pieces as `tokensOf`'s expression does and hashes each lower-cased
 * piece as it goes; only pieces whose hash one of the vocabulary's written forms has are compared. `tokensOf`
 * spent most of its time making strings and sets of words no rule looks for.
 */
export function createTokenSearch(vocabulary: Iterable<string>): (text: string) => Set<string> {
  const wanted = new Set(vocabulary);
  // The lower-case pieces `tokenize` turns into each wanted token: the token, its plurals, an irregular plural.
  const forms: FormsByHash = new Map();
  const filter = new Uint8Array(1 << filterBits);
  const decomposable = decomposableCodeTable();
  for (const token of wanted) {
    const pieces = [token, `${token}s`, ...(token.endsWith('y') ? [`${token.slice(0, -1)}ies`] : []), 'children', 'people', 'diagnoses'];
    for (const piece of pieces) {
      const tokens = tokenize(piece);
      if (tokens.length !== 1 || tokens[0] !== token) continue;
      const hash = hashPiece(piece);
      forms.set(hash, [...(forms.get(hash) ?? []), { piece, token }]);
      filter[filterSlot(hash)] = 1;
    }
  }
  return (text) => {
    const inAscii = searchPieces(text, filter, forms, decomposable);
    if (inAscii !== undefined) return inAscii;
    const found = new Set<string>();
    for (const token of tokensOf(text)) if (wanted.has(token)) found.add(token);
    return found;
  };
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
