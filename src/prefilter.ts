import picomatch from 'picomatch';
import type { Catalogs } from './catalogs.js';
import { decisionWords, trainingListWords } from './extract/profiling-words.js';
import type { SinkEntry } from './extract/sink-catalog.js';
import { importWords, relativeImportSpecifiersAt, relativeImportSpecifiersIn, resolveRelativeImport } from './link.js';
import type { ResolvedConfig } from './types.js';
import { tokenize } from './tokenize.js';
import { anyTermPresent, createTextSearch, type CandidateTest, type TextMatches } from './candidate-text.js';

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
  /**
   * One file's verdict, as `selectFilesToParse` reaches it (through `memo`), and whether the file is sure to be
   * parsed: a seed that is not build output, which `selectFilesToParse` would hand to `onSeed`.
   */
  judge(source: { file: string; text: string; hash?: string }, memo?: PrefilterMemo): { verdict: TextVerdict; isSeed: boolean };
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

/** Whether a trigger fires on a text; `holds(part)` tells whether the lower-cased text includes `part`. */
function fires(trigger: Trigger, text: string, tokens: Set<string>, holds: (part: string) => boolean): boolean {
  return trigger.tokens.every((token) => tokens.has(token)) && trigger.substrings.every(holds) && trigger.confirm().every((check) => check.test(text));
}

/** A name term: its tokens, and the expression that finds them written as one name. */
interface NameTerm {
  tokens: string[];
  confirm: () => RegExp;
}

/** Items filed by their first token (a text holding none of an item's tokens cannot match it), and those with none. */
function groupByFirstToken<T extends { tokens: string[] }>(items: T[]): { byFirstToken: Map<string, T[]>; withoutTokens: T[] } {
  const byFirstToken = new Map<string, T[]>();
  const withoutTokens: T[] = [];
  for (const item of items) {
    const first = item.tokens[0];
    if (first === undefined) withoutTokens.push(item);
    else byFirstToken.set(first, [...(byFirstToken.get(first) ?? []), item]);
  }
  return { byFirstToken, withoutTokens };
}

/**
 * Whether the text names one of the terms: all its tokens present, and the confirming expression finds it. Built
 * once per term list: only the terms whose first token the text holds are tried, not hundreds for every file.
 */
