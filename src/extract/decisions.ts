import { Node, SyntaxKind, ts } from './ts-morph-bindings.js';
import { containsSequence } from '../vocabulary.js';
import { tokenizeCached } from './name-cache.js';
import { arrayCallbacks, unwrap, unwrapCompilerNode } from './flow-tracer.js';
import { decisionWords } from './profiling-words.js';
import { compilerFunctionName, enclosingCompilerFunction, functionLikeKinds } from './module-graph.js';
import { compilerCalleeSegments } from './sinks.js';
import { compilerNodeText, forEachDescendantOf } from './wrap-node.js';

// Words that make a decision-looking name about logistics, text or routing rather than a person.
const nonPersonDecisionWords = new Set([
  'shipping', 'tax', 'vat', 'delivery', 'fulfillment', 'fulfilment', 'carrier', 'currency', 'zone', 'path', 'url', 'route',
  'validation', 'valid', 'error', 'format', 'line', 'string', 'text', 'char', 'byte', 'token', 'chunk', 'label', 'color',
  'style', 'class', 'width', 'height', 'size', 'index', 'cursor', 'page', 'timeline', 'audio', 'video', 'image', 'svg',
]);
/** Array methods whose predicate selects who is in the result. */
export const selectingMethods = new Set(['filter', 'find', 'findLast', 'some', 'every', 'partition', 'groupBy']);

// Every branch, assignment and function of a file asks for its name's decision word; names repeat.
const decisionWordByName = new Map<string, string | undefined>();

/** The decision word a name carries (`assignSegment` → `segment`), unless it is about logistics or text. */
export function decisionWordOf(name: string): string | undefined {
  if (decisionWordByName.has(name)) return decisionWordByName.get(name);
  if (decisionWordByName.size > 50_000) decisionWordByName.clear();
  const tokens = tokenizeCached(name);
  const word = tokens.some((token) => nonPersonDecisionWords.has(token))
    ? undefined
    : decisionWords.find((candidate) => containsSequence(tokens, candidate))?.join(' ');
  decisionWordByName.set(name, word);
  return word;
}

/** What a decision selects (`segment`, `price`…) and the node that applies it. */
export interface DecisionEffect {
  selects: string;
  node: ts.Node;
}

// The effects, deciding functions and targets are found over the compiler's nodes: every branch of every `if`
// and every conditional expression of a file is searched, and few of them decide anything.

/** The name an assignment writes to: a property's name (`c.segment = …`) or the target's text. */
function assignedName(compilerFile: ts.SourceFile, target: ts.Node): string {
  const left = unwrapCompilerNode(target);
  return ts.isPropertyAccessExpression(left) ? compilerNodeText(compilerFile, left.name) : compilerNodeText(compilerFile, left);
}

/** What a branch body decides, if anything: a decision-named assignment, return, call or push, or a sink. */
export function decisionEffectIn(
  compilerFile: ts.SourceFile,
  body: ts.Node | undefined,
  sinkNodes: ReadonlySet<ts.Node>,
  decidingFunction: string | undefined,
): DecisionEffect | undefined {
  if (body === undefined) return undefined;
  let effect: DecisionEffect | undefined;
  const consider = (node: ts.Node): void => {
    if (effect !== undefined) return;
    if (sinkNodes.has(node)) {
      effect = { selects: 'a profiling call', node };
      return;
    }
    if (ts.isReturnStatement(node) && decidingFunction !== undefined) {
      effect = { selects: decidingFunction, node };
      return;
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === SyntaxKind.EqualsToken) {
      const word = decisionWordOf(assignedName(compilerFile, node.left));
      if (word !== undefined) effect = { selects: word, node };
      return;
    }
    if (ts.isVariableDeclaration(node)) {
      const word = decisionWordOf(compilerNodeText(compilerFile, node.name));
      if (word !== undefined) effect = { selects: word, node };
      return;
    }
    if (ts.isCallExpression(node)) {
      const segments = compilerCalleeSegments(compilerFile, node.expression);
      const own = segments.at(-1) ?? '';
      const word = decisionWordOf(own) ?? (['push', 'add', 'unshift'].includes(own) ? decisionWordOf(segments.at(-2) ?? '') : undefined);
      if (word !== undefined) effect = { selects: word, node };
    }
  };
  consider(body);
  forEachDescendantOf(body, (node) => {
    if (effect !== undefined || functionLikeKinds.has(node.kind)) return false;
    if (effectKinds.has(node.kind)) consider(node);
    return true;
  });
  return effect;
}

// The kinds of node that can be a decision's effect in `decisionEffectIn` (a sink is a call).
const effectKinds: ReadonlySet<SyntaxKind> = new Set([
  SyntaxKind.ReturnStatement,
  SyntaxKind.BinaryExpression,
  SyntaxKind.VariableDeclaration,
  SyntaxKind.CallExpression,
]);

const judgementOperators = new Set([
  SyntaxKind.LessThanToken, SyntaxKind.LessThanEqualsToken, SyntaxKind.GreaterThanToken, SyntaxKind.GreaterThanEqualsToken,
  SyntaxKind.EqualsEqualsToken, SyntaxKind.EqualsEqualsEqualsToken, SyntaxKind.ExclamationEqualsToken,
  SyntaxKind.ExclamationEqualsEqualsToken,
]);

