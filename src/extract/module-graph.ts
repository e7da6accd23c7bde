import type { CallExpression, SourceFile } from 'ts-morph';
import { Node, SyntaxKind, ts } from './ts-morph-bindings.js';
import type { Span } from '../types.js';
import type { GuardState } from './consent.js';
import { lineAndColumnAt, spanOf } from './span.js';
import { closestAncestorOfKind, compilerNodeText, wrapNode } from './wrap-node.js';

/** JSDoc tags that tie code to a profiling spec or document how long it keeps data. */
export interface ProfilingTags {
  /** `@profiling <pipeline>`: the spec that governs this code. */
  profiling?: { pipeline: string; span: Span };
  /** `@retention <duration>`: how long what this code stores is kept. */
  retention?: { value: string; span: Span };
}

export interface FunctionFact {
  /** Unique in the file: qualified name, start line and column, e.g. `ChurnModel.features@30:3`. */
  id: string;
  /** Local name; anonymous functions take the name of the variable or property they are assigned to, else ''. */
  name: string;
  /** `Class.method` for methods, otherwise the name. */
  qualifiedName: string;
  /** Names under which the module exports it (`default` for a default export). */
  exportedAs: string[];
  span: Span;
  /** Its own tags, or its class's when it has none. */
  tags: ProfilingTags;
  /** Named or documented as fairness evaluation (bias audit, disparity metrics): sensitive use is legitimate here. */
  fairnessContext: boolean;
  parentFunctionId?: string;
}

export interface ImportFact {
  localName: string;
  /** The exported name, `default`, or `*` for a namespace import. */
  importedName: string;
  specifier: string;
}

export interface CallSite {
  /** The callee as written, e.g. `score`, `model.predict`, `this.features`. */
  calleeText: string;
  /** The last identifier of the callee, e.g. `predict`. */
  calleeName: string;
  span: Span;
  enclosingFunctionId?: string;
  /** Whether a consent check covers this call, for inter-procedural guarding. */
  guard: GuardState;
}

/** The file's functions, imports and calls: what the link stage needs to follow code across files. */
export interface ModuleFacts {
  functions: FunctionFact[];
  imports: ImportFact[];
  calls: CallSite[];
  /** Tags in the file's leading JSDoc, applying to the whole module. */
  fileTags: ProfilingTags;
}

export type FunctionLikeNode =
  | import('ts-morph').FunctionDeclaration
  | import('ts-morph').FunctionExpression
  | import('ts-morph').ArrowFunction
  | import('ts-morph').MethodDeclaration
  | import('ts-morph').ConstructorDeclaration
  | import('ts-morph').GetAccessorDeclaration
  | import('ts-morph').SetAccessorDeclaration;

/** Whether a node is a function body owner that gets a FunctionFact. */
export function isFunctionLike(node: Node): node is FunctionLikeNode {
  return (
    Node.isFunctionDeclaration(node) ||
    Node.isFunctionExpression(node) ||
    Node.isArrowFunction(node) ||
    Node.isMethodDeclaration(node) ||
    Node.isConstructorDeclaration(node) ||
    Node.isGetAccessorDeclaration(node) ||
    Node.isSetAccessorDeclaration(node)
  );
}

/** The nearest function around a node (not the node itself). */
export function getEnclosingFunction(node: Node): FunctionLikeNode | undefined {
  return closestAncestorOfKind<FunctionLikeNode>(node, functionLikeKinds);
}

/** The syntax kinds of classes, whose names qualify their methods'. */
export const classKinds: ReadonlySet<SyntaxKind> = new Set([SyntaxKind.ClassDeclaration, SyntaxKind.ClassExpression]);

/** The id of the nearest function around a node, as in `FunctionFact.id`; every extractor must use this. */
export function getEnclosingFunctionId(node: Node): string | undefined {
  const enclosing = getEnclosingFunction(node);
  return enclosing === undefined ? undefined : getFunctionId(enclosing);
}

// Every fact found in a function names it by its id: sinks, references, checks, call sites.
const functionIds = new WeakMap<ts.Node, string>();

/** A function's id: its qualified name and where it starts. */
export function getFunctionId(node: FunctionLikeNode): string {
  let id = functionIds.get(node.compilerNode);
  if (id === undefined) {
    const { line, column } = lineAndColumnAt(node.getSourceFile(), node.getStart());
    id = `${getQualifiedName(node) || '<anonymous>'}@${line}:${column}`;
    functionIds.set(node.compilerNode, id);
  }
  return id;
}

