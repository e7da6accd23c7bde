import type { VocabularyExtension } from '../types.js';
import { tokenizeCached } from './name-cache.js';
import { readCatalogFile } from '../catalog-files.js';

/** A consent purpose as code names it, and the sink purposes a granted consent of it allows. */
export interface ConsentPurpose {
  id: string;
  label: string;
  covers: string[];
  tcfPurposes: number[];
  terms: string[][];
}

/** The consent catalog (rules/catalog/consent.yaml) with the user's own checks added. */
export interface ConsentCatalog {
  purposes: ConsentPurpose[];
  /** What a sink needs, in words: `{ ads: { label: 'advertising', effect: 'builds or uses an ad profile' } }`. */
  sinkPurposes: Record<string, { label: string; effect: string }>;
  consentTerms: string[][];
  optOutTerms: string[][];
  refusalTerms: string[][];
  platformRoots: string[][];
  /** The user's `vocabulary.consent` names, lower-case, as dotted suffixes of a callee (`privacy.allows`). */
  userChecks: string[];
  negativeValues: Set<string>;
  assertVerbs: Set<string>;
  setterVerbs: Set<string>;
  falseFriends: Set<string>;
  /** SDKs loaded so that they send nothing before consent, by sink catalog id. */
  consentGatedSdks: { sink: string; wrappers: string[]; initOptions: string[] }[];
  /** A cheap text test: a file that does not match has no consent check to analyse. */
  mentionPattern: RegExp;
}

interface ConsentCatalogFile {
  sinkPurposes: Record<string, { label: string; effect: string }>;
  purposes: { id: string; label: string; covers: string[]; tcfPurposes?: number[]; terms: string[] }[];
  consentTerms: string[];
  optOutTerms: string[];
  refusalTerms: string[];
  platformRoots: string[];
  negativeValues: string[];
  assertVerbs: string[];
  setterVerbs: string[];
  falseFriends: string[];
  consentGatedSdks: { sink: string; wrappers?: string[]; initOptions?: string[] }[];
}

const tokenizeAll = (terms: string[]): string[][] => terms.map((term) => tokenizeCached(term)).filter((tokens) => tokens.length > 0);
const firstTokens = (terms: string[]): Set<string> => new Set(terms.flatMap((term) => tokenizeCached(term).slice(0, 1)));

function escapeForPattern(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Loads rules/catalog/consent.yaml and adds the user's `vocabulary.consent` check names. */
export function loadConsentCatalog(extension: VocabularyExtension): ConsentCatalog {
  const raw = readCatalogFile<ConsentCatalogFile>('consent.yaml');
  const consentTerms = tokenizeAll(raw.consentTerms);
  const optOutTerms = tokenizeAll(raw.optOutTerms);
  const platformRoots = tokenizeAll(raw.platformRoots);
  const userChecks = extension.consent.map((name) => name.trim().toLowerCase()).filter((name) => name.length > 0);
  // Tokens are matched later; the text test only needs each term's words, with or without a separator.
  const alternatives = new Set<string>();
  for (const term of [...consentTerms, ...optOutTerms, ...platformRoots]) alternatives.add(term.map(escapeForPattern).join('[-_ .]?'));
  for (const name of userChecks) alternatives.add(escapeForPattern(name.split('.').pop() ?? name));
  const consentGatedSdks = raw.consentGatedSdks.map((sdk) => ({ sink: sdk.sink, wrappers: sdk.wrappers ?? [], initOptions: sdk.initOptions ?? [] }));
  for (const sdk of consentGatedSdks) for (const name of [...sdk.wrappers, ...sdk.initOptions]) alternatives.add(escapeForPattern(name));
  return {
    purposes: raw.purposes.map((purpose) => ({
      id: purpose.id,
      label: purpose.label,
      covers: purpose.covers,
      tcfPurposes: purpose.tcfPurposes ?? [],
      terms: tokenizeAll(purpose.terms),
    })),
    sinkPurposes: raw.sinkPurposes,
    consentTerms,
    optOutTerms,
    refusalTerms: tokenizeAll(raw.refusalTerms),
    platformRoots,
    userChecks,
    negativeValues: new Set(raw.negativeValues.map((value) => tokenizeCached(value).join(' ') || value)),
    assertVerbs: firstTokens(raw.assertVerbs),
    setterVerbs: firstTokens(raw.setterVerbs),
    falseFriends: firstTokens(raw.falseFriends),
    consentGatedSdks,
    mentionPattern: new RegExp([...alternatives].join('|'), 'i'),
  };
}

/** The label of a consent purpose for messages (`advertising`); unknown ids read as themselves. */
export function consentPurposeLabel(catalog: ConsentCatalog, purposeId: string): string {
  return catalog.purposes.find((purpose) => purpose.id === purposeId)?.label ?? purposeId;
}

/** Whether consent checked for these purposes allows a sink with this purpose. */
export function coversSinkPurpose(covers: Iterable<string>, sinkPurpose: string, catalog: ConsentCatalog): boolean {
  const allowed = new Set(covers);
  if (allowed.has('*') || allowed.has(sinkPurpose)) return true;
  // A sink purpose the catalog does not know (a user's own sink) is allowed by any consent that allows something.
  return !(sinkPurpose in catalog.sinkPurposes) && allowed.size > 0;
}

/** Where a term occurs in a token sequence; the longest matching term wins. */
export function findTerm(tokens: string[], terms: string[][]): { start: number; length: number } | undefined {
  let best: { start: number; length: number } | undefined;
  for (const term of terms) {
    if (best !== undefined && term.length <= best.length) continue;
    for (let start = 0; start + term.length <= tokens.length; start++) {
      if (term.every((token, offset) => tokens[start + offset] === token)) {
        best = { start, length: term.length };
        break;
      }
    }
  }
  return best;
}

/** The consent purpose a name or string stands for (`C0004` → `ads`), by its longest matching term. */
export function classifyTokens(tokens: string[], catalog: ConsentCatalog): string | undefined {
  let best: { id: string; length: number } | undefined;
  for (const purpose of catalog.purposes) {
    const match = findTerm(tokens, purpose.terms);
    if (match !== undefined && (best === undefined || match.length > best.length)) best = { id: purpose.id, length: match.length };
  }
  return best?.id;
}

/** The consent purpose of an IAB TCF purpose number. */
export function tcfPurposeClass(purposeNumber: number, catalog: ConsentCatalog): string | undefined {
  return catalog.purposes.find((purpose) => purpose.tcfPurposes.includes(purposeNumber))?.id;
}

/** Sink purposes a set of consent purposes allows; no classified purpose means profilint cannot tell, so all. */
export function coverageOf(purposes: string[], catalog: ConsentCatalog): Set<string> {
  if (purposes.length === 0) return new Set(['*']);
  const covers = new Set<string>();
  for (const id of purposes) {
    for (const sinkPurpose of catalog.purposes.find((purpose) => purpose.id === id)?.covers ?? []) covers.add(sinkPurpose);
  }
  return covers;
}

/** A name without the consent platform's own name in it: `categoryPreferences.Advertising` → `Advertising`. */
export function withoutPlatformRoot(tokens: string[], catalog: ConsentCatalog): string[] {
  const root = findTerm(tokens, catalog.platformRoots);
  return root === undefined ? tokens : [...tokens.slice(0, root.start), ...tokens.slice(root.start + root.length)];
}
