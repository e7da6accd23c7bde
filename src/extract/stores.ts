import type { BinaryExpression, CallExpression, NewExpression, ObjectLiteralExpression, SourceFile } from 'ts-morph';
import { Node, SyntaxKind, ts } from './ts-morph-bindings.js';
import type { Span } from '../types.js';
import type { CookieApi, ExpiryUnit, StoreCatalog } from './store-catalog.js';
import type { Catalogs } from '../catalogs.js';
import { matchNameCached, tokenizeCached } from './name-cache.js';
import { getEnclosingFunction, getEnclosingFunctionId } from './module-graph.js';
import { spanOfNode } from './span.js';
import {
  constantString,
  evaluateDurationSeconds,
  evaluateExpiryDateSeconds,
  findConstInitializer,
  type DurationUnit,
} from './constant-duration.js';
import { compilerCallsOf, compilerNodeText, descendantsOfKind, wrapNode } from './wrap-node.js';

export type { StoreCatalog } from './store-catalog.js';

/** Where data is kept. */
export type StoreKind =
  | 'redis'
  | 'local-storage'
  | 'session-storage'
  | 'cookie'
  | 'mongodb'
  | 'orm'
  | 'feature-store'
  | 'user-defined';

/** What bounds how long a write is kept, when the write says so itself. */
export interface StoreExpiry {
  /** The option, argument or call that bounds it, as written (`EX: 3600`, `maxAge: ms('30d')`). */
  text: string;
  span: Span;
  /** How long, when the duration is a constant profilint can evaluate; absent otherwise (never guessed). */
  days?: number;
  /** Bounded by the browser session (sessionStorage), not by a duration. */
  session?: boolean;
}

/** What a write keeps, as far as its key, value, collection or model name say. */
export interface StoredContent {
  /** The name that says what is stored (`churnScore`; `profile:…` for a key built from a template); empty when nothing names it. */
  subject: string;
  /** The profile-data term that matched (`score`, `segment`), when the write keeps a profile. */
  profileTerm?: string;
  /** A sensitive attribute the write keeps (checked for browser storage and cookies). */
  sensitive?: { category: string; label: string; term: string };
}

/** A write to a store that keeps data (Redis, browser storage, cookies, databases, feature stores). */
export interface StoreWrite {
  store: StoreKind;
  /** The catalog entry that matched: `redis.set`, `cookie.express`, `orm.prisma`, `feature-store.feast`… */
  catalogId: string;
  /** The callee or assignment target as written, for messages. */
  calleeText: string;
  span: Span;
  enclosingFunctionId?: string;
  content: StoredContent;
  expiry?: StoreExpiry;
  /** MongoDB collection written to; its TTL index may be in another file. */
  collection?: string;
  /** ORM model or table written to. */
  model?: string;
}

/** A MongoDB TTL index (`createIndex(…, { expireAfterSeconds })`): it bounds every write to its collection. */
export interface TtlIndex {
  collection: string;
  span: Span;
  days?: number;
}

function containsSequence(tokens: string[], sequence: string[]): boolean {
  if (sequence.length === 0 || sequence.length > tokens.length) return false;
  for (let start = 0; start + sequence.length <= tokens.length; start += 1) {
    if (sequence.every((token, offset) => tokens[start + offset] === token)) return true;
  }
  return false;
}

/** The catalog term a name matches as profile data, unless a false friend explains it away. */
function matchProfileTerm(catalog: StoreCatalog, name: string, includeCacheTerms: boolean): string | undefined {
  const tokens = tokenizeCached(name);
  if (catalog.falseFriends.some((friend) => containsSequence(tokens, friend))) return undefined;
  const terms = includeCacheTerms ? [...catalog.profileTerms, ...catalog.cacheTerms] : catalog.profileTerms;
  return terms.find((term) => containsSequence(tokens, term))?.join(' ');
}

/** Names in an expression that may say what it holds: identifiers, member names, keys and string pieces. */
function namesIn(node: Node): string[] {
  const names: string[] = [];
  const visit = (current: Node): void => {
    if (Node.isIdentifier(current) || Node.isPrivateIdentifier(current)) names.push(current.getText());
    else if (Node.isStringLiteral(current) || Node.isNoSubstitutionTemplateLiteral(current)) names.push(current.getLiteralValue());
    else if (Node.isTemplateHead(current)) names.push(`${current.getLiteralText()}…`);
    else if (Node.isTemplateMiddle(current) || Node.isTemplateTail(current)) names.push(current.getLiteralText());
    // A function passed along (a callback) says nothing about the value kept.
    if (Node.isArrowFunction(current) || Node.isFunctionExpression(current)) return;
    current.forEachChild(visit);
  };
  visit(node);
  return names.filter((name) => name !== '');
}

function classifyContent(
  nodes: Node[],
  catalogs: Catalogs,
  options: { includeCacheTerms: boolean; checkSensitive: boolean },
): StoredContent {
  const names = nodes.flatMap(namesIn);
  for (const name of names) {
    const profileTerm = matchProfileTerm(catalogs.stores, name, options.includeCacheTerms);
    if (profileTerm !== undefined) return { subject: name, profileTerm };
  }
  if (options.checkSensitive) {
    for (const name of names) {
      const match = matchNameCached(catalogs.vocabulary, name);
      if (match?.kind === 'sensitive') {
        return { subject: name, sensitive: { category: match.category, label: match.label, term: match.term } };
      }
    }
  }
  return { subject: names[0] ?? '' };
}

