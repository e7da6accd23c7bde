import type { Expression, SourceFile, VariableDeclaration } from 'ts-morph';
import { Node, SyntaxKind, ts } from './ts-morph-bindings.js';
import { compilerNodesOfKind, compilerNodeText, wrapNode } from './wrap-node.js';

/** A unit an API counts a duration in. */
export type DurationUnit = 'milliseconds' | 'seconds' | 'minutes' | 'hours' | 'days' | 'weeks';

const secondsPerUnit: Record<DurationUnit, number> = {
  milliseconds: 0.001,
  seconds: 1,
  minutes: 60,
  hours: 3_600,
  days: 86_400,
  weeks: 604_800,
};

// The `ms` package's units; its year is 365.25 days, so `ms('1y')` is evaluated as the package does.
const msPerMsUnit: Record<string, number> = {
  ms: 1, msec: 1, msecs: 1, millisecond: 1, milliseconds: 1,
  s: 1_000, sec: 1_000, secs: 1_000, second: 1_000, seconds: 1_000,
  m: 60_000, min: 60_000, mins: 60_000, minute: 60_000, minutes: 60_000,
  h: 3_600_000, hr: 3_600_000, hrs: 3_600_000, hour: 3_600_000, hours: 3_600_000,
  d: 86_400_000, day: 86_400_000, days: 86_400_000,
  w: 604_800_000, week: 604_800_000, weeks: 604_800_000,
  y: 31_557_600_000, yr: 31_557_600_000, yrs: 31_557_600_000, year: 31_557_600_000, years: 31_557_600_000,
};

/** Milliseconds in an `ms`-style string (`'30d'`, `'2 hours'`, `'500'`), or undefined when it is not one. */
export function parseMsString(text: string): number | undefined {
  const match = /^\s*(-?\d*\.?\d+)\s*([a-z]*)\s*$/i.exec(text);
  if (match === null) return undefined;
  const unit = (match[2] ?? '').toLowerCase();
  const factor = unit === '' ? 1 : msPerMsUnit[unit];
  return factor === undefined ? undefined : Number(match[1]) * factor;
}

// Deep chains of constants are rare; the limit stops cycles like `const a = b; const b = a`.
const maxDepth = 12;

/**
 * Evaluates a number written as a constant expression: literals, `+ - * / **`, `Math.floor/ceil/round`,
 * `ms('30d')`, and `const` names, object members and enum members declared once in the same file.
 * Anything else (a parameter, a config value, a call) is undefined: a duration is never guessed.
 */
export function evaluateConstantNumber(node: Node, depth = 0): number | undefined {
  if (depth > maxDepth) return undefined;
  const next = depth + 1;
  if (Node.isNumericLiteral(node)) return node.getLiteralValue();
  if (
    Node.isParenthesizedExpression(node) ||
    Node.isAsExpression(node) ||
    Node.isSatisfiesExpression(node) ||
    Node.isNonNullExpression(node) ||
    Node.isTypeAssertion(node)
  ) {
    return evaluateConstantNumber(node.getExpression(), next);
  }
  if (Node.isPrefixUnaryExpression(node)) {
    const operand = evaluateConstantNumber(node.getOperand(), next);
    if (operand === undefined) return undefined;
    if (node.getOperatorToken() === SyntaxKind.MinusToken) return -operand;
    return node.getOperatorToken() === SyntaxKind.PlusToken ? operand : undefined;
  }
  if (Node.isBinaryExpression(node)) return evaluateBinary(node, next);
  if (Node.isCallExpression(node)) return evaluateCall(node, next);
  if (Node.isIdentifier(node)) {
    const initializer = findConstInitializer(node.getSourceFile(), node.getText());
    return initializer === undefined ? undefined : evaluateConstantNumber(initializer, next);
  }
  if (Node.isPropertyAccessExpression(node)) {
    const member = findConstMember(node);
    return member === undefined ? undefined : evaluateConstantNumber(member, next);
  }
  return undefined;
}

function evaluateBinary(node: import('ts-morph').BinaryExpression, depth: number): number | undefined {
  const left = evaluateConstantNumber(node.getLeft(), depth);
  const right = evaluateConstantNumber(node.getRight(), depth);
  if (left === undefined || right === undefined) return undefined;
  switch (node.getOperatorToken().getKind()) {
    case SyntaxKind.AsteriskToken:
      return left * right;
    case SyntaxKind.PlusToken:
      return left + right;
    case SyntaxKind.MinusToken:
      return left - right;
    case SyntaxKind.SlashToken:
      return right === 0 ? undefined : left / right;
    case SyntaxKind.AsteriskAsteriskToken:
      return left ** right;
    default:
      return undefined;
  }
}

