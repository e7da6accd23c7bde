import type { Node, SourceFile, ts } from 'ts-morph';

/**
 * The ts-morph node for a compiler node found by a raw walk. Walking ts-morph's own nodes wraps every node of
 * the file, most of extraction time; a raw walk over the compiler's nodes wraps only those it stops at. ts-morph's
 * public way from a compiler node (searching by position) wraps every node on the path; its factory, which its
 * own navigation uses, wraps just this one.
 */
export function wrapNode<T extends Node = Node>(sourceFile: SourceFile, target: ts.Node): T {
  return (sourceFile as unknown as { _getNodeFromCompilerNode(node: ts.Node): T })._getNodeFromCompilerNode(target);
}