function isJudgement(node: Node): boolean {
  const expression = unwrap(node);
  if (Node.isPrefixUnaryExpression(expression)) return expression.getOperatorToken() === SyntaxKind.ExclamationToken;
  if (!Node.isBinaryExpression(expression)) return false;
  const operator = expression.getOperatorToken().getKind();
  // `a && b` judges only when a side does: `user.fullName || firstLastName` is a fallback, not a verdict.
  if (operator === SyntaxKind.AmpersandAmpersandToken || operator === SyntaxKind.BarBarToken) {
    return isJudgement(expression.getLeft()) || isJudgement(expression.getRight());
  }
  return judgementOperators.has(operator);
}

/** The part of a returned expression that judges: a comparison, a negation, a ternary's condition. */
export function judgementIn(returned: Node): Node | undefined {
  const expression = unwrap(returned);
  if (Node.isConditionalExpression(expression)) return expression.getCondition();
  return isJudgement(expression) ? expression : undefined;
}

/** The decision word of the function a node is in (`segmentFor`, `isEligible`, `priceFor`). */
export function decidingFunctionOf(compilerFile: ts.SourceFile, node: ts.Node): string | undefined {
  const fn = enclosingCompilerFunction(node);
  return fn === undefined ? undefined : decisionWordOf(compilerFunctionName(compilerFile, fn));
}

/** Where a conditional expression's or filter's value goes, when that place names a decision. */
export function decisionTargetOf(compilerFile: ts.SourceFile, expression: ts.Node): DecisionEffect | undefined {
  let current = expression;
  for (let parent = current.parent; parent !== undefined; current = parent, parent = parent.parent) {
    if (ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isAwaitExpression(parent) || ts.isNonNullExpression(parent)) {
      continue;
    }
    // `.filter(…).map(…)`: the chain's value goes on to whatever holds the last call.
    if (ts.isPropertyAccessExpression(parent) && parent.expression === current && arrayCallbacks.has(compilerNodeText(compilerFile, parent.name))) continue;
    if (ts.isCallExpression(parent) && parent.expression === current) continue;
    if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) {
      const word = decisionWordOf(compilerNodeText(compilerFile, parent.name));
      return word === undefined ? undefined : { selects: word, node: parent };
    }
    if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === SyntaxKind.EqualsToken && parent.right === current) {
      const word = decisionWordOf(assignedName(compilerFile, parent.left));
      return word === undefined ? undefined : { selects: word, node: parent };
    }
    if (ts.isReturnStatement(parent) || ts.isArrowFunction(parent)) {
      const word = decidingFunctionOf(compilerFile, ts.isReturnStatement(parent) ? parent : current);
      return word === undefined ? undefined : { selects: word, node: parent };
    }
    return undefined;
  }
  return undefined;
}

const booleanPrefixes = new Set(['is', 'has', 'was', 'can', 'should', 'will', 'did', 'does', 'are', 'needs']);
// Fields whose truthiness says only whether a value was given: `if (!lead.last_name)` validates, it does not decide.
const textFieldWords = new Set([
  'name', 'surname', 'email', 'phone', 'mobile', 'address', 'street', 'city', 'country', 'code', 'zip', 'postcode',
  'postal', 'date', 'birth', 'dob', 'birthday', 'number', 'id', 'language', 'locale', 'title',
]);

function isNullish(node: Node): boolean {
  const expression = unwrap(node);
  return Node.isNullLiteral(expression) || (Node.isIdentifier(expression) && expression.getText() === 'undefined');
}

/** Whether a condition only asks if a text field holds something, not what. */
function isPresenceOnly(expression: Node): boolean {
  if (!Node.isIdentifier(expression) && !Node.isPropertyAccessExpression(expression) && !Node.isElementAccessExpression(expression)) return false;
  const name = Node.isPropertyAccessExpression(expression)
    ? expression.getName()
    : Node.isElementAccessExpression(expression)
      ? expression.getArgumentExpression()?.getText().replace(/^['"`]|['"`]$/g, '') ?? ''
      : expression.getText();
  const tokens = tokenizeCached(name);
  return !booleanPrefixes.has(tokens[0] ?? '') && tokens.some((token) => textFieldWords.has(token));
}

/**
 * The parts of a condition that test a value rather than its presence: `!x.lastName`, `x.email && …`,
 * `x.phone != null` drop out; `x.age > 60`, `x.isPregnant` and calls stay.
 */
export function valueTestsIn(condition: Node): Node[] {
  const expression = unwrap(condition);
  if (Node.isPrefixUnaryExpression(expression) && expression.getOperatorToken() === SyntaxKind.ExclamationToken) {
    return valueTestsIn(expression.getOperand());
  }
  if (Node.isBinaryExpression(expression)) {
    const operator = expression.getOperatorToken().getKind();
    if (
      operator === SyntaxKind.AmpersandAmpersandToken ||
      operator === SyntaxKind.BarBarToken ||
      operator === SyntaxKind.QuestionQuestionToken
    ) {
      return [...valueTestsIn(expression.getLeft()), ...valueTestsIn(expression.getRight())];
    }
    const isEquality =
      operator === SyntaxKind.EqualsEqualsToken ||
      operator === SyntaxKind.ExclamationEqualsToken ||
      operator === SyntaxKind.EqualsEqualsEqualsToken ||
      operator === SyntaxKind.ExclamationEqualsEqualsToken;
    if (isEquality && (isNullish(expression.getLeft()) || isNullish(expression.getRight()))) return [];
  }
  return isPresenceOnly(expression) ? [] : [condition];
}
