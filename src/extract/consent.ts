import type { Expression, SourceFile, Statement } from 'ts-morph';
import { Node, SyntaxKind, ts } from './ts-morph-bindings.js';
import type { Span } from '../types.js';
import type { Catalogs } from '../catalogs.js';
import { coverageOf, coversSinkPurpose, findTerm, type ConsentCatalog } from './consent-catalog.js';
import { tokenizeCached } from './name-cache.js';
import { readConsent, segmentsOf, type ConsentRead } from './consent-reads.js';
import { unwrap } from './flow-tracer.js';
import { getEnclosingFunctionId, type CallSite, type ModuleFacts } from './module-graph.js';
import { compilerCallsOf, descendantsOfKind, wrapNode } from './wrap-node.js';

/** Whether a consent check for a covering purpose stands on every path to a node. */
export interface GuardState {
  status: 'guarded' | 'unguarded' | 'wrong-purpose';
  /** Purposes the checks on the path cover, as classified from the catalog (`ads`, `analytics`…). */
  purposes: string[];
  /** The check that guards, or the wrong-purpose check, for related locations. */
  checkSpan?: Span;
  /**
   * Sink purposes the checks on the path allow (`*` for a check whose purpose profilint cannot
   * classify). Set on call sites, whose callee's sinks and their purposes are only known at link time.
   */
  covers?: string[];
}

export { consentPurposeLabel, coversSinkPurpose, loadConsentCatalog, type ConsentCatalog, type ConsentPurpose } from './consent-catalog.js';

/** A consent check found in the file, for the inventory and related locations. */
export interface ConsentCheck {
  span: Span;
  purposes: string[];
  enclosingFunctionId?: string;
  /** For an SDK loaded behind consent (`withOneTrust(analytics)`): the sink catalog id it gates everywhere. */
  gatedSink?: string;
}

const newlinesByFile = new WeakMap<object, number[]>();

/**
 * The span between two offsets, as `spanOf` computes it (lines split at `\n`, columns in UTF-16 units)
 * but with a per-file index of newlines: consent analysis asks for many spans in one file.
 */
function spanBetween(sourceFile: SourceFile, startPosition: number, endPosition: number): Span {
  let newlines = newlinesByFile.get(sourceFile.compilerNode);
  if (newlines === undefined) {
    newlines = [];
    const text = sourceFile.getFullText();
    for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) newlines.push(index);
    newlinesByFile.set(sourceFile.compilerNode, newlines);
  }
  const lines = newlines;
  const locate = (position: number): { line: number; column: number } => {
    let low = 0;
    let high = lines.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (lines[middle]! < position) low = middle + 1;
      else high = middle;
    }
    const lineStart = low === 0 ? 0 : lines[low - 1]! + 1;
    return { line: low + 1, column: position - lineStart + 1 };
  };
  const start = locate(startPosition);
  const end = locate(endPosition);
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

function spanOfNode(node: Node): Span {
  return spanBetween(node.getSourceFile(), node.getStart(), node.getEnd());
}

/** One consent check known to hold on a path: the check, its purposes and the sink purposes it allows. */
interface PathCheck {
  node: Node;
  purposes: string[];
  covers: Set<string>;
}

const maxAliasDepth = 4;
const maxConditionNesting = 200;

/** Analyses conditions, early exits, filters, middleware and decorators for consent checks. */
class GuardAnalyzer {
  private readonly statementCache = new Map<object, PathCheck[]>();
  private readonly pathCache = new Map<object, PathCheck[]>();

  constructor(private readonly catalog: ConsentCatalog) {}

  private check(read: ConsentRead): PathCheck {
    return { node: read.node, purposes: read.purposes, covers: coverageOf(read.purposes, this.catalog) };
  }

  /** Checks known to hold when `node` evaluates to `truthy`; a conjunction. */
  evaluate(node: Node, truthy: boolean, depth = 0, nesting = 0): PathCheck[] {
    // A condition nested this deep is generated code, not a consent check.
    if (nesting > maxConditionNesting) return [];
    const expression = unwrap(node);
    if (Node.isPrefixUnaryExpression(expression) && expression.getOperatorToken() === SyntaxKind.ExclamationToken) {
      return this.evaluate(expression.getOperand(), !truthy, depth, nesting + 1);
    }
    if (Node.isBinaryExpression(expression)) {
      const operator = expression.getOperatorToken().getKind();
      const left = expression.getLeft();
      const right = expression.getRight();
      if (operator === SyntaxKind.AmpersandAmpersandToken) {
        return truthy
          ? [...this.evaluate(left, true, depth, nesting + 1), ...this.evaluate(right, true, depth, nesting + 1)]
          : this.either(this.evaluate(left, false, depth, nesting + 1), this.evaluate(right, false, depth, nesting + 1));
      }
      if (operator === SyntaxKind.BarBarToken) {
        return truthy
          ? this.either(this.evaluate(left, true, depth, nesting + 1), this.evaluate(right, true, depth, nesting + 1))
          : [...this.evaluate(left, false, depth, nesting + 1), ...this.evaluate(right, false, depth, nesting + 1)];
      }
      return this.evaluateComparison(left, right, operator, truthy, depth);
    }
    if (Node.isCallExpression(expression) && expression.getExpression().getText() === 'Boolean') {
      const argument = expression.getArguments()[0];
      return argument === undefined ? [] : this.evaluate(argument, truthy, depth, nesting + 1);
    }
    if (Node.isIdentifier(expression) && depth < maxAliasDepth) {
      const alias = resolveAlias(expression);
      if (alias !== undefined) {
        const checks = this.evaluate(alias, truthy, depth + 1, nesting + 1);
        if (checks.length > 0) return checks;
      }
    }
    return this.evaluateRead(expression, truthy, []);
  }

