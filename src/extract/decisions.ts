import { Node, SyntaxKind } from './ts-morph-bindings.js';
import { containsSequence } from '../vocabulary.js';
import { tokenizeCached } from './name-cache.js';
import { arrayCallbacks, unwrap } from './flow-tracer.js';
import { decisionWords } from './profiling-words.js';
import { functionLikeKinds, getEnclosingFunction, getFunctionName } from './module-graph.js';
import { calleeSegments } from './sinks.js';
import { forEachCompilerDescendant, wrapNode } from './wrap-node.js';

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
  node: Node;
}

/** What a branch body decides, if anything: a decision-named assignment, return, call or push, or a sink. */
export function decisionEffectIn(body: Node | undefined, sinkNodes: Set<Node>, decidingFunction: string | undefined): DecisionEffect | undefined {
  if (body === undefined) return undefined;
  let effect: DecisionEffect | undefined;
  const consider = (node: Node): void => {
    if (effect !== undefined) return;
    if (sinkNodes.has(node)) {
      effect = { selects: 'a profiling call', node };
      return;
    }
    if (Node.isReturnStatement(node) && decidingFunction !== undefined) {
      effect = { selects: decidingFunction, node };
      return;
    }
    if (Node.isBinaryExpression(node) && node.getOperatorToken().getKind() === SyntaxKind.EqualsToken) {
      const left = unwrap(node.getLeft());
      const name = Node.isPropertyAccessExpression(left) ? left.getName() : left.getText();
      const word = decisionWordOf(name);
      if (word !== undefined) effect = { selects: word, node };
      return;
    }
    if (Node.isVariableDeclaration(node)) {
      const word = decisionWordOf(node.getName());
      if (word !== undefined) effect = { selects: word, node };
      return;
    }
    if (Node.isCallExpression(node)) {
      const segments = calleeSegments(node.getExpression());
      const own = segments.at(-1) ?? '';
      const word = decisionWordOf(own) ?? (['push', 'add', 'unshift'].includes(own) ? decisionWordOf(segments.at(-2) ?? '') : undefined);
      if (word !== undefined) effect = { selects: word, node };
    }
  };
  consider(body);
  // Over the compiler's nodes, wrapping only the kinds `consider` acts on: every branch of every `if` is searched.
  const sourceFile = body.getSourceFile();
  forEachCompilerDescendant(body, (node) => {
    if (effect !== undefined || functionLikeKinds.has(node.kind)) return false;
    if (effectKinds.has(node.kind)) consider(wrapNode(sourceFile, node));
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
export function decidingFunctionOf(node: Node): string | undefined {
  const fn = getEnclosingFunction(node);
  return fn === undefined ? undefined : decisionWordOf(getFunctionName(fn));
}

/** Where a conditional expression's or filter's value goes, when that place names a decision. */
export function decisionTargetOf(expression: Node): DecisionEffect | undefined {
  let current = expression;
  for (let parent = current.getParent(); parent !== undefined; current = parent, parent = parent.getParent()) {
    if (Node.isParenthesizedExpression(parent) || Node.isAsExpression(parent) || Node.isAwaitExpression(parent) || Node.isNonNullExpression(parent)) {
      continue;
    }
    // `.filter(…).map(…)`: the chain's value goes on to whatever holds the last call.
    if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === current && arrayCallbacks.has(parent.getName())) continue;
    if (Node.isCallExpression(parent) && parent.getExpression() === current) continue;
    if (Node.isVariableDeclaration(parent) || Node.isPropertyAssignment(parent)) {
      const word = decisionWordOf(parent.getName());
      return word === undefined ? undefined : { selects: word, node: parent };
    }
    if (Node.isBinaryExpression(parent) && parent.getOperatorToken().getKind() === SyntaxKind.EqualsToken && parent.getRight() === current) {
      const left = unwrap(parent.getLeft());
      const word = decisionWordOf(Node.isPropertyAccessExpression(left) ? left.getName() : left.getText());
      return word === undefined ? undefined : { selects: word, node: parent };
    }
    if (Node.isReturnStatement(parent) || Node.isArrowFunction(parent)) {
      const word = decidingFunctionOf(Node.isReturnStatement(parent) ? parent : current);
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
