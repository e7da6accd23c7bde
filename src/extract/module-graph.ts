import type { CallExpression, SourceFile } from 'ts-morph';
import { Node, SyntaxKind, ts } from './ts-morph-bindings.js';
import type { Span } from '../types.js';
import type { GuardState } from './consent.js';
import { lineAndColumnInFile, spanInFile, spanOf } from './span.js';
import { closestAncestorOfKind, compilerNodeText, rememberCompilerNodes, wrapNode } from './wrap-node.js';

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

/** The nearest function around a node (not the node itself). */
export function getEnclosingFunction(node: Node): FunctionLikeNode | undefined {
  return closestAncestorOfKind<FunctionLikeNode>(node, functionLikeKinds);
}

/** A function-like compiler node, one of `functionLikeKinds`. */
export type CompilerFunctionLike =
  | ts.FunctionDeclaration
  | ts.FunctionExpression
  | ts.ArrowFunction
  | ts.MethodDeclaration
  | ts.ConstructorDeclaration
  | ts.GetAccessorDeclaration
  | ts.SetAccessorDeclaration;

/** `getEnclosingFunction` over the compiler's nodes. */
export function enclosingCompilerFunction(node: ts.Node): CompilerFunctionLike | undefined {
  for (let current = node.parent; current !== undefined; current = current.parent) {
    if (functionLikeKinds.has(current.kind)) return current as CompilerFunctionLike;
  }
  return undefined;
}

/** The syntax kinds of classes, whose names qualify their methods'. */
export const classKinds: ReadonlySet<SyntaxKind> = new Set([SyntaxKind.ClassDeclaration, SyntaxKind.ClassExpression]);

/** The id of the nearest function around a node, as in `FunctionFact.id`; every extractor must use this. */
export function getEnclosingFunctionId(node: Node): string | undefined {
  return enclosingCompilerFunctionId(node.getSourceFile().compilerNode, node.compilerNode);
}

/** `getEnclosingFunctionId` over the compiler's nodes. */
export function enclosingCompilerFunctionId(compilerFile: ts.SourceFile, node: ts.Node): string | undefined {
  const enclosing = enclosingCompilerFunction(node);
  return enclosing === undefined ? undefined : compilerFunctionId(compilerFile, enclosing);
}

// Every fact found in a function names it by its id: sinks, references, checks, call sites.
const functionIds = new WeakMap<ts.Node, string>();

/** A function's id: its qualified name and where it starts. */
export function compilerFunctionId(compilerFile: ts.SourceFile, node: CompilerFunctionLike): string {
  let id = functionIds.get(node);
  if (id === undefined) {
    const { line, column } = lineAndColumnInFile(compilerFile, node.getStart(compilerFile));
    id = `${qualifiedNameOf(compilerFile, node) || '<anonymous>'}@${line}:${column}`;
    functionIds.set(node, id);
  }
  return id;
}

/**
 * The name a function is known by: its own, or that of the variable or property holding it. Names are read as
 * ts-morph's `getName()` reads them, from the source text.
 */
export function compilerFunctionName(compilerFile: ts.SourceFile, node: CompilerFunctionLike): string {
  if (node.kind === SyntaxKind.Constructor) return 'constructor';
  const ownName = node.kind === SyntaxKind.ArrowFunction ? undefined : node.name;
  const own = ownName === undefined ? undefined : compilerNodeText(compilerFile, ownName);
  if (own) return own;
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) {
    return compilerNodeText(compilerFile, parent.name);
  }
  if (ts.isExportAssignment(parent)) return 'default';
  return '';
}

/** A class's name as ts-morph's `getName()` gives it: undefined for an anonymous class. */
export function compilerClassName(compilerFile: ts.SourceFile, classNode: ts.ClassLikeDeclaration): string | undefined {
  return classNode.name === undefined ? undefined : compilerNodeText(compilerFile, classNode.name);
}

function qualifiedNameOf(compilerFile: ts.SourceFile, node: CompilerFunctionLike): string {
  const name = compilerFunctionName(compilerFile, node);
  const owner = node.parent;
  const ownerClass = ts.isClassDeclaration(owner) || ts.isClassExpression(owner) ? owner : undefined;
  const holder = ts.isPropertyDeclaration(owner) ? owner.parent : undefined;
  const classNode = ownerClass ?? (holder !== undefined && (ts.isClassDeclaration(holder) || ts.isClassExpression(holder)) ? holder : undefined);
  const className = classNode === undefined ? undefined : compilerClassName(compilerFile, classNode);
  return className ? `${className}.${name}` : name;
}

const tagPattern = /@(profiling|retention)[ \t]+([^\s*][^\n*]*)/g;