  private evaluateRead(node: Node, truthy: boolean, extraStrings: string[]): PathCheck[] {
    const read = readConsent(node, this.catalog, extraStrings);
    if (read === undefined || truthy === read.optOut) return [];
    return [this.check(read)];
  }

  /** `a || b` holds: a check holds only when both sides check consent; it allows what both allow. */
  private either(left: PathCheck[], right: PathCheck[]): PathCheck[] {
    const first = left[0];
    if (first === undefined || right.length === 0) return [];
    const leftCovers = new Set(left.flatMap((check) => [...check.covers]));
    const rightCovers = new Set(right.flatMap((check) => [...check.covers]));
    const covers = new Set<string>();
    for (const purpose of leftCovers) {
      if (purpose === '*') rightCovers.forEach((other) => covers.add(other));
      else if (rightCovers.has(purpose) || rightCovers.has('*')) covers.add(purpose);
    }
    const purposes = [...new Set([...left, ...right].flatMap((check) => check.purposes))].sort();
    return [{ node: first.node, purposes, covers }];
  }

  private evaluateComparison(left: Node, right: Node, operator: SyntaxKind, truthy: boolean, depth: number): PathCheck[] {
    const negatedOperators = [SyntaxKind.ExclamationEqualsEqualsToken, SyntaxKind.ExclamationEqualsToken, SyntaxKind.LessThanToken, SyntaxKind.LessThanEqualsToken];
    const equalityOperators = [SyntaxKind.EqualsEqualsEqualsToken, SyntaxKind.EqualsEqualsToken, SyntaxKind.GreaterThanToken, SyntaxKind.GreaterThanEqualsToken];
    if (!negatedOperators.includes(operator) && !equalityOperators.includes(operator)) return [];
    const leftIsValue = isLiteralValue(unwrap(left));
    const subject = leftIsValue ? right : left;
    const value = unwrap(leftIsValue ? left : right);
    let subjectTruthy = negatedOperators.includes(operator) ? !truthy : truthy;
    // `indexOf(…) > -1` reads as "present"; only (in)equality with a refusal value (`=== 'denied'`, `== null`) flips.
    const relational = ![SyntaxKind.EqualsEqualsEqualsToken, SyntaxKind.EqualsEqualsToken, SyntaxKind.ExclamationEqualsEqualsToken, SyntaxKind.ExclamationEqualsToken].includes(operator);
    if (!relational && isLiteralValue(value) && this.isNegativeValue(value)) subjectTruthy = !subjectTruthy;
    const strings = Node.isStringLiteral(value) || Node.isNoSubstitutionTemplateLiteral(value) ? [value.getLiteralValue()] : [];
    const unwrapped = unwrap(subject);
    if (Node.isIdentifier(unwrapped) && depth < maxAliasDepth) {
      const alias = resolveAlias(unwrapped);
      if (alias !== undefined) {
        const read = readConsent(alias, this.catalog, strings);
        if (read !== undefined) return subjectTruthy === read.optOut ? [] : [this.check(read)];
      }
    }
    return this.evaluateRead(unwrapped, subjectTruthy, strings);
  }

  private isNegativeValue(value: Node): boolean {
    if (value.getKind() === SyntaxKind.FalseKeyword || value.getKind() === SyntaxKind.NullKeyword) return true;
    if (Node.isIdentifier(value)) return value.getText() === 'undefined';
    if (Node.isPrefixUnaryExpression(value)) return value.getText() === '-1';
    if (Node.isNumericLiteral(value)) return value.getLiteralValue() === 0;
    if (Node.isStringLiteral(value) || Node.isNoSubstitutionTemplateLiteral(value)) {
      const text = value.getLiteralValue();
      return this.catalog.negativeValues.has(tokenizeCached(text).join(' ') || text);
    }
    return false;
  }