/** Callee text without whitespace, `await`, optional chaining or wrapping parentheses. */
function normalizeText(text: string): string {
  let normalized = text.replace(/\?\./g, '.').replace(/\bawait\s+/g, '').replace(/\s+/g, '').replace(/!/g, '');
  while (/^\((.*)\)$/.test(normalized) && balanced(normalized.slice(1, -1))) normalized = normalized.slice(1, -1);
  return normalized.replace(/\((\w+\(\))\)/g, '$1');
}

function balanced(text: string): boolean {
  let depth = 0;
  for (const char of text) {
    if (char === '(') depth += 1;
    else if (char === ')') depth -= 1;
    if (depth < 0) return false;
  }
  return depth === 0;
}

function endsWithSegment(text: string, suffix: string): boolean {
  return text === suffix || text.endsWith(`.${suffix}`);
}

/** The leftmost identifier of a member chain: `redis` in `this.redis.multi().set`. */
function rootIdentifier(node: Node): string | undefined {
  let current: Node = node;
  for (;;) {
    if (Node.isIdentifier(current)) return current.getText();
    if (
      Node.isPropertyAccessExpression(current) ||
      Node.isElementAccessExpression(current) ||
      Node.isCallExpression(current) ||
      Node.isParenthesizedExpression(current) ||
      Node.isAwaitExpression(current) ||
      Node.isNonNullExpression(current) ||
      Node.isAsExpression(current)
    ) {
      current = current.getExpression();
      continue;
    }
    return undefined;
  }
}

function readImportSpecifiers(sourceFile: SourceFile): Map<string, string> {
  const byLocal = new Map<string, string>();
  for (const declaration of sourceFile.getImportDeclarations()) {
    // A half-typed import (`import { a } om './a'`) parses with an identifier where the module name goes.
    const specifierNode = declaration.getNodeProperty('moduleSpecifier');
    if (!Node.isStringLiteral(specifierNode)) continue;
    const specifier = specifierNode.getLiteralValue();
    const defaultImport = declaration.getDefaultImport();
    if (defaultImport) byLocal.set(defaultImport.getText(), specifier);
    const namespace = declaration.getNamespaceImport();
    if (namespace) byLocal.set(namespace.getText(), specifier);
    for (const named of declaration.getNamedImports()) {
      byLocal.set(named.getAliasNode()?.getText() ?? named.getName(), specifier);
    }
  }
  if (!sourceFile.getFullText().includes('require(')) return byLocal;
  for (const call of descendantsOfKind(sourceFile, SyntaxKind.CallExpression)) {
    const [argument] = call.getArguments();
    const holder = call.getParent();
    if (call.getExpression().getText() !== 'require' || !Node.isStringLiteral(argument) || !Node.isVariableDeclaration(holder)) continue;
    const nameNode = holder.getNameNode();
    if (Node.isIdentifier(nameNode)) byLocal.set(nameNode.getText(), argument.getLiteralValue());
    else if (Node.isObjectBindingPattern(nameNode)) {
      for (const element of nameNode.getElements()) byLocal.set(element.getName(), argument.getLiteralValue());
    }
  }
  return byLocal;
}

/** Per-file state shared by the detectors. */
interface FileScan {
  sourceFile: SourceFile;
  catalogs: Catalogs;
  catalog: StoreCatalog;
  imports: Map<string, string>;
  /** Names (variables, properties) initialised with a Redis client constructor in this file. */
  redisClientNames: Set<string>;
  /** Whether the text names a Feast body key at all: most files do not, and then no call is searched. */
  mentionsFeastKeys: boolean;
  writes: StoreWrite[];
  ttlIndexes: TtlIndex[];
}

function findRedisClientNames(sourceFile: SourceFile, catalog: StoreCatalog): Set<string> {
  const names = new Set<string>();
  const text = sourceFile.getFullText();
  if (![...catalog.redis.constructors].some((constructor) => text.includes(constructor))) return names;
  const isConstructor = (node: Node | undefined): boolean => {
    let current = node;
    while (current !== undefined && (Node.isAwaitExpression(current) || Node.isAsExpression(current) || Node.isParenthesizedExpression(current))) {
      current = current.getExpression();
    }
    if (!Node.isCallExpression(current) && !Node.isNewExpression(current)) return false;
    return catalog.redis.constructors.has(normalizeText(current.getExpression().getText()));
  };
  const holders = [
    ...descendantsOfKind(sourceFile, SyntaxKind.VariableDeclaration),
    ...descendantsOfKind(sourceFile, SyntaxKind.PropertyDeclaration),
  ];
  for (const holder of holders) if (isConstructor(holder.getInitializer())) names.add(holder.getName());
  for (const assignment of descendantsOfKind(sourceFile, SyntaxKind.BinaryExpression)) {
    if (assignment.getOperatorToken().getKind() !== SyntaxKind.EqualsToken || !isConstructor(assignment.getRight())) continue;
    const left = assignment.getLeft();
    names.add(Node.isPropertyAccessExpression(left) ? left.getName() : left.getText());
  }
  return names;
}