// Only called with kinds ts-morph counts as JSDocable (functions, variable statements, classes), whose
// JSDoc blocks the parser attaches as `jsDoc`, the list ts-morph's `getJsDocs()` wraps.
function readTags(compilerFile: ts.SourceFile, node: ts.Node): ProfilingTags {
  const tags: ProfilingTags = {};
  for (const jsDoc of (node as { jsDoc?: ts.JSDoc[] }).jsDoc ?? []) {
    const jsDocStart = jsDoc.getStart(compilerFile);
    const text = compilerFile.text.substring(jsDocStart, jsDoc.end);
    for (const match of text.matchAll(tagPattern)) {
      const start = jsDocStart + (match.index ?? 0);
      const span = spanInFile(compilerFile, start, start + match[0].trimEnd().length);
      const value = (match[2] ?? '').trim();
      if (match[1] === 'profiling') tags.profiling ??= { pipeline: value.split(/\s+/)[0] ?? value, span };
      else tags.retention ??= { value, span };
    }
  }
  return tags;
}

function closestCompilerClass(node: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let current = node.parent; current !== undefined; current = current.parent) {
    if (classKinds.has(current.kind)) return current as ts.ClassLikeDeclaration;
  }
  return undefined;
}

function tagsOfFunction(compilerFile: ts.SourceFile, node: CompilerFunctionLike): ProfilingTags {
  const parent = node.parent;
  // `export const score = () => …` carries its JSDoc on the variable statement.
  const statement = ts.isVariableDeclaration(parent) ? variableStatementOf(parent) : undefined;
  const own = { ...(statement ? readTags(compilerFile, statement) : {}), ...readTags(compilerFile, node) };
  const classNode = closestCompilerClass(node);
  if (classNode === undefined || (own.profiling && own.retention)) return own;
  return { ...readTags(compilerFile, classNode), ...own };
}

/** ts-morph's `getVariableStatement()`: the statement a variable declaration's list belongs to, if any. */
export function variableStatementOf(declaration: ts.VariableDeclaration): ts.VariableStatement | undefined {
  const grandParent = declaration.parent.parent;
  return ts.isVariableStatement(grandParent) ? grandParent : undefined;
}

/** Whether a declaration carries a modifier keyword, as ts-morph's `hasExportKeyword()` and the like read it. */
export function hasModifier(node: ts.Node, kind: SyntaxKind): boolean {
  return (node as { modifiers?: ts.NodeArray<ts.ModifierLike> }).modifiers?.some((modifier) => modifier.kind === kind) === true;
}

function readFileTags(sourceFile: SourceFile): ProfilingTags {
  // The first statement alone is wrapped: ts-morph's `getStatements()` wraps them all.
  const compilerFirst = sourceFile.compilerNode.statements[0];
  if (compilerFirst === undefined) return {};
  const first = wrapNode(sourceFile, compilerFirst);
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

// Asked by the module facts and the attribute extractor of the same parse; callers must not change the map.
const exportsByFile = new WeakMap<ts.SourceFile, Map<string, string[]>>();

/**
 * Local names a file exports through an export list or `export default name`, with the names they are
 * exported as. With the export keywords, this answers `isExported()` from syntax alone: ts-morph's own
 * answer asks the type checker, which builds a program for every file.
 */
export function collectExports(sourceFile: SourceFile): Map<string, string[]> {
  const compilerFile = sourceFile.compilerNode;
  let exported = exportsByFile.get(compilerFile);
  if (exported !== undefined) return exported;
  exported = new Map<string, string[]>();
  const add = (local: string, as: string): void => {
    const names = exported.get(local) ?? [];
    if (!names.includes(as)) names.push(as);
    exported.set(local, names);
  };
  // Over the compiler's statements: ts-morph's `getExportDeclarations()` wraps every statement of the file.
  for (const declaration of compilerFile.statements) {
    if (!ts.isExportDeclaration(declaration) || declaration.moduleSpecifier !== undefined) continue;
    const clause = declaration.exportClause;
    if (clause === undefined || ts.isNamespaceExport(clause)) continue;
    for (const specifier of clause.elements) {
      const names = specifierNames(compilerFile, specifier);
      add(names.name, names.as);
    }
  }
  for (const assignment of compilerFile.statements) {
    if (ts.isExportAssignment(assignment) && ts.isIdentifier(assignment.expression)) add(compilerNodeText(compilerFile, assignment.expression), 'default');
  }
  exportsByFile.set(compilerFile, exported);
  return exported;
}

function exportNamesOf(compilerFile: ts.SourceFile, node: CompilerFunctionLike, exportsByLocal: Map<string, string[]>): string[] {
  const names = new Set<string>();
  const name = compilerFunctionName(compilerFile, node);
  if (ts.isFunctionDeclaration(node)) {
    if (hasModifier(node, SyntaxKind.DefaultKeyword)) names.add('default');
    else if (hasModifier(node, SyntaxKind.ExportKeyword)) names.add(name);
  }
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent)) {
    const statement = variableStatementOf(parent);
    if (statement !== undefined && hasModifier(statement, SyntaxKind.ExportKeyword)) names.add(name);
  }
  if (ts.isExportAssignment(parent)) names.add('default');
  if (name && (ts.isFunctionDeclaration(node) || ts.isVariableDeclaration(parent))) {
    for (const alias of exportsByLocal.get(name) ?? []) names.add(alias);
  }
  return [...names].sort();
}