  /** Checks a middleware, guard list or route-options object stands for (`requireConsent('ads')`, `[auth, consentGuard]`). */
  middlewareChecks(node: Node): PathCheck[] {
    const expression = unwrap(node);
    if (Node.isArrayLiteralExpression(expression)) return expression.getElements().flatMap((element) => this.middlewareChecks(element));
    if (Node.isObjectLiteralExpression(expression)) {
      return expression.getProperties().flatMap((property) => {
        if (!Node.isPropertyAssignment(property) || !middlewareOptionNames.has(property.getName())) return [];
        const initializer = property.getInitializer();
        return initializer === undefined ? [] : this.middlewareChecks(initializer);
      });
    }
    if (!Node.isIdentifier(expression) && !Node.isPropertyAccessExpression(expression) && !Node.isCallExpression(expression) && !Node.isNewExpression(expression)) {
      return [];
    }
    const read = readConsent(expression, this.catalog);
    return read === undefined ? [] : [this.check(read)];
  }

  /** Checks a statement leaves in force for the statements after it: early exits, asserts, guarded `try`. */
  statementChecks(statement: Statement, routeReceivers: Set<string>): PathCheck[] {
    if (Node.isExpressionStatement(statement)) {
      const expression = unwrap(statement.getExpression());
      const callee = Node.isCallExpression(expression) ? expression.getExpression() : undefined;
      // `router.use(requireConsent('ads'))` guards the routes registered on `router` after it.
      if (
        Node.isCallExpression(expression) &&
        Node.isPropertyAccessExpression(callee) &&
        callee.getName() === 'use' &&
        routeReceivers.has(callee.getExpression().getText())
      ) {
        return expression.getArguments().flatMap((argument) => this.middlewareChecks(argument));
      }
    }
    // Every call in a function scans the statements before it, so each statement is judged once.
    let checks = this.statementCache.get(statement.compilerNode);
    if (checks === undefined) {
      checks = this.exitChecks(statement);
      this.statementCache.set(statement.compilerNode, checks);
    }
    return checks;
  }

  private exitChecks(statement: Statement): PathCheck[] {
    if (Node.isIfStatement(statement)) {
      const elseStatement = statement.getElseStatement();
      const thenExits = alwaysExits(statement.getThenStatement());
      const elseExits = elseStatement !== undefined && alwaysExits(elseStatement);
      if (thenExits && !elseExits) return this.evaluate(statement.getExpression(), false);
      if (elseExits && !thenExits) return this.evaluate(statement.getExpression(), true);
      return [];
    }
    if (Node.isExpressionStatement(statement)) return this.assertChecks(unwrap(statement.getExpression()));
    if (Node.isVariableStatement(statement)) {
      return statement.getDeclarations().flatMap((declaration) => {
        const initializer = declaration.getInitializer();
        return initializer === undefined ? [] : this.assertChecks(unwrap(initializer));
      });
    }
    if (Node.isTryStatement(statement)) {
      const catchBlock = statement.getCatchClause()?.getBlock();
      // An assert inside `try` still guards what follows when the `catch` gives up (returns or rethrows).
      if (catchBlock !== undefined && !alwaysExits(catchBlock)) return [];
      return statement
        .getTryBlock()
        .getStatements()
        .flatMap((inner) => this.exitChecks(inner));
    }
    return [];
  }

  private assertChecks(expression: Node): PathCheck[] {
    if (!Node.isCallExpression(expression)) return [];
    const read = readConsent(expression, this.catalog);
    return read !== undefined && read.asserts && !read.optOut ? [this.check(read)] : [];
  }

  /** Consent checks a collection went through: `users.filter((u) => u.consents.ads)`, or a const holding it. */
  filteredCollectionChecks(node: Node, depth = 0): PathCheck[] {
    if (depth > maxAliasDepth) return [];
    const expression = unwrap(node);
    if (Node.isIdentifier(expression)) {
      const alias = resolveAlias(expression);
      return alias === undefined ? [] : this.filteredCollectionChecks(alias, depth + 1);
    }
    if (!Node.isCallExpression(expression)) return [];
    const callee = expression.getExpression();
    if (!Node.isPropertyAccessExpression(callee)) return [];
    const method = callee.getName();
    if (method === 'filter') {
      const predicate = expression.getArguments()[0];
      const checks = predicate === undefined ? [] : this.predicateChecks(predicate);
      if (checks.length > 0) return checks;
    }
    if (!collectionPassThrough.has(method)) return [];
    return this.filteredCollectionChecks(callee.getExpression(), depth + 1);
  }

  private predicateChecks(predicate: Node): PathCheck[] {
    const expression = unwrap(predicate);
    if (Node.isArrowFunction(expression) || Node.isFunctionExpression(expression)) {
      const body = expression.getBody();
      if (!Node.isBlock(body)) return this.evaluate(body, true);
      const returned = body.getStatements().find((statement) => Node.isReturnStatement(statement));
      const value = returned !== undefined && Node.isReturnStatement(returned) ? returned.getExpression() : undefined;
      return value === undefined ? [] : this.evaluate(value, true);
    }
    return this.middlewareChecks(expression);
  }

  /** Every check that holds on every path to `target` within its file (callers are the link stage's job). */
  checksOnPath(target: Node): PathCheck[] {
    // A sink is also a call site: both ask about the same call.
    let checks = this.pathCache.get(target.compilerNode);
    if (checks === undefined) {
      checks = this.findChecksOnPath(target);
      this.pathCache.set(target.compilerNode, checks);
    }
    return checks;
  }