function evaluateCall(node: import('ts-morph').CallExpression, depth: number): number | undefined {
  const callee = node.getExpression().getText();
  const [first] = node.getArguments();
  if (first === undefined) return undefined;
  if (callee === 'ms') {
    const text = constantString(first, depth);
    return text === undefined ? undefined : parseMsString(text);
  }
  if (callee === 'Math.floor' || callee === 'Math.ceil' || callee === 'Math.round') {
    const value = evaluateConstantNumber(first, depth);
    if (value === undefined) return undefined;
    return callee === 'Math.floor' ? Math.floor(value) : callee === 'Math.ceil' ? Math.ceil(value) : Math.round(value);
  }
  return undefined;
}

/** The text of a string literal, a template without substitutions, or a `const` holding one. */
export function constantString(node: Node, depth = 0): string | undefined {
  if (depth > maxDepth) return undefined;
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return node.getLiteralValue();
  if (Node.isAsExpression(node) || Node.isParenthesizedExpression(node)) return constantString(node.getExpression(), depth + 1);
  if (Node.isIdentifier(node)) {
    const initializer = findConstInitializer(node.getSourceFile(), node.getText());
    return initializer === undefined ? undefined : constantString(initializer, depth + 1);
  }
  return undefined;
}

/**
 * The initializer of the one `const` with this name in the file. Two declarations with the same name
 * (in different scopes) make the name ambiguous, so neither is used.
 */
export function findConstInitializer(sourceFile: SourceFile, name: string): Expression | undefined {
  const candidates = declarationsByName(sourceFile).get(name) ?? [];
  const [only] = candidates;
  if (candidates.length !== 1 || only === undefined) return undefined;
  const declaration = wrapNode<VariableDeclaration>(sourceFile, only);
  const isConst = declaration.getVariableStatement()?.getDeclarationKind() === 'const';
  return isConst ? declaration.getInitializer() : undefined;
}

// Keyed by the compiler's node, which is new for every parse, so a re-parsed file never sees stale entries.
const declarationIndex = new WeakMap<object, Map<string, ts.VariableDeclaration[]>>();

// Over the compiler's nodes, names read as ts-morph's `getName()` reads them: most declarations are never asked for.
function declarationsByName(sourceFile: SourceFile): Map<string, ts.VariableDeclaration[]> {
  const compilerFile = sourceFile.compilerNode;
  let index = declarationIndex.get(compilerFile);
  if (index === undefined) {
    index = new Map();
    for (const declaration of compilerNodesOfKind(sourceFile, SyntaxKind.VariableDeclaration) as readonly ts.VariableDeclaration[]) {
      const name = compilerNodeText(compilerFile, declaration.name);
      const list = index.get(name) ?? [];
      list.push(declaration);
      index.set(name, list);
    }
    declarationIndex.set(compilerFile, index);
  }
  return index;
}

function findConstMember(node: import('ts-morph').PropertyAccessExpression): Node | undefined {
  const owner = node.getExpression();
  if (!Node.isIdentifier(owner)) return undefined;
  const memberName = node.getName();
  const enumDeclaration = node.getSourceFile().getEnum(owner.getText());
  if (enumDeclaration !== undefined) return enumDeclaration.getMember(memberName)?.getInitializer();
  let initializer: Node | undefined = findConstInitializer(node.getSourceFile(), owner.getText());
  while (initializer !== undefined && (Node.isAsExpression(initializer) || Node.isSatisfiesExpression(initializer))) {
    initializer = initializer.getExpression();
  }
  if (!Node.isObjectLiteralExpression(initializer)) return undefined;
  const property = initializer.getProperty(memberName);
  return Node.isPropertyAssignment(property) ? property.getInitializer() : undefined;
}

/** Evaluates a constant count of `unit` into seconds. */
export function evaluateDurationSeconds(node: Node, unit: DurationUnit): number | undefined {
  const value = evaluateConstantNumber(node);
  return value === undefined ? undefined : value * secondsPerUnit[unit];
}

/**
 * Seconds from now until a constant `Date` expression: `new Date(Date.now() + 30 * 864e5)` or
 * `new Date(new Date().getTime() + ms('30d'))`. Fixed calendar dates are not evaluated.
 */
export function evaluateExpiryDateSeconds(node: Node): number | undefined {
  if (!Node.isNewExpression(node) || node.getExpression().getText() !== 'Date') return undefined;
  const [argument] = node.getArguments();
  if (argument === undefined || !Node.isBinaryExpression(argument)) return undefined;
  if (argument.getOperatorToken().getKind() !== SyntaxKind.PlusToken) return undefined;
  const [now, offset] = isNow(argument.getLeft())
    ? [argument.getLeft(), argument.getRight()]
    : [argument.getRight(), argument.getLeft()];
  if (!isNow(now)) return undefined;
  const milliseconds = evaluateConstantNumber(offset);
  return milliseconds === undefined ? undefined : milliseconds / 1_000;
}

function isNow(node: Node): boolean {
  const text = node.getText().replace(/\s+/g, '');
  return text === 'Date.now()' || text === 'newDate().getTime()' || text === '+newDate()' || text === 'newDate().valueOf()';
}
