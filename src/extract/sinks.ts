import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Node, SyntaxKind, type CallExpression, type SourceFile } from 'ts-morph';
import { parse } from 'yaml';
import { packageRoot } from '../package-root.js';
import type { Span, VocabularyExtension } from '../types.js';
import { containsSequence, tokenize } from '../vocabulary.js';
import type { GuardState } from './consent.js';
import type { Catalogs } from '../catalogs.js';
import { getEnclosingFunctionId } from './module-graph.js';
import { spanOfNode } from './span.js';

export type SinkKind =
  | 'ml-inference'
  | 'ml-training'
  | 'llm'
  | 'scoring'
  | 'segmentation'
  | 'targeting'
  | 'ads'
  | 'analytics'
  | 'cdp'
  | 'feature-store'
  | 'user-defined';

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

/** One compiled entry of rules/catalog/sinks.yaml (or a user's sink). */
export interface SinkEntry {
  id: string;
  kind: SinkKind;
  purpose: string;
  thirdParty: boolean;
  vendor: string;
  calls: SegmentPattern[][];
  firstArg?: string[];
  firstArgNot?: string[];
  constructs: string[];
  names: string[][];
  hosts: HostPattern[];
}

/** The sink catalog (rules/catalog/sinks.yaml) with the user's own sinks added. */
export interface SinkCatalog {
  entries: SinkEntry[];
  /** Callee patterns of HTTP clients, for the `hosts` entries. */
  httpClients: SegmentPattern[][];
  /** Tokens that keep a function name from matching `names` entries (`shipping`, `tax`). */
  nameExclusions: Set<string>;
}

interface SinkCatalogFile {
  httpClients?: string[];
  nameExclusions?: string[];
  sinks: Array<{
    id: string;
    kind: SinkKind;
    purpose: string;
    vendor?: string;
    thirdParty?: boolean;
    calls?: string[];
    firstArg?: string[];
    firstArgNot?: string[];
    constructs?: string[];
    names?: string[];
    hosts?: string[];
  }>;
}

function compileSegment(segment: string): RegExp {
  const escaped = segment.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i');
}

/** A segment pattern, or `**` for any number of segments (a builder chain: `UserData().**.setGender`). */
type SegmentPattern = RegExp | 'any-segments';

/** `getUser().setGender` → one pattern per dot-separated segment (dots inside `()` never occur in patterns). */
function compileCallPattern(pattern: string): SegmentPattern[] {
  return pattern.split('.').map((segment) => (segment === '**' ? 'any-segments' : compileSegment(segment)));
}

/** Loads rules/catalog/sinks.yaml and adds the user's `vocabulary.sinks` as profiling sinks. */
export function loadSinkCatalog(extension: VocabularyExtension): SinkCatalog {
  const file = parse(readFileSync(path.join(packageRoot, 'rules', 'catalog', 'sinks.yaml'), 'utf8')) as SinkCatalogFile;
  const entries: SinkEntry[] = file.sinks.map((sink) => ({
    id: sink.id,
    kind: sink.kind,
    purpose: sink.purpose,
    thirdParty: sink.thirdParty ?? false,
    vendor: sink.vendor ?? sink.id,
    calls: (sink.calls ?? []).map(compileCallPattern),
    ...(sink.firstArg === undefined ? {} : { firstArg: sink.firstArg }),
    ...(sink.firstArgNot === undefined ? {} : { firstArgNot: sink.firstArgNot }),
    constructs: sink.constructs ?? [],
    names: (sink.names ?? []).map((name) => tokenize(name)),
    hosts: (sink.hosts ?? []).map(compileHostPattern),
  }));
  // The user's sinks come first: a name they declare wins over a catalog guess.
  const userEntries: SinkEntry[] = (extension.sinks ?? []).map((name) => ({
    id: `user:${name}`,
    kind: 'user-defined',
    purpose: 'profiling',
    thirdParty: false,
    vendor: name,
    calls: [compileCallPattern(name)],
    constructs: [],
    names: [],
    hosts: [],
  }));
  return {
    entries: [...userEntries, ...entries],
    httpClients: (file.httpClients ?? []).map(compileCallPattern),
    nameExclusions: new Set((file.nameExclusions ?? []).flatMap((word) => tokenize(word))),
  };
}

