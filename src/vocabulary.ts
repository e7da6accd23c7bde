import type { VocabularyExtension } from './types.js';
import { tokenize } from './tokenize.js';
import { readCatalogFile } from './catalog-files.js';

export { tokenize } from './tokenize.js';

/** One sensitive category or proxy, with its terms already tokenized. */
export interface VocabularyEntry {
  kind: 'sensitive' | 'proxy';
  /** Catalog id: a sensitive category (`health`, `age`…) or a proxy id (`postcode`, `first-name`…). */
  id: string;
  label: string;
  laws: string[];
  /** For proxies: the sensitive category ids it stands in for. */
  standsFor: string[];
  /** For proxies: the study or case that documents the proxy. */
  source?: string;
  terms: string[][];
  /** Terms that count only next to a person word (`customer.weight`, never `fontWeight`). */
  personTerms: string[][];
  falseFriends: string[][];
}

/** Sensitive categories and proxies from rules/catalog/{sensitive,proxies}.yaml, with the user's terms. */
export interface Vocabulary {
  categories: VocabularyEntry[];
  /** Tokenized words that make a name about a person (`customer`, `patient`…). */
  personWords: string[][];
  /** Whole names the user never wants flagged, lower-cased. */
  ignore: Set<string>;
}

/** What a name means, when it names a sensitive attribute or a proxy for one. */
export interface VocabularyMatch {
  kind: 'sensitive' | 'proxy';
  /** Catalog id: a sensitive category (`health`, `age`…) or a proxy id (`postcode`, `first-name`…). */
  category: string;
  /** Human label for messages, e.g. `racial or ethnic origin`. */
  label: string;
  /** Laws that name the category, e.g. `GDPR Art. 9`. */
  laws: string[];
  /** For proxies: the sensitive categories it stands in for. */
  standsFor: string[];
  /** The catalog term (token sequence) that matched, e.g. `date of birth`. */
  term: string;
}

interface SensitiveCatalogFile {
  personWords?: string[];
  categories: Array<{
    id: string;
    label: string;
    laws?: string[];
    terms?: string[];
    personTerms?: string[];
    falseFriends?: string[];
  }>;
}

interface ProxyCatalogFile {
  proxies: Array<{
    id: string;
    label: string;
    standsFor?: string[];
    source?: string;
    terms?: string[];
    personTerms?: string[];
    falseFriends?: string[];
  }>;
}

function readCatalog<T>(fileName: string): T {
  return readCatalogFile<T>(fileName);
}

function tokenizeAll(terms: string[] | undefined): string[][] {
  return (terms ?? []).map((term) => tokenize(term)).filter((tokens) => tokens.length > 0);
}

/** Loads the built-in sensitive and proxy catalogs and merges the user's `vocabulary:` terms and ignores. */
export function loadVocabulary(extension: VocabularyExtension): Vocabulary {
  const sensitive = readCatalog<SensitiveCatalogFile>('sensitive.yaml');
  const proxies = readCatalog<ProxyCatalogFile>('proxies.yaml');
  const categories: VocabularyEntry[] = [
    ...sensitive.categories.map((entry) => ({
      kind: 'sensitive' as const,
      id: entry.id,
      label: entry.label,
      laws: entry.laws ?? [],
      standsFor: [],
      terms: tokenizeAll([...(entry.terms ?? []), ...(extension.sensitive?.[entry.id] ?? [])]),
      personTerms: tokenizeAll(entry.personTerms),
      falseFriends: tokenizeAll(entry.falseFriends),
    })),
    ...proxies.proxies.map((entry) => ({
      kind: 'proxy' as const,
      id: entry.id,
      label: entry.label,
      laws: [],
      standsFor: entry.standsFor ?? [],
      ...(entry.source === undefined ? {} : { source: entry.source }),
      terms: tokenizeAll([...(entry.terms ?? []), ...(extension.proxies?.[entry.id] ?? [])]),
      personTerms: tokenizeAll(entry.personTerms),
      falseFriends: tokenizeAll(entry.falseFriends),
    })),
  ];
  return {
    categories,
    personWords: tokenizeAll(sensitive.personWords),
    ignore: new Set((extension.ignore ?? []).map((name) => name.toLowerCase())),
  };
}

/** Whether a token sequence occurs, whole and in order, inside a tokenized name. */
export function containsSequence(tokens: string[], sequence: string[]): boolean {
  return occurrences(tokens, sequence).length > 0;
}

function occurrences(tokens: string[], sequence: string[]): number[] {
  const starts: number[] = [];
  for (let start = 0; start + sequence.length <= tokens.length; start++) {
    if (sequence.every((token, offset) => tokens[start + offset] === token)) starts.push(start);
  }
  return starts;
}

