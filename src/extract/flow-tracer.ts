import type { BinaryExpression, CallExpression, PropertyAccessExpression, SourceFile } from 'ts-morph';
import { Node, SyntaxKind, ts } from './ts-morph-bindings.js';
import type { Vocabulary, VocabularyMatch } from '../vocabulary.js';
import { matchNameCached, tokenizeCached } from './name-cache.js';
import type { AttributeFlow } from './attributes.js';
import { classKinds, functionLikeKinds, getEnclosingFunction, getFunctionName, isFunctionLike, type FunctionLikeNode } from './module-graph.js';
import { calleeSegments, compilerCalleeSegments, type SinkCallNode } from './sinks.js';
import { closestAncestorOfKind, compilerCallsOf, compilerNodeText, forEachCompilerDescendant, wrapNode } from './wrap-node.js';

/** Whether a call turns its argument or receiver into text: `JSON.stringify(x)`, `String(x)`, `x.join(', ')`, `x.toString()`. */
function serializes(call: CallExpression): boolean {
  const callee = unwrap(call.getExpression());
  if (Node.isIdentifier(callee)) return callee.getText() === 'String';
  if (!Node.isPropertyAccessExpression(callee)) return false;
  return callee.getText() === 'JSON.stringify' || callee.getName() === 'join' || callee.getName() === 'toString';
}

// Methods that add a value to the collection they are called on.
const addingMethods = new Set(['push', 'unshift', 'set', 'add', 'concat', 'append']);

/** Array methods that call back on each element: their result carries what the callback returns. */
export const arrayCallbacks = new Set([
  'map', 'flatMap', 'filter', 'reduce', 'reduceRight', 'find', 'findLast', 'some', 'every', 'sort', 'toSorted', 'forEach',
]);
// Calls whose result is a lookup keyed by their arguments, not a transformation of them: `repo.find({ age })` returns rows.
const lookupVerbs = new Set([
  'find', 'fetch', 'load', 'query', 'count', 'exist', 'exists', 'lookup', 'search', 'read', 'retrieve', 'request', 'delete',
  'remove', 'log', 'debug', 'info', 'warn', 'error',
]);
// How deep a walk recurses before it leaves the rest for later: nodes nested deeper than this wait in
// `Trace.deferred` and are followed from the top of the stack, so a long chain of calls never overflows it.
const maxStackDepth = 400;
/** The nodes one trace may visit: what bounds its time, since a deferred walk has no depth limit. */
export const traceStepBudget = 4000;
const countProperties = new Set(['length', 'size']);

/** The expression under parentheses, `as`, `!`, `satisfies` and `await`. */
export function unwrap(node: Node): Node {
  const inner = unwrapCompilerNode(node.compilerNode);
  return inner === node.compilerNode ? node : wrapNode(node.getSourceFile(), inner);
}