function namedIn(terms: NameTerm[]): (text: string, tokens: Set<string>) => boolean {
  const { byFirstToken, withoutTokens } = groupByFirstToken(terms);
  const named = (term: NameTerm, text: string, tokens: Set<string>): boolean => term.tokens.every((token) => tokens.has(token)) && term.confirm().test(text);
  return (text, tokens) => {
    if (withoutTokens.some((term) => named(term, text, tokens))) return true;
    for (const token of tokens) if (byFirstToken.get(token)?.some((term) => named(term, text, tokens))) return true;
    return false;
  };
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

/** A path segment up to its first dot: `user` for `user.service.ts` or `user.service`. */
function nameBeforeDot(segment: string): string {
  const dot = segment.indexOf('.');
  return dot === -1 ? segment : segment.slice(0, dot);
}

/**
 * The name every file an import specifier can resolve to has (see `resolveRelativeImport`): its last segment up
 * to the first dot, which is the file's or, for a folder's `index`, the folder's. Undefined for `.`, `..` and
 * a trailing slash, which name a folder by the importer's path.
 */
function specifierName(specifier: string): string | undefined {
  const last = specifier.slice(specifier.lastIndexOf('/') + 1);
  return last === '' || last === '.' || last === '..' ? undefined : nameBeforeDot(last);
}

// The only characters whose lower case holds an ASCII letter: the Kelvin sign and the capital I with a dot.
const lowerCasedIntoAscii = ['\u212A', '\u0130'];

/** Builds the prefilter for a run's catalogs and config. */
export function createPrefilter(catalogs: Catalogs, config: ResolvedConfig): Prefilter {
  const isProfilingPath = config.profilingPaths.length > 0 ? picomatch(config.profilingPaths, { dot: true }) : () => false;
  const { markers, storeWrites, deviceStores, profileData, ...terms } = catalogTerms(catalogs);
  const sinks = sinkTriggers(catalogs.sinks.entries);
  const userStores = terms.userStores.map((tokens) => ({ tokens, substrings: [], confirm: noChecks }));
  const decisions = [...decisionWords, ...trainingListWords].map((term) => ({ tokens: term, confirm: lazy(() => new RegExp(sequencePattern(term))) }));
  const sensitive = terms.sensitive.map((term) => ({ tokens: term, confirm: lazy(() => new RegExp(sequencePattern(term))) }));

  // A sink trigger can fire only when its first token is in the text; those with none are always tried.
  const { byFirstToken: sinksByToken, withoutTokens: sinksWithoutTokens } = groupByFirstToken(sinks);
  // Every test below reads only these tokens, the substrings a token-less sink needs, the markers and the long
  // substrings of letters other sinks need: one pass over the text finds them all. It skips through runs of letters
  // for those substrings at next to no cost, while lower-casing file after file to look for `analytics` (which
  // `*analytics.page` needs wherever `page` is a token) cost a sixth of judging. Only the Kelvin sign and a dotted
  // capital I make a lower-cased text hold one the pass does not see.
  const tokenlessSubstrings = sinksWithoutTokens.map((trigger) => trigger.substrings[0] ?? '');
  const substringsInPass = new Set(sinks.flatMap((trigger) => trigger.substrings).filter((part) => part.length >= 9 && /^[a-z]+$/.test(part)));
  const search = createTextSearch(
    [sinks, userStores, decisions, sensitive].flatMap((triggers) => triggers.flatMap((trigger) => trigger.tokens)).concat(storeWrites.flat(), deviceStores.flat(), profileData.flat()),
    [...tokenlessSubstrings, ...substringsInPass],
    [...markers, ...lowerCasedIntoAscii],
    importWords,
  );
  // Token-less sinks are tried only when the text holds one of their substrings or a marker, in any case. A marker
  // in another case than its own matters only where lower-casing the text makes such a substring out of other
  // characters: only the Kelvin sign and a dotted capital I turn into ASCII letters.
  const substringsAndMarkers = [...new Set([...tokenlessSubstrings, ...markers])];
  const mayHoldLiteral = substringsAndMarkers.length === 0 ? /(?!)/ : new RegExp(substringsAndMarkers.map(escape).join('|'), 'i');
  const anySinkFires = (text: string, tokens: Set<string>, holds: (part: string) => boolean, mayHoldLiterals: boolean): boolean => {
    for (const token of tokens) if (sinksByToken.get(token)?.some((trigger) => fires(trigger, text, tokens, holds))) return true;
    return mayHoldLiterals && sinksWithoutTokens.some((trigger) => fires(trigger, text, tokens, holds));
  };
  const namesDecision = namedIn(decisions);
  const namesSensitive = namedIn(sensitive);
  // The store extractor looks only at calls whose own name is one of these, as written, and at SageMaker commands
  // and Feast keys anywhere in the text. Their tokens alone are no store write: `setState` holds `set`, and in a
  // CRM nearly every file holds both that and `segment`.
  const storeWriteNames = [...new Set([...catalogs.stores.writeMethodNames].map((name) => name.slice(name.lastIndexOf('.') + 1)))].sort();
  const storeWriteText = [...catalogs.stores.sagemaker.commands, ...catalogs.stores.feastBodyKeys].sort();
  const writesToStore = new RegExp([`(?<![\\w$])(?:${storeWriteNames.map(escape).join('|')})(?![\\w$])`, ...storeWriteText.map(escape)].join('|'));

  const classifyText = (text: string, { tokens, literals, exactLiterals }: TextMatches): TextVerdict['kind'] => {
    const lowerCasesIntoAscii = exactLiterals.size > 0 && lowerCasedIntoAscii.some((character) => exactLiterals.has(character));
    // Many sink triggers need the same substring (`analytics`): each is sought in the lower-cased text once.
    let lower: string | undefined;
    let held: Map<string, boolean> | undefined;
    const holds = (part: string): boolean => {
      if (substringsInPass.has(part) && !lowerCasesIntoAscii) return literals.has(part);
      held ??= new Map();
      let holdsPart = held.get(part);
      if (holdsPart === undefined) {
        holdsPart = (lower ??= text.toLowerCase()).includes(part);
        held.set(part, holdsPart);
      }
      return holdsPart;
    };
    const holdsMarker = exactLiterals.size > 0 && markers.some((marker) => exactLiterals.has(marker));
    const mayHoldLiterals =
      (literals.size > 0 && tokenlessSubstrings.some((part) => literals.has(part))) || holdsMarker || (lowerCasesIntoAscii && mayHoldLiteral.test(text));
    if (anySinkFires(text, tokens, holds, mayHoldLiterals)) return 'sink';
    if (holdsMarker) return 'local';
    if (userStores.some((trigger) => fires(trigger, text, tokens, holds))) return 'local';
    // A store write matters when what it keeps is profile data or a sensitive attribute; a branch or a
    // column list when it decides about or feeds a model with a sensitive attribute.
    const holdsDeviceStore = anyTermPresent(deviceStores, tokens);
    if (anyTermPresent(profileData, tokens) && (holdsDeviceStore || (anyTermPresent(storeWrites, tokens) && writesToStore.test(text)))) return 'local';
    if (holdsDeviceStore && namesSensitive(text, tokens)) return 'local';
    return namesDecision(text, tokens) && namesSensitive(text, tokens) ? 'local' : 'none';
  };
  const verdictOf = (source: { file: string; text: string; hash?: string }, memo: PrefilterMemo | undefined): TextVerdict => {
    const remembered = source.hash === undefined ? undefined : memo?.get(source.file, source.hash);
    if (remembered !== undefined) return remembered;
    const matches = search(source.text);
    const hasRelativeImport = source.text.includes('./');
    const verdict: TextVerdict = {
      kind: classifyText(source.text, matches),
      imports: !hasRelativeImport
        ? []
        : matches.wordStarts === undefined
          ? relativeImportSpecifiersIn(source.text)
          : relativeImportSpecifiersAt(source.text, matches.wordStarts),
      minified: looksMinified(source.text),
    };
    if (source.hash !== undefined) memo?.set(source.file, source.hash, verdict);
    return verdict;
  };
  // Code under a configured profiling path is parsed, with its callers, whatever its text says.
  const kindOf = (file: string, verdict: TextVerdict): TextVerdict['kind'] => (isProfilingPath(file) ? 'sink' : verdict.kind);
  return {
    judge(source, memo) {
      const verdict = verdictOf(source, memo);
      return { verdict, isSeed: kindOf(source.file, verdict) !== 'none' && !verdict.minified };
    },
    async selectFilesToParse(sources, memo, onSeed) {
      const verdicts = new Map<string, TextVerdict>();
      const selected = new Set<string>();
      const sinkFiles: string[] = [];
      let lastYield = performance.now();
      for (const source of sources) {
        if (performance.now() - lastYield > millisecondsPerYield) {
          await new Promise((resolve) => setImmediate(resolve));
          lastYield = performance.now();
        }
        const verdict = verdictOf(source, memo);
        verdicts.set(source.file, verdict);
        const kind = kindOf(source.file, verdict);
        if (kind === 'none') continue;
        selected.add(source.file);
        if (kind === 'sink') sinkFiles.push(source.file);
        if (!verdict.minified) onSeed?.(source);
      }
      if (selected.size === 0) return { toParse: selected, verdicts };
      const codeFiles = new Set(sources.map((source) => source.file));
      // Resolving every import of every file cost more than the rest of the selection: imports are filed by the
      // name they end in, and only those that can name a file are resolved.
      const importsByName = new Map<string, Array<{ file: string; specifier: string }>>();
      const importsOfFolders: Array<{ file: string; specifier: string }> = [];
      for (const source of sources) {
        for (const specifier of verdicts.get(source.file)!.imports) {
          const name = specifierName(specifier);
          const filed = name === undefined ? importsOfFolders : importsByName.get(name);
          if (filed === undefined) importsByName.set(name!, [{ file: source.file, specifier }]);
          else filed.push({ file: source.file, specifier });
        }
      }
      const importersOf = (target: string): string[] => {
        const [folder, file] = [target.split('/').at(-2), target.split('/').at(-1)!];
        const candidates = [...(importsByName.get(nameBeforeDot(file)) ?? []), ...importsOfFolders];
        if (nameBeforeDot(file) === 'index' && folder !== undefined) candidates.push(...(importsByName.get(nameBeforeDot(folder)) ?? []));
        return candidates.filter((candidate) => resolveRelativeImport(codeFiles, candidate.file, candidate.specifier) === target).map((candidate) => candidate.file);
      };
      const importsOf = (file: string): string[] =>
        verdicts.get(file)!.imports.flatMap((specifier) => resolveRelativeImport(codeFiles, file, specifier) ?? []);
      // The consent check that guards a sink may sit in a caller's caller: importers are followed all the way up.
      const callers = [...sinkFiles];
      for (let next = callers.pop(); next !== undefined; next = callers.pop()) {
        for (const importer of importersOf(next)) {
          if (!selected.has(importer)) {
            selected.add(importer);
            callers.push(importer);
          }
        }
      }
      // Feature builders sit in what a sink's file imports, at most behind one re-exporting index.
      let frontier = sinkFiles;
      for (let depth = 0; depth < 2; depth += 1) {
        frontier = frontier.flatMap(importsOf).filter((file) => !selected.has(file));
        for (const file of frontier) selected.add(file);
      }
      return { toParse: selected, verdicts };
    },
  };
}