  private findChecksOnPath(target: Node): PathCheck[] {
    const checks: PathCheck[] = [];
    if (Node.isCallExpression(target)) {
      for (const argument of target.getArguments()) checks.push(...this.argumentFilterChecks(argument));
    }
    const routeReceivers = new Set<string>();
    let child: Node = target;
    for (let parent = child.getParent(); parent !== undefined; child = parent, parent = parent.getParent()) {
      if (Node.isIfStatement(parent)) {
        if (child === parent.getThenStatement()) checks.push(...this.evaluate(parent.getExpression(), true));
        else if (child === parent.getElseStatement()) checks.push(...this.evaluate(parent.getExpression(), false));
      } else if (Node.isConditionalExpression(parent)) {
        if (child === parent.getWhenTrue()) checks.push(...this.evaluate(parent.getCondition(), true));
        else if (child === parent.getWhenFalse()) checks.push(...this.evaluate(parent.getCondition(), false));
      } else if (Node.isBinaryExpression(parent) && child === parent.getRight()) {
        const operator = parent.getOperatorToken().getKind();
        if (operator === SyntaxKind.AmpersandAmpersandToken) checks.push(...this.evaluate(parent.getLeft(), true));
        else if (operator === SyntaxKind.BarBarToken) checks.push(...this.evaluate(parent.getLeft(), false));
      } else if (Node.isWhileStatement(parent) && child === parent.getStatement()) {
        checks.push(...this.evaluate(parent.getExpression(), true));
      } else if (Node.isForStatement(parent) && child === parent.getStatement()) {
        const condition = parent.getCondition();
        if (condition !== undefined) checks.push(...this.evaluate(condition, true));
      } else if ((Node.isForOfStatement(parent) || Node.isForInStatement(parent)) && child === parent.getStatement()) {
        if (referencesAny(target, bindingNames(parent.getInitializer()))) {
          checks.push(...this.filteredCollectionChecks(parent.getExpression()));
        }
      } else if (Node.isCaseClause(parent) && child !== parent.getExpression()) {
        const switchStatement = parent.getParent().getParent();
        checks.push(...this.evaluateComparison(switchStatement.getExpression(), parent.getExpression(), SyntaxKind.EqualsEqualsEqualsToken, true, 0));
      } else if (Node.isCallExpression(parent) && child !== parent.getExpression()) {
        checks.push(...this.callbackChecks(parent, child, target, routeReceivers));
      } else if (Node.isPropertyAssignment(parent) && isFunctionExpression(child)) {
        checks.push(...this.routeOptionsChecks(parent));
      }
      if (hasStatementList(parent)) {
        const statements = parent.getStatements();
        const index = statements.indexOf(child as Statement);
        for (let before = index - 1; before >= 0; before--) checks.push(...this.statementChecks(statements[before]!, routeReceivers));
      }
      if (Node.isMethodDeclaration(parent) || Node.isPropertyDeclaration(parent) || Node.isGetAccessorDeclaration(parent)) {
        checks.push(...this.decoratorChecks(parent));
        const owner = parent.getParent();
        if (Node.isClassDeclaration(owner)) checks.push(...this.decoratorChecks(owner));
        break;
      }
      // A declared function or a class runs when something calls it: its callers are the call graph's concern.
      if (Node.isFunctionDeclaration(parent) || Node.isConstructorDeclaration(parent) || Node.isClassDeclaration(parent)) break;
    }
    return checks;
  }

  private argumentFilterChecks(argument: Node): PathCheck[] {
    const expression = unwrap(argument);
    if (Node.isObjectLiteralExpression(expression)) {
      return expression.getProperties().flatMap((property) => {
        if (Node.isPropertyAssignment(property)) {
          const initializer = property.getInitializer();
          return initializer === undefined ? [] : this.filteredCollectionChecks(initializer);
        }
        if (Node.isShorthandPropertyAssignment(property)) return this.filteredCollectionChecks(property.getNameNode());
        return [];
      });
    }
    return this.filteredCollectionChecks(expression);
  }

  private callbackChecks(call: Node, argument: Node, target: Node, routeReceivers: Set<string>): PathCheck[] {
    if (!Node.isCallExpression(call)) return [];
    const callee = call.getExpression();
    const argumentsList = call.getArguments();
    const position = argumentsList.indexOf(argument);
    if (position < 0) return [];
    const checks: PathCheck[] = [];
    // `withConsent('ads', handler)`: a wrapper that runs the handler only with consent.
    const wrapper = isFunctionExpression(argument) || Node.isIdentifier(argument) ? this.wrapperRead(callee) : undefined;
    if (wrapper !== undefined) checks.push(this.check(wrapper));
    if (isFunctionExpression(argument) || Node.isIdentifier(argument)) {
      // `router.post('/x', requireConsent('ads'), handler)`: middleware before the handler.
      for (const earlier of argumentsList.slice(0, position)) checks.push(...this.middlewareChecks(earlier));
    }
    if (Node.isPropertyAccessExpression(callee)) {
      routeReceivers.add(callee.getExpression().getText());
      if (iterationMethods.has(callee.getName()) && isFunctionExpression(argument)) {
        const parameter = argument.getParameters()[0];
        if (parameter !== undefined && referencesAny(target, bindingNames(parameter))) {
          checks.push(...this.filteredCollectionChecks(callee.getExpression()));
        }
      }
    }
    return checks;
  }

