import type { Node, SourceFile } from 'ts-morph';
import type { ts } from './ts-morph-bindings.js';
import type { Span } from '../types.js';

// Line starts per parsed file. Lines end at `\n` only, as git and GitHub count them (the compiler's own
// map also breaks at a lone `\r` and U+2028); ts-morph's getLineAndColumnAtPos rescans the text per call.
const lineStartsByFile = new WeakMap<object, number[]>();

function lineStartsOf(compilerFile: ts.SourceFile): number[] {
  let starts = lineStartsByFile.get(compilerFile);
  if (starts === undefined) {
    starts = [0];
    const text = compilerFile.text;
    for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
    lineStartsByFile.set(compilerFile, starts);
  }
  return starts;
}

/** 1-based line and column of an offset in a parsed file. */
export function lineAndColumnAt(sourceFile: SourceFile, position: number): { line: number; column: number } {
  return lineAndColumnInFile(sourceFile.compilerNode, position);
}

/** `lineAndColumnAt` for the compiler's file. */
export function lineAndColumnInFile(compilerFile: ts.SourceFile, position: number): { line: number; column: number } {
  const starts = lineStartsOf(compilerFile);
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
  return spanInFile(sourceFile.compilerNode, start, end);
}

/** `spanOf` for the compiler's file. */
export function spanInFile(compilerFile: ts.SourceFile, start: number, end: number): Span {
  const from = lineAndColumnInFile(compilerFile, start);
  const to = lineAndColumnInFile(compilerFile, end);
  return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
}

/** `spanOfNode` for a compiler node of a file. */
export function spanOfCompilerNode(compilerFile: ts.SourceFile, node: ts.Node): Span {
  return spanInFile(compilerFile, node.getStart(compilerFile), node.end);
}

/** The span a node's text covers, without leading trivia. */
export function spanOfNode(node: Node): Span {
  return spanOf(node.getSourceFile(), node.getStart(), node.getEnd());
}
