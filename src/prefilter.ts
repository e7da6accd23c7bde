import picomatch from 'picomatch';
import type { Catalogs } from './catalogs.js';
import { decisionWords, trainingListWords } from './extract/profiling-words.js';
import type { SinkEntry } from './extract/sink-catalog.js';
import { relativeImportSpecifiersIn, resolveRelativeImport } from './link.js';
import type { ResolvedConfig } from './types.js';
import { tokenize } from './tokenize.js';
import { anyTermPresent, createTokenSearch, type CandidateTest } from './candidate-text.js';

/**
 * Decides from raw text alone which code files are worth parsing. A file that fails produces no
 * finding by construction, so every test here is looser than what an extractor looks for: names are
 * compared as the word tokens `tokenize` makes (all tokens of a term present somewhere in the file),
 * and a catalog pattern's wildcard-adjacent text as a plain substring. Files that a parsed file imports
 * (feature builders) or that import it (callers whose consent checks guard it) are parsed too.
 */
export interface Prefilter {
  /**
   * The code files to parse: seeds and the files tied to them by relative imports. What a file's text
   * says (its verdict and import specifiers) is taken from `memo` when it knows the content hash.
   * `onSeed` hears of each file sure to be parsed (a seed that is not build output) as soon as it is
   * judged, so parsing can start while the rest are judged; the walk yields to the event loop now and then.
   */
  selectFilesToParse<S extends { file: string; text: string; hash?: string }>(
    sources: S[],
    memo?: PrefilterMemo,
    onSeed?: (source: S) => void,
  ): Promise<Selection>;
}

// Time spent judging files between two yields to the event loop: a worker waits that long, at worst, for its
// next file after handing one back.
const millisecondsPerYield = 4;

/** The files to parse, and what the prefilter read from every file's text. */
export interface Selection {
  toParse: Set<string>;
  verdicts: Map<string, TextVerdict>;
}

/** What the prefilter reads from one file's text; it depends only on the text and the catalogs. */
export interface TextVerdict {
  /** `sink`: a file whose callers' consent checks decide its verdict; `local`: one that matters on its own. */
  kind: 'sink' | 'local' | 'none';
  /** Its import and require specifiers, for the files tied to it. */
  imports: string[];
  /** Build output (see `looksMinified`). */
  minified: boolean;
}

/** Verdicts remembered from an earlier run by path and content hash (the facts cache keeps them). */
export interface PrefilterMemo {
  get(file: string, hash: string): TextVerdict | undefined;
  set(file: string, hash: string, verdict: TextVerdict): void;
}

/**
 * All of these tokens and substrings (lower case) must occur for the trigger to fire, and then the
 * confirming pattern, when there is one: cheap set lookups first, a regular expression only for the few
 * files that pass them.
 */
interface Trigger {
  tokens: string[];
  substrings: string[];
  /** Built on first use: most runs test few files far enough to need them. */
  confirm: () => RegExp[];
}

/** A value made on first use and kept. */
function lazy<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

const noChecks = (): RegExp[] => [];

const irregularPlurals: Record<string, string> = { child: 'children', person: 'people', diagnosis: 'diagnoses' };

/** One lower-case token as it appears inside a name: `age` in `age`, `userAge`, `USER_AGE`, `ages`. */
function tokenPattern(token: string): string {
  const forms = [token];
  const irregular = irregularPlurals[token];
  if (irregular !== undefined) forms.push(irregular);
  else if (/[a-z]y$/.test(token)) forms.push(`${token.slice(0, -1)}ies`);
  else if (/[a-z]$/.test(token)) forms.push(`${token}s`, `${token}es`);
  const alternatives = forms.flatMap((form) => {
    const capitalized = form.charAt(0).toUpperCase() + form.slice(1);
    return [
      `(?<![A-Za-z])${escape(form)}(?![a-z])`,
      `${escape(capitalized)}(?![a-z])`,
      `(?<![A-Z])${escape(form.toUpperCase())}(?=[^A-Za-z]|[A-Z][a-z]|$)`,
    ];
  });
  return `(?:${alternatives.join('|')})`;
}

/** A token sequence as it appears in a name, key or string: `date of birth` in `dateOfBirth` or `DATE_OF_BIRTH`. */
function sequencePattern(tokens: string[]): string {
  return tokens.map(tokenPattern).join('[^A-Za-z]*');
}