  /** `withConsent(handler)`, `requireConsent('ads')(handler)`; not `hasConsent(u).then(…)`, which runs either way. */
  private wrapperRead(callee: Node): ConsentRead | undefined {
    const last = segmentsOf(callee).at(-1);
    if (last === undefined || findTerm(tokenizeCached(last.name), this.catalog.consentTerms) === undefined) return undefined;
    const read = readConsent(callee, this.catalog);
    return read === undefined || read.optOut ? undefined : read;
  }

  /** Fastify `route({ preHandler: requireConsent('ads'), handler })`. */
  private routeOptionsChecks(property: Node): PathCheck[] {
    const literal = property.getParent();
    return literal === undefined || !Node.isObjectLiteralExpression(literal) ? [] : this.middlewareChecks(literal);
  }

  private decoratorChecks(node: Node): PathCheck[] {
    if (!Node.isDecoratable(node)) return [];
    return node.getDecorators().flatMap((decorator) => {
      const expression = decorator.getExpression();
      const direct = this.middlewareChecks(expression);
      if (direct.length > 0) return direct;
      // `@UseGuards(AuthGuard, ConsentGuard)`, `@UseGuards(new ConsentGuard('ads'))`.
      return Node.isCallExpression(expression) ? expression.getArguments().flatMap((argument) => this.middlewareChecks(argument)) : [];
    });
  }
}

const middlewareOptionNames = new Set(['preHandler', 'onRequest', 'preValidation', 'beforeHandler', 'middleware', 'middlewares', 'guards', 'use']);
const collectionPassThrough = new Set(['filter', 'map', 'slice', 'sort', 'reverse', 'concat', 'flat', 'flatMap', 'toSorted', 'toReversed']);
const iterationMethods = new Set(['forEach', 'map', 'flatMap', 'reduce', 'filter', 'some', 'every', 'find', 'findIndex']);

function isFunctionExpression(node: Node): node is import('ts-morph').ArrowFunction | import('ts-morph').FunctionExpression {
  return Node.isArrowFunction(node) || Node.isFunctionExpression(node);
}

function hasStatementList(node: Node): node is Node & { getStatements(): Statement[] } {
  return Node.isBlock(node) || Node.isSourceFile(node) || Node.isModuleBlock(node) || Node.isCaseClause(node) || Node.isDefaultClause(node);
}

function isLiteralValue(node: Node): boolean {
  const kind = node.getKind();
  return (
    Node.isStringLiteral(node) ||
    Node.isNoSubstitutionTemplateLiteral(node) ||
    Node.isNumericLiteral(node) ||
    kind === SyntaxKind.TrueKeyword ||
    kind === SyntaxKind.FalseKeyword ||
    kind === SyntaxKind.NullKeyword ||
    (Node.isIdentifier(node) && node.getText() === 'undefined') ||
    (Node.isPrefixUnaryExpression(node) && Node.isNumericLiteral(node.getOperand()))
  );
}

function alwaysExits(statement: Statement): boolean {
  if (Node.isReturnStatement(statement) || Node.isThrowStatement(statement) || Node.isContinueStatement(statement) || Node.isBreakStatement(statement)) {
    return true;
  }
  if (Node.isBlock(statement)) return statement.getStatements().some(alwaysExits);
  if (Node.isIfStatement(statement)) {
    const elseStatement = statement.getElseStatement();
    return elseStatement !== undefined && alwaysExits(statement.getThenStatement()) && alwaysExits(elseStatement);
  }
  return false;
}

function bindingNames(node: Node | undefined): Set<string> {
  const names = new Set<string>();
  if (node === undefined) return names;
  if (Node.isIdentifier(node)) names.add(node.getText());
  for (const identifier of descendantsOfKind(node, SyntaxKind.Identifier)) names.add(identifier.getText());
  return names;
}

function referencesAny(node: Node, names: Set<string>): boolean {
  if (names.size === 0) return false;
  if (Node.isIdentifier(node) && names.has(node.getText())) return true;
  return descendantsOfKind(node, SyntaxKind.Identifier).some((identifier) => names.has(identifier.getText()));
}

/**
 * What a local name was set from, without the type checker: the initializer of the nearest `const`/`let`
 * declaring it before the use (`const ok = await hasConsent(u)`), or the receiver of a `.then(ok => …)`.
 */
