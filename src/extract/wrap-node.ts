import type { KindToNodeMappings, Node, SourceFile, SyntaxKind } from 'ts-morph';
import { ts } from './ts-morph-bindings.js';

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
  if (root.compilerNode === sourceFile.compilerNode) {
    return compilerNodesOfKind(sourceFile, kind).map((node) => wrapNode<KindToNodeMappings[K]>(sourceFile, node));
  }
  const found: KindToNodeMappings[K][] = [];
  forEachCompilerDescendant(root, (node) => {
    if (node.kind === kind) found.push(wrapNode<KindToNodeMappings[K]>(sourceFile, node));
  });
  return found;
}

/** A parsed file's compiler nodes in the order `forEachCompilerDescendant` visits them, all and by kind. */
interface FileNodes {
  all: ts.Node[];
  byKind: Map<SyntaxKind, ts.Node[]>;
}

// Keyed by the compiler's file, which is new for every parse.
const nodesByFile = new WeakMap<ts.SourceFile, FileNodes>();
const noNodes: readonly ts.Node[] = [];

function fileNodes(sourceFile: SourceFile): FileNodes {
  const compilerFile = sourceFile.compilerNode;
  let nodes = nodesByFile.get(compilerFile);
  if (nodes === undefined) {
    const all: ts.Node[] = [];
    forEachCompilerDescendant(sourceFile, (node) => {
      all.push(node);
    });
    nodes = indexFileNodes(compilerFile, all);
  }
  return nodes;
}

function indexFileNodes(compilerFile: ts.SourceFile, all: ts.Node[]): FileNodes {
  const byKind = new Map<SyntaxKind, ts.Node[]>();
  for (const node of all) {
    const ofKind = byKind.get(node.kind);
    if (ofKind === undefined) byKind.set(node.kind, [node]);
    else ofKind.push(node);
  }
  const nodes = { all, byKind };
  nodesByFile.set(compilerFile, nodes);
  return nodes;
}

/**
 * Keeps the nodes of a file that a walk elsewhere visited in `forEachCompilerDescendant`'s order (the file itself
 * excluded), for `allCompilerNodes` and `compilerNodesOfKind`: a walk over every node of a file costs as much as
 * the work most extractors do on it.
 */
export function rememberCompilerNodes(compilerFile: ts.SourceFile, all: ts.Node[]): void {
  if (!nodesByFile.has(compilerFile)) indexFileNodes(compilerFile, all);
}

/**
 * Every compiler node of a file (the file itself excluded), in `forEachCompilerDescendant`'s order. Several
 * extractors search the whole file; the file is walked once for all of them.
 */
export function allCompilerNodes(sourceFile: SourceFile): readonly ts.Node[] {
  return fileNodes(sourceFile).all;
}

/** The compiler nodes of one kind in a file, in `forEachCompilerDescendant`'s order, unwrapped. */
export function compilerNodesOfKind(sourceFile: SourceFile, kind: SyntaxKind): readonly ts.Node[] {
  return fileNodes(sourceFile).byKind.get(kind) ?? noNodes;
}

/** The nearest ancestor of a node of one of these kinds: ts-morph's `getFirstAncestor`, wrapping only the one found. */
export function closestAncestorOfKind<T extends Node = Node>(node: Node, kinds: ReadonlySet<SyntaxKind>): T | undefined {
  for (let current = node.compilerNode.parent; current !== undefined; current = current.parent) {
    if (kinds.has(current.kind)) return wrapNode<T>(node.getSourceFile(), current);
  }
  return undefined;
}

/** The calls of a file, as `compilerNodesOfKind` gives them. */
export function compilerCallsOf(sourceFile: SourceFile): readonly ts.CallExpression[] {
  return compilerNodesOfKind(sourceFile, ts.SyntaxKind.CallExpression) as readonly ts.CallExpression[];
}

/** A compiler node's text without leading trivia: what ts-morph's `getText()` gives for its wrapper. */
export function compilerNodeText(compilerFile: ts.SourceFile, node: ts.Node): string {
  return compilerFile.text.substring(node.getStart(compilerFile), node.end);
}

/**
 * Visits the compiler nodes below `root` in the order ts-morph's forEachDescendant does, without wrapping them.
 * A visit that returns `false` skips the node's children.
 */
export function forEachCompilerDescendant(root: Node, visit: (node: ts.Node) => boolean | void): void {
  forEachDescendantOf(root.compilerNode, visit);
}

/** `forEachCompilerDescendant` below a compiler node. */
export function forEachDescendantOf(root: ts.Node, visit: (node: ts.Node) => boolean | void): void {
  const pending: ts.Node[] = [];
  const pushChildren = (node: ts.Node): void => {
    const children: ts.Node[] = [];
    ts.forEachChild(node, (child) => {
      children.push(child);
    });
    for (let index = children.length - 1; index >= 0; index -= 1) pending.push(children[index]!);
  };
  pushChildren(root);
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (visit(node) !== false) pushChildren(node);
  }
}