/** The name a function is known by: its own, or that of the variable or property holding it. */
export function getFunctionName(node: FunctionLikeNode): string {
  if (Node.isConstructorDeclaration(node)) return 'constructor';
  const own = Node.isArrowFunction(node) ? undefined : node.getName();
  if (own) return own;
  const parent = node.getParent();
  if (Node.isVariableDeclaration(parent) || Node.isPropertyAssignment(parent) || Node.isPropertyDeclaration(parent)) {
    return parent.getName();
  }
  if (Node.isExportAssignment(parent)) return 'default';
  return '';
}

function getQualifiedName(node: FunctionLikeNode): string {
  const name = getFunctionName(node);
  const owner = node.getParent();
  const ownerClass = Node.isClassDeclaration(owner) || Node.isClassExpression(owner) ? owner : undefined;
  const holder = Node.isPropertyDeclaration(owner) ? owner.getParent() : undefined;
  const classNode = ownerClass ?? (Node.isClassDeclaration(holder) || Node.isClassExpression(holder) ? holder : undefined);
  const className = classNode?.getName();
  return className ? `${className}.${name}` : name;
}

const tagPattern = /@(profiling|retention)[ \t]+([^\s*][^\n*]*)/g;

function readTags(node: Node): ProfilingTags {
  const tags: ProfilingTags = {};
  if (!Node.isJSDocable(node)) return tags;
  for (const jsDoc of node.getJsDocs()) {
    const text = jsDoc.getText();
    for (const match of text.matchAll(tagPattern)) {
      const start = jsDoc.getStart() + (match.index ?? 0);
      const span = spanOf(node.getSourceFile(), start, start + match[0].trimEnd().length);
      const value = (match[2] ?? '').trim();
      if (match[1] === 'profiling') tags.profiling ??= { pipeline: value.split(/\s+/)[0] ?? value, span };
      else tags.retention ??= { value, span };
    }
  }
  return tags;
}

function tagsOfFunction(node: FunctionLikeNode): ProfilingTags {
  const parent = node.getParent();
  // `export const score = () => …` carries its JSDoc on the variable statement.
  const statement = Node.isVariableDeclaration(parent) ? parent.getVariableStatement() : undefined;
  const own = { ...(statement ? readTags(statement) : {}), ...readTags(node) };
  const classNode = closestAncestorOfKind(node, classKinds);
  if (classNode === undefined || (own.profiling && own.retention)) return own;
  return { ...readTags(classNode), ...own };
}

function readFileTags(sourceFile: SourceFile): ProfilingTags {
  const first = sourceFile.getStatements()[0];
  if (first === undefined) return {};
  // A JSDoc block at the top of the file documents the module when it is followed by an import
  // or says so itself; otherwise it belongs to the first declaration.
  const leading = first.getLeadingCommentRanges().filter((range) => range.getText().startsWith('/**'));
  const block = leading[0];
  if (block === undefined) return {};
  const text = block.getText();
  const isModuleDoc = leading.length > 1 || Node.isImportDeclaration(first) || /@(file|module|fileoverview)\b/.test(text);
  if (!isModuleDoc) return {};
  const tags: ProfilingTags = {};
  for (const match of text.matchAll(tagPattern)) {
    const start = block.getPos() + (match.index ?? 0);
    const span = spanOf(sourceFile, start, start + match[0].trimEnd().length);
    const value = (match[2] ?? '').trim();
    if (match[1] === 'profiling') tags.profiling ??= { pipeline: value.split(/\s+/)[0] ?? value, span };
    else tags.retention ??= { value, span };
  }
  return tags;
}

const fairnessWords = /(^|[^a-z])(fairness|bias|biases|disparity|disparities|disparate|parity|equalized|equalised|adverse[-_ ]?impact|selection[-_ ]?rates?)([^a-z]|$)/i;

function splitWords(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
}

// Asked of every function, enclosing function and class of every reference found; names repeat.
const fairnessByName = new Map<string, boolean>();