/**
 * The names of an import or export specifier as ts-morph's `getName()` and `getAliasNode()?.getText() ?? getName()`
 * read them: `name` is what is imported or exported, `as` the name it goes by (the alias, or else the name). A
 * quoted name (`import { "a-b" as c }`) is read without its quotes.
 */
export function specifierNames(compilerFile: ts.SourceFile, specifier: ts.ImportSpecifier | ts.ExportSpecifier): { name: string; as: string } {
  const nameNode = specifier.propertyName ?? specifier.name;
  const name = ts.isStringLiteral(nameNode) ? nameNode.text : compilerNodeText(compilerFile, nameNode);
  return { name, as: specifier.propertyName === undefined ? name : compilerNodeText(compilerFile, specifier.name) };
}

// Over the compiler's nodes: ts-morph's `getImportDeclarations()` wraps every statement of the file.
function readImportDeclarations(compilerFile: ts.SourceFile): ImportFact[] {
  const imports: ImportFact[] = [];
  for (const declaration of compilerFile.statements) {
    if (!ts.isImportDeclaration(declaration)) continue;
    // A half-typed import (`import { a } om './a'`) parses with an identifier where the module name goes.
    const specifierNode = declaration.moduleSpecifier;
    if (!ts.isStringLiteral(specifierNode)) continue;
    const specifier = specifierNode.text;
    const clause = declaration.importClause;
    if (clause?.name) imports.push({ localName: compilerNodeText(compilerFile, clause.name), importedName: 'default', specifier });
    const bindings = clause?.namedBindings;
    if (bindings !== undefined && ts.isNamespaceImport(bindings)) {
      imports.push({ localName: compilerNodeText(compilerFile, bindings.name), importedName: '*', specifier });
    }
    if (bindings !== undefined && ts.isNamedImports(bindings)) {
      for (const named of bindings.elements) {
        const names = specifierNames(compilerFile, named);
        imports.push({ localName: names.as, importedName: names.name, specifier });
      }
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

/** The syntax kinds of the function body owners that get a FunctionFact, for walks over the compiler's nodes. */
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
 * nodes, with an explicit stack (generated code nests deeper than the call stack), wraps none of them, keeps the
 * enclosing functions as it goes, and leaves the nodes it visited for the other extractors' searches.
 */
export function extractModuleFacts(sourceFile: SourceFile): ModuleFacts {
  const exportsByLocal = collectExports(sourceFile);
  const fileIsFairnessWork = namesFairnessWork(sourceFile.getBaseNameWithoutExtension());
  const functions: FunctionFact[] = [];
  const callNodes: Array<{ node: ts.CallExpression; enclosingFunctionId: string | undefined }> = [];
  const enclosing: FunctionFact[] = [];
  const functionEnd = {} as ts.Node;
  const compilerFile = sourceFile.compilerNode;
  const pending: ts.Node[] = [compilerFile];
  const all: ts.Node[] = [];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    if (item === functionEnd) {
      enclosing.pop();
      continue;
    }
    if (item !== compilerFile) all.push(item);
    if (functionLikeKinds.has(item.kind)) {
      const node = item as CompilerFunctionLike;
      const parentFact = enclosing.at(-1);
      const qualifiedName = qualifiedNameOf(compilerFile, node);
      const fact: FunctionFact = {
        id: compilerFunctionId(compilerFile, node),
        name: compilerFunctionName(compilerFile, node),
        qualifiedName,
        exportedAs: exportNamesOf(compilerFile, node, exportsByLocal),
        span: spanInFile(compilerFile, node.getStart(compilerFile), node.end),
        tags: tagsOfFunction(compilerFile, node),
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

  rememberCompilerNodes(compilerFile, all);
  const imports = [...readImportDeclarations(compilerFile), ...readRequires(sourceFile, callNodes.map((call) => call.node))];
  const importedLocals = new Set(imports.map((entry) => entry.localName));
  const calls: CallSite[] = [];
  // Read from the compiler's nodes: wrapping every call of the file cost more than the rest of this function.
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
