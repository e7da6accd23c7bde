import type { CallExpression, SourceFile } from 'ts-morph';
import { Node, SyntaxKind, ts } from './ts-morph-bindings.js';
import type { Span } from '../types.js';
import type { HostPattern, SegmentPattern, SinkCatalog, SinkEntry, SinkKind } from './sink-catalog.js';
import { containsSequence } from '../vocabulary.js';
import { tokenizeCached } from './name-cache.js';
import type { GuardState } from './consent.js';
import type { Catalogs } from '../catalogs.js';
import { getEnclosingFunctionId } from './module-graph.js';
import { spanOfNode } from './span.js';
import { compilerCallsOf, compilerNodeText, descendantsOfKind, wrapNode } from './wrap-node.js';

export type { HostPattern, SinkCatalog, SinkEntry, SinkKind } from './sink-catalog.js';

/** A call that turns data about a person into a profile, a decision or a third-party payload. */
export interface SinkCall {
  /** Unique in the file, e.g. `sink-3`. */
  id: string;
  kind: SinkKind;
  /** Catalog entry that matched, e.g. `segment.identify`. */
  catalogId: string;
  calleeText: string;
  span: Span;
  enclosingFunctionId?: string;
  /** Sends data to a third party (ads, analytics, CDP SDK, or a known host). */
  thirdParty: boolean;
  /** The consent purpose this sink needs (`ads`, `personalisation`, `analytics`, `profiling`). */
  purpose: string;
  guard: GuardState;
  /** Who receives the data, for messages: `Segment`, `Meta Pixel`, `a machine-learning model`. */
  vendor?: string;
  /** For outbound HTTP sinks, the host called. */
  host?: string;
  /**
   * Functions defined in other files whose results flow into this sink's arguments, as called here
   * (`toFeatureRow`, `features.build`): the link stage follows them through imports to their returns.
   */
  inputFunctions?: string[];
}

/** A sink call with its node, for extractors that follow data into it during the same parse. */
export interface SinkCallNode {
  node: CallExpression;
  fact: SinkCall;
}

/**
 * The callee as segments: `window.analytics?.identify` → `window analytics identify`,
 * `braze.getUser().setGender` → `braze getUser() setGender`, `new Identify().set` → `Identify() set`. Read from the
 * compiler's nodes: most calls of a file name no sink, and are passed over without wrapping them.
 */
export function compilerCalleeSegments(compilerFile: ts.SourceFile, expression: ts.Node): string[] {
  if (ts.isIdentifier(expression) || ts.isPrivateIdentifier(expression)) return [compilerNodeText(compilerFile, expression)];
  if (expression.kind === SyntaxKind.ThisKeyword) return ['this'];
  if (ts.isPropertyAccessExpression(expression)) {
    return [...compilerCalleeSegments(compilerFile, expression.expression), compilerNodeText(compilerFile, expression.name)];
  }
  if (ts.isElementAccessExpression(expression)) {
    const argument = expression.argumentExpression;
    const key = ts.isStringLiteral(argument) || ts.isNoSubstitutionTemplateLiteral(argument) ? argument.text : '?';
    return [...compilerCalleeSegments(compilerFile, expression.expression), key];
  }
  if (ts.isCallExpression(expression)) {
    const inner = compilerCalleeSegments(compilerFile, expression.expression);
    return [...inner.slice(0, -1), `${inner.at(-1) ?? '?'}()`];
  }
  if (ts.isNewExpression(expression)) {
    const inner = compilerCalleeSegments(compilerFile, expression.expression);
    return [`${inner.at(-1) ?? '?'}()`];
  }
  if (
    ts.isParenthesizedExpression(expression) ||
    ts.isNonNullExpression(expression) ||
    ts.isAsExpression(expression) ||
    ts.isAwaitExpression(expression)
  ) {
    return compilerCalleeSegments(compilerFile, expression.expression);
  }
  return ['?'];
}