/** `unwrap` over the compiler's nodes, for tests made before a node is wrapped. */
export function unwrapCompilerNode(node: ts.Node): ts.Node {
  let current = node;
  while (
    ts.isParenthesizedExpression(current) ||
    ts.isAsExpression(current) ||
    ts.isNonNullExpression(current) ||
    ts.isSatisfiesExpression(current) ||
    ts.isTypeAssertionExpression(current) ||
    ts.isAwaitExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}

/** Expressions a function returns: its concise body, or every `return` not inside a nested function. */
export function returnedExpressions(fn: FunctionLikeNode): readonly Node[] {
  let returned = returnedByFunction.get(fn.compilerNode);
  if (returned === undefined) {
    returned = findReturnedExpressions(fn);
    returnedByFunction.set(fn.compilerNode, returned);
  }
  return returned;
}

// A function is followed from each of its callers, each trace that reaches it, and its own decisions.
const returnedByFunction = new WeakMap<ts.Node, readonly Node[]>();

function findReturnedExpressions(fn: FunctionLikeNode): Node[] {
  const body = fn.getBody();
  if (body === undefined) return [];
  if (!Node.isBlock(body)) return [body];
  // The function's own returns, in order: not those of functions and classes nested in it.
  const results: Node[] = [];
  const sourceFile = fn.getSourceFile();
  forEachCompilerDescendant(body, (node) => {
    if (functionLikeKinds.has(node.kind) || ts.isClassDeclaration(node) || ts.isClassExpression(node)) return false;
    if (ts.isReturnStatement(node) && node.expression !== undefined) results.push(wrapNode(sourceFile, node.expression));
    return true;
  });
  return results;
}

// Every trace resolves names, often in the same big scope (a module of many functions): indexing a scope's
// declarations once keeps a lookup from scanning all its statements, which made long files quadratic.
const declarationsByScope = new WeakMap<ts.Node, Map<string, ts.Node>>();

/** The identifier that binds `wanted` in a declared name: the name itself or one inside a destructuring pattern. */
function bindingNamed(compilerFile: ts.SourceFile, name: ts.Node, wanted: string): ts.Node | undefined {
  if (ts.isIdentifier(name)) return compilerNodeText(compilerFile, name) === wanted ? name : undefined;
  if (ts.isObjectBindingPattern(name) || ts.isArrayBindingPattern(name)) {
    for (const element of name.elements as readonly ts.ArrayBindingElement[]) {
      if (ts.isOmittedExpression(element)) continue;
      const found = bindingNamed(compilerFile, element.name, wanted);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function addBindingNames(compilerFile: ts.SourceFile, name: ts.Node, add: (name: string, declaration: ts.Node) => void): void {
  if (ts.isIdentifier(name)) {
    add(compilerNodeText(compilerFile, name), name.parent);
  } else if (ts.isObjectBindingPattern(name) || ts.isArrayBindingPattern(name)) {
    for (const element of name.elements as readonly ts.ArrayBindingElement[]) {
      if (!ts.isOmittedExpression(element)) addBindingNames(compilerFile, element.name, add);
    }
  }
}

/** The variables, functions and classes a block-like scope declares by name; the first declaration wins. */
function statementDeclarations(compilerFile: ts.SourceFile, scope: ts.Node & { statements: ts.NodeArray<ts.Statement> }): Map<string, ts.Node> {
  let declarations = declarationsByScope.get(scope);
  if (declarations === undefined) {
    const found = new Map<string, ts.Node>();
    const add = (name: string, declaration: ts.Node): void => {
      if (!found.has(name)) found.set(name, declaration);
    };
    for (const statement of scope.statements) {
      if (ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations) addBindingNames(compilerFile, declaration.name, add);
      } else if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) {
        if (statement.name !== undefined) add(compilerNodeText(compilerFile, statement.name), statement);
      }
    }
    declarations = found;
    declarationsByScope.set(scope, declarations);
  }
  return declarations;
}

const statementScopeKinds: ReadonlySet<SyntaxKind> = new Set([
  SyntaxKind.Block,
  SyntaxKind.SourceFile,
  SyntaxKind.ModuleBlock,
  SyntaxKind.CaseClause,
  SyntaxKind.DefaultClause,
]);

// Traces, callee lookups and prompt constants resolve the same identifiers again and again.
const declarationsByIdentifier = new WeakMap<ts.Node, Node | undefined>();

/** The declaration an identifier refers to, looked up scope by scope within the file (no type checker). */
export function resolveLocal(identifier: Node): Node | undefined {
  const key = identifier.compilerNode;
  if (declarationsByIdentifier.has(key)) return declarationsByIdentifier.get(key);
  const declaration = findLocalDeclaration(identifier);
  declarationsByIdentifier.set(key, declaration);
  return declaration;
}

// Over the compiler's nodes, wrapping only the declaration found: the scopes of every traced name are searched.
function findLocalDeclaration(identifier: Node): Node | undefined {
  const sourceFile = identifier.getSourceFile();
  const compilerFile = sourceFile.compilerNode;
  const wanted = identifier.getText();
  for (let scope = identifier.compilerNode.parent; scope !== undefined; scope = scope.parent) {
    if (functionLikeKinds.has(scope.kind)) {
      for (const parameter of (scope as ts.SignatureDeclarationBase).parameters) {
        const found = bindingNamed(compilerFile, parameter.name, wanted);
        if (found !== undefined) return wrapNode(sourceFile, found.parent);
      }
    }
    if (ts.isForOfStatement(scope) || ts.isForInStatement(scope) || ts.isForStatement(scope)) {
      const initializer = scope.initializer;
      if (initializer !== undefined && ts.isVariableDeclarationList(initializer)) {
        for (const declaration of initializer.declarations) {
          const found = bindingNamed(compilerFile, declaration.name, wanted);
          if (found !== undefined) return wrapNode(sourceFile, found.parent);
        }
      }
    }
    if (ts.isCatchClause(scope)) {
      const declaration = scope.variableDeclaration;
      if (declaration !== undefined && bindingNamed(compilerFile, declaration.name, wanted) !== undefined) return wrapNode(sourceFile, declaration);
    }
    if (statementScopeKinds.has(scope.kind)) {
      const found = statementDeclarations(compilerFile, scope as ts.Node & { statements: ts.NodeArray<ts.Statement> }).get(wanted);
      if (found !== undefined) return wrapNode(sourceFile, found);
    }
  }
  return undefined;
}

function methodOfThisClass(node: Node, methodName: string): FunctionLikeNode | undefined {
  const classNode = closestAncestorOfKind(node, classKinds);
  if (!Node.isClassDeclaration(classNode) && !Node.isClassExpression(classNode)) return undefined;
  const method = classNode.getMethod(methodName) ?? classNode.getGetAccessor(methodName);
  if (method !== undefined) return method;
  const property = classNode.getProperty(methodName);
  const initializer = property?.getInitializer();
  return initializer !== undefined && isFunctionLike(initializer) ? initializer : undefined;
}

/** Whether a call's callee has a shape `localFunction` can resolve: a function, a name or a `this.` member. */
function mayCallLocalFunction(call: ts.CallExpression): boolean {
  const target = unwrapCompilerNode(call.expression);
  return functionLikeKinds.has(target.kind) || ts.isIdentifier(target) || (ts.isPropertyAccessExpression(target) && target.expression.kind === SyntaxKind.ThisKeyword);
}

/** The function a callee or callback names in this file: a declaration, a const arrow, or a `this.` method. */
export function localFunction(expression: Node): FunctionLikeNode | undefined {
  const target = unwrap(expression);
  if (isFunctionLike(target)) return target;
  if (Node.isIdentifier(target)) {
    const declaration = resolveLocal(target);
    if (Node.isFunctionDeclaration(declaration)) return declaration;
    if (Node.isVariableDeclaration(declaration)) {
      const initializer = declaration.getInitializer();
      if (initializer !== undefined && isFunctionLike(unwrap(initializer))) return unwrap(initializer) as FunctionLikeNode;
    }
    return undefined;
  }
  if (Node.isPropertyAccessExpression(target) && Node.isThisExpression(target.getExpression())) {
    return methodOfThisClass(target, target.getName());
  }
  return undefined;
}

// The names a file's import declarations bind, read once per parse: every traced call asks.
const importedNamesByFile = new WeakMap<object, Set<string>>();

function importedNamesOf(sourceFile: SourceFile): Set<string> {
  let names = importedNamesByFile.get(sourceFile.compilerNode);
  if (names === undefined) {
    names = new Set();
    for (const declaration of sourceFile.getImportDeclarations()) {
      const defaultImport = declaration.getDefaultImport();
      if (defaultImport !== undefined) names.add(defaultImport.getText());
      const namespaceImport = declaration.getNamespaceImport();
      if (namespaceImport !== undefined) names.add(namespaceImport.getText());
      for (const named of declaration.getNamedImports()) names.add(named.getAliasNode()?.getText() ?? named.getName());
    }
    importedNamesByFile.set(sourceFile.compilerNode, names);
  }
  return names;
}

function isImported(identifier: Node, sourceFile: SourceFile): boolean {
  if (importedNamesOf(sourceFile).has(identifier.getText())) return true;
  const declaration = resolveLocal(identifier);
  if (!Node.isVariableDeclaration(declaration) && !Node.isBindingElement(declaration)) return false;
  const holder = Node.isBindingElement(declaration) ? declaration.getFirstAncestorByKind(SyntaxKind.VariableDeclaration) : declaration;
  const initializer = holder?.getInitializer();
  return Node.isCallExpression(initializer) && initializer.getExpression().getText() === 'require';
}

/** The callee of a call as the link stage needs it: `toRow` or `features.toRow`, when it is imported. */
function importedCalleeName(expression: Node, sourceFile: SourceFile): string | undefined {
  const target = unwrap(expression);
  if (Node.isIdentifier(target)) return isImported(target, sourceFile) ? target.getText() : undefined;
  if (Node.isPropertyAccessExpression(target) && Node.isIdentifier(target.getExpression())) {
    return isImported(target.getExpression(), sourceFile) ? target.getText() : undefined;
  }
  return undefined;
}

/** A string literal that reads as a key or column name (`'date_of_birth'`), never a sentence. */
export function literalNameValue(node: Node): string | undefined {
  if (!Node.isStringLiteral(node) && !Node.isNoSubstitutionTemplateLiteral(node)) return undefined;
  const value = node.getLiteralValue();
  return /^[A-Za-z_$][\w$.\-]{0,63}$/.test(value) ? value : undefined;
}

// The kinds of node `FlowTracer.traceUnvisited` follows further; it passes over every other.
const followedKinds: ReadonlySet<SyntaxKind> = new Set([
  SyntaxKind.Identifier,
  SyntaxKind.PropertyAccessExpression,
  SyntaxKind.ElementAccessExpression,
  SyntaxKind.StringLiteral,
  SyntaxKind.NoSubstitutionTemplateLiteral,
  SyntaxKind.TemplateExpression,
  SyntaxKind.ObjectLiteralExpression,
  SyntaxKind.ArrayLiteralExpression,
  SyntaxKind.CallExpression,
  SyntaxKind.NewExpression,
  SyntaxKind.ConditionalExpression,
  SyntaxKind.BinaryExpression,
  SyntaxKind.PrefixUnaryExpression,
  SyntaxKind.PostfixUnaryExpression,
  SyntaxKind.ParenthesizedExpression,
  SyntaxKind.AsExpression,
  SyntaxKind.NonNullExpression,
  SyntaxKind.SatisfiesExpression,
  SyntaxKind.TypeAssertionExpression,
  SyntaxKind.AwaitExpression,
  SyntaxKind.SpreadElement,
  SyntaxKind.TypeOfExpression,
  SyntaxKind.VoidExpression,
  ...functionLikeKinds,
]);

/** A name that matched, where, and the flow it was found on. */
export interface Emission {
  node: Node;
  name: string;
  match: VocabularyMatch;
  flow: AttributeFlow;
}

/** What tracing a function's result found, and where it stopped if its budget ran out. */
interface ResultSummary {
  emissions: Emission[];
  stoppedAt?: Node;
}

/** One backward walk from a sink, decision, column list or returned value. */
export interface Trace {
  flow: AttributeFlow;
  visited: Set<Node>;
  /** Nodes a trace may still visit, and how deep it is now. */
  budget: { steps: number; depth: number };
  /** Nodes reached at the stack depth limit, followed once the walk is back at the top. */
  deferred: { node: Node; covered: ReadonlySet<string> }[];
  /** The first node the trace did not follow because its step budget ran out; unset while it is complete. */
  stoppedAt?: Node;
  /** The sink being traced, so imported feature builders can be recorded on it. */
  sink?: SinkCallNode;
  emit(emission: Emission): void;
}

/**
 * Follows data backwards from one expression inside the file and emits every sensitive or proxy name on
 * the way. A category found closer to the profiling input covers the same category further back, so
 * `const age = c.age; predict({ age })` is one finding, at the `age` the model receives.
 */
export class FlowTracer {
  private readonly sinkNodes: Set<Node>;
  private callsByName: Map<string, ts.CallExpression[]> | undefined;
  private readonly wrappedCallsByName = new Map<string, CallExpression[]>();
  /**
   * What tracing each called function's result finds when nothing is covered yet. Without a caller's
   * parameters in play (a `returned` trace never follows them) that is the same wherever the call is, so
   * it is traced once and replayed: a chain of exported functions each returning the next one's result
   * otherwise re-walks the whole rest of the chain from every function in it.
   */
  private resultSummaries: Map<Node, ResultSummary> | undefined;
  // Every trace asks the same questions at each step: a long chain walked from many sinks asks them
  // thousands of times, so the answers are kept for the file.
  private readonly matches = new Map<string, VocabularyMatch | undefined>();
  private readonly callsByFunction = new Map<Node, CallExpression[]>();
  private readonly writesByScope = new Map<Node, Map<string, Node[]>>();
  /** How many serializing calls (see `serializes`) the walk is inside now. */
  private serializing = 0;

  constructor(
    private readonly sourceFile: SourceFile,
    private readonly vocabulary: Vocabulary,
    sinks: SinkCallNode[],
  ) {
    this.sinkNodes = new Set(sinks.map((sink) => sink.node));
  }

  /** Follows one expression back, and at the top of a walk everything it left for later. */
  trace(node: Node, trace: Trace, covered: ReadonlySet<string> = new Set()): void {
    const atTop = trace.budget.depth === 0;
    this.visit(node, trace, covered);
    if (!atTop) return;
    for (let next = trace.deferred.pop(); next !== undefined; next = trace.deferred.pop()) this.visit(next.node, trace, next.covered);
  }

  private visit(node: Node, trace: Trace, covered: ReadonlySet<string>): void {
    if (trace.visited.has(node)) return;
    // Generated code nests thousands of `+` deep, and argument chains run thousands of calls long: past the
    // limit the node is followed later from the top of the stack, rather than overflow it here.
    if (trace.budget.depth >= maxStackDepth) {
      trace.deferred.push({ node, covered });
      return;
    }
    if (!this.takeStep(node, trace)) return;
    trace.visited.add(node);
    trace.budget.depth += 1;
    try {
      this.traceUnvisited(node, trace, covered);
    } finally {
      trace.budget.depth -= 1;
    }
  }

  /** Spends one step on a node; when none is left, records where the trace stopped and says no. */
  private takeStep(node: Node, trace: Trace): boolean {
    if (trace.budget.steps <= 0) {
      trace.stoppedAt ??= node;
      return false;
    }
    trace.budget.steps -= 1;
    return true;
  }

  /** Emits a name when it matches, and returns the categories covered from here on back. */
  private check(node: Node, name: string, trace: Trace, covered: ReadonlySet<string>, ownerText?: string): ReadonlySet<string> {
    const key = ownerText === undefined ? name : `${ownerText}\n${name}`;
    let match = this.matches.get(key);
    if (match === undefined && !this.matches.has(key)) {
      match = ownerText === undefined ? matchNameCached(this.vocabulary, name) : this.matchWithOwner(name, ownerText);
      this.matches.set(key, match);
    }
    if (match === undefined || covered.has(match.category)) return covered;
    trace.emit({ node, name, match, flow: trace.flow });
    return new Set([...covered, match.category]);
  }

  /**
   * A property read in the light of what it is read from: `customer.weight` is a body measurement,
   * `font.weight` is not; `vehicle.age` and `building.age` are false friends of a person's age.
   */
  private matchWithOwner(name: string, ownerText: string): VocabularyMatch | undefined {
    const owner = ownerText.split('.').at(-1) ?? ownerText;
    const qualified = matchNameCached(this.vocabulary, `${owner}.${name}`);
    if (qualified === undefined) return undefined;
    // The owner adds context, never the match itself: `genderStats.count` is not about gender.
    const nameTokens = new Set(tokenizeCached(name));
    return tokenizeCached(qualified.term).every((token) => nameTokens.has(token)) ? qualified : matchNameCached(this.vocabulary, name);
  }

  private traceUnvisited(node: Node, trace: Trace, covered: ReadonlySet<string>): void {
    // Literals, keywords and the like lead nowhere: one lookup instead of every test below.
    if (!followedKinds.has(node.getKind())) return;
    if (Node.isIdentifier(node)) {
      this.traceIdentifier(node, trace, covered);
      return;
    }
    if (Node.isPropertyAccessExpression(node)) {
      // How many travellers there are says nothing about who they are.
      if (countProperties.has(node.getName())) return;
      const nameNode = node.getNameNode();
      const receiver = node.getExpression();
      const next = this.check(nameNode, nameNode.getText(), trace, covered, receiver.getText());
      this.traceReceiver(receiver, trace, next);
      return;
    }
    if (Node.isElementAccessExpression(node)) {
      const argument = node.getArgumentExpression();
      let next = covered;
      if (argument !== undefined) {
        const key = literalNameValue(argument);
        if (key !== undefined) next = this.check(argument, key, trace, covered);
        else this.trace(argument, trace, covered);
      }
      this.traceReceiver(node.getExpression(), trace, next);
      return;
    }
    if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) {
      // A literal names a column only in a list or as an argument (`select(['age'])`, `people.set('gender', g)`);
      // compared or returned (`gender === 'female'`) it is a value.
      const parent = node.getParent();
      const value = literalNameValue(node);
      // A list serialized whole (`JSON.stringify(FIELDS)` in a prompt) is the names of fields, sent as text.
      const isColumnName =
        (Node.isArrayLiteralExpression(parent) && this.serializing === 0) || (Node.isCallExpression(parent) && parent.getExpression() !== node);
      if (value !== undefined && isColumnName) this.check(node, value, trace, covered);
      return;
    }
    if (Node.isTemplateExpression(node)) {
      for (const span of node.getTemplateSpans()) this.trace(span.getExpression(), trace, covered);
      return;
    }
    if (Node.isObjectLiteralExpression(node)) {
      for (const property of node.getProperties()) this.traceProperty(property, trace, covered);
      return;
    }
    if (Node.isArrayLiteralExpression(node)) {
      for (const element of node.getElements()) this.trace(element, trace, covered);
      return;
    }
    if (Node.isCallExpression(node)) {
      this.traceCall(node, trace, covered);
      return;
    }
    if (Node.isNewExpression(node)) {
      for (const argument of node.getArguments()) this.trace(argument, trace, covered);
      return;
    }
    if (Node.isConditionalExpression(node)) {
      this.trace(node.getCondition(), trace, covered);
      this.trace(node.getWhenTrue(), trace, covered);
      this.trace(node.getWhenFalse(), trace, covered);
      return;
    }
    if (Node.isBinaryExpression(node)) {
      this.trace(node.getLeft(), trace, covered);
      this.trace(node.getRight(), trace, covered);
      return;
    }
    if (Node.isPrefixUnaryExpression(node) || Node.isPostfixUnaryExpression(node)) {
      this.trace(node.getOperand(), trace, covered);
      return;
    }
    if (
      Node.isParenthesizedExpression(node) ||
      Node.isAsExpression(node) ||
      Node.isNonNullExpression(node) ||
      Node.isSatisfiesExpression(node) ||
      Node.isTypeAssertion(node) ||
      Node.isAwaitExpression(node) ||
      Node.isSpreadElement(node) ||
      Node.isTypeOfExpression(node) ||
      Node.isVoidExpression(node)
    ) {
      this.trace(node.getExpression(), trace, covered);
      return;
    }
    if (isFunctionLike(node)) {
      for (const returned of returnedExpressions(node)) this.trace(returned, trace, covered);
    }
  }

  /** Arguments in order: a column name (`set('gender', g)`) covers its category for the value after it. */
  traceArguments(args: Node[], trace: Trace, covered: ReadonlySet<string>): void {
    let current = covered;
    for (const argument of args) {
      this.trace(argument, trace, current);
      const key = literalNameValue(argument);
      const match = key === undefined ? undefined : matchNameCached(this.vocabulary, key);
      if (match !== undefined) current = new Set([...current, match.category]);
    }
  }

  /** The file's calls by the last segment of their callee (`send` for `analytics.send(…)`). */
  private callIndex(): Map<string, ts.CallExpression[]> {
    if (this.callsByName === undefined) {
      this.callsByName = new Map();
      const compilerFile = this.sourceFile.compilerNode;
      for (const call of compilerCallsOf(this.sourceFile)) {
        const callee = compilerCalleeSegments(compilerFile, call.expression).at(-1) ?? '';
        const calls = this.callsByName.get(callee);
        if (calls === undefined) this.callsByName.set(callee, [call]);
        else calls.push(call);
      }
    }
    return this.callsByName;
  }

  private callsNamed(name: string): CallExpression[] {
    let calls = this.wrappedCallsByName.get(name);
    if (calls === undefined) {
      calls = (this.callIndex().get(name) ?? []).map((call) => wrapNode<CallExpression>(this.sourceFile, call));
      this.wrappedCallsByName.set(name, calls);
    }
    return calls;
  }

  /**
   * The object a property is read from. A variable there names a container, not a value (`race.id` is
   * the id of a running race), so it is followed to its declaration without being matched itself;
   * a property there is still data (`c.gender.code`).
   */
  private traceReceiver(receiver: Node, trace: Trace, covered: ReadonlySet<string>): void {
    const target = unwrap(receiver);
    if (!Node.isIdentifier(target)) {
      this.trace(target, trace, covered);
      return;
    }
    if (trace.visited.has(target) || !this.takeStep(target, trace)) return;
    trace.visited.add(target);
    this.followDeclaration(target, trace, covered);
  }

  private traceProperty(property: Node, trace: Trace, covered: ReadonlySet<string>): void {
    if (Node.isPropertyAssignment(property)) {
      const nameNode = property.getNameNode();
      const initializer = property.getInitializer();
      let next = covered;
      if (Node.isComputedPropertyName(nameNode)) this.trace(nameNode.getExpression(), trace, covered);
      else {
        const name = Node.isStringLiteral(nameNode) ? nameNode.getLiteralValue() : nameNode.getText();
        next = this.check(nameNode, name, trace, covered);
      }
      if (initializer !== undefined) this.trace(initializer, trace, next);
      return;
    }
    if (Node.isShorthandPropertyAssignment(property)) {
      this.trace(property.getNameNode(), trace, covered);
      return;
    }
    if (Node.isSpreadAssignment(property)) {
      this.trace(property.getExpression(), trace, covered);
      return;
    }
    if (Node.isMethodDeclaration(property) || Node.isGetAccessorDeclaration(property)) {
      const next = this.check(property.getNameNode(), property.getName(), trace, covered);
      for (const returned of returnedExpressions(property)) this.trace(returned, trace, next);
    }
  }

  private traceIdentifier(identifier: Node, trace: Trace, covered: ReadonlySet<string>): void {
    this.followDeclaration(identifier, trace, this.check(identifier, identifier.getText(), trace, covered));
  }

  private followDeclaration(identifier: Node, trace: Trace, next: ReadonlySet<string>): void {
    const declaration = resolveLocal(identifier);
    if (declaration === undefined) return;
    if (Node.isVariableDeclaration(declaration)) {
      const initializer = declaration.getInitializer();
      if (initializer !== undefined) this.trace(initializer, trace, next);
      this.traceWrites(identifier.getText(), declaration, trace, next);
      return;
    }
    if (Node.isBindingElement(declaration)) {
      const propertyName = declaration.getPropertyNameNode();
      const keyed = propertyName !== undefined ? this.check(propertyName, propertyName.getText(), trace, next) : next;
      const holder = declaration.getFirstAncestor((ancestor) => Node.isVariableDeclaration(ancestor) || Node.isParameterDeclaration(ancestor));
      if (Node.isVariableDeclaration(holder)) {
        const initializer = holder.getInitializer();
        if (initializer !== undefined) this.trace(initializer, trace, keyed);
      } else if (Node.isParameterDeclaration(holder)) {
        this.traceParameter(holder, trace, keyed);
      }
      return;
    }
    if (Node.isParameterDeclaration(declaration)) {
      this.traceParameter(declaration, trace, next);
      return;
    }
    if (Node.isFunctionDeclaration(declaration)) {
      for (const returned of returnedExpressions(declaration)) this.trace(returned, trace, next);
    }
  }

  /** Values a local receives after its declaration: `x = …`, `x.key = …`, `x.push(…)`, `Object.assign(x, …)`. */
  private traceWrites(name: string, declaration: Node, trace: Trace, covered: ReadonlySet<string>): void {
    const scope = getEnclosingFunction(declaration)?.getBody() ?? declaration.getSourceFile();
    for (const write of this.writesIn(scope).get(name) ?? []) {
      if (Node.isBinaryExpression(write)) {
        const left = unwrap(write.getLeft());
        // `x = …` hands over what is written; `x.key = …` and `x['key'] = …` add the key too.
        const keyed = Node.isPropertyAccessExpression(left) || Node.isElementAccessExpression(left) ? this.writtenKey(left, trace, covered) : covered;
        this.trace(write.getRight(), trace, keyed);
      } else if (Node.isCallExpression(write)) {
        const callee = write.getExpression();
        if (Node.isPropertyAccessExpression(callee) && callee.getText() === 'Object.assign') {
          for (const source of write.getArguments().slice(1)) this.trace(source, trace, covered);
        } else {
          for (const argument of write.getArguments()) this.trace(argument, trace, covered);
        }
      }
    }
  }

  /**
   * The writes to each local name in a scope, in document order: assignments to it or to one of its keys, and
   * the calls that add to it. Collected in one walk per scope, since a trace asks about many names in the same
   * scope (a module-level one is the whole file).
   */
  private writesIn(scope: Node): Map<string, Node[]> {
    let writes = this.writesByScope.get(scope);
    if (writes !== undefined) return writes;
    const found = new Map<string, Node[]>();
    const add = (name: string, node: Node): void => {
      const list = found.get(name);
      if (list === undefined) found.set(name, [node]);
      else list.push(node);
    };
    forEachCompilerDescendant(scope, (compilerNode) => {
      if (ts.isBinaryExpression(compilerNode) && compilerNode.operatorToken.kind === SyntaxKind.EqualsToken) {
        const node = wrapNode<BinaryExpression>(this.sourceFile, compilerNode);
        const left = unwrap(node.getLeft());
        const root = Node.isPropertyAccessExpression(left) || Node.isElementAccessExpression(left) ? unwrap(left.getExpression()) : left;
        if (Node.isIdentifier(root)) add(root.getText(), node);
        return;
      }
      if (!ts.isCallExpression(compilerNode) || !ts.isPropertyAccessExpression(compilerNode.expression)) return;
      const node = wrapNode<CallExpression>(this.sourceFile, compilerNode);
      const callee = node.getExpression() as PropertyAccessExpression;
      const receiver = unwrap(callee.getExpression());
      if (Node.isIdentifier(receiver) && addingMethods.has(callee.getName())) add(receiver.getText(), node);
      if (callee.getText() === 'Object.assign') {
        const target = node.getArguments()[0];
        if (target !== undefined && Node.isIdentifier(unwrap(target))) add(unwrap(target).getText(), node);
      }
    });
    this.writesByScope.set(scope, found);
    return found;
  }

  private writtenKey(left: Node, trace: Trace, covered: ReadonlySet<string>): ReadonlySet<string> {
    if (Node.isPropertyAccessExpression(left)) return this.check(left.getNameNode(), left.getName(), trace, covered);
    if (Node.isElementAccessExpression(left)) {
      const argument = left.getArgumentExpression();
      const key = argument === undefined ? undefined : literalNameValue(argument);
      if (argument !== undefined && key !== undefined) return this.check(argument, key, trace, covered);
    }
    return covered;
  }

  /** A parameter of a named local function: follow the matching argument at each call in the file. */
  private traceParameter(parameter: Node, trace: Trace, covered: ReadonlySet<string>): void {
    // What a function returns is followed by its callers in the link stage, not back through its parameters.
    if (!Node.isParameterDeclaration(parameter) || trace.flow.kind === 'returned') return;
    const fn = parameter.getParent();
    if (!isFunctionLike(fn)) return;
    const index = fn.getParameters().indexOf(parameter);
    const name = getFunctionName(fn);
    if (name === '' || Node.isCallExpression(fn.getParent())) return;
    for (const call of this.callsOf(fn, name)) {
      const argument = call.getArguments()[index];
      if (argument !== undefined) this.trace(argument, trace, covered);
    }
  }

  /** The calls in the file of one local function. */
  private callsOf(fn: FunctionLikeNode, name: string): CallExpression[] {
    let calls = this.callsByFunction.get(fn);
    if (calls === undefined) {
      calls = this.callsNamed(name).filter((call) => localFunction(call.getExpression()) === fn);
      this.callsByFunction.set(fn, calls);
    }
    return calls;
  }

  private traceCall(call: CallExpression, trace: Trace, covered: ReadonlySet<string>): void {
    // A model's output is not its input: what goes into a nested sink stays with that sink.
    if (this.sinkNodes.has(call)) return;
    // Within a serialization a list of names becomes text; any other call in between (`fields.map((f) => row[f])`)
    // turns names back into values.
    const outer = this.serializing;
    this.serializing = serializes(call) ? outer + 1 : 0;
    try {
      this.traceCallee(call, trace, covered);
    } finally {
      this.serializing = outer;
    }
  }

  private traceCallee(call: CallExpression, trace: Trace, covered: ReadonlySet<string>): void {
    const callee = unwrap(call.getExpression());
    const args = call.getArguments();
    // `rows.find((r) => …)` walks an array; `repo.find({ where })` is a lookup, handled below.
    const takesCallback = args[0] !== undefined && (isFunctionLike(unwrap(args[0])) || localFunction(args[0]) !== undefined || Node.isIdentifier(unwrap(args[0])));
    if (Node.isPropertyAccessExpression(callee) && arrayCallbacks.has(callee.getName()) && takesCallback) {
      this.trace(callee.getExpression(), trace, covered);
      for (const argument of args) this.traceCallback(argument, trace, covered);
      return;
    }
    const local = localFunction(callee);
    if (local !== undefined) {
      if (!this.replayResult(local, trace, covered)) for (const returned of returnedExpressions(local)) this.trace(returned, trace, covered);
      this.traceArguments(args, trace, covered);
      return;
    }
    const imported = importedCalleeName(callee, this.sourceFile);
    if (imported !== undefined) this.recordInputFunction(imported, trace);
    const verb = tokenizeCached(calleeSegments(callee).at(-1) ?? '')[0] ?? '';
    if (lookupVerbs.has(verb)) return;
    if (Node.isPropertyAccessExpression(callee) && imported === undefined) this.trace(callee.getExpression(), trace, covered);
    this.traceArguments(args, trace, covered);
  }

  /** Emits a called function's summarised result on a `returned` trace; false when there is none to use. */
  private replayResult(fn: FunctionLikeNode, trace: Trace, covered: ReadonlySet<string>): boolean {
    if (trace.flow.kind !== 'returned' || covered.size > 0) return false;
    const summary = this.summarizeResults().get(fn);
    if (summary === undefined) return false;
    for (const emission of summary.emissions) trace.emit({ ...emission, flow: trace.flow });
    // A summary cut short leaves every trace that replays it incomplete too.
    if (summary.stoppedAt !== undefined) trace.stoppedAt ??= summary.stoppedAt;
    return true;
  }

  /**
   * Summarises every local function the file calls, innermost and last first, so a function's callees
   * (which mostly come after it or inside it) are summarised before it and no summary recurses into
   * another: a call chain thousands of functions long stays one walk per function.
   */
  private summarizeResults(): Map<Node, ResultSummary> {
    if (this.resultSummaries !== undefined) return this.resultSummaries;
    const summaries = new Map<Node, ResultSummary>();
    this.resultSummaries = summaries;
    const called = new Set<FunctionLikeNode>();
    for (const calls of this.callIndex().values()) {
      for (const call of calls) {
        if (!mayCallLocalFunction(call)) continue;
        const target = localFunction(wrapNode(this.sourceFile, call.expression));
        if (target !== undefined) called.add(target);
      }
    }
    // A summary holds for every call of the function, serialized or not.
    const outer = this.serializing;
    this.serializing = 0;
    for (const fn of [...called].sort((a, b) => b.getStart() - a.getStart())) {
      const emissions: Emission[] = [];
      const summaryTrace: Trace = {
        flow: { kind: 'returned', functionId: '', functionName: getFunctionName(fn) },
        visited: new Set(),
        budget: { steps: traceStepBudget, depth: 0 },
        deferred: [],
        emit: (emission) => emissions.push(emission),
      };
      for (const returned of returnedExpressions(fn)) this.trace(returned, summaryTrace);
      summaries.set(fn, summaryTrace.stoppedAt === undefined ? { emissions } : { emissions, stoppedAt: summaryTrace.stoppedAt });
    }
    this.serializing = outer;
    return summaries;
  }

  private traceCallback(argument: Node, trace: Trace, covered: ReadonlySet<string>): void {
    const local = localFunction(argument);
    if (local !== undefined) {
      for (const returned of returnedExpressions(local)) this.trace(returned, trace, covered);
      return;
    }
    const imported = importedCalleeName(argument, this.sourceFile);
    if (imported !== undefined) {
      this.recordInputFunction(imported, trace);
      return;
    }
    this.trace(argument, trace, covered);
  }

  private recordInputFunction(name: string, trace: Trace): void {
    if (trace.sink === undefined) return;
    const inputs = trace.sink.fact.inputFunctions ?? [];
    if (!inputs.includes(name)) inputs.push(name);
    trace.sink.fact.inputFunctions = inputs;
  }
}