/** What a catalog call-pattern segment requires of the text: its whole name as tokens, or its text around `*`. */
function segmentTrigger(segment: RegExp | 'any-segments', trigger: Trigger): void {
  if (segment === 'any-segments') return;
  const source = segment.source.replace(/^\^/, '').replace(/\$$/, '');
  const parts = source.split('.*').map((part) => part.replace(/\\(.)/g, '$1').replace(/\(\)$/, ''));
  if (parts.length === 1) trigger.tokens.push(...tokenize(parts[0] ?? ''));
  else trigger.substrings.push(...parts.filter((part) => part.length > 0).map((part) => part.toLowerCase()));
}

/** An expression that finds any of `texts` (none when the list is empty). */
function anyOf(texts: string[], flags: string): RegExp {
  return texts.length === 0 ? /(?!)/ : new RegExp(texts.map(escape).join('|'), flags);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const callOpening = '\\s*(?:<[^()]*>)?\\s*\\(';

/** A segment with no wildcard, as written: `identify`, or `getUser` for `getUser()`. */
function literalSegment(segment: RegExp | 'any-segments' | undefined): { name: string; called: boolean } | undefined {
  if (segment === undefined || segment === 'any-segments' || segment.source.includes('.*')) return undefined;
  const text = segment.source.replace(/^\^/, '').replace(/\$$/, '').replace(/\\(.)/g, '$1');
  const called = text.endsWith('()');
  return { name: escape(called ? text.slice(0, -2) : text), called };
}

/**
 * Call-shaped checks for a catalog call pattern, each a linear expression anchored on a literal:
 * the last segment called (`identify(`, or `['identify'](`), preceded by its receiver when that is a
 * literal too (`analytics.identify(`), and every constructor-style segment called (`UserData(`).
 */
function callChecks(call: Array<RegExp | 'any-segments'>): RegExp[] {
  const checks: RegExp[] = [];
  const last = literalSegment(call.at(-1));
  const previous = literalSegment(call.at(-2));
  if (last !== undefined && !last.called) {
    const receiver = previous !== undefined && !previous.called ? `${previous.name}\\s*[?!]?\\s*` : '';
    const name = `(?:\\.\\s*${last.name}|\\[\\s*['"\`]${last.name}['"\`]\\s*\\])`;
    checks.push(new RegExp(receiver === '' ? `(?:(?<![\\w$])${last.name}|${name})${callOpening}` : `(?<![\\w$])${receiver}${name}${callOpening}`, 'i'));
  }
  for (const segment of call) {
    const literal = literalSegment(segment);
    if (literal?.called) checks.push(new RegExp(`(?<![\\w$])${literal.name}${callOpening}`, 'i'));
  }
  return checks;
}

/** A function named with these tokens, called: `checkEligibility(`, `score_customer (`. */
function namedCallRegex(name: string[]): RegExp {
  const stems = name.map((token) => escape(token.length > 3 ? token.slice(0, -1) : token));
  return new RegExp(`${stems.join('[a-z]*[^a-z(\\s]*')}[\\w$]*${callOpening}`, 'i');
}

function sinkTriggers(entries: SinkEntry[]): Trigger[] {
  const triggers: Trigger[] = [];
  for (const entry of entries) {
    for (const call of entry.calls) {
      const trigger: Trigger = { tokens: [], substrings: [], confirm: lazy(() => callChecks(call)) };
      for (const segment of call) segmentTrigger(segment, trigger);
      triggers.push(trigger);
    }
    triggers.push(...entry.constructs.map((name) => ({ tokens: tokenize(name), substrings: [], confirm: noChecks })));
    triggers.push(
      ...entry.hosts.map((pattern) => ({ tokens: tokenize(pattern.host), substrings: [pattern.host.toLowerCase()], confirm: noChecks })),
    );
    triggers.push(...entry.names.map((name) => ({ tokens: name, substrings: [], confirm: lazy(() => [namedCallRegex(name)]) })));
  }
  return triggers;
}

function fires(trigger: Trigger, text: string, tokens: Set<string>, lowerText: () => string): boolean {
  return (
    trigger.tokens.every((token) => tokens.has(token)) &&
    trigger.substrings.every((part) => lowerText().includes(part)) &&
    trigger.confirm().every((check) => check.test(text))
  );
}

// Hand-written code averages well under 100 characters a line; bundlers and minifiers write hundreds or thousands.
const minifiedLineLength = 250;
const minifiedMinimumSize = 4096;

/**
 * Whether a code file is build output (a bundle or minified script) rather than source. Such files are
 * not parsed, as Semgrep skips them: a 700 kB bundle costs more to analyse than the rest of a large
 * repository, and a finding inside one points at no line anybody edits.
 */
export function looksMinified(text: string): boolean {
  if (text.length < minifiedMinimumSize) return false;
  // Counting stops once there are enough lines to bring the average under the limit: most files get there early.
  const enoughLines = text.length / minifiedLineLength;
  let lines = 1;
  for (let index = text.indexOf('\n'); index !== -1 && lines < enoughLines; index = text.indexOf('\n', index + 1)) lines += 1;
  return lines < enoughLines;
}

/** The markers and names, from the catalogs, that the prefilter and the candidate test look for. */
function catalogTerms(catalogs: Catalogs) {
  const stores = catalogs.stores;
  const lastName = (name: string): string[] => tokenize(name.split('.').at(-1) ?? name);
  return {
    // Each of these alone can make a finding, or facts another file's finding depends on (a TTL index).
    markers: [
      'profilint-',
      '@profiling',
      '@retention',
      'expireAfterSeconds',
      // An SDK set up to wait for consent makes its sinks guarded everywhere in the project.
      ...catalogs.consent.consentGatedSdks.flatMap((sdk) => [...sdk.wrappers, ...sdk.initOptions]),
    ],
    userStores: stores.userStores.map(lastName),
    storeWrites: [...stores.writeMethodNames, ...stores.sagemaker.commands, ...stores.feastBodyKeys].map(lastName),
    // Only the person's own device is a store where a sensitive attribute alone makes a finding.
    deviceStores: [...stores.localStorage, ...stores.sessionStorage, 'cookie'].map(lastName),
    profileData: [...stores.profileTerms, ...stores.cacheTerms],
    sensitive: catalogs.vocabulary.categories.flatMap((entry) => [...entry.terms, ...entry.personTerms]),
  };
}

/** The candidate test for a run's catalogs (see `CandidateTest`); the build writes the default one beside the CLI. */
export function candidateTestFor(catalogs: Catalogs): CandidateTest {
  const terms = catalogTerms(catalogs);
  return {
    markers: terms.markers,
    calls: [
      ...sinkTriggers(catalogs.sinks.entries).map((trigger) => ({ tokens: trigger.tokens, substrings: trigger.substrings })),
      ...terms.userStores.map((tokens) => ({ tokens, substrings: [] })),
    ],
    writes: [...terms.storeWrites, ...terms.deviceStores],
    profileData: terms.profileData,
    attributes: terms.sensitive,
  };
}

/** Builds the prefilter for a run's catalogs and config. */
export function createPrefilter(catalogs: Catalogs, config: ResolvedConfig): Prefilter {
  const isProfilingPath = config.profilingPaths.length > 0 ? picomatch(config.profilingPaths, { dot: true }) : () => false;
  const { markers, storeWrites, deviceStores, profileData, ...terms } = catalogTerms(catalogs);
  const sinks = sinkTriggers(catalogs.sinks.entries);
  const userStores = terms.userStores.map((tokens) => ({ tokens, substrings: [], confirm: noChecks }));
  const decisions = [...decisionWords, ...trainingListWords].map((term) => ({ tokens: term, confirm: lazy(() => new RegExp(sequencePattern(term))) }));
  const sensitive = terms.sensitive.map((term) => ({ tokens: term, confirm: lazy(() => new RegExp(sequencePattern(term))) }));

  // Every test below reads only these tokens; the search finds them without splitting the whole text into words.
  const tokensOf = createTokenSearch(
    [sinks, userStores, decisions, sensitive].flatMap((triggers) => triggers.flatMap((trigger) => trigger.tokens)).concat(storeWrites.flat(), deviceStores.flat(), profileData.flat()),
  );
  // A sink trigger can fire only when its first token is in the text; those with none are always tried.
  const sinksByToken = new Map<string, Trigger[]>();
  const sinksWithoutTokens: Trigger[] = [];
  for (const trigger of sinks) {
    const key = trigger.tokens[0];
    if (key === undefined) sinksWithoutTokens.push(trigger);
    else sinksByToken.set(key, [...(sinksByToken.get(key) ?? []), trigger]);
  }
  // The substrings a token-less sink needs and the markers, found in one search of the text: testing each in
  // turn cost more than the token search. Markers are case-sensitive, so a hit is checked again.
  const tokenlessSubstrings = [...new Set(sinksWithoutTokens.map((trigger) => trigger.substrings[0] ?? ''))];
  const mayHoldLiteral = anyOf([...new Set([...tokenlessSubstrings, ...markers])], 'i');
  const hasMarker = anyOf(markers, '');
  const anySinkFires = (text: string, tokens: Set<string>, lowerText: () => string, mayHoldLiterals: boolean): boolean => {
    for (const token of tokens) if (sinksByToken.get(token)?.some((trigger) => fires(trigger, text, tokens, lowerText))) return true;
    return mayHoldLiterals && sinksWithoutTokens.some((trigger) => fires(trigger, text, tokens, lowerText));
  };

  const classifyText = (text: string): TextVerdict['kind'] => {
    const tokens = tokensOf(text);
    let lower: string | undefined;
    const lowerText = (): string => (lower ??= text.toLowerCase());
    const mayHoldLiterals = mayHoldLiteral.test(text);
    if (anySinkFires(text, tokens, lowerText, mayHoldLiterals)) return 'sink';
    if (mayHoldLiterals && hasMarker.test(text)) return 'local';
    if (userStores.some((trigger) => fires(trigger, text, tokens, lowerText))) return 'local';
    // A store write matters when what it keeps is profile data or a sensitive attribute; a branch or a
    // column list when it decides about or feeds a model with a sensitive attribute.
    if ((anyTermPresent(storeWrites, tokens) || anyTermPresent(deviceStores, tokens)) && anyTermPresent(profileData, tokens)) return 'local';
    const names = (terms: Array<{ tokens: string[]; confirm: () => RegExp }>): boolean =>
      terms.some((term) => term.tokens.every((token) => tokens.has(token)) && term.confirm().test(text));
    if (anyTermPresent(deviceStores, tokens) && names(sensitive)) return 'local';
    return names(decisions) && names(sensitive) ? 'local' : 'none';
  };
  return {
    async selectFilesToParse(sources, memo, onSeed) {
      const verdictOf = (source: { file: string; text: string; hash?: string }): TextVerdict => {
        const remembered = source.hash === undefined ? undefined : memo?.get(source.file, source.hash);
        if (remembered !== undefined) return remembered;
        const kind = classifyText(source.text);
        const verdict: TextVerdict = {
          kind,
          imports: source.text.includes('./') ? relativeImportSpecifiersIn(source.text) : [],
          minified: looksMinified(source.text),
        };
        if (source.hash !== undefined) memo?.set(source.file, source.hash, verdict);
        return verdict;
      };
      const verdicts = new Map<string, TextVerdict>();
      const selected = new Set<string>();
      const sinkFiles: string[] = [];
      let lastYield = performance.now();
      for (const source of sources) {
        if (performance.now() - lastYield > millisecondsPerYield) {
          await new Promise((resolve) => setImmediate(resolve));
          lastYield = performance.now();
        }
        const verdict = verdictOf(source);
        verdicts.set(source.file, verdict);
        const kind = isProfilingPath(source.file) ? 'sink' : verdict.kind;
        if (kind === 'none') continue;
        selected.add(source.file);
        if (kind === 'sink') sinkFiles.push(source.file);
        if (!verdict.minified) onSeed?.(source);
      }
      if (selected.size === 0) return { toParse: selected, verdicts };
      const codeFiles = new Set(sources.map((source) => source.file));
      const importsByFile = new Map<string, string[]>();
      const importersByFile = new Map<string, string[]>();
      for (const source of sources) {
        for (const specifier of verdicts.get(source.file)!.imports) {
          const target = resolveRelativeImport(codeFiles, source.file, specifier);
          if (target === undefined) continue;
          importsByFile.set(source.file, [...(importsByFile.get(source.file) ?? []), target]);
          importersByFile.set(target, [...(importersByFile.get(target) ?? []), source.file]);
        }
      }
      // The consent check that guards a sink may sit in a caller's caller: importers are followed all the way up.
      const callers = [...sinkFiles];
      for (let next = callers.pop(); next !== undefined; next = callers.pop()) {
        for (const importer of importersByFile.get(next) ?? []) {
          if (!selected.has(importer)) {
            selected.add(importer);
            callers.push(importer);
          }
        }
      }
      // Feature builders sit in what a sink's file imports, at most behind one re-exporting index.
      let frontier = sinkFiles;
      for (let depth = 0; depth < 2; depth += 1) {
        frontier = frontier.flatMap((file) => importsByFile.get(file) ?? []).filter((file) => !selected.has(file));
        for (const file of frontier) selected.add(file);
      }
      return { toParse: selected, verdicts };
    },
  };
}