function resolveAlias(identifier: Node): Expression | undefined {
  const name = identifier.getText();
  const position = identifier.getStart();
  for (let scope = identifier.getParent(); scope !== undefined; scope = scope.getParent()) {
    if (isFunctionExpression(scope)) {
      const parameter = scope.getParameters()[0];
      const call = scope.getParent();
      if (parameter !== undefined && parameter.getName() === name && call !== undefined && Node.isCallExpression(call)) {
        const callee = call.getExpression();
        if (Node.isPropertyAccessExpression(callee) && callee.getName() === 'then') return callee.getExpression();
      }
    }
    if (!hasStatementList(scope)) continue;
    for (const statement of scope.getStatements()) {
      if (statement.getStart() >= position) break;
      if (!Node.isVariableStatement(statement)) continue;
      for (const declaration of statement.getDeclarations()) {
        const nameNode = declaration.getNameNode();
        const declares = Node.isIdentifier(nameNode)
          ? nameNode.getText() === name
          : nameNode.getElements().some((element) => Node.isBindingElement(element) && element.getNameNode().getText() === name);
        if (declares) return declaration.getInitializer();
      }
    }
  }
  return undefined;
}

const mentionsByFile = new WeakMap<object, boolean>();
const analyzersByFile = new WeakMap<object, GuardAnalyzer>();

function analyzerFor(sourceFile: SourceFile, catalog: ConsentCatalog): GuardAnalyzer {
  let analyzer = analyzersByFile.get(sourceFile.compilerNode);
  if (analyzer === undefined) {
    analyzer = new GuardAnalyzer(catalog);
    analyzersByFile.set(sourceFile.compilerNode, analyzer);
  }
  return analyzer;
}

function fileMentionsConsent(sourceFile: SourceFile, catalog: ConsentCatalog): boolean {
  const key = sourceFile.compilerNode;
  let mentions = mentionsByFile.get(key);
  if (mentions === undefined) {
    mentions = catalog.mentionPattern.test(sourceFile.getFullText());
    mentionsByFile.set(key, mentions);
  }
  return mentions;
}

function decide(checks: PathCheck[], requiredPurpose: string, catalog: ConsentCatalog): GuardState {
  const covering = checks.find((check) => coversSinkPurpose(check.covers, requiredPurpose, catalog));
  if (covering !== undefined) return { status: 'guarded', purposes: covering.purposes, checkSpan: spanOfNode(covering.node) };
  const nearest = checks[0];
  if (nearest === undefined) return { status: 'unguarded', purposes: [] };
  const purposes = [...new Set(checks.flatMap((check) => check.purposes))].sort();
  return { status: 'wrong-purpose', purposes, checkSpan: spanOfNode(nearest.node) };
}

/** Decides the guard state of a node from the consent checks on its paths within the file. */
export function analyzeGuard(node: Node, requiredPurpose: string, catalogs: Catalogs): GuardState {
  const catalog = catalogs.consent;
  if (!fileMentionsConsent(node.getSourceFile(), catalog)) return { status: 'unguarded', purposes: [] };
  return decide(analyzerFor(node.getSourceFile(), catalog).checksOnPath(node), requiredPurpose, catalog);
}

/**
 * The consent checks on the paths to a call, for a call site whose callee's sinks are only known at
 * link time: `covers` says which sink purposes they allow.
 */
export function analyzeCallGuard(node: Node, catalogs: Catalogs): GuardState {
  const catalog = catalogs.consent;
  if (!fileMentionsConsent(node.getSourceFile(), catalog)) return { status: 'unguarded', purposes: [] };
  const checks = analyzerFor(node.getSourceFile(), catalog).checksOnPath(node);
  const first = checks[0];
  if (first === undefined) return { status: 'unguarded', purposes: [] };
  const covers = new Set(checks.flatMap((check) => [...check.covers]));
  return {
    status: 'guarded',
    purposes: [...new Set(checks.flatMap((check) => check.purposes))].sort(),
    checkSpan: spanOfNode(first.node),
    covers: [...covers].sort(),
  };
}

/** The sink an SDK call loads behind consent: `withOneTrust(analytics)`, `mixpanel.init(token, { opt_out_tracking_by_default: true })`. */
function gatedSinkOf(call: Node, catalog: ConsentCatalog): string | undefined {
  if (!Node.isCallExpression(call)) return undefined;
  const callee = call.getExpression();
  const name = Node.isPropertyAccessExpression(callee) ? callee.getName() : callee.getText();
  for (const sdk of catalog.consentGatedSdks) {
    if (sdk.wrappers.includes(name)) return sdk.sink;
    if (name !== 'init' && name !== 'load') continue;
    const startsOptedOut = call.getArguments().some(
      (argument) =>
        Node.isObjectLiteralExpression(argument) &&
        argument.getProperties().some((property) => {
          if (!Node.isPropertyAssignment(property) || !sdk.initOptions.includes(property.getName())) return false;
          return property.getInitializer()?.getKind() === SyntaxKind.TrueKeyword;
        }),
    );
    if (startsOptedOut && tokenizeCached(callee.getText())[0] === sdk.sink) return sdk.sink;
  }
  return undefined;
}