function matchesFromEnd(segments: string[], segmentEnd: number, pattern: SegmentPattern[], patternEnd: number): boolean {
  if (patternEnd < 0) return true;
  const part = pattern[patternEnd] as SegmentPattern;
  if (part === 'any-segments') {
    for (let end = segmentEnd; end >= -1; end--) {
      if (matchesFromEnd(segments, end, pattern, patternEnd - 1)) return true;
    }
    return false;
  }
  return segmentEnd >= 0 && part.test(segments[segmentEnd] ?? '') && matchesFromEnd(segments, segmentEnd - 1, pattern, patternEnd - 1);
}

/** Whether a callee pattern matches the end of the callee (a one-segment pattern matches the last name). */
export function matchesCallPattern(segments: string[], pattern: SegmentPattern[]): boolean {
  return matchesFromEnd(segments, segments.length - 1, pattern, pattern.length - 1);
}

function firstArgumentText(call: CallExpression): string | undefined {
  const first = call.getArguments()[0];
  if (Node.isStringLiteral(first) || Node.isNoSubstitutionTemplateLiteral(first)) return first.getLiteralValue();
  if (Node.isArrayLiteralExpression(first)) {
    const head = first.getElements()[0];
    if (Node.isStringLiteral(head)) return head.getLiteralValue();
  }
  return undefined;
}

function passesFirstArgument(call: CallExpression, entry: SinkEntry): boolean {
  const first = firstArgumentText(call);
  if (entry.firstArg !== undefined && (first === undefined || !entry.firstArg.includes(first))) return false;
  if (entry.firstArgNot !== undefined && first !== undefined && entry.firstArgNot.includes(first)) return false;
  return true;
}

/** `client.send(new PutEventsCommand(…))` → `PutEventsCommand()`. */
function constructedCommand(compilerFile: ts.SourceFile, call: ts.CallExpression): string | undefined {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || compilerNodeText(compilerFile, callee.name) !== 'send') return undefined;
  const command = call.arguments[0];
  if (command === undefined || !ts.isNewExpression(command)) return undefined;
  return compilerCalleeSegments(compilerFile, command.expression).at(-1);
}

// Stands for a part of a URL that is only known at run time (`${pixelId}`); never `/`, so it fills one path segment.
const dynamicPart = '\u0001';

/** The text of a URL expression, with run-time parts as placeholders: literals, templates, `+`, `new URL`, same-file constants. */
function staticUrlText(expression: Node | undefined, depth = 0): string | undefined {
  if (expression === undefined || depth > 4) return undefined;
  if (Node.isStringLiteral(expression) || Node.isNoSubstitutionTemplateLiteral(expression)) return expression.getLiteralValue();
  if (Node.isTemplateExpression(expression)) {
    let text = expression.getHead().getLiteralText();
    for (const span of expression.getTemplateSpans()) {
      text += (staticUrlText(span.getExpression(), depth + 1) ?? dynamicPart) + span.getLiteral().getLiteralText();
    }
    return text;
  }
  if (Node.isBinaryExpression(expression) && expression.getOperatorToken().getKind() === SyntaxKind.PlusToken) {
    const left = staticUrlText(expression.getLeft(), depth + 1);
    return left === undefined ? undefined : left + (staticUrlText(expression.getRight(), depth + 1) ?? dynamicPart);
  }
  if (Node.isNewExpression(expression) && expression.getExpression().getText() === 'URL') {
    const [relative, base] = expression.getArguments();
    const relativeText = staticUrlText(relative, depth + 1);
    const baseText = staticUrlText(base, depth + 1);
    if (baseText === undefined || relativeText === undefined) return relativeText ?? baseText;
    return relativeText.startsWith('/') ? `${/^[a-z]+:\/\/[^/]+/i.exec(baseText)?.[0] ?? baseText}${relativeText}` : relativeText;
  }
  if (Node.isObjectLiteralExpression(expression)) {
    const url = expression.getProperty('url');
    return Node.isPropertyAssignment(url) ? staticUrlText(url.getInitializer(), depth + 1) : undefined;
  }
  if (Node.isIdentifier(expression)) {
    const name = expression.getText();
    const declaration = descendantsOfKind(expression.getSourceFile(), SyntaxKind.VariableDeclaration).find((candidate) => candidate.getName() === name);
    return staticUrlText(declaration?.getInitializer(), depth + 1);
  }
  return undefined;
}

