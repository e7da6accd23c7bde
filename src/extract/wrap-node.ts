import { ts, type KindToNodeMappings, type Node, type SourceFile, type SyntaxKind } from 'ts-morph';

/**
 * The ts-morph node for a compiler node found by a raw walk. Walking ts-morph's own nodes wraps every node of
 * the file, most of extraction time; a raw walk over the compiler's nodes wraps only those it stops at. ts-morph's
 * public way from a compiler node (searching by position) wraps every node on the path; its factory, which its
 * own navigation uses, wraps just this one.
 */
export function wrapNode<T extends Node = Node>(sourceFile: SourceFile, target: ts.Node): T {
  return (sourceFile as unknown as { _getNodeFromCompilerNode(node: ts.Node): T })._getNodeFromCompilerNode(target);
}

/**
 * `root.getDescendantsOfKind(kind)`, in the same order (the compiler's children, depth first, root excluded),
 * without ts-morph's generators: those took most of the time of the extractors that search a whole file for
 * calls. An explicit stack, because generated code nests deeper than the call stack.
 */
export function descendantsOfKind<K extends SyntaxKind>(root: Node, kind: K): KindToNodeMappings[K][] {
  const sourceFile = root.getSourceFile();
  const found: KindToNodeMappings[K][] = [];
  forEachCompilerDescendant(root, (node) => {
    if (node.kind === kind) found.push(wrapNode<KindToNodeMappings[K]>(sourceFile, node));
  });
  return found;
}

/**
 * Visits the compiler nodes below `root` in the order ts-morph's forEachDescendant does, without wrapping them.
 * A visit that returns `false` skips the node's children.
 */
export function forEachCompilerDescendant(root: Node, visit: (node: ts.Node) => boolean | void): void {
  const pending: ts.Node[] = [];
  const pushChildren = (node: ts.Node): void => {
    const children: ts.Node[] = [];
    ts.forEachChild(node, (child) => {
      children.push(child);
    });
    for (let index = children.length - 1; index >= 0; index -= 1) pending.push(children[index]!);
  };
  pushChildren(root.compilerNode);
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (visit(node) !== false) pushChildren(node);
  }
}