// The kinds of node `extractConsentChecks` inspects.
const inspectedKinds: ReadonlySet<SyntaxKind> = new Set([
  SyntaxKind.IfStatement,
  SyntaxKind.WhileStatement,
  SyntaxKind.DoStatement,
  SyntaxKind.ConditionalExpression,
  SyntaxKind.ForStatement,
  SyntaxKind.BinaryExpression,
  SyntaxKind.ExpressionStatement,
  SyntaxKind.VariableStatement,
  SyntaxKind.TryStatement,
  SyntaxKind.CallExpression,
  SyntaxKind.Decorator,
]);

/** Every consent check in the file: conditions, early exits, asserts, filters, middleware and decorators. */
export function extractConsentChecks(sourceFile: SourceFile, catalogs: Catalogs): ConsentCheck[] {
  const catalog = catalogs.consent;
  if (!fileMentionsConsent(sourceFile, catalog)) return [];
  const analyzer = analyzerFor(sourceFile, catalog);
  const found = new Map<string, ConsentCheck>();
  const add = (checks: PathCheck[]): void => {
    for (const check of checks) {
      const span = spanOfNode(check.node);
      const key = `${span.line}:${span.column}:${span.endLine}:${span.endColumn}`;
      if (found.has(key)) continue;
      const fact: ConsentCheck = { span, purposes: check.purposes };
      const enclosingFunctionId = getEnclosingFunctionId(check.node);
      if (enclosingFunctionId !== undefined) fact.enclosingFunctionId = enclosingFunctionId;
      found.set(key, fact);
    }
  };
  const both = (condition: Node): void => {
    add(analyzer.evaluate(condition, true));
    add(analyzer.evaluate(condition, false));
  };
  const inspect = (node: Node): void => {
    if (Node.isIfStatement(node) || Node.isWhileStatement(node) || Node.isDoStatement(node)) both(node.getExpression());
    else if (Node.isConditionalExpression(node)) both(node.getCondition());
    else if (Node.isForStatement(node)) {
      const condition = node.getCondition();
      if (condition !== undefined) both(condition);
    } else if (Node.isBinaryExpression(node)) {
      const operator = node.getOperatorToken().getKind();
      const parent = node.getParent();
      const nested = parent !== undefined && Node.isBinaryExpression(parent);
      if (!nested && (operator === SyntaxKind.AmpersandAmpersandToken || operator === SyntaxKind.BarBarToken)) both(node.getLeft());
    } else if (Node.isExpressionStatement(node) || Node.isVariableStatement(node) || Node.isTryStatement(node)) {
      add(analyzer.statementChecks(node, new Set()));
    } else if (Node.isCallExpression(node)) {
      const gatedSink = gatedSinkOf(node, catalog);
      if (gatedSink !== undefined) {
        const fact: ConsentCheck = { span: spanOfNode(node), purposes: [], gatedSink };
        const enclosingFunctionId = getEnclosingFunctionId(node);
        if (enclosingFunctionId !== undefined) fact.enclosingFunctionId = enclosingFunctionId;
        found.set(`gate:${fact.span.line}:${fact.span.column}`, fact);
      }
      add(analyzer.filteredCollectionChecks(node));
      const argumentsList = node.getArguments();
      argumentsList.forEach((argument, index) => {
        if (index < argumentsList.length - 1) add(analyzer.middlewareChecks(argument));
      });
    } else if (Node.isDecorator(node)) {
      const expression = node.getExpression();
      add(analyzer.middlewareChecks(expression));
      if (Node.isCallExpression(expression)) expression.getArguments().forEach((argument) => add(analyzer.middlewareChecks(argument)));
    }
  };
  // An explicit stack (generated code can nest deeper than the call stack) of the compiler's nodes, last child
  // first, wrapping only the kinds `inspect` acts on: wrapping every node of the file cost more than the checks.
  const pending: ts.Node[] = [sourceFile.compilerNode];
  const pushChild = (child: ts.Node): void => {
    pending.push(child);
  };
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (node !== sourceFile.compilerNode && inspectedKinds.has(node.kind)) inspect(wrapNode(sourceFile, node));
    ts.forEachChild(node, pushChild);
  }
  return [...found.values()].sort((a, b) => a.span.line - b.span.line || a.span.column - b.span.column);
}

/** Sets the guard of each call site the module graph found, for inter-procedural guarding at link time. */
export function guardCallSites(sourceFile: SourceFile, module: ModuleFacts, catalogs: Catalogs): void {
  if (module.calls.length === 0 || !fileMentionsConsent(sourceFile, catalogs.consent)) return;
  // Only calls the call graph can follow need a guard: not `describe(…)`, `expect(…)` or other globals.
  const callable = callableNames(module);
  const calls = module.calls.filter((site) => site.calleeText.includes('.') || callable.has(site.calleeText));
  if (calls.length === 0) return;
  const spanKey = (span: Span): string => `${span.line}:${span.column}:${span.endLine}:${span.endColumn}`;
  const wanted = new Set(calls.map((site) => spanKey(site.span)));
  const compilerFile = sourceFile.compilerNode;
  const callsBySpan = new Map<string, Node>();
  for (const node of compilerCallsOf(sourceFile)) {
    const key = spanKey(spanBetween(sourceFile, node.getStart(compilerFile), node.getEnd()));
    if (wanted.has(key)) callsBySpan.set(key, wrapNode(sourceFile, node));
  }
  for (const site of calls) {
    const node = callsBySpan.get(spanKey(site.span));
    if (node !== undefined) site.guard = analyzeCallGuard(node, catalogs);
  }
}