function isRedisReceiver(scan: FileScan, receiver: Node, depth = 0): boolean {
  if (depth > 4) return false;
  const text = normalizeText(receiver.getText()).replace(/\([^()]*\)/g, '');
  if (tokenizeCached(text).some((token) => scan.catalog.redis.clientTokens.has(token))) return true;
  const root = rootIdentifier(receiver);
  if (root !== undefined) {
    const specifier = scan.imports.get(root);
    if (specifier !== undefined && scan.catalog.redis.packages.has(specifier)) return true;
  }
  const lastName = Node.isPropertyAccessExpression(receiver) ? receiver.getName() : Node.isIdentifier(receiver) ? receiver.getText() : undefined;
  if (lastName !== undefined && scan.redisClientNames.has(lastName)) return true;
  // `const batch = redis.multi(); batch.set(…)`, or a pipeline created from a client.
  if (Node.isIdentifier(receiver)) {
    const initializer = findConstInitializer(scan.sourceFile, receiver.getText());
    if (initializer !== undefined && (Node.isCallExpression(initializer) || Node.isAwaitExpression(initializer))) {
      return isRedisReceiver(scan, initializer, depth + 1);
    }
  }
  if (Node.isCallExpression(receiver) || Node.isAwaitExpression(receiver)) {
    const inner = receiver.getExpression();
    if (Node.isPropertyAccessExpression(inner)) return isRedisReceiver(scan, inner.getExpression(), depth + 1);
  }
  return false;
}

function expiryOf(node: Node, seconds: number | undefined, extra: Partial<StoreExpiry> = {}): StoreExpiry {
  const expiry: StoreExpiry = { text: node.getText().replace(/\s+/g, ' '), span: spanOfNode(node), ...extra };
  if (seconds !== undefined && Number.isFinite(seconds)) expiry.days = seconds / 86_400;
  return expiry;
}

function secondsIn(node: Node, unit: ExpiryUnit): number | undefined {
  if (unit === 'absolute' || unit === 'unknown') return undefined;
  return evaluateDurationSeconds(node, unit);
}

/** The object literal an argument is, directly or through a `const` in the same file. */
function objectLiteralOf(node: Node | undefined): ObjectLiteralExpression | undefined {
  let current = node;
  if (current !== undefined && Node.isIdentifier(current)) current = findConstInitializer(current.getSourceFile(), current.getText());
  while (current !== undefined && (Node.isAsExpression(current) || Node.isSatisfiesExpression(current) || Node.isParenthesizedExpression(current))) {
    current = current.getExpression();
  }
  return current !== undefined && Node.isObjectLiteralExpression(current) ? current : undefined;
}

function propertyValue(object: ObjectLiteralExpression, name: (key: string) => boolean): { property: Node; value: Node } | undefined {
  for (const property of object.getProperties()) {
    if (Node.isPropertyAssignment(property)) {
      const key = property.getNameNode();
      const keyText = Node.isStringLiteral(key) ? key.getLiteralValue() : key.getText();
      const initializer = property.getInitializer();
      if (name(keyText) && initializer !== undefined) return { property, value: initializer };
    } else if (Node.isShorthandPropertyAssignment(property) && name(property.getName())) {
      return { property, value: property.getNameNode() };
    }
  }
  return undefined;
}

