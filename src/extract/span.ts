import type { Node, SourceFile } from 'ts-morph';
import type { Span } from '../types.js';

// Line starts per parsed file. Lines end at `\n` only, as git and GitHub count them (the compiler's own
// map also breaks at a lone `\r` and U+2028); ts-morph's getLineAndColumnAtPos rescans the text per call.
const lineStartsByFile = new WeakMap<object, number[]>();

function lineStartsOf(sourceFile: SourceFile): number[] {
  const key = sourceFile.compilerNode;
  let starts = lineStartsByFile.get(key);
  if (starts === undefined) {
    starts = [0];
    const text = sourceFile.getFullText();
    for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
    lineStartsByFile.set(key, starts);
  }
  return starts;
}

/** 1-based line and column of an offset in a parsed file. */
export function lineAndColumnAt(sourceFile: SourceFile, position: number): { line: number; column: number } {
  const starts = lineStartsOf(sourceFile);
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] ?? 0) <= position) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: position - (starts[low] ?? 0) + 1 };
}

/** The 1-based span between two offsets of a file, end exclusive. */
export function spanOf(sourceFile: SourceFile, start: number, end: number): Span {
  const from = lineAndColumnAt(sourceFile, start);
  const to = lineAndColumnAt(sourceFile, end);
  return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
}

/** The span a node's text covers, without leading trivia. */
export function spanOfNode(node: Node): Span {
  return spanOf(node.getSourceFile(), node.getStart(), node.getEnd());
}
