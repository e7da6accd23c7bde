import type { SourceFile } from 'ts-morph';
import { Node, SyntaxKind, ts } from './ts-morph-bindings.js';
import type { Vocabulary, VocabularyMatch } from '../vocabulary.js';
import { matchNameCached, tokenizeCached } from './name-cache.js';
import type { AttributeFlow } from './attributes.js';
import {
  classKinds,
  compilerFunctionName,
  enclosingCompilerFunction,
  functionLikeKinds,
  specifierNames,
  type CompilerFunctionLike,
} from './module-graph.js';
import { compilerCalleeSegments, type SinkCallNode } from './sinks.js';
import { compilerCallsOf, compilerNodeText, forEachDescendantOf, wrapNode } from './wrap-node.js';

// The tracer walks the compiler's nodes: a trace visits thousands of nodes, and wrapping each in a ts-morph
// node (and collecting the wrappers) took more time than the walk. Names are read as ts-morph's `getText()`
// and `getName()` read them, from the source text.

/** Whether a call turns its argument or receiver into text: `JSON.stringify(x)`, `String(x)`, `x.join(', ')`, `x.toString()`. */
function serializes(compilerFile: ts.SourceFile, call: ts.CallExpression): boolean {
  const callee = unwrapCompilerNode(call.expression);
  if (ts.isIdentifier(callee)) return compilerNodeText(compilerFile, callee) === 'String';
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const name = compilerNodeText(compilerFile, callee.name);
  return compilerNodeText(compilerFile, callee) === 'JSON.stringify' || name === 'join' || name === 'toString';
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
export function returnedCompilerExpressions(fn: CompilerFunctionLike): readonly ts.Node[] {
  let returned = returnedByFunction.get(fn);
  if (returned === undefined) {
    returned = findReturnedExpressions(fn);
    returnedByFunction.set(fn, returned);
  }
  return returned;
}

// A function is followed from each of its callers, each trace that reaches it, and its own decisions.
const returnedByFunction = new WeakMap<ts.Node, readonly ts.Node[]>();

function findReturnedExpressions(fn: CompilerFunctionLike): ts.Node[] {
  const body = fn.body;
  if (body === undefined) return [];
  if (!ts.isBlock(body)) return [body];
  // The function's own returns, in order: not those of functions and classes nested in it.
  const results: ts.Node[] = [];
  forEachDescendantOf(body, (node) => {
    if (functionLikeKinds.has(node.kind) || ts.isClassDeclaration(node) || ts.isClassExpression(node)) return false;
    if (ts.isReturnStatement(node) && node.expression !== undefined) results.push(node.expression);
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
const declarationsByIdentifier = new WeakMap<ts.Node, ts.Node | undefined>();

/** The declaration an identifier refers to, looked up scope by scope within the file (no type checker). */
export function resolveLocal(identifier: Node): Node | undefined {
  const declaration = resolveLocalDeclaration(identifier.getSourceFile().compilerNode, identifier.compilerNode);
  return declaration === undefined ? undefined : wrapNode(identifier.getSourceFile(), declaration);
}

/** `resolveLocal` over the compiler's nodes. */
export function resolveLocalDeclaration(compilerFile: ts.SourceFile, identifier: ts.Node): ts.Node | undefined {
  if (declarationsByIdentifier.has(identifier)) return declarationsByIdentifier.get(identifier);
  const declaration = findLocalDeclaration(compilerFile, identifier);
  declarationsByIdentifier.set(identifier, declaration);
  return declaration;
}

function findLocalDeclaration(compilerFile: ts.SourceFile, identifier: ts.Node): ts.Node | undefined {
  const wanted = compilerNodeText(compilerFile, identifier);
  for (let scope = identifier.parent; scope !== undefined; scope = scope.parent) {
    if (functionLikeKinds.has(scope.kind)) {
      for (const parameter of (scope as ts.SignatureDeclarationBase).parameters) {
        const found = bindingNamed(compilerFile, parameter.name, wanted);
        if (found !== undefined) return found.parent;
      }
    }
    if (ts.isForOfStatement(scope) || ts.isForInStatement(scope) || ts.isForStatement(scope)) {
      const initializer = scope.initializer;
      if (initializer !== undefined && ts.isVariableDeclarationList(initializer)) {
        for (const declaration of initializer.declarations) {
          const found = bindingNamed(compilerFile, declaration.name, wanted);
          if (found !== undefined) return found.parent;
        }
      }
    }
    if (ts.isCatchClause(scope)) {
      const declaration = scope.variableDeclaration;
      if (declaration !== undefined && bindingNamed(compilerFile, declaration.name, wanted) !== undefined) return declaration;
    }
    if (statementScopeKinds.has(scope.kind)) {
      const found = statementDeclarations(compilerFile, scope as ts.Node & { statements: ts.NodeArray<ts.Statement> }).get(wanted);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

// `this.method` names the same member of the same class from every call in it.
const thisMethodsByClass = new WeakMap<ts.Node, Map<string, CompilerFunctionLike | undefined>>();

/**
 * The method, getter or function-valued property a class declares under a name. Asked of ts-morph, whose member
 * lists leave out overloads, except in ambient code, and parameter properties.
 */
function methodOfThisClass(sourceFile: SourceFile, node: ts.Node, methodName: string): CompilerFunctionLike | undefined {
  let compilerClass: ts.Node | undefined = node.parent;
  while (compilerClass !== undefined && !classKinds.has(compilerClass.kind)) compilerClass = compilerClass.parent;
  if (compilerClass === undefined) return undefined;
  let methods = thisMethodsByClass.get(compilerClass);
  if (methods === undefined) {
    methods = new Map();
    thisMethodsByClass.set(compilerClass, methods);
  }
  if (methods.has(methodName)) return methods.get(methodName);
  const classNode = wrapNode(sourceFile, compilerClass);
  let found: CompilerFunctionLike | undefined;
  if (Node.isClassDeclaration(classNode) || Node.isClassExpression(classNode)) {
    const method = classNode.getMethod(methodName) ?? classNode.getGetAccessor(methodName);
    if (method !== undefined) found = method.compilerNode;
    else {
      const initializer = classNode.getProperty(methodName)?.compilerNode.initializer;
      if (initializer !== undefined && functionLikeKinds.has(initializer.kind)) found = initializer as CompilerFunctionLike;
    }
  }
  methods.set(methodName, found);
  return found;
}

/** Whether a call's callee has a shape `localCompilerFunction` can resolve: a function, a name or a `this.` member. */
function mayCallLocalFunction(call: ts.CallExpression): boolean {
  const target = unwrapCompilerNode(call.expression);
  return functionLikeKinds.has(target.kind) || ts.isIdentifier(target) || (ts.isPropertyAccessExpression(target) && target.expression.kind === SyntaxKind.ThisKeyword);
}

/** The function a callee or callback names in this file: a declaration, a const arrow, or a `this.` method. */
export function localCompilerFunction(sourceFile: SourceFile, expression: ts.Node): CompilerFunctionLike | undefined {
  const compilerFile = sourceFile.compilerNode;
  const target = unwrapCompilerNode(expression);
  if (functionLikeKinds.has(target.kind)) return target as CompilerFunctionLike;
  if (ts.isIdentifier(target)) {
    const declaration = resolveLocalDeclaration(compilerFile, target);
    if (declaration === undefined) return undefined;
    if (ts.isFunctionDeclaration(declaration)) return declaration;
    if (ts.isVariableDeclaration(declaration)) {
      const initializer = declaration.initializer;
      if (initializer !== undefined && functionLikeKinds.has(unwrapCompilerNode(initializer).kind)) return unwrapCompilerNode(initializer) as CompilerFunctionLike;
    }
    return undefined;
  }
  if (ts.isPropertyAccessExpression(target) && target.expression.kind === SyntaxKind.ThisKeyword) {
    return methodOfThisClass(sourceFile, target, compilerNodeText(compilerFile, target.name));
  }
  return undefined;
}

// The names a file's import declarations bind, read once per parse over the compiler's nodes: every traced call asks.
const importedNamesByFile = new WeakMap<object, Set<string>>();

function importedNamesOf(compilerFile: ts.SourceFile): Set<string> {
  let names = importedNamesByFile.get(compilerFile);
  if (names === undefined) {
    names = new Set();
    for (const declaration of compilerFile.statements) {
      if (!ts.isImportDeclaration(declaration)) continue;
      const clause = declaration.importClause;
      if (clause?.name !== undefined) names.add(compilerNodeText(compilerFile, clause.name));
      const bindings = clause?.namedBindings;
      if (bindings !== undefined && ts.isNamespaceImport(bindings)) names.add(compilerNodeText(compilerFile, bindings.name));
      if (bindings !== undefined && ts.isNamedImports(bindings)) {
        for (const named of bindings.elements) names.add(specifierNames(compilerFile, named).as);
      }
    }
    importedNamesByFile.set(compilerFile, names);
  }
  return names;
}

function isImported(sourceFile: SourceFile, identifier: ts.Node): boolean {
  const compilerFile = sourceFile.compilerNode;
  if (importedNamesOf(compilerFile).has(compilerNodeText(compilerFile, identifier))) return true;
  const declaration = resolveLocalDeclaration(compilerFile, identifier);
  if (declaration === undefined || (!ts.isVariableDeclaration(declaration) && !ts.isBindingElement(declaration))) return false;
  let holder: ts.Node | undefined = declaration;
  if (ts.isBindingElement(declaration)) {
    holder = declaration.parent;
    while (holder !== undefined && !ts.isVariableDeclaration(holder)) holder = holder.parent;
  }
  const initializer = holder === undefined ? undefined : (holder as ts.VariableDeclaration).initializer;
  return initializer !== undefined && ts.isCallExpression(initializer) && compilerNodeText(compilerFile, initializer.expression) === 'require';
}

/** The callee of a call as the link stage needs it: `toRow` or `features.toRow`, when it is imported. */
function importedCalleeName(sourceFile: SourceFile, expression: ts.Node): string | undefined {
  const compilerFile = sourceFile.compilerNode;
  const target = unwrapCompilerNode(expression);
  if (ts.isIdentifier(target)) return isImported(sourceFile, target) ? compilerNodeText(compilerFile, target) : undefined;
  if (ts.isPropertyAccessExpression(target) && ts.isIdentifier(target.expression)) {
    return isImported(sourceFile, target.expression) ? compilerNodeText(compilerFile, target) : undefined;
  }
  return undefined;
}

/** A string literal that reads as a key or column name (`'date_of_birth'`), never a sentence. */
export function literalNameValue(node: ts.Node): string | undefined {
  if (!ts.isStringLiteral(node) && !ts.isNoSubstitutionTemplateLiteral(node)) return undefined;
  const value = node.text;
  return /^[A-Za-z_$][\w$.\-]{0,63}$/.test(value) ? value : undefined;
}

// The kinds whose `expression` `FlowTracer.traceUnvisited` follows as it is.
const expressionHolderKinds: ReadonlySet<SyntaxKind> = new Set([
  SyntaxKind.ParenthesizedExpression,
  SyntaxKind.AsExpression,
  SyntaxKind.NonNullExpression,
  SyntaxKind.SatisfiesExpression,
  SyntaxKind.TypeAssertionExpression,
  SyntaxKind.AwaitExpression,
  SyntaxKind.SpreadElement,
  SyntaxKind.TypeOfExpression,
  SyntaxKind.VoidExpression,
]);

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
  ...expressionHolderKinds,
  ...functionLikeKinds,
]);

/** A name that matched, where, and the flow it was found on. */
export interface Emission {
  node: ts.Node;
  name: string;
  match: VocabularyMatch;
  flow: AttributeFlow;
}

/** What tracing a function's result found, and where it stopped if its budget ran out. */
interface ResultSummary {
  emissions: Emission[];
  stoppedAt?: ts.Node;
}

/** One backward walk from a sink, decision, column list or returned value. */
export interface Trace {
  flow: AttributeFlow;
  visited: Set<ts.Node>;
  /** Nodes a trace may still visit, and how deep it is now. */
  budget: { steps: number; depth: number };
  /** Nodes reached at the stack depth limit, followed once the walk is back at the top. */
  deferred: { node: ts.Node; covered: ReadonlySet<string> }[];
  /** The first node the trace did not follow because its step budget ran out; unset while it is complete. */
  stoppedAt?: ts.Node;
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
  private readonly compilerFile: ts.SourceFile;
  private readonly sinkNodes: Set<ts.Node>;
  private callsByName: Map<string, ts.CallExpression[]> | undefined;
  /**
   * What tracing each called function's result finds when nothing is covered yet. Without a caller's
   * parameters in play (a `returned` trace never follows them) that is the same wherever the call is, so
   * it is traced once and replayed: a chain of exported functions each returning the next one's result
   * otherwise re-walks the whole rest of the chain from every function in it.
   */
  private resultSummaries: Map<ts.Node, ResultSummary> | undefined;
  // Every trace asks the same questions at each step: a long chain walked from many sinks asks them
  // thousands of times, so the answers are kept for the file.
  private readonly matches = new Map<string, VocabularyMatch | undefined>();
  private readonly callsByFunction = new Map<ts.Node, ts.CallExpression[]>();
  private readonly writesByScope = new Map<ts.Node, Map<string, ts.Node[]>>();
  /** How many serializing calls (see `serializes`) the walk is inside now. */
  private serializing = 0;

  constructor(
    private readonly sourceFile: SourceFile,
    private readonly vocabulary: Vocabulary,
    sinks: SinkCallNode[],
  ) {
    this.compilerFile = sourceFile.compilerNode;
    this.sinkNodes = new Set(sinks.map((sink) => sink.node.compilerNode));
  }

  private text(node: ts.Node): string {
    return compilerNodeText(this.compilerFile, node);
  }

  /** Follows one expression back, and at the top of a walk everything it left for later. */
  trace(node: ts.Node, trace: Trace, covered: ReadonlySet<string> = new Set()): void {
    const atTop = trace.budget.depth === 0;
    this.visit(node, trace, covered);
    if (!atTop) return;
    for (let next = trace.deferred.pop(); next !== undefined; next = trace.deferred.pop()) this.visit(next.node, trace, next.covered);
  }

  private visit(node: ts.Node, trace: Trace, covered: ReadonlySet<string>): void {
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
  private takeStep(node: ts.Node, trace: Trace): boolean {
    if (trace.budget.steps <= 0) {
      trace.stoppedAt ??= node;
      return false;
    }
    trace.budget.steps -= 1;
    return true;
  }

  /** Emits a name when it matches, and returns the categories covered from here on back. */
  private check(node: ts.Node, name: string, trace: Trace, covered: ReadonlySet<string>, ownerText?: string): ReadonlySet<string> {
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

  private traceUnvisited(node: ts.Node, trace: Trace, covered: ReadonlySet<string>): void {
    // Literals, keywords and the like lead nowhere: one lookup instead of every test below.
    if (!followedKinds.has(node.kind)) return;
    if (ts.isIdentifier(node)) {
      this.traceIdentifier(node, trace, covered);
      return;
    }
    if (ts.isPropertyAccessExpression(node)) {
      const name = this.text(node.name);
      // How many travellers there are says nothing about who they are.
      if (countProperties.has(name)) return;
      const receiver = node.expression;
      const next = this.check(node.name, name, trace, covered, this.text(receiver));
      this.traceReceiver(receiver, trace, next);
      return;
    }
    if (ts.isElementAccessExpression(node)) {
      const argument = node.argumentExpression as ts.Expression | undefined;
      let next = covered;
      if (argument !== undefined) {
        const key = literalNameValue(argument);
        if (key !== undefined) next = this.check(argument, key, trace, covered);
        else this.trace(argument, trace, covered);
      }
      this.traceReceiver(node.expression, trace, next);
      return;
    }
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      // A literal names a column only in a list or as an argument (`select(['age'])`, `people.set('gender', g)`);
      // compared or returned (`gender === 'female'`) it is a value.
      const parent = node.parent;
      const value = literalNameValue(node);
      // A list serialized whole (`JSON.stringify(FIELDS)` in a prompt) is the names of fields, sent as text.
      const isColumnName =
        (ts.isArrayLiteralExpression(parent) && this.serializing === 0) || (ts.isCallExpression(parent) && parent.expression !== node);
      if (value !== undefined && isColumnName) this.check(node, value, trace, covered);
      return;
    }
    if (ts.isTemplateExpression(node)) {
      for (const span of node.templateSpans) this.trace(span.expression, trace, covered);
      return;
    }
    if (ts.isObjectLiteralExpression(node)) {
      for (const property of node.properties) this.traceProperty(property, trace, covered);
      return;
    }
    if (ts.isArrayLiteralExpression(node)) {
      for (const element of node.elements) this.trace(element, trace, covered);
      return;
    }
    if (ts.isCallExpression(node)) {
      this.traceCall(node, trace, covered);
      return;
    }
    if (ts.isNewExpression(node)) {
      for (const argument of node.arguments ?? []) this.trace(argument, trace, covered);
      return;
    }
    if (ts.isConditionalExpression(node)) {
      this.trace(node.condition, trace, covered);
      this.trace(node.whenTrue, trace, covered);
      this.trace(node.whenFalse, trace, covered);
      return;
    }
    if (ts.isBinaryExpression(node)) {
      this.trace(node.left, trace, covered);
      this.trace(node.right, trace, covered);
      return;
    }
    if (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) {
      this.trace(node.operand, trace, covered);
      return;
    }
    if (expressionHolderKinds.has(node.kind)) {
      this.trace((node as ts.Node & { expression: ts.Expression }).expression, trace, covered);
      return;
    }
    if (functionLikeKinds.has(node.kind)) {
      for (const returned of returnedCompilerExpressions(node as CompilerFunctionLike)) this.trace(returned, trace, covered);
    }
  }

  /** Arguments in order: a column name (`set('gender', g)`) covers its category for the value after it. */
  traceArguments(args: readonly ts.Node[], trace: Trace, covered: ReadonlySet<string>): void {
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
      for (const call of compilerCallsOf(this.sourceFile)) {
        const callee = compilerCalleeSegments(this.compilerFile, call.expression).at(-1) ?? '';
        const calls = this.callsByName.get(callee);
        if (calls === undefined) this.callsByName.set(callee, [call]);
        else calls.push(call);
      }
    }
    return this.callsByName;
  }

  /**
   * The object a property is read from. A variable there names a container, not a value (`race.id` is
   * the id of a running race), so it is followed to its declaration without being matched itself;
   * a property there is still data (`c.gender.code`).
   */
  private traceReceiver(receiver: ts.Node, trace: Trace, covered: ReadonlySet<string>): void {
    const target = unwrapCompilerNode(receiver);
    if (!ts.isIdentifier(target)) {
      this.trace(target, trace, covered);
      return;
    }
    if (trace.visited.has(target) || !this.takeStep(target, trace)) return;
    trace.visited.add(target);
    this.followDeclaration(target, trace, covered);
  }

  private traceProperty(property: ts.ObjectLiteralElementLike, trace: Trace, covered: ReadonlySet<string>): void {
    if (ts.isPropertyAssignment(property)) {
      const nameNode = property.name;
      const initializer = property.initializer as ts.Expression | undefined;
      let next = covered;
      if (ts.isComputedPropertyName(nameNode)) this.trace(nameNode.expression, trace, covered);
      else {
        const name = ts.isStringLiteral(nameNode) ? nameNode.text : this.text(nameNode);
        next = this.check(nameNode, name, trace, covered);
      }
      if (initializer !== undefined) this.trace(initializer, trace, next);
      return;
    }
    if (ts.isShorthandPropertyAssignment(property)) {
      this.trace(property.name, trace, covered);
      return;
    }
    if (ts.isSpreadAssignment(property)) {
      this.trace(property.expression, trace, covered);
      return;
    }
    if (ts.isMethodDeclaration(property) || ts.isGetAccessorDeclaration(property)) {
      const next = this.check(property.name, this.text(property.name), trace, covered);
      for (const returned of returnedCompilerExpressions(property)) this.trace(returned, trace, next);
    }
  }

  private traceIdentifier(identifier: ts.Identifier, trace: Trace, covered: ReadonlySet<string>): void {
    this.followDeclaration(identifier, trace, this.check(identifier, this.text(identifier), trace, covered));
  }

  private followDeclaration(identifier: ts.Identifier, trace: Trace, next: ReadonlySet<string>): void {
    const declaration = resolveLocalDeclaration(this.compilerFile, identifier);
    if (declaration === undefined) return;
    if (ts.isVariableDeclaration(declaration)) {
      const initializer = declaration.initializer;
      if (initializer !== undefined) this.trace(initializer, trace, next);
      this.traceWrites(this.text(identifier), declaration, trace, next);
      return;
    }
    if (ts.isBindingElement(declaration)) {
      const propertyName = declaration.propertyName;
      const keyed = propertyName !== undefined ? this.check(propertyName, this.text(propertyName), trace, next) : next;
      let holder: ts.Node | undefined = declaration.parent;
      while (holder !== undefined && !ts.isVariableDeclaration(holder) && !ts.isParameter(holder)) holder = holder.parent;
      if (holder !== undefined && ts.isVariableDeclaration(holder)) {
        const initializer = holder.initializer;
        if (initializer !== undefined) this.trace(initializer, trace, keyed);
      } else if (holder !== undefined && ts.isParameter(holder)) {
        this.traceParameter(holder, trace, keyed);
      }
      return;
    }
    if (ts.isParameter(declaration)) {
      this.traceParameter(declaration, trace, next);
      return;
    }
    if (ts.isFunctionDeclaration(declaration)) {
      for (const returned of returnedCompilerExpressions(declaration)) this.trace(returned, trace, next);
    }
  }

  /** Values a local receives after its declaration: `x = …`, `x.key = …`, `x.push(…)`, `Object.assign(x, …)`. */
  private traceWrites(name: string, declaration: ts.Node, trace: Trace, covered: ReadonlySet<string>): void {
    const scope = enclosingCompilerFunction(declaration)?.body ?? this.compilerFile;
    for (const write of this.writesIn(scope).get(name) ?? []) {
      if (ts.isBinaryExpression(write)) {
        const left = unwrapCompilerNode(write.left);
        // `x = …` hands over what is written; `x.key = …` and `x['key'] = …` add the key too.
        const keyed = ts.isPropertyAccessExpression(left) || ts.isElementAccessExpression(left) ? this.writtenKey(left, trace, covered) : covered;
        this.trace(write.right, trace, keyed);
      } else if (ts.isCallExpression(write)) {
        const callee = write.expression;
        if (ts.isPropertyAccessExpression(callee) && this.text(callee) === 'Object.assign') {
          for (const source of write.arguments.slice(1)) this.trace(source, trace, covered);
        } else {
          for (const argument of write.arguments) this.trace(argument, trace, covered);
        }
      }
    }
  }

  /**
   * The writes to each local name in a scope, in document order: assignments to it or to one of its keys, and
   * the calls that add to it. Collected in one walk per scope, since a trace asks about many names in the same
   * scope (a module-level one is the whole file).
   */
  private writesIn(scope: ts.Node): Map<string, ts.Node[]> {
    let writes = this.writesByScope.get(scope);
    if (writes !== undefined) return writes;
    const found = new Map<string, ts.Node[]>();
    const add = (name: string, node: ts.Node): void => {
      const list = found.get(name);
      if (list === undefined) found.set(name, [node]);
      else list.push(node);
    };
    forEachDescendantOf(scope, (node) => {
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === SyntaxKind.EqualsToken) {
        const left = unwrapCompilerNode(node.left);
        const root = ts.isPropertyAccessExpression(left) || ts.isElementAccessExpression(left) ? unwrapCompilerNode(left.expression) : left;
        if (ts.isIdentifier(root)) add(this.text(root), node);
        return;
      }
      if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return;
      const callee = node.expression;
      const receiver = unwrapCompilerNode(callee.expression);
      if (ts.isIdentifier(receiver) && addingMethods.has(this.text(callee.name))) add(this.text(receiver), node);
      if (this.text(callee) === 'Object.assign') {
        const target = node.arguments[0];
        if (target !== undefined && ts.isIdentifier(unwrapCompilerNode(target))) add(this.text(unwrapCompilerNode(target)), node);
      }
    });
    this.writesByScope.set(scope, found);
    return found;
  }

  private writtenKey(left: ts.PropertyAccessExpression | ts.ElementAccessExpression, trace: Trace, covered: ReadonlySet<string>): ReadonlySet<string> {
    if (ts.isPropertyAccessExpression(left)) return this.check(left.name, this.text(left.name), trace, covered);
    const argument = left.argumentExpression as ts.Expression | undefined;
    const key = argument === undefined ? undefined : literalNameValue(argument);
    if (argument !== undefined && key !== undefined) return this.check(argument, key, trace, covered);
    return covered;
  }

  /** A parameter of a named local function: follow the matching argument at each call in the file. */
  private traceParameter(parameter: ts.ParameterDeclaration, trace: Trace, covered: ReadonlySet<string>): void {
    // What a function returns is followed by its callers in the link stage, not back through its parameters.
    if (trace.flow.kind === 'returned') return;
    const fn = parameter.parent;
    if (!functionLikeKinds.has(fn.kind)) return;
    const index = fn.parameters.indexOf(parameter);
    const name = compilerFunctionName(this.compilerFile, fn as CompilerFunctionLike);
    if (name === '' || ts.isCallExpression(fn.parent)) return;
    for (const call of this.callsOf(fn as CompilerFunctionLike, name)) {
      const argument = call.arguments[index];
      if (argument !== undefined) this.trace(argument, trace, covered);
    }
  }

  /** The calls in the file of one local function. */
  private callsOf(fn: CompilerFunctionLike, name: string): ts.CallExpression[] {
    let calls = this.callsByFunction.get(fn);
    if (calls === undefined) {
      calls = (this.callIndex().get(name) ?? []).filter((call) => localCompilerFunction(this.sourceFile, call.expression) === fn);
      this.callsByFunction.set(fn, calls);
    }
    return calls;
  }

  private traceCall(call: ts.CallExpression, trace: Trace, covered: ReadonlySet<string>): void {
    // A model's output is not its input: what goes into a nested sink stays with that sink.
    if (this.sinkNodes.has(call)) return;
    // Within a serialization a list of names becomes text; any other call in between (`fields.map((f) => row[f])`)
    // turns names back into values.
    const outer = this.serializing;
    this.serializing = serializes(this.compilerFile, call) ? outer + 1 : 0;
    try {
      this.traceCallee(call, trace, covered);
    } finally {
      this.serializing = outer;
    }
  }

  private traceCallee(call: ts.CallExpression, trace: Trace, covered: ReadonlySet<string>): void {
    const callee = unwrapCompilerNode(call.expression);
    const args = call.arguments;
    const first = args[0];
    // `rows.find((r) => …)` walks an array; `repo.find({ where })` is a lookup, handled below.
    const takesCallback =
      first !== undefined &&
      (functionLikeKinds.has(unwrapCompilerNode(first).kind) ||
        localCompilerFunction(this.sourceFile, first) !== undefined ||
        ts.isIdentifier(unwrapCompilerNode(first)));
    if (ts.isPropertyAccessExpression(callee) && arrayCallbacks.has(this.text(callee.name)) && takesCallback) {
      this.trace(callee.expression, trace, covered);
      for (const argument of args) this.traceCallback(argument, trace, covered);
      return;
    }
    const local = localCompilerFunction(this.sourceFile, callee);
    if (local !== undefined) {
      if (!this.replayResult(local, trace, covered)) for (const returned of returnedCompilerExpressions(local)) this.trace(returned, trace, covered);
      this.traceArguments(args, trace, covered);
      return;
    }
    const imported = importedCalleeName(this.sourceFile, callee);
    if (imported !== undefined) this.recordInputFunction(imported, trace);
    const verb = tokenizeCached(compilerCalleeSegments(this.compilerFile, callee).at(-1) ?? '')[0] ?? '';
    if (lookupVerbs.has(verb)) return;
    if (ts.isPropertyAccessExpression(callee) && imported === undefined) this.trace(callee.expression, trace, covered);
    this.traceArguments(args, trace, covered);
  }

  /** Emits a called function's summarised result on a `returned` trace; false when there is none to use. */
  private replayResult(fn: CompilerFunctionLike, trace: Trace, covered: ReadonlySet<string>): boolean {
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
  private summarizeResults(): Map<ts.Node, ResultSummary> {
    if (this.resultSummaries !== undefined) return this.resultSummaries;
    const summaries = new Map<ts.Node, ResultSummary>();
    this.resultSummaries = summaries;
    const called = new Set<CompilerFunctionLike>();
    for (const calls of this.callIndex().values()) {
      for (const call of calls) {
        if (!mayCallLocalFunction(call)) continue;
        const target = localCompilerFunction(this.sourceFile, call.expression);
        if (target !== undefined) called.add(target);
      }
    }
    // A summary holds for every call of the function, serialized or not.
    const outer = this.serializing;
    this.serializing = 0;
    for (const fn of [...called].sort((a, b) => b.getStart(this.compilerFile) - a.getStart(this.compilerFile))) {
      const emissions: Emission[] = [];
      const summaryTrace: Trace = {
        flow: { kind: 'returned', functionId: '', functionName: compilerFunctionName(this.compilerFile, fn) },
        visited: new Set(),
        budget: { steps: traceStepBudget, depth: 0 },
        deferred: [],
        emit: (emission) => emissions.push(emission),
      };
      for (const returned of returnedCompilerExpressions(fn)) this.trace(returned, summaryTrace);
      summaries.set(fn, summaryTrace.stoppedAt === undefined ? { emissions } : { emissions, stoppedAt: summaryTrace.stoppedAt });
    }
    this.serializing = outer;
    return summaries;
  }

  private traceCallback(argument: ts.Node, trace: Trace, covered: ReadonlySet<string>): void {
    const local = localCompilerFunction(this.sourceFile, argument);
    if (local !== undefined) {
      for (const returned of returnedCompilerExpressions(local)) this.trace(returned, trace, covered);
      return;
    }
    const imported = importedCalleeName(this.sourceFile, argument);
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