function redisOptionExpiry(scan: FileScan, args: Node[]): StoreExpiry | undefined {
  const options = scan.catalog.redis.expiryOptions;
  for (let index = 0; index < args.length; index += 1) {
    const argument = args[index]!;
    const flag = constantString(argument)?.toLowerCase();
    if (flag !== undefined && options.has(flag)) {
      const unit = options.get(flag)!;
      const amount = args[index + 1];
      const seconds = amount === undefined ? undefined : secondsIn(amount, unit);
      const end = amount !== undefined && unit !== 'absolute' ? amount : argument;
      const text = end === argument ? argument.getText() : `${argument.getText()}, ${end.getText()}`;
      return { ...expiryOf(argument, seconds), text, span: { ...spanOfNode(argument), endLine: spanOfNode(end).endLine, endColumn: spanOfNode(end).endColumn } };
    }
    const object = objectLiteralOf(argument);
    if (object === undefined) continue;
    const direct = propertyValue(object, (key) => options.has(key.toLowerCase()));
    if (direct !== undefined) {
      const key = direct.property.getChildAtIndex(0).getText().replace(/['"]/g, '').toLowerCase();
      return expiryOf(direct.property, secondsIn(direct.value, options.get(key) ?? 'unknown'));
    }
    // node-redis 5: `{ expiration: { type: 'EX', value: 60 } }`.
    const expiration = propertyValue(object, (key) => key === 'expiration');
    const nested = expiration === undefined ? undefined : objectLiteralOf(expiration.value);
    if (expiration !== undefined) {
      const type = nested === undefined ? undefined : propertyValue(nested, (key) => key === 'type');
      const value = nested === undefined ? undefined : propertyValue(nested, (key) => key === 'value');
      const unit = type === undefined ? undefined : options.get(constantString(type.value)?.toLowerCase() ?? '');
      const seconds = unit === undefined || value === undefined ? undefined : secondsIn(value.value, unit);
      return expiryOf(expiration.property, seconds);
    }
  }
  return undefined;
}

/** An `expire(key, n)` on the same key later in the same function (or module), chained or not. */
function followUpExpiry(scan: FileScan, write: CallExpression, key: Node | undefined): StoreExpiry | undefined {
  if (key === undefined) return undefined;
  const keyText = normalizeText(key.getText());
  const scope: Node = getEnclosingFunction(write) ?? write.getSourceFile();
  for (const call of descendantsOfKind(scope, SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    if (!Node.isPropertyAccessExpression(callee)) continue;
    const unit = scan.catalog.redis.expiryCalls.get(callee.getName());
    const [target, amount] = call.getArguments();
    if (unit === undefined || target === undefined || normalizeText(target.getText()) !== keyText) continue;
    return expiryOf(call, amount === undefined ? undefined : secondsIn(amount, unit));
  }
  return undefined;
}

function pushWrite(scan: FileScan, node: Node, write: Omit<StoreWrite, 'span' | 'enclosingFunctionId'>): void {
  const fact: StoreWrite = { ...write, span: spanOfNode(node) };
  const enclosingFunctionId = getEnclosingFunctionId(node);
  if (enclosingFunctionId !== undefined) fact.enclosingFunctionId = enclosingFunctionId;
  scan.writes.push(fact);
}

function detectRedis(scan: FileScan, call: CallExpression, method: string, receiver: Node): boolean {
  const { redis } = scan.catalog;
  const bounded = redis.boundedWrites.get(method);
  if (!redis.writes.has(method) && bounded === undefined) return false;
  const args = call.getArguments();
  if (args.length < 2 || !isRedisReceiver(scan, receiver)) return false;
  const calleeText = normalizeText(call.getExpression().getText());
  const isJson = endsWithSegment(normalizeText(receiver.getText()), 'json');
  const catalogId = `redis.${isJson ? 'json.' : ''}${method.toLowerCase()}`;
  let expiry: StoreExpiry | undefined;
  let contentArgs = args;
  if (bounded !== undefined) {
    const amount = args[bounded.argument];
    if (amount !== undefined) expiry = expiryOf(amount, evaluateDurationSeconds(amount, bounded.unit));
    contentArgs = args.filter((_, index) => index !== bounded.argument);
  } else {
    const valueEnd = isJson ? 3 : 2;
    if (method.toLowerCase() === 'set' || method.toLowerCase() === 'setnx') {
      expiry = redisOptionExpiry(scan, args.slice(valueEnd));
      contentArgs = args.slice(0, valueEnd);
    }
    expiry ??= followUpExpiry(scan, call, args[0]);
  }
  const content = classifyContent(contentArgs, scan.catalogs, { includeCacheTerms: true, checkSensitive: false });
  const write: Omit<StoreWrite, 'span' | 'enclosingFunctionId'> = { store: 'redis', catalogId, calleeText, content };
  if (expiry !== undefined) write.expiry = expiry;
  pushWrite(scan, call, write);
  return true;
}

function browserStorageKind(scan: FileScan, target: Node): 'local-storage' | 'session-storage' | undefined {
  const text = normalizeText(target.getText());
  if (scan.catalog.localStorage.has(text)) return 'local-storage';
  if (scan.catalog.sessionStorage.has(text)) return 'session-storage';
  return undefined;
}

function pushBrowserWrite(scan: FileScan, node: Node, kind: 'local-storage' | 'session-storage', calleeText: string, contentNodes: Node[]): void {
  const content = classifyContent(contentNodes, scan.catalogs, { includeCacheTerms: true, checkSensitive: true });
  const write: Omit<StoreWrite, 'span' | 'enclosingFunctionId'> = { store: kind, catalogId: kind, calleeText, content };
  if (kind === 'session-storage') write.expiry = { ...expiryOf(node, undefined), session: true };
  pushWrite(scan, node, write);
}

/** The package a name comes from: imported itself, or a `const` made with `new` of an imported class. */
function packageOf(scan: FileScan, name: string): string | undefined {
  const imported = scan.imports.get(name);
  if (imported !== undefined) return imported;
  const initializer = findConstInitializer(scan.sourceFile, name);
  if (initializer === undefined || !Node.isNewExpression(initializer)) return undefined;
  const created = initializer.getExpression();
  return Node.isIdentifier(created) ? scan.imports.get(created.getText()) : undefined;
}

function cookieApiFor(scan: FileScan, call: CallExpression, method: string, receiver: Node | undefined): CookieApi | undefined {
  const receiverText = receiver === undefined ? undefined : normalizeText(receiver.getText());
  const root = rootIdentifier(call.getExpression());
  const importedFrom = root === undefined ? undefined : packageOf(scan, root);
  return scan.catalog.cookieApis.find((api) => {
    if (api.method !== method) return false;
    if (api.receiver !== undefined && (receiverText === undefined || !api.receiver.some((suffix) => endsWithSegment(receiverText, suffix)))) {
      return false;
    }
    if (api.importedFrom !== undefined && (importedFrom === undefined || !api.importedFrom.includes(importedFrom))) return false;
    return call.getArguments().length > Math.max(api.arguments.name, api.arguments.value);
  });
}

function cookieOptionExpiry(api: CookieApi, optionsNode: Node | undefined): StoreExpiry | undefined {
  if (optionsNode === undefined) return undefined;
  const options = objectLiteralOf(optionsNode);
  // Options profilint cannot read may well set an expiry: treat them as bounded rather than guess.
  if (options === undefined) return expiryOf(optionsNode, undefined);
  const maxAge = propertyValue(options, (key) => key === 'maxAge' || key === 'max-age');
  if (maxAge !== undefined) {
    return expiryOf(maxAge.property, api.maxAge === undefined ? undefined : evaluateDurationSeconds(maxAge.value, api.maxAge));
  }
  const expires = propertyValue(options, (key) => key === 'expires');
  if (expires !== undefined) {
    const seconds =
      evaluateExpiryDateSeconds(expires.value) ??
      (api.expiresNumber === undefined ? undefined : evaluateDurationSeconds(expires.value, api.expiresNumber));
    return expiryOf(expires.property, seconds);
  }
  if (options.getProperties().some((property) => Node.isSpreadAssignment(property))) return expiryOf(options, undefined);
  return undefined;
}

function detectCookieCall(scan: FileScan, call: CallExpression, method: string, receiver: Node | undefined): boolean {
  const api = cookieApiFor(scan, call, method, receiver);
  if (api === undefined) return false;
  const args = call.getArguments();
  const nameNode = args[api.arguments.name];
  const valueNode = args[api.arguments.value];
  const content = classifyContent([nameNode, valueNode].filter((node) => node !== undefined), scan.catalogs, {
    includeCacheTerms: true,
    checkSensitive: true,
  });
  const write: Omit<StoreWrite, 'span' | 'enclosingFunctionId'> = {
    store: 'cookie',
    catalogId: `cookie.${api.id}`,
    calleeText: normalizeText(call.getExpression().getText()),
    content,
  };
  const expiry = cookieOptionExpiry(api, args[api.arguments.options]);
  if (expiry !== undefined) write.expiry = expiry;
  pushWrite(scan, call, write);
  return true;
}

/** Flattens `'a=' + v + '; max-age=' + n` and template literals into literal text and expressions. */
function flattenConcatenation(node: Node): Array<string | Node> {
  if (Node.isBinaryExpression(node) && node.getOperatorToken().getKind() === SyntaxKind.PlusToken) {
    return [...flattenConcatenation(node.getLeft()), ...flattenConcatenation(node.getRight())];
  }
  if (Node.isParenthesizedExpression(node)) return flattenConcatenation(node.getExpression());
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return [node.getLiteralValue()];
  if (Node.isTemplateExpression(node)) {
    const parts: Array<string | Node> = [node.getHead().getLiteralText()];
    for (const span of node.getTemplateSpans()) parts.push(span.getExpression(), span.getLiteral().getLiteralText());
    return parts;
  }
  return [node];
}

function detectDocumentCookie(scan: FileScan, assignment: BinaryExpression): void {
  const right = assignment.getRight();
  const parts = flattenConcatenation(right);
  const attributeStart = parts.findIndex((part) => typeof part === 'string' && part.includes(';'));
  const nameParts = attributeStart === -1 ? parts : parts.slice(0, attributeStart + 1);
  const contentNodes = nameParts.filter((part): part is Node => typeof part !== 'string');
  const literalName = nameParts.filter((part): part is string => typeof part === 'string').join('').split('=')[0] ?? '';
  const content = classifyContent(contentNodes, scan.catalogs, { includeCacheTerms: true, checkSensitive: true });
  const byName = classifyLiteral(scan, literalName);
  const write: Omit<StoreWrite, 'span' | 'enclosingFunctionId'> = {
    store: 'cookie',
    catalogId: 'cookie.document',
    calleeText: 'document.cookie',
    content: byName.profileTerm !== undefined || byName.sensitive !== undefined ? byName : content,
  };
  const expiry = documentCookieExpiry(parts, right);
  if (expiry !== undefined) write.expiry = expiry;
  pushWrite(scan, assignment, write);
}

function classifyLiteral(scan: FileScan, name: string): StoredContent {
  const profileTerm = matchProfileTerm(scan.catalog, name, true);
  if (profileTerm !== undefined) return { subject: name, profileTerm };
  const match = matchNameCached(scan.catalogs.vocabulary, name);
  if (match?.kind === 'sensitive') return { subject: name, sensitive: { category: match.category, label: match.label, term: match.term } };
  return { subject: name };
}

function documentCookieExpiry(parts: Array<string | Node>, whole: Node): StoreExpiry | undefined {
  for (let index = 0; index < parts.length; index += 1) {
    const part = parts[index];
    if (typeof part !== 'string') continue;
    const maxAge = /max-age=\s*(\d+)?/i.exec(part);
    if (maxAge !== null) {
      if (maxAge[1] !== undefined) return { ...expiryOf(whole, Number(maxAge[1])), text: `max-age=${maxAge[1]}` };
      const next = parts[index + 1];
      const seconds = next !== undefined && typeof next !== 'string' ? evaluateDurationSeconds(next, 'seconds') : undefined;
      return { ...expiryOf(whole, seconds), text: `max-age=${next !== undefined && typeof next !== 'string' ? next.getText() : ''}` };
    }
    if (/expires=/i.test(part)) {
      const next = parts[index + 1];
      let seconds: number | undefined;
      if (next !== undefined && typeof next !== 'string' && Node.isCallExpression(next)) {
        const callee = next.getExpression();
        if (Node.isPropertyAccessExpression(callee)) seconds = evaluateExpiryDateSeconds(callee.getExpression());
      }
      return { ...expiryOf(whole, seconds), text: 'expires=' };
    }
  }
  return undefined;
}

function collectionOf(node: Node, depth = 0): string | undefined {
  if (depth > 4) return undefined;
  let current = node;
  while (Node.isAwaitExpression(current) || Node.isParenthesizedExpression(current) || Node.isAsExpression(current)) {
    current = current.getExpression();
  }
  if (Node.isCallExpression(current)) {
    const callee = current.getExpression();
    const [name] = current.getArguments();
    if (Node.isPropertyAccessExpression(callee) && callee.getName() === 'collection' && name !== undefined) return constantString(name);
    return undefined;
  }
  if (Node.isIdentifier(current)) {
    const initializer = findConstInitializer(current.getSourceFile(), current.getText());
    return initializer === undefined ? undefined : collectionOf(initializer, depth + 1);
  }
  return undefined;
}

function detectMongo(scan: FileScan, call: CallExpression, method: string, receiver: Node): boolean {
  const { mongo } = scan.catalog;
  if (!mongo.writes.has(method) && !mongo.indexes.has(method)) return false;
  const collection = collectionOf(receiver);
  if (collection === undefined) return false;
  const args = call.getArguments();
  if (mongo.indexes.has(method)) {
    const specs = method === 'createIndexes' && args[0] !== undefined && Node.isArrayLiteralExpression(args[0])
      ? args[0].getElements()
      : [args[1]];
    for (const spec of specs) {
      const options = objectLiteralOf(spec);
      const ttl = options === undefined ? undefined : propertyValue(options, (key) => key === 'expireAfterSeconds');
      if (ttl === undefined) continue;
      const seconds = evaluateDurationSeconds(ttl.value, 'seconds');
      const index: TtlIndex = { collection, span: spanOfNode(call) };
      if (seconds !== undefined) index.days = seconds / 86_400;
      scan.ttlIndexes.push(index);
    }
    return true;
  }
  // An inserted document says what the collection holds; an update may add one derived field to a
  // primary record (`users`), whose retention is that record's, so only the collection name counts there.
  const inserted = method === 'insertOne' || method === 'insertMany' || method === 'replaceOne' ? args.slice(0, method === 'replaceOne' ? 2 : 1) : [];
  const content = classifyContent(inserted, scan.catalogs, { includeCacheTerms: false, checkSensitive: false });
  const byCollection = matchProfileTerm(scan.catalog, collection, false);
  pushWrite(scan, call, {
    store: 'mongodb',
    catalogId: `mongodb.${method}`,
    calleeText: normalizeText(call.getExpression().getText()),
    content: byCollection === undefined ? content : { subject: collection, profileTerm: byCollection },
    collection,
  });
  return true;
}

function pushModelWrite(scan: FileScan, call: CallExpression, catalogId: string, model: string): void {
  const profileTerm = matchProfileTerm(scan.catalog, model, false);
  const content: StoredContent = profileTerm === undefined ? { subject: model } : { subject: model, profileTerm };
  pushWrite(scan, call, { store: 'orm', catalogId, calleeText: normalizeText(call.getExpression().getText()), content, model });
}

/** `Repository<CustomerScore>` declared for `this.scores` or a parameter of the same name in this file. */
function repositoryModel(scan: FileScan, receiver: Node): string | undefined {
  let current = receiver;
  while (Node.isAwaitExpression(current) || Node.isParenthesizedExpression(current)) current = current.getExpression();
  if (Node.isCallExpression(current) && /(^|\.)getRepository$/.test(normalizeText(current.getExpression().getText()))) {
    const [entity] = current.getArguments();
    return entity !== undefined && Node.isIdentifier(entity) ? entity.getText() : undefined;
  }
  const name = Node.isPropertyAccessExpression(current) ? current.getName() : Node.isIdentifier(current) ? current.getText() : undefined;
  if (name === undefined) return undefined;
  for (const holder of [
    ...descendantsOfKind(scan.sourceFile, SyntaxKind.PropertyDeclaration),
    ...descendantsOfKind(scan.sourceFile, SyntaxKind.Parameter),
  ]) {
    if (holder.getName() !== name) continue;
    const type = holder.getTypeNode()?.getText().replace(/\s+/g, '');
    const match = type === undefined ? null : /^(?:Repository|MongoRepository|TreeRepository)<(\w+)>$/.exec(type);
    if (match?.[1] !== undefined) return match[1];
  }
  return undefined;
}

function detectOrm(scan: FileScan, call: CallExpression, method: string, receiver: Node): boolean {
  const { orm } = scan.catalog;
  const args = call.getArguments();
  // Prisma: `prisma.customerScore.create(…)`.
  if (orm.prismaWrites.has(method) && Node.isPropertyAccessExpression(receiver)) {
    const client = receiver.getExpression();
    const clientName = Node.isPropertyAccessExpression(client) ? client.getName() : client.getText();
    const tokens = tokenizeCached(clientName);
    if (tokens.some((token) => orm.prismaClients.has(token)) && /^[a-z]/.test(receiver.getName())) {
      pushModelWrite(scan, call, 'orm.prisma', receiver.getName());
      return true;
    }
  }
  // Drizzle: `db.insert(customerScores).values(…)`.
  if (method === 'insert' && args.length === 1 && Node.isIdentifier(args[0]!)) {
    const parent = call.getParent();
    if (Node.isPropertyAccessExpression(parent) && parent.getName() === 'values') {
      pushModelWrite(scan, call, 'orm.drizzle', args[0].getText());
      return true;
    }
  }
  if (orm.repositoryWrites.has(method)) {
    // TypeORM entity manager: `manager.save(CustomerScore, {...})`.
    const [entity] = args;
    const receiverTokens = tokenizeCached(normalizeText(receiver.getText()));
    if (entity !== undefined && Node.isIdentifier(entity) && /^[A-Z]/.test(entity.getText()) && orm.managerTokens.some((sequence) => containsSequence(receiverTokens, sequence))) {
      pushModelWrite(scan, call, 'orm.typeorm', entity.getText());
      return true;
    }
    const model = repositoryModel(scan, receiver);
    if (model !== undefined) {
      pushModelWrite(scan, call, 'orm.typeorm', model);
      return true;
    }
  }
  // Sequelize and Mongoose: `CustomerScore.create(…)`.
  if (orm.modelWrites.has(method) && Node.isIdentifier(receiver) && /^[A-Z][a-z]/.test(receiver.getText())) {
    pushModelWrite(scan, call, 'orm.model', receiver.getText());
    return true;
  }
  return false;
}

const sagemakerTtlUnits: Record<string, DurationUnit> = {
  Seconds: 'seconds',
  Minutes: 'minutes',
  Hours: 'hours',
  Days: 'days',
  Weeks: 'weeks',
};

function pushSagemakerWrite(scan: FileScan, node: CallExpression | NewExpression, input: ObjectLiteralExpression): void {
  const group = propertyValue(input, (key) => key === 'FeatureGroupName');
  const subject = group === undefined ? 'feature record' : constantString(group.value) ?? group.value.getText();
  const write: Omit<StoreWrite, 'span' | 'enclosingFunctionId'> = {
    store: 'feature-store',
    catalogId: 'feature-store.sagemaker',
    calleeText: normalizeText(node.getExpression().getText()),
    content: { subject, profileTerm: 'feature vector' },
  };
  const ttl = propertyValue(input, (key) => key === 'TtlDuration');
  if (ttl !== undefined) {
    const duration = objectLiteralOf(ttl.value);
    const unit = duration === undefined ? undefined : propertyValue(duration, (key) => key === 'Unit');
    const value = duration === undefined ? undefined : propertyValue(duration, (key) => key === 'Value');
    const unitName = unit === undefined ? undefined : sagemakerTtlUnits[constantString(unit.value) ?? ''];
    const seconds = unitName === undefined || value === undefined ? undefined : evaluateDurationSeconds(value.value, unitName);
    write.expiry = expiryOf(ttl.property, seconds);
  }
  pushWrite(scan, node, write);
}

function detectFeast(scan: FileScan, call: CallExpression, seen: Set<Node>): boolean {
  if (!scan.mentionsFeastKeys || seen.has(call)) return false;
  const bodyKey = call
    .getArguments()
    .flatMap((argument) => [argument, ...argument.getDescendants()])
    .find(
      (node) =>
        (Node.isPropertyAssignment(node) || Node.isShorthandPropertyAssignment(node)) &&
        scan.catalog.feastBodyKeys.has(node.getName().replace(/['"]/g, '')),
    );
  if (bodyKey === undefined) return false;
  // The same body sits inside `JSON.stringify(...)` inside `fetch(...)`: report the outermost call once.
  for (const inner of descendantsOfKind(call, SyntaxKind.CallExpression)) seen.add(inner);
  const sourceName = Node.isPropertyAssignment(bodyKey) ? bodyKey.getInitializer() : undefined;
  const subject = (sourceName === undefined ? undefined : constantString(sourceName)) ?? 'feature push';
  pushWrite(scan, call, {
    store: 'feature-store',
    catalogId: 'feature-store.feast',
    calleeText: normalizeText(call.getExpression().getText()),
    content: { subject, profileTerm: 'feature vector' },
  });
  return true;
}

function detectUserStore(scan: FileScan, call: CallExpression): boolean {
  const calleeText = normalizeText(call.getExpression().getText());
  const match = scan.catalog.userStores.find((name) => endsWithSegment(calleeText, name));
  if (match === undefined) return false;
  const write: Omit<StoreWrite, 'span' | 'enclosingFunctionId'> = {
    store: 'user-defined',
    catalogId: `user.${match}`,
    calleeText,
    content: { subject: match, profileTerm: 'profile' },
  };
  for (const argument of call.getArguments()) {
    const options = objectLiteralOf(argument);
    const option = options === undefined ? undefined : propertyValue(options, (key) => scan.catalog.userStoreExpiryOptions.has(key));
    if (option === undefined) continue;
    const key = option.property.getChildAtIndex(0).getText();
    const unit = scan.catalog.userStoreExpiryOptions.get(key) ?? 'unknown';
    const text = constantString(option.value);
    const seconds = text !== undefined && unit === 'unknown' ? undefined : secondsIn(option.value, unit);
    write.expiry = expiryOf(option.property, seconds);
    break;
  }
  pushWrite(scan, call, write);
  return true;
}

/** The name `visitCall` looks up: the callee's own identifier or property name. */
function calledNameOf(compilerFile: ts.SourceFile, call: ts.CallExpression): string | undefined {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return compilerNodeText(compilerFile, callee);
  return ts.isPropertyAccessExpression(callee) ? compilerNodeText(compilerFile, callee.name) : undefined;
}

function visitCall(scan: FileScan, call: CallExpression, feastSeen: Set<Node>): void {
  const callee = call.getExpression();
  const calledName = Node.isIdentifier(callee) ? callee.getText() : Node.isPropertyAccessExpression(callee) ? callee.getName() : undefined;
  // Nearly every call in a file is no store write; one set lookup keeps them cheap.
  if (calledName === undefined || !scan.catalog.writeMethodNames.has(calledName)) {
    detectFeast(scan, call, feastSeen);
    return;
  }
  if (detectUserStore(scan, call)) return;
  if (Node.isIdentifier(callee)) {
    if (!detectCookieCall(scan, call, calledName, undefined)) detectFeast(scan, call, feastSeen);
    return;
  }
  if (!Node.isPropertyAccessExpression(callee)) return;
  const receiver = callee.getExpression();
  if (calledName === 'setItem' && call.getArguments().length >= 2) {
    const kind = browserStorageKind(scan, receiver);
    if (kind !== undefined) {
      pushBrowserWrite(scan, call, kind, `${normalizeText(receiver.getText())}.setItem`, call.getArguments());
      return;
    }
  }
  if (scan.catalog.sagemaker.methods.has(calledName)) {
    const input = objectLiteralOf(call.getArguments()[0]);
    if (input !== undefined && propertyValue(input, (key) => key === 'FeatureGroupName') !== undefined) {
      pushSagemakerWrite(scan, call, input);
      return;
    }
  }
  if (detectCookieCall(scan, call, calledName, receiver)) return;
  if (detectRedis(scan, call, calledName, receiver)) return;
  if (detectMongo(scan, call, calledName, receiver)) return;
  if (detectOrm(scan, call, calledName, receiver)) return;
  detectFeast(scan, call, feastSeen);
}

const storageGlobals = new Set(['localStorage', 'sessionStorage', 'document']);

function visitAssignment(scan: FileScan, assignment: BinaryExpression): void {
  if (assignment.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) return;
  const left = assignment.getLeft();
  if (Node.isPropertyAccessExpression(left) || Node.isElementAccessExpression(left)) {
    const owner = left.getExpression();
    const ownerName = Node.isIdentifier(owner) ? owner.getText() : Node.isPropertyAccessExpression(owner) ? owner.getName() : undefined;
    if (ownerName === undefined || !storageGlobals.has(ownerName)) return;
    const target = normalizeText(left.getText());
    if (target === 'document.cookie' || target === 'window.document.cookie') {
      detectDocumentCookie(scan, assignment);
      return;
    }
    const kind = browserStorageKind(scan, left.getExpression());
    if (kind === undefined) return;
    const key = Node.isPropertyAccessExpression(left) ? left.getNameNode() : left.getArgumentExpression();
    pushBrowserWrite(scan, assignment, kind, normalizeText(left.getExpression().getText()), [
      ...(key === undefined ? [] : [key]),
      assignment.getRight(),
    ]);
  }
}

/** Finds store writes, what they keep and what bounds them. */
export function extractStoreWrites(sourceFile: SourceFile, catalogs: Catalogs): StoreWrite[] {
  return scanStores(sourceFile, catalogs).writes;
}

/** Finds MongoDB TTL indexes, which bound writes to their collection anywhere in the project. */
export function extractTtlIndexes(sourceFile: SourceFile, catalogs: Catalogs): TtlIndex[] {
  return scanStores(sourceFile, catalogs).ttlIndexes;
}

// Both exports read the same walk; keyed by the compiler node so each parse is walked once.
const scans = new WeakMap<object, FileScan>();

function scanStores(sourceFile: SourceFile, catalogs: Catalogs): FileScan {
  const cached = scans.get(sourceFile.compilerNode);
  if (cached !== undefined && cached.catalogs === catalogs) return cached;
  const catalog = catalogs.stores;
  // Read when a call of a write method's name first needs them: most files make none.
  let imports: Map<string, string> | undefined;
  let redisClientNames: Set<string> | undefined;
  const scan: FileScan = {
    sourceFile,
    catalogs,
    catalog,
    get imports() {
      imports ??= readImportSpecifiers(sourceFile);
      return imports;
    },
    get redisClientNames() {
      redisClientNames ??= findRedisClientNames(sourceFile, catalog);
      return redisClientNames;
    },
    mentionsFeastKeys: [...catalog.feastBodyKeys].some((key) => sourceFile.getFullText().includes(key)),
    writes: [],
    ttlIndexes: [],
  };
  const feastSeen = new Set<Node>();
  const compilerFile = sourceFile.compilerNode;
  for (const call of compilerCallsOf(sourceFile)) {
    // Nearly every call is no store write: unless a Feast body may be about, `visitCall` would pass over a call of
    // no write method's name, so it is not even wrapped.
    if (!scan.mentionsFeastKeys && !catalog.writeMethodNames.has(calledNameOf(compilerFile, call) ?? '')) continue;
    visitCall(scan, wrapNode<CallExpression>(sourceFile, call), feastSeen);
  }
  const text = sourceFile.getFullText();
  if ([...catalog.sagemaker.commands].some((command) => text.includes(command))) {
    for (const command of descendantsOfKind(sourceFile, SyntaxKind.NewExpression)) {
      const input = objectLiteralOf(command.getArguments()[0]);
      if (input !== undefined && catalog.sagemaker.commands.has(command.getExpression().getText())) pushSagemakerWrite(scan, command, input);
    }
  }
  if (/localStorage|sessionStorage|\.cookie\b/.test(text)) {
    for (const assignment of descendantsOfKind(sourceFile, SyntaxKind.BinaryExpression)) visitAssignment(scan, assignment);
  }
  scan.writes.sort((a, b) => a.span.line - b.span.line || a.span.column - b.span.column);
  scans.set(sourceFile.compilerNode, scan);
  return scan;
}