function overlaps(startA: number, lengthA: number, startB: number, lengthB: number): boolean {
  return startA < startB + lengthB && startB < startA + lengthA;
}

function cancelledByFalseFriend(tokens: string[], start: number, length: number, entry: VocabularyEntry): boolean {
  return entry.falseFriends.some((friend) =>
    occurrences(tokens, friend).some((friendStart) => overlaps(start, length, friendStart, friend.length)),
  );
}

interface TermHit {
  entry: VocabularyEntry;
  term: string[];
}

interface IndexedTerm extends TermHit {
  needsPerson: boolean;
}

// Terms by first token, built once per vocabulary: a name is checked against the few terms its tokens can start.
const termIndexes = new WeakMap<Vocabulary, Map<string, IndexedTerm[]>>();

function termIndex(vocabulary: Vocabulary): Map<string, IndexedTerm[]> {
  let index = termIndexes.get(vocabulary);
  if (index !== undefined) return index;
  index = new Map();
  for (const entry of vocabulary.categories) {
    const add = (term: string[], needsPerson: boolean) => {
      const first = term[0] as string;
      const bucket = index?.get(first) ?? [];
      bucket.push({ entry, term, needsPerson });
      index?.set(first, bucket);
    };
    for (const term of entry.terms) add(term, false);
    for (const term of entry.personTerms) add(term, true);
  }
  termIndexes.set(vocabulary, index);
  return index;
}

function bestHit(tokens: string[], vocabulary: Vocabulary): TermHit | undefined {
  const index = termIndex(vocabulary);
  const hasPersonWord = vocabulary.personWords.some((word) => occurrences(tokens, word).length > 0);
  let best: TermHit | undefined;
  for (const token of new Set(tokens)) {
    for (const { entry, term, needsPerson } of index.get(token) ?? []) {
      if (needsPerson && !hasPersonWord) continue;
      const standing = occurrences(tokens, term).filter(
        (start) => !cancelledByFalseFriend(tokens, start, term.length, entry),
      );
      if (standing.length === 0) continue;
      // Sensitive beats proxy (`spouseFirstName` is about marital status); then the longer, more specific term.
      const better =
        best === undefined ||
        (entry.kind === 'sensitive' && best.entry.kind === 'proxy') ||
        (entry.kind === best.entry.kind && term.length > best.term.length);
      if (better) best = { entry, term };
    }
  }
  return best;
}

/**
 * Matches an identifier, property name, column name or YAML key against the vocabulary by token
 * sequences (camelCase, snake, kebab, dots), never substrings.
 */
export function matchName(vocabulary: Vocabulary, name: string): VocabularyMatch | undefined {
  // `policy.riskClassOfDisease` is ignored when the user ignores `riskClassOfDisease`.
  const lastSegment = name.slice(name.lastIndexOf('.') + 1);
  if (vocabulary.ignore.has(name.toLowerCase()) || vocabulary.ignore.has(lastSegment.toLowerCase())) return undefined;
  const tokens = tokenize(name);
  if (tokens.length === 0) return undefined;
  const hit = bestHit(tokens, vocabulary);
  if (hit === undefined) return undefined;
  return {
    kind: hit.entry.kind,
    category: hit.entry.id,
    label: hit.entry.label,
    laws: hit.entry.laws,
    standsFor: hit.entry.standsFor,
    term: hit.term.join(' '),
  };
}

// Per vocabulary: every term with its distinct tokens, for the whole-text prefilter.
const termTokenSets = new WeakMap<Vocabulary, string[][]>();

/**
 * Whether a text can contain any vocabulary term: every token of at least one term occurs somewhere in
 * it. Cheap and a strict superset of what `matchName` finds in the text's names, so a file that fails
 * it can skip attribute extraction (and a scan's prefilter can skip the file).
 */
export function mayMentionVocabulary(vocabulary: Vocabulary, text: string): boolean {
  let terms = termTokenSets.get(vocabulary);
  if (terms === undefined) {
    terms = vocabulary.categories.flatMap((entry) => [...entry.terms, ...entry.personTerms]).map((term) => [...new Set(term)]);
    termTokenSets.set(vocabulary, terms);
  }
  const present = new Set(tokenize(text));
  return terms.some((term) => term.every((token) => present.has(token)));
}

/** The label of a sensitive category id (`age` → `age or date of birth`), for proxy messages. */
export function categoryLabel(vocabulary: Vocabulary, categoryId: string): string {
  return vocabulary.categories.find((entry) => entry.kind === 'sensitive' && entry.id === categoryId)?.label ?? categoryId;
}