/**
 * The callee as segments: `window.analytics?.identify` → `window analytics identify`,
 * `braze.getUser().setGender` → `braze getUser() setGender`, `new Identify().set` → `Identify() set`.
 */
export function calleeSegments(expression: Node): string[] {
  if (Node.isIdentifier(expression) || Node.isPrivateIdentifier(expression)) return [expression.getText()];
  if (Node.isThisExpression(expression)) return ['this'];
  if (Node.isPropertyAccessExpression(expression)) {
    return [...calleeSegments(expression.getExpression()), expression.getName()];
  }
  if (Node.isElementAccessExpression(expression)) {
    const argument = expression.getArgumentExpression();
    const key = Node.isStringLiteral(argument) || Node.isNoSubstitutionTemplateLiteral(argument) ? argument.getLiteralValue() : '?';
    return [...calleeSegments(expression.getExpression()), key];
  }
  if (Node.isCallExpression(expression)) {
    const inner = calleeSegments(expression.getExpression());
    return [...inner.slice(0, -1), `${inner.at(-1) ?? '?'}()`];
  }
  if (Node.isNewExpression(expression)) {
    const inner = calleeSegments(expression.getExpression());
    return [`${inner.at(-1) ?? '?'}()`];
  }
  if (
    Node.isParenthesizedExpression(expression) ||
    Node.isNonNullExpression(expression) ||
    Node.isAsExpression(expression) ||
    Node.isAwaitExpression(expression)
  ) {
    return calleeSegments(expression.getExpression());
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

function constructedCommand(call: CallExpression): string | undefined {
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'send') return undefined;
  const command = call.getArguments()[0];
  if (!Node.isNewExpression(command)) return undefined;
  return calleeSegments(command.getExpression()).at(-1);
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
    const declaration = expression
      .getSourceFile()
      .getDescendantsOfKind(SyntaxKind.VariableDeclaration)
      .find((candidate) => candidate.getName() === name);
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

/** A known host, optionally only under a path glob: `graph.facebook.com/**\/events`. */
export interface HostPattern {
  host: string;
  path?: RegExp;
}

function compileHostPattern(text: string): HostPattern {
  const slash = text.indexOf('/');
  if (slash < 0) return { host: text.toLowerCase() };
  const glob = text
    .slice(slash + 1)
    .split('/')
    .map((segment) => (segment === '**' ? '.*' : segment.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')))
    .join('/');
  return { host: text.slice(0, slash).toLowerCase(), path: new RegExp(`^/${glob}/?$`, 'i') };
}

function matchesHost(url: UrlParts, known: HostPattern): boolean {
  const hostMatches = url.host === known.host || url.host.endsWith(`.${known.host}`);
  return hostMatches && (known.path === undefined || known.path.test(url.path));
}

interface SinkMatch {
  entry: SinkEntry;
  host?: string;
}

function matchSink(call: CallExpression, catalog: SinkCatalog): SinkMatch | undefined {
  const segments = calleeSegments(call.getExpression());
  const command = constructedCommand(call);
  let url: UrlParts | undefined;
  if (catalog.httpClients.some((pattern) => matchesCallPattern(segments, pattern))) {
    const text = staticUrlText(call.getArguments()[0]);
    url = text === undefined ? undefined : urlParts(text);
  }
  for (const entry of catalog.entries) {
    if (entry.calls.some((pattern) => matchesCallPattern(segments, pattern)) && passesFirstArgument(call, entry)) {
      return { entry };
    }
    if (command !== undefined && entry.constructs.includes(command)) return { entry };
    if (url !== undefined && entry.hosts.some((known) => matchesHost(url, known))) return { entry, host: url.host };
  }
  const ownName = segments.at(-1) ?? '';
  if (ownName.endsWith('()') || ownName === '?') return undefined;
  const nameTokens = tokenize(ownName);
  if (nameTokens.some((token) => catalog.nameExclusions.has(token))) return undefined;
  for (const entry of catalog.entries) {
    if (entry.names.some((name) => containsSequence(nameTokens, name))) return { entry };
  }
  return undefined;
}

/** Finds the calls in the file that the sink catalog (and the user's `vocabulary.sinks`) names. */
export function findSinkCalls(sourceFile: SourceFile, catalogs: Catalogs): SinkCallNode[] {
  const found: SinkCallNode[] = [];
  for (const call of sourceFile.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const match = matchSink(call, catalogs.sinks);
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
