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
  return tokensOfPieces(pieces);
}

function tokensOfPieces(pieces: Iterable<string>): Set<string> {
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

/** What one search of a text found (see `createTextSearch`). */
export interface TextMatches {
  /** `tokensOf(text)` restricted to the search's vocabulary. */
  tokens: Set<string>;
  /** The search's literals that occur in the text, ignoring the case of ASCII letters. */
  literals: ReadonlySet<string>;
  /** The search's exact literals that occur in the text as written. */
  exactLiterals: ReadonlySet<string>;
  /**
   * Where the search's words start, ascending, wherever one is a whole piece not preceded by a letter, digit or `_`;
   * undefined when the text holds a character beyond ASCII, as its string indexes then differ from the pass's.
   */
  wordStarts: number[] | undefined;
}

// What a byte of UTF-8 is to the piece splitter: outside any piece, a lower-case or upper-case letter, a digit,
// or part of a character beyond ASCII (outside any piece too).
const outside = 0;
const lower = 1;
const upper = 2;
const digit = 3;
const beyondAscii = 4;
const byteKinds = new Uint8Array(256);
byteKinds.fill(lower, 97, 123);
byteKinds.fill(upper, 65, 91);
byteKinds.fill(digit, 48, 58);
byteKinds.fill(beyondAscii, 128, 256);
// Case-folding an ASCII upper-case letter is adding this.
const caseOffset = 32;
/** Every byte with ASCII upper-case letters folded to lower case. */
const foldedBytes = Uint8Array.from({ length: 256 }, (_, byte) => (byte >= 65 && byte <= 90 ? byte + caseOffset : byte));

// What `accented` matches, by UTF-16 code unit: a letter `tokenize` turns into ASCII, or a combining mark.
const turnsIntoAscii = 1;
const mark = 2;
let accentedCodes: Uint8Array | undefined;

/** The kind (above) of every UTF-16 code unit, as a table: a Unicode expression over every character cost more than the search. */
function accentedCodeTable(): Uint8Array {
  if (accentedCodes !== undefined) return accentedCodes;
  const table = new Uint8Array(0x10000);
  const markPattern = /\p{M}/u;
  for (let code = 128; code < 0x10000; code += 1) {
    const character = String.fromCharCode(code);
    if (accented.test(character)) table[code] = markPattern.test(character) ? mark : turnsIntoAscii;
  }
  accentedCodes = table;
  return table;
}

const astralMarks = new Map<number, boolean>();

/** Whether a code point beyond the Basic Multilingual Plane is a combining mark (a few musical and historic-script ones are). */
function isAstralMark(codePoint: number): boolean {
  let isMark = astralMarks.get(codePoint);
  if (isMark === undefined) {
    isMark = accented.test(String.fromCodePoint(codePoint));
    astralMarks.set(codePoint, isMark);
  }
  return isMark;
}

/**
 * What `accentedWords` matches, found in one pass: every longest run of ASCII letters, digits and characters
 * `accented` matches that holds one of the latter. The expression retries every position of a long word without one.
 */
function wordsWithAccents(text: string): string[] {
  const table = accentedCodeTable();
  const words: string[] = [];
  let wordStart = -1;
  let hasAccent = false;
  for (let index = 0; index <= text.length; ) {
    const code = index < text.length ? text.codePointAt(index)! : -1;
    const isAccent = code >= 128 && (code > 0xffff ? isAstralMark(code) : table[code] !== 0);
    if (isAccent || (code >= 0 && code < 128 && isInPiece(code))) {
      if (wordStart < 0) [wordStart, hasAccent] = [index, false];
      hasAccent ||= isAccent;
    } else if (wordStart >= 0) {
      if (hasAccent) words.push(text.slice(wordStart, index));
      wordStart = -1;
    }
    index += code > 0xffff ? 2 : 1;
  }
  return words;
}

const encoder = new TextEncoder();
let encoded = new Uint8Array(1 << 16);

/** The UTF-8 of a text, in a buffer reused by every search: most code is ASCII, and a byte array is read faster than a string. */
function utf8Of(text: string): { bytes: Uint8Array; length: number } {
  if (encoded.length < text.length * 3) encoded = new Uint8Array(text.length * 3 + (1 << 16));
  return { bytes: encoded, length: encoder.encodeInto(text, encoded).written };
}

const underscore = 95;

/** What the piece pass running now has seen (see `TextSearch.scan`). */
let seenByPass = 0;
/** Counts piece passes, so a slot can remember in which its piece was last found. */
let searchNumber = 0;

// What the piece pass tells of a text, as bits.
const beyondAsciiSeen = 1;
const mayHoldAccents = 2;

/** A literal the search looks for, and how. */
interface Literal {
  literal: string;
  /** Compared as written, or with ASCII letters in either case. */
  exact: boolean;
  /** Its UTF-8, with ASCII letters folded to lower case unless it is exact. */
  bytes: Uint8Array;
}

/** A literal and one place in it where the text's pieces must start or end wherever it occurs (see `pieceBoundary`). */
interface AnchoredLiteral extends Literal {
  /** Offset of that place: between `bytes[offset - 1]` and `bytes[offset]`. */
  offset: number;
}

function isInPiece(byte: number): boolean {
  const kind = byteKinds[byte];
  return kind === lower || kind === upper || kind === digit;
}

/**
 * Where, whatever surrounds an occurrence of `bytes`, a piece starts or ends: between a letter or digit and any
 * other character, or between a letter and a digit, and, when the case of its letters is known, between a
 * lower-case and an upper-case letter and before the last capital of `ABc`. Undefined when there is no such place
 * (`featurestore` may sit inside the one piece `myfeaturestore`).
 */
function pieceBoundary(bytes: Uint8Array, exact: boolean): number | undefined {
  for (let offset = 1; offset < bytes.length; offset += 1) {
    const before = byteKinds[bytes[offset - 1]!]!;
    const after = byteKinds[bytes[offset]!]!;
    if (isInPiece(bytes[offset - 1]!) !== isInPiece(bytes[offset]!) || (isInPiece(bytes[offset - 1]!) && (before === digit) !== (after === digit))) return offset;
    if (exact && after === upper && (before === lower || (before === upper && byteKinds[bytes[offset + 1] ?? 0] === lower))) return offset;
  }
  return undefined;
}

/** A folded byte and, for a letter, its upper case. */
function casesOf(folded: number): number[] {
  return folded >= 97 && folded <= 122 ? [folded, folded - caseOffset] : [folded];
}

/** Whether `bytes` from `start`, folded, begin with `literal` (already folded). */
function foldedMatchAt(bytes: Uint8Array, start: number, literal: Uint8Array): boolean {
  let index = 0;
  while (index < literal.length && foldedBytes[bytes[start + index]!] === literal[index]) index += 1;
  return index === literal.length;
}

/** Whether `bytes` from `start` begin with `literal`, in its case or, for one not exact, in any. */
function literalAt(bytes: Uint8Array, start: number, literal: Literal): boolean {
  if (!literal.exact) return foldedMatchAt(bytes, start, literal.bytes);
  let index = 0;
  while (index < literal.bytes.length && bytes[start + index] === literal.bytes[index]) index += 1;
  return index === literal.bytes.length;
}

/** The tables of one search (see `createTextSearch`) and its pass over a text's UTF-8. */
class TextSearch {
  readonly wanted: Set<string>;
  // The lower-case pieces `tokenize` turns into each wanted token (the token, its plurals, an irregular plural), in
  // an open-addressing table by hash: a slot's piece length is 0 when it is empty.
  readonly slotMask: number;
  readonly slotShift: number;
  private readonly slotHashes: Int32Array;
  private readonly slotLengths: Int32Array;
  /** Whether a slot holds a piece, in a byte each: the pass reads this for nearly every piece of every file. */
  readonly slotUsed: Uint8Array;
  /** Whether no other piece in the table has a slot's hash and length. */
  private readonly slotUnique: Uint8Array;
  /** The number of the last search whose text held a slot's piece. */
  private readonly slotFoundIn: Int32Array;
  private readonly slotPieces: Uint8Array[] = [];
  private readonly slotTokens: string[] = [];
  readonly longestPiece: number;
  // Literals by the pair of folded bytes at a place where every occurrence has a piece boundary; the pairs they may
  // be written with, in any case, marked.
  readonly pairHasLiterals = new Uint8Array(1 << 16);
  private readonly literalsAt: Array<AnchoredLiteral[] | undefined> = [];
  // Literals of letters alone (or of digits alone), which lie inside one run of letters (or digits): sought in every
  // run at least as long as the shortest of them.
  private readonly inRunLiterals: Literal[] = [];
  readonly shortestInRun: number;
  // For a window of that length ending in a pair of folded bytes: how far it may move on, and which literals
  // begin with a window ending so.
  private readonly windowShifts = new Uint8Array(1 << 16);
  private readonly literalsEndingWindowWith: Array<Literal[] | undefined> = [];
  /** Literals with a character beyond ASCII, or with neither a boundary nor only letters or only digits. */
  readonly elsewhere: Literal[] = [];
  private readonly accentedCodes = accentedCodeTable();

  // Lower-case words whose starts the pass records, and which low bytes of their hashes some word has.
  private readonly words: Uint8Array[];
  readonly wordFilter = new Uint8Array(256);

  constructor(vocabulary: Iterable<string>, literals: Iterable<string>, exactLiterals: Iterable<string>, words: Iterable<string>) {
    this.words = [...new Set(words)].map((word) => encoder.encode(word));
    if (!this.words.every((word) => word.length > 0 && word.every((byte) => byteKinds[byte] === lower))) {
      throw new Error('A text search records the starts of lower-case ASCII words only.');
    }
    for (const word of this.words) this.wordFilter[word.reduce((hash, byte) => (Math.imul(hash, 31) + byte) | 0, 0) & 0xff] = 1;
    this.wanted = new Set(vocabulary);
    const forms = new Map<string, string>();
    for (const token of this.wanted) {
      for (const piece of [token, `${token}s`, ...(token.endsWith('y') ? [`${token.slice(0, -1)}ies`] : []), 'children', 'people', 'diagnoses']) {
        const tokens = tokenize(piece);
        if (tokens.length === 1 && tokens[0] === token) forms.set(piece, token);
      }
    }
    // At most a sixteenth full, so nearly every piece that is no written form ends at an empty slot.
    let slots = 16;
    while (slots < forms.size * 16) slots *= 2;
    this.slotMask = slots - 1;
    this.slotShift = Math.log2(slots);
    this.slotHashes = new Int32Array(slots);
    this.slotLengths = new Int32Array(slots);
    this.slotUsed = new Uint8Array(slots);
    this.slotUnique = new Uint8Array(slots);
    this.slotFoundIn = new Int32Array(slots);
    const hashesAndLengths = new Map<string, number>();
    let longestPiece = 0;
    for (const [piece, token] of forms) {
      const bytes = encoder.encode(piece);
      let hash = 0;
      for (const byte of bytes) hash = (Math.imul(hash, 31) + byte) | 0;
      let slot = this.slotOf(hash);
      while (this.slotLengths[slot] !== 0) slot = (slot + 1) & this.slotMask;
      this.slotHashes[slot] = hash;
      this.slotLengths[slot] = bytes.length;
      this.slotUsed[slot] = 1;
      hashesAndLengths.set(`${hash} ${bytes.length}`, (hashesAndLengths.get(`${hash} ${bytes.length}`) ?? 0) + 1);
      this.slotPieces[slot] = bytes;
      this.slotTokens[slot] = token;
      longestPiece = Math.max(longestPiece, bytes.length);
    }
    this.longestPiece = longestPiece;
    for (let slot = 0; slot < slots; slot += 1) {
      if (this.slotUsed[slot] === 1 && hashesAndLengths.get(`${this.slotHashes[slot]} ${this.slotLengths[slot]}`) === 1) this.slotUnique[slot] = 1;
    }

    const all = [...new Set(literals)].map((literal) => ({ literal, exact: false })).concat([...new Set(exactLiterals)].map((literal) => ({ literal, exact: true })));
    for (const { literal, exact } of all) {
      const written = encoder.encode(literal);
      const entry = { literal, exact, bytes: exact ? written : Uint8Array.from(written, (byte) => foldedBytes[byte]!) };
      const boundary = pieceBoundary(entry.bytes, exact);
      if (literal.length === 0 || entry.bytes.some((byte) => byte >= 128)) this.elsewhere.push(entry);
      else if (boundary !== undefined) this.anchor({ ...entry, offset: boundary });
      // Letters alone, or digits alone (with both there would be a boundary): `featurestore` may sit inside
      // `myfeaturestore` or `FEATURESTORE`.
      else if (entry.bytes.every((byte) => isInPiece(byte))) this.inRunLiterals.push(entry);
      else this.elsewhere.push(entry);
    }
    // The window stays under 256 bytes, so a shift fits a byte.
    const window = Math.min(255, ...this.inRunLiterals.map((entry) => entry.bytes.length));
    this.shortestInRun = this.inRunLiterals.length === 0 ? Infinity : window;
    this.windowShifts.fill(window - 1);
    for (const entry of this.inRunLiterals) {
      const folded = Uint8Array.from(entry.bytes, (byte) => foldedBytes[byte]!);
      for (let second = 1; second < window; second += 1) {
        const pair = (folded[second - 1]! << 8) | folded[second]!;
        this.windowShifts[pair] = Math.min(this.windowShifts[pair]!, window - 1 - second);
      }
      if (window === 1) continue;
      const last = (folded[window - 2]! << 8) | folded[window - 1]!;
      this.literalsEndingWindowWith[last] = [...(this.literalsEndingWindowWith[last] ?? []), entry];
    }
  }

  private slotOf(hash: number): number {
    return (hash ^ (hash >>> this.slotShift)) & this.slotMask;
  }

  /**
   * Files a literal under the folded bytes either side of its boundary, marked as the text may write them (in every
   * case unless it is exact), so the pass tests a pair without folding it.
   */
  private anchor(entry: AnchoredLiteral): void {
    const [before, after] = [entry.bytes[entry.offset - 1]!, entry.bytes[entry.offset]!];
    const pair = (foldedBytes[before]! << 8) | foldedBytes[after]!;
    this.literalsAt[pair] = [...(this.literalsAt[pair] ?? []), entry];
    const cases = (byte: number): number[] => (entry.exact ? [byte] : casesOf(byte));
    for (const first of cases(before)) for (const second of cases(after)) this.pairHasLiterals[(first << 8) | second] = 1;
  }

  /**
   * Adds the token of the piece `bytes[start, end)` if it is a written form. Most forms a text holds it holds many
   * times: once a slot's piece was found, another piece with its hash and length, when no other form has them,
   * either is that piece or is none.
   */
  private addIfWanted(bytes: Uint8Array, start: number, end: number, hash: number, tokens: Set<string>): void {
    const length = end - start;
    for (let slot = this.slotOf(hash); this.slotUsed[slot] === 1; slot = (slot + 1) & this.slotMask) {
      if (this.slotHashes[slot] !== hash || this.slotLengths[slot] !== length) continue;
      if (this.slotFoundIn[slot] === searchNumber && this.slotUnique[slot] === 1) return;
      if (foldedMatchAt(bytes, start, this.slotPieces[slot]!)) {
        this.slotFoundIn[slot] = searchNumber;
        tokens.add(this.slotTokens[slot]!);
        return;
      }
    }
  }

  /** Compares the literals anchored on the bytes either side of `boundary`, a piece boundary, with the text there. */
  private compareAt(bytes: Uint8Array, length: number, boundary: number, found: TextMatches): void {
    const pair = (foldedBytes[bytes[boundary - 1]!]! << 8) | foldedBytes[bytes[boundary]!]!;
    for (const entry of this.literalsAt[pair] ?? []) {
      const start = boundary - entry.offset;
      if (start >= 0 && start + entry.bytes.length <= length && literalAt(bytes, start, entry)) addLiteral(found, entry);
    }
  }

  /**
   * Finds the in-run literals inside `bytes[start, end)`, a run at least as long as the shortest of them, by the
   * last two bytes of each window as long as that shortest one (Wu and Manber's search): most pairs are in no
   * literal, and the window then moves on by its whole length less one.
   */
  private searchRun(bytes: Uint8Array, start: number, end: number, found: TextMatches): void {
    const window = this.shortestInRun;
    if (window === 1) {
      for (let index = start; index < end; index += 1) this.compareInRun(bytes, index, end, this.inRunLiterals, found);
      return;
    }
    for (let last = start + window - 1; last < end; ) {
      const pair = (foldedBytes[bytes[last - 1]!]! << 8) | foldedBytes[bytes[last]!]!;
      const shift = this.windowShifts[pair]!;
      if (shift > 0) {
        last += shift;
        continue;
      }
      this.compareInRun(bytes, last - window + 1, end, this.literalsEndingWindowWith[pair]!, found);
      last += 1;
    }
  }

  /** Records where the piece `bytes[start, end)` starts if it is one of the words, not preceded by a letter, digit or `_`. */
  private recordWord(bytes: Uint8Array, start: number, end: number, found: TextMatches): void {
    if (start > 0 && (isInPiece(bytes[start - 1]!) || bytes[start - 1] === underscore)) return;
    const isWord = (word: Uint8Array): boolean => word.length === end - start && word.every((byte, offset) => bytes[start + offset] === byte);
    if (this.words.some(isWord)) found.wordStarts?.push(start);
  }

  private compareInRun(bytes: Uint8Array, start: number, end: number, literals: Literal[], found: TextMatches): void {
    for (const entry of literals) if (start + entry.bytes.length <= end && literalAt(bytes, start, entry)) addLiteral(found, entry);
  }

  /**
   * Ends the piece of capitals `bytes[start, end)` that the capital at `end` and a lower-case letter follow (`AB` in
   * `ABCdef`). Out of the pass's loop, which it would slow down the first time it ran there.
   */
  private endCapitals(bytes: Uint8Array, length: number, start: number, end: number, hash: number, found: TextMatches): void {
    if (end - start <= this.longestPiece && this.slotUsed[this.slotOf(hash)] === 1) this.addIfWanted(bytes, start, end, hash, found.tokens);
    if (this.pairHasLiterals[(bytes[end - 1]! << 8) | bytes[end]!] === 1) this.compareAt(bytes, length, end, found);
  }

  /**
   * Reads the character beyond ASCII whose UTF-8 starts at `index`, notes it in `seenByPass`, and gives the index
   * after it.
   */
  private passBeyondAscii(bytes: Uint8Array, index: number, length: number): number {
    // A letter `tokenize` turns into ASCII makes `tokensOf` read the word around it whole; so does a combining mark
    // next to a letter or digit. One between other characters (an emoji's variation selector) is a word of no
    // letters, which adds no token.
    const lead = bytes[index]!;
    let kindOfCharacter: number;
    let size: number;
    if (lead >= 0xf0) {
      const codePoint = ((lead & 0x07) << 18) | ((bytes[index + 1]! & 0x3f) << 12) | ((bytes[index + 2]! & 0x3f) << 6) | (bytes[index + 3]! & 0x3f);
      kindOfCharacter = isAstralMark(codePoint) ? mark : 0;
      size = 4;
    } else if (lead >= 0xe0) {
      kindOfCharacter = this.accentedCodes[((lead & 0x0f) << 12) | ((bytes[index + 1]! & 0x3f) << 6) | (bytes[index + 2]! & 0x3f)]!;
      size = 3;
    } else {
      kindOfCharacter = this.accentedCodes[((lead & 0x1f) << 6) | (bytes[index + 1]! & 0x3f)]!;
      size = 2;
    }
    seenByPass |= beyondAsciiSeen;
    if (kindOfCharacter === turnsIntoAscii) seenByPass |= mayHoldAccents;
    else if (kindOfCharacter === mark && ((index > 0 && isInPiece(bytes[index - 1]!)) || (index + size < length && isInPiece(bytes[index + size]!)))) {
      seenByPass |= mayHoldAccents;
    }
    return index + size;
  }

  /**
   * The piece pass: adds what it finds, and tells whether the text holds characters beyond ASCII (`beyondAsciiSeen`)
   * and whether it may hold words `tokensOf` reads whole (`mayHoldAccents` too).
   */
  scan(bytes: Uint8Array, length: number, found: TextMatches): number {
    // Everything the loop reads, in locals: it runs for every byte of every file.
    const { pairHasLiterals, shortestInRun, slotUsed, slotShift, slotMask, longestPiece, wordFilter } = this;
    const tokens = found.tokens;
    seenByPass = 0;
    searchNumber += 1;
    // Where the current run of letters, or of digits, began; -1 between runs.
    let runStart = -1;
    let index = 0;
    while (index < length) {
      let kind = byteKinds[bytes[index]!]!;
      while (kind === outside) {
        index += 1;
        if (index >= length) return seenByPass;
        kind = byteKinds[bytes[index]!]!;
      }
      if (kind === beyondAscii) {
        index = this.passBeyondAscii(bytes, index, length);
        continue;
      }
      const start = index;
      if (start > 0 && pairHasLiterals[(bytes[start - 1]! << 8) | bytes[start]!] === 1) this.compareAt(bytes, length, start, found);
      if (runStart < 0) runStart = start;
      let hash = 0;
      let pieceStart = start;
      if (kind === digit) {
        for (; index < length; index += 1) {
          const next = bytes[index]!;
          if (next < 48 || next > 57) break;
          hash = (Math.imul(hash, 31) + next) | 0;
        }
      } else {
        if (kind === upper) {
          let hashBeforeLast = 0;
          for (; index < length; index += 1) {
            const next = bytes[index]!;
            if (next < 65 || next > 90) break;
            hashBeforeLast = hash;
            hash = (Math.imul(hash, 31) + next + caseOffset) | 0;
          }
          const following = index < length ? bytes[index]! : 0;
          if (following >= 97 && following <= 122) {
            // `ABCdef` is `AB` and `Cdef`: the last capital starts the next piece.
            pieceStart = index - 1;
            if (pieceStart > start) this.endCapitals(bytes, length, start, pieceStart, hashBeforeLast, found);
            hash = bytes[pieceStart]! + caseOffset;
          }
        }
        for (; index < length; index += 1) {
          const next = bytes[index]!;
          if (next < 97 || next > 122) break;
          hash = (Math.imul(hash, 31) + next) | 0;
        }
        if (kind === lower && wordFilter[hash & 0xff] === 1) this.recordWord(bytes, start, index, found);
      }
      // Most pieces are no written form: their slot is empty.
      if (index - pieceStart <= longestPiece && slotUsed[(hash ^ (hash >>> slotShift)) & slotMask] === 1) this.addIfWanted(bytes, pieceStart, index, hash, tokens);
      const following = index < length ? bytes[index]! : 0;
      // A run of letters goes on into the next piece only at a capital.
      if (kind === digit || following < 65 || following > 90) {
        if (index - runStart >= shortestInRun) this.searchRun(bytes, runStart, index, found);
        runStart = -1;
        if (byteKinds[following] === outside && index < length && pairHasLiterals[(bytes[index - 1]! << 8) | following] === 1) this.compareAt(bytes, length, index, found);
      }
    }
    return seenByPass;
  }
}

/**
 * Builds one search for a fixed set of tokens, literals and words: `tokensOf(text)` restricted to `vocabulary`; the
 * `literals` the text holds as a case-insensitive regular expression finds them, and the `exactLiterals` it holds as
 * written; and where the lower-case `words` start (see `TextMatches`). One pass over the text's UTF-8 splits the word
 * pieces as `tokensOf`'s expression does and hashes each lower-cased piece as it goes; only pieces whose hash a
 * written form of a wanted token has are compared. A literal is compared only where it can be: at a piece boundary
 * every occurrence of it has or, for one of letters alone (or digits alone), in the windows of a search that skips
 * through each run of letters (or digits) as long as it. Splitting every file into words, and a regular expression
 * for the literals, cost several times more.
 */
export function createTextSearch(
  vocabulary: Iterable<string>,
  literals: Iterable<string>,
  exactLiterals: Iterable<string> = [],
  words: Iterable<string> = [],
): (text: string) => TextMatches {
  const search = new TextSearch(vocabulary, literals, exactLiterals, words);
  const elsewhere = search.elsewhere.map((entry) => {
    const expression = new RegExp(escapeForExpression(entry.literal), 'i');
    const occursIn = entry.exact ? (text: string) => text.includes(entry.literal) : (text: string) => expression.test(text);
    return { entry, occursIn, writtenBeyondAscii: entry.bytes.some((byte) => byte >= 128) };
  });
  return (text) => {
    const { bytes, length } = utf8Of(text);
    const found: TextMatches = { tokens: new Set(), literals: noLiterals, exactLiterals: noLiterals, wordStarts: [] };
    const seen = search.scan(bytes, length, found);
    if ((seen & beyondAsciiSeen) !== 0) found.wordStarts = undefined;
    if ((seen & mayHoldAccents) !== 0) {
      for (const token of tokensOfPieces(wordsWithAccents(text))) if (search.wanted.has(token)) found.tokens.add(token);
    }
    for (const { entry, occursIn, writtenBeyondAscii } of elsewhere) {
      // One with a character beyond ASCII can be only where the text has one.
      if ((!writtenBeyondAscii || (seen & beyondAsciiSeen) !== 0) && occursIn(text)) addLiteral(found, entry);
    }
    return found;
  };
}

// Most texts hold no literal: they share this empty set, and a set is made for one that holds some.
const noLiterals: ReadonlySet<string> = new Set();

function addLiteral(found: TextMatches, entry: Literal): void {
  if (entry.exact) found.exactLiterals = new Set(found.exactLiterals).add(entry.literal);
  else found.literals = new Set(found.literals).add(entry.literal);
}

function escapeForExpression(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
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