interface UrlParts {
  host: string;
  path: string;
}

function urlParts(url: string): UrlParts | undefined {
  const match = /^(?:https?:)?\/\/([^/:?#]+)(?::\d+)?([^?#]*)/i.exec(url.trim());
  if (match === null) return undefined;
  return { host: (match[1] as string).toLowerCase(), path: match[2] || '/' };
}

function matchesHost(url: UrlParts, known: HostPattern): boolean {
  const hostMatches = url.host === known.host || url.host.endsWith(`.${known.host}`);
  return hostMatches && (known.path === undefined || known.path.test(url.path));
}

interface SinkMatch {
  entry: SinkEntry;
  host?: string;
}

/** What a callee's last segment alone decides about the catalog: the patterns that cannot match it, and its name's entry. */
interface LastSegmentVerdict {
  /** Whether some HTTP client pattern ends in a part that matches the segment. */
  httpClientMayMatch: boolean;
  /** Per catalog entry: whether one of its `calls` patterns ends in a part that matches the segment. */
  callsMayMatch: boolean[];
  /** The entry whose `names` the segment matches, as the name test at the end of `matchSink` decides it. */
  byName: SinkEntry | undefined;
  /** Whether a call with this last segment can be a sink at all, unless it sends a constructed command. */
  mayMatch: boolean;
}

interface CatalogVerdicts {
  byLastSegment: Map<string, LastSegmentVerdict>;
  /** Every `constructs` name of the catalog. */
  commands: Set<string>;
}

// A file calls the same few names over and over; each pattern's last part is tested once per name and catalog.
const verdictsByCatalog = new WeakMap<SinkCatalog, CatalogVerdicts>();

/** Whether a pattern's last part matches a last segment; a trailing `**` may match anything. */
function lastPartMatches(pattern: SegmentPattern[], segment: string): boolean {
  const last = pattern.at(-1);
  return last === undefined || last === 'any-segments' || last.test(segment);
}

function catalogVerdicts(catalog: SinkCatalog): CatalogVerdicts {
  let verdicts = verdictsByCatalog.get(catalog);
  if (verdicts === undefined) {
    verdicts = { byLastSegment: new Map(), commands: new Set(catalog.entries.flatMap((entry) => entry.constructs)) };
    verdictsByCatalog.set(catalog, verdicts);
  }
  return verdicts;
}

function lastSegmentVerdict(catalog: SinkCatalog, ownName: string): LastSegmentVerdict {
  const { byLastSegment } = catalogVerdicts(catalog);
  let verdict = byLastSegment.get(ownName);
  if (verdict === undefined) {
    if (byLastSegment.size > 50_000) byLastSegment.clear();
    const httpClientMayMatch = catalog.httpClients.some((pattern) => lastPartMatches(pattern, ownName));
    const callsMayMatch = catalog.entries.map((entry) => entry.calls.some((pattern) => lastPartMatches(pattern, ownName)));
    const byName = sinkNamed(catalog, ownName);
    verdict = { httpClientMayMatch, callsMayMatch, byName, mayMatch: httpClientMayMatch || callsMayMatch.includes(true) || byName !== undefined };
    byLastSegment.set(ownName, verdict);
  }
  return verdict;
}

function sinkNamed(catalog: SinkCatalog, ownName: string): SinkEntry | undefined {
  if (ownName.endsWith('()') || ownName === '?') return undefined;
  const nameTokens = tokenizeCached(ownName);
  if (nameTokens.some((token) => catalog.nameExclusions.has(token))) return undefined;
  return catalog.entries.find((entry) => entry.names.some((name) => containsSequence(nameTokens, name)));
}

/** What a call's callee says before its arguments are read. */
interface CalleeMatches {
  command: string | undefined;
  /** Whether it calls an HTTP client, whose URL may name a known host. */
  httpClient: boolean;
  /** Per catalog entry: whether one of its `calls` patterns matches the callee. */
  calls: boolean[] | undefined;
  byName: SinkEntry | undefined;
}

/** What the callee alone says; undefined when the call can be no sink whatever its arguments. */
function calleeMatches(segments: string[], command: string | undefined, catalog: SinkCatalog): CalleeMatches | undefined {
  const verdict = lastSegmentVerdict(catalog, segments.at(-1) ?? '');
  const sendsCommand = command !== undefined && catalogVerdicts(catalog).commands.has(command);
  if (!verdict.mayMatch && !sendsCommand) return undefined;
  const httpClient = verdict.httpClientMayMatch && catalog.httpClients.some((pattern) => matchesCallPattern(segments, pattern));
  const calls = verdict.callsMayMatch.includes(true)
    ? catalog.entries.map((entry, index) => verdict.callsMayMatch[index] === true && entry.calls.some((pattern) => matchesCallPattern(segments, pattern)))
    : undefined;
  if (!httpClient && !sendsCommand && calls?.includes(true) !== true && verdict.byName === undefined) return undefined;
  return { command, httpClient, calls, byName: verdict.byName };
}

function matchSink(call: CallExpression, { command, httpClient, calls, byName }: CalleeMatches, catalog: SinkCatalog): SinkMatch | undefined {
  let url: UrlParts | undefined;
  if (httpClient) {
    const text = staticUrlText(call.getArguments()[0]);
    url = text === undefined ? undefined : urlParts(text);
  }
  for (const [index, entry] of catalog.entries.entries()) {
    if (calls?.[index] === true && passesFirstArgument(call, entry)) return { entry };
    if (command !== undefined && entry.constructs.includes(command)) return { entry };
    if (url !== undefined && entry.hosts.some((known) => matchesHost(url, known))) return { entry, host: url.host };
  }
  return byName === undefined ? undefined : { entry: byName };
}

/** Finds the calls in the file that the sink catalog (and the user's `vocabulary.sinks`) names. */
export function findSinkCalls(sourceFile: SourceFile, catalogs: Catalogs): SinkCallNode[] {
  const found: SinkCallNode[] = [];
  const compilerFile = sourceFile.compilerNode;
  for (const compilerCall of compilerCallsOf(sourceFile)) {
    const segments = compilerCalleeSegments(compilerFile, compilerCall.expression);
    const matches = calleeMatches(segments, constructedCommand(compilerFile, compilerCall), catalogs.sinks);
    // A call whose callee no pattern, name or command matches is no sink: it is passed over unwrapped.
    if (matches === undefined) continue;
    const call = wrapNode<CallExpression>(sourceFile, compilerCall);
    const match = matchSink(call, matches, catalogs.sinks);
    if (match === undefined) continue;
    const { entry, host } = match;
    const fact: SinkCall = {
      id: `sink-${found.length + 1}`,
      kind: entry.kind,
      catalogId: entry.id,
      calleeText: call.getExpression().getText(),
      span: spanOfNode(call),
      thirdParty: entry.thirdParty,
      purpose: entry.purpose,
      guard: { status: 'unguarded', purposes: [] },
      vendor: entry.vendor,
    };
    if (host !== undefined) fact.host = host;
    const enclosingFunctionId = getEnclosingFunctionId(call);
    if (enclosingFunctionId !== undefined) fact.enclosingFunctionId = enclosingFunctionId;
    found.push({ node: call, fact });
  }
  return found;
}
