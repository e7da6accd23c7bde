import type { Node, SourceFile } from 'ts-morph';
import type { Span } from '../types.js';

/** The 1-based span between two offsets of a file, end exclusive. */
export function spanOf(sourceFile: SourceFile, start: number, end: number): Span {
  const from = sourceFile.getLineAndColumnAtPos(start);
  const to = sourceFile.getLineAndColumnAtPos(end);
  return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
}

/** The span a node's text covers, without leading trivia. */
export function spanOfNode(node: Node): Span {
  return spanOf(node.getSourceFile(), node.getStart(), node.getEnd());
}