/** Whether a name or path says fairness evaluation: `computeDisparity`, `bias-audit.ts`, `FairnessReport`. */
export function namesFairnessWork(name: string): boolean {
  let fairness = fairnessByName.get(name);
  if (fairness === undefined) {
    if (fairnessByName.size > 50_000) fairnessByName.clear();
    fairness = fairnessWords.test(splitWords(name));
    fairnessByName.set(name, fairness);
  }
  return fairness;
}

/**
 * Local names a file exports through an export list or `export default name`, with the names they are
 * exported as. With the export keywords, this answers `isExported()` from syntax alone: ts-morph's own
 * answer asks the type checker, which builds a program for every file.
 */
export function collectExports(sourceFile: SourceFile): Map<string, string[]> {
  const exported = new Map<string, string[]>();
  const add = (local: string, as: string): void => {
    const names = exported.get(local) ?? [];
    if (!names.includes(as)) names.push(as);
    exported.set(local, names);
  };
  for (const declaration of sourceFile.getExportDeclarations()) {
    if (declaration.compilerNode.moduleSpecifier !== undefined) continue;
    for (const specifier of declaration.getNamedExports()) {
      add(specifier.getName(), specifier.getAliasNode()?.getText() ?? specifier.getName());
    }
  }
  for (const assignment of sourceFile.getExportAssignments()) {
    const expression = assignment.getExpression();
    if (Node.isIdentifier(expression)) add(expression.getText(), 'default');
  }
  return exported;
}

function exportNamesOf(node: FunctionLikeNode, exportsByLocal: Map<string, string[]>): string[] {
  const names = new Set<string>();
  const name = getFunctionName(node);
  if (Node.isFunctionDeclaration(node)) {
    if (node.hasDefaultKeyword()) names.add('default');
    else if (node.hasExportKeyword()) names.add(name);
  }
  const parent = node.getParent();
  if (Node.isVariableDeclaration(parent) && parent.getVariableStatement()?.hasExportKeyword()) names.add(name);
  if (Node.isExportAssignment(parent)) names.add('default');
  if (name && (Node.isFunctionDeclaration(node) || Node.isVariableDeclaration(parent))) {
    for (const alias of exportsByLocal.get(name) ?? []) names.add(alias);
  }
  return [...names].sort();
}

function readImportDeclarations(sourceFile: SourceFile): ImportFact[] {
  const imports: ImportFact[] = [];
  for (const declaration of sourceFile.getImportDeclarations()) {
    // A half-typed import (`import { a } om './a'`) parses with an identifier where the module name goes.
    const specifierNode = declaration.getNodeProperty('moduleSpecifier');
    if (!Node.isStringLiteral(specifierNode)) continue;
    const specifier = specifierNode.getLiteralValue();
    const defaultImport = declaration.getDefaultImport();
    if (defaultImport) imports.push({ localName: defaultImport.getText(), importedName: 'default', specifier });
    const namespace = declaration.getNamespaceImport();
    if (namespace) imports.push({ localName: namespace.getText(), importedName: '*', specifier });
    for (const named of declaration.getNamedImports()) {
      imports.push({
        localName: named.getAliasNode()?.getText() ?? named.getName(),
        importedName: named.getName(),
        specifier,
      });
    }
  }
  return imports;
}

/** CommonJS: `const { score } = require('./score')` and `const scoring = require('./score')`. */
function readRequires(sourceFile: SourceFile, compilerCalls: ts.CallExpression[]): ImportFact[] {
  const imports: ImportFact[] = [];
  const compilerFile = sourceFile.compilerNode;
  for (const compilerCall of compilerCalls) {
    // Only an identifier is written `require`: other calls are passed over unwrapped.
    if (!ts.isIdentifier(compilerCall.expression) || compilerNodeText(compilerFile, compilerCall.expression) !== 'require') continue;
    const call = wrapNode<CallExpression>(sourceFile, compilerCall);
    const argument = call.getArguments()[0];
    if (call.getExpression().getText() !== 'require' || !Node.isStringLiteral(argument)) continue;
    const holder = call.getParent();
    if (!Node.isVariableDeclaration(holder)) continue;
    const nameNode = holder.getNameNode();
    const specifier = argument.getLiteralValue();
    if (Node.isIdentifier(nameNode)) imports.push({ localName: nameNode.getText(), importedName: '*', specifier });
    else if (Node.isObjectBindingPattern(nameNode)) {
      for (const element of nameNode.getElements()) {
        imports.push({
          localName: element.getName(),
          importedName: element.getPropertyNameNode()?.getText() ?? element.getName(),
          specifier,
        });
      }
    }
  }
  return imports;
}