/** The ts-morph node of a compiler node, wrapping only the nodes on the way down to it. */
function callableNames(module: ModuleFacts): Set<string> {
  return new Set([
    ...module.functions.map((fact) => fact.name).filter((name) => name !== ''),
    // Only relative imports can name a function of the project.
    ...module.imports.filter((entry) => entry.importedName !== '*' && entry.specifier.startsWith('.')).map((entry) => entry.localName),
  ]);
}

/**
 * Functions passed by name to a call (route handlers, callbacks), as call sites of the function with
 * the guard in force where they are passed: `router.post('/x', requireConsent('ads'), track)`.
 */
export function extractFunctionReferences(sourceFile: SourceFile, module: ModuleFacts, catalogs: Catalogs): CallSite[] {
  const callable = callableNames(module);
  if (callable.size === 0) return [];
  // Walk the compiler's tree and wrap only what a guard needs: wrapping every node costs more than the rest of consent analysis.
  const compilerFile = sourceFile.compilerNode;
  const spanKey = (span: Span): string => `${span.line}:${span.column}:${span.endLine}:${span.endColumn}`;
  const functionIdsBySpan = new Map(module.functions.map((fact) => [spanKey(fact.span), fact.id]));
  const mentionsConsent = fileMentionsConsent(sourceFile, catalogs.consent);
  const references: CallSite[] = [];
  const enclosingIdOf = (node: ts.Node): string | undefined => {
    for (let current = node.parent; current !== undefined; current = current.parent) {
      if (ts.isFunctionLike(current) && functionIdsBySpan.size > 0) {
        const id = functionIdsBySpan.get(spanKey(spanBetween(sourceFile, current.getStart(compilerFile), current.getEnd())));
        if (id !== undefined) return id;
      }
    }
    return undefined;
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      for (const argument of node.arguments) {
        if (!ts.isIdentifier(argument) || !callable.has(argument.text)) continue;
        const start = argument.getStart(compilerFile);
        const wrapped = mentionsConsent ? wrapNode(sourceFile, argument) : undefined;
        const site: CallSite = {
          calleeText: argument.text,
          calleeName: argument.text,
          span: spanBetween(sourceFile, start, argument.getEnd()),
          guard: wrapped === undefined ? { status: 'unguarded', purposes: [] } : analyzeCallGuard(wrapped, catalogs),
        };
        const enclosingFunctionId = enclosingIdOf(argument);
        if (enclosingFunctionId !== undefined) site.enclosingFunctionId = enclosingFunctionId;
        references.push(site);
      }
    }
  };
  for (const node of compilerCallsOf(sourceFile)) visit(node);
  return references.sort((a, b) => a.span.line - b.span.line || a.span.column - b.span.column);
}

/** Calls of a method on an object held in a field, `this.tracking.send(user)`, with the guard in force there. */
export function extractMemberCalls(sourceFile: SourceFile, module: ModuleFacts, catalogs: Catalogs): CallSite[] {
  const compilerFile = sourceFile.compilerNode;
  const spanKey = (span: Span): string => `${span.line}:${span.column}:${span.endLine}:${span.endColumn}`;
  const functionIdsBySpan = new Map(module.functions.map((fact) => [spanKey(fact.span), fact.id]));
  const mentionsConsent = fileMentionsConsent(sourceFile, catalogs.consent);
  const calls: CallSite[] = [];
  for (const node of compilerCallsOf(sourceFile)) {
    if (!ts.isPropertyAccessExpression(node.expression)) continue;
    const holder = node.expression.expression;
    if (!ts.isPropertyAccessExpression(holder) || holder.expression.kind !== SyntaxKind.ThisKeyword) continue;
    const start = node.getStart(compilerFile);
    const wrapped = mentionsConsent ? wrapNode(sourceFile, node) : undefined;
    const site: CallSite = {
      calleeText: node.expression.getText(compilerFile),
      calleeName: node.expression.name.text,
      span: spanBetween(sourceFile, start, node.getEnd()),
      guard: wrapped === undefined ? { status: 'unguarded', purposes: [] } : analyzeCallGuard(wrapped, catalogs),
    };
    for (let current = node.parent; current !== undefined; current = current.parent) {
      if (!ts.isFunctionLike(current)) continue;
      const id = functionIdsBySpan.get(spanKey(spanBetween(sourceFile, current.getStart(compilerFile), current.getEnd())));
      if (id === undefined) continue;
      site.enclosingFunctionId = id;
      break;
    }
    calls.push(site);
  }
  return calls.sort((a, b) => a.span.line - b.span.line || a.span.column - b.span.column);
}
