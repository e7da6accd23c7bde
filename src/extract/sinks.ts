import { Node, SyntaxKind, type CallExpression, type SourceFile } from 'ts-morph';
import type { Span } from '../types.js';
import type { HostPattern, SegmentPattern, SinkCatalog, SinkEntry, SinkKind } from './sink-catalog.js';
import { containsSequence, tokenize } from '../vocabulary.js';
import type { GuardState } from './consent.js';
import type { Catalogs } from '../catalogs.js';
import { getEnclosingFunctionId } from './module-graph.js';
import { spanOfNode } from './span.js';
import { descendantsOfKind } from './wrap-node.js';

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
  for (const call of descendantsOfKind(sourceFile, SyntaxKind.CallExpression)) {
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