const unguarded: GuardState = { status: 'unguarded', purposes: [] };

/** The syntax kinds `isFunctionLike` accepts, for walks over the compiler's nodes. */
export const functionLikeKinds: ReadonlySet<SyntaxKind> = new Set([
  SyntaxKind.FunctionDeclaration,
  SyntaxKind.FunctionExpression,
  SyntaxKind.ArrowFunction,
  SyntaxKind.MethodDeclaration,
  SyntaxKind.Constructor,
  SyntaxKind.GetAccessor,
  SyntaxKind.SetAccessor,
]);

/**
 * Reads functions, imports, call sites and profiling tags from a parsed file. One walk over the compiler's
 * nodes, with an explicit stack (generated code nests deeper than the call stack), wraps only the functions and
 * calls in ts-morph nodes, and keeps the enclosing functions as it goes.
 */
export function extractModuleFacts(sourceFile: SourceFile): ModuleFacts {
  const exportsByLocal = collectExports(sourceFile);
  const fileIsFairnessWork = namesFairnessWork(sourceFile.getBaseNameWithoutExtension());
  const functions: FunctionFact[] = [];
  const callNodes: Array<{ node: ts.CallExpression; enclosingFunctionId: string | undefined }> = [];
  const enclosing: FunctionFact[] = [];
  const functionEnd = {} as ts.Node;
  const pending: ts.Node[] = [sourceFile.compilerNode];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    if (item === functionEnd) {
      enclosing.pop();
      continue;
    }
    if (functionLikeKinds.has(item.kind)) {
      const node = wrapNode<FunctionLikeNode>(sourceFile, item);
      const parentFact = enclosing.at(-1);
      const qualifiedName = getQualifiedName(node);
      const fact: FunctionFact = {
        id: getFunctionId(node),
        name: getFunctionName(node),
        qualifiedName,
        exportedAs: exportNamesOf(node, exportsByLocal),
        span: spanOf(sourceFile, node.getStart(), node.getEnd()),
        tags: tagsOfFunction(node),
        fairnessContext: fileIsFairnessWork || parentFact?.fairnessContext === true || namesFairnessWork(qualifiedName),
      };
      if (parentFact) fact.parentFunctionId = parentFact.id;
      functions.push(fact);
      enclosing.push(fact);
      pending.push(functionEnd);
    } else if (ts.isCallExpression(item)) {
      callNodes.push({ node: item, enclosingFunctionId: enclosing.at(-1)?.id });
    }
    const children: ts.Node[] = [];
    ts.forEachChild(item, (child) => {
      children.push(child);
    });
    for (let index = children.length - 1; index >= 0; index -= 1) pending.push(children[index]!);
  }

  const imports = [...readImportDeclarations(sourceFile), ...readRequires(sourceFile, callNodes.map((call) => call.node))];
  const importedLocals = new Set(imports.map((entry) => entry.localName));
  const calls: CallSite[] = [];
  // Read from the compiler's nodes: wrapping every call of the file cost more than the rest of this function.
  const compilerFile = sourceFile.compilerNode;
  for (const { node, enclosingFunctionId } of callNodes) {
    const callee = node.expression;
    let calleeName: string | undefined;
    if (ts.isIdentifier(callee)) calleeName = compilerNodeText(compilerFile, callee);
    else if (ts.isPropertyAccessExpression(callee)) {
      const target = callee.expression;
      const isTracked =
        target.kind === SyntaxKind.ThisKeyword || (ts.isIdentifier(target) && importedLocals.has(compilerNodeText(compilerFile, target)));
      if (isTracked) calleeName = compilerNodeText(compilerFile, callee.name);
    }
    if (calleeName === undefined || calleeName === 'require') continue;
    const site: CallSite = {
      calleeText: compilerNodeText(compilerFile, callee),
      calleeName,
      span: spanOf(sourceFile, node.getStart(compilerFile), node.end),
      guard: unguarded,
    };
    if (enclosingFunctionId !== undefined) site.enclosingFunctionId = enclosingFunctionId;
    calls.push(site);
  }

  return { functions, imports, calls, fileTags: readFileTags(sourceFile) };
}
