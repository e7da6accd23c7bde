import type { SourceFile } from 'ts-morph';
import { Node, SyntaxKind, ts } from './ts-morph-bindings.js';
import type { ScanNotice, Span } from '../types.js';
import type { Catalogs } from '../catalogs.js';
import { containsSequence, mayMentionVocabulary, type VocabularyMatch } from '../vocabulary.js';
import { matchNameCached, tokenizeCached } from './name-cache.js';
import { distinctWords } from './text-words.js';
import { compilerCalleeSegments, type SinkCallNode } from './sinks.js';
import {
  FlowTracer,
  localCompilerFunction,
  returnedCompilerExpressions,
  traceStepBudget,
  unwrap,
  unwrapCompilerNode,
  type Trace,
} from './flow-tracer.js';
import {
  decidingFunctionOf,
  decisionEffectIn,
  decisionTargetOf,
  decisionWordOf,
  judgementIn,
  selectingMethods,
  valueTestsIn,
  type DecisionEffect,
} from './decisions.js';
import { inferredCategories, promptFragments } from './prompt-inference.js';
import { trainingListWords } from './profiling-words.js';
import {
  classKinds,
  collectExports,
  compilerClassName,
  compilerFunctionId,
  compilerFunctionName,
  enclosingCompilerFunction,
  enclosingCompilerFunctionId,
  functionLikeKinds,
  hasModifier,
  namesFairnessWork,
  variableStatementOf,
  type CompilerFunctionLike,
} from './module-graph.js';
import { spanOf, spanOfCompilerNode } from './span.js';
import { allCompilerNodes, compilerNodeText, wrapNode } from './wrap-node.js';

/** How an attribute reference becomes an input to profiling. */
export type AttributeFlow =
  /** It reaches an argument of a sink in the same file (directly, through locals, literals, callbacks or local functions). */
  | { kind: 'sink'; sinkId: string }
  /** It is the condition that selects a segment, audience, campaign, price or eligibility. */
  | { kind: 'decision'; selects: string; span: Span }
  /** It names a column in a model's feature or training column list. */
  | { kind: 'training-column'; list: string; span: Span }
  /** A prompt sent to an LLM asks the model to infer it. */
  | { kind: 'llm-inference'; sinkId: string }
  /**
   * It is part of what an exported function returns: an input to profiling when that function's result
   * reaches a sink in another file (linked through imports) or the file is under `profiling.paths`.
   */
  | { kind: 'returned'; functionId: string; functionName: string };

/** A sensitive attribute or proxy named in code, and where it goes. */
export interface AttributeReference {
  term: string;
  kind: 'sensitive' | 'proxy';
  category: string;
  /** The name as written: `gender`, `dateOfBirth`, `'zip_code'`. */
  name: string;
  /** Human label of the category, e.g. `racial or ethnic origin`. */
  label: string;
  /** Laws that name the category (sensitive attributes). */
  laws: string[];
  /** Sensitive category ids a proxy stands in for. */
  standsFor: string[];
  span: Span;
  enclosingFunctionId?: string;
  /** Inside fairness evaluation (a bias audit, disparity metrics): a legitimate use, never a finding. */
  fairnessContext: boolean;
  /** Every way it reaches profiling; never empty. */
  flows: AttributeFlow[];
}

/** A trace that ran out of steps before it had followed everything back. */
export interface StoppedTrace {
  /** Where the trace started and what it was following back from, e.g. what reaches `model.predict`. */
  origin: Span;
  originDescription: string;
  /** The first node it did not follow, and its text as the notice quotes it. */
  stoppedAt: Span;
  stoppedAtText: string;
}

/** The attribute references of one file, and the traces that stopped early (whose findings may be incomplete). */
export interface AttributeExtraction {
  references: AttributeReference[];
  stoppedTraces: StoppedTrace[];
}

const mlKinds = new Set(['ml-inference', 'ml-training', 'scoring', 'segmentation', 'feature-store']);

// Every variable and property of a file is asked about; names repeat.
const trainingListNames = new Map<string, boolean>();

function namesTrainingList(name: string): boolean {
  let isList = trainingListNames.get(name);
  if (isList === undefined) {
    if (trainingListNames.size > 50_000) trainingListNames.clear();
    const tokens = tokenizeCached(name);
    isList = trainingListWords.some((word) => containsSequence(tokens, word));
    trainingListNames.set(name, isList);
  }
  return isList;
}

function isSinkKindLlm(sink: SinkCallNode): boolean {
  return sink.fact.kind === 'llm';
}

// Over the compiler's nodes: every reference found asks about all its ancestors.
function isFairnessCall(compilerFile: ts.SourceFile, node: ts.Node): boolean {
  for (let ancestor = node.parent; ancestor !== undefined; ancestor = ancestor.parent) {
    if (ts.isCallExpression(ancestor) || ts.isNewExpression(ancestor)) {
      if (namesFairnessWork(compilerCalleeSegments(compilerFile, ancestor.expression).join('.'))) return true;
    } else if (ts.isPropertyAssignment(ancestor)) {
      const tokens = tokenizeCached(compilerNodeText(compilerFile, ancestor.name));
      if (containsSequence(tokens, ['sensitive', 'feature']) || containsSequence(tokens, ['protected', 'attribute'])) return true;
    }
  }
  return false;
}

function inFairnessFunction(compilerFile: ts.SourceFile, node: ts.Node): boolean {
  for (let fn = enclosingCompilerFunction(node); fn !== undefined; fn = enclosingCompilerFunction(fn)) {
    let classNode: ts.Node | undefined = fn.parent;
    while (classNode !== undefined && !classKinds.has(classNode.kind)) classNode = classNode.parent;
    const className = classNode === undefined ? '' : compilerClassName(compilerFile, classNode as ts.ClassLikeDeclaration) ?? '';
    if (namesFairnessWork(compilerFunctionName(compilerFile, fn)) || namesFairnessWork(className)) return true;
  }
  return false;
}

// A reference fed to a sink in each of a thousand functions has a thousand flows: comparing each new flow
// with every known one made that quadratic.
const flowKeysByReference = new WeakMap<AttributeReference, Set<string>>();

/** Adds a flow; a reference is fairness work only while every flow that reaches it is. */
function addFlow(reference: AttributeReference, flow: AttributeFlow, isFairnessWork: boolean): void {
  const key = JSON.stringify(flow);
  if (reference.fairnessContext && !isFairnessWork) {
    reference.fairnessContext = false;
    reference.flows = [flow];
    flowKeysByReference.set(reference, new Set([key]));
    return;
  }
  if (!reference.fairnessContext && isFairnessWork) return;
  let keys = flowKeysByReference.get(reference);
  if (keys === undefined) {
    keys = new Set(reference.flows.map((known) => JSON.stringify(known)));
    flowKeysByReference.set(reference, keys);
  }
  if (keys.has(key)) return;
  keys.add(key);
  reference.flows.push(flow);
}

/** Whether a function is exported, from syntax and the file's export list (see `collectExports`). */
function isExportedFunction(compilerFile: ts.SourceFile, fn: CompilerFunctionLike, exportsByLocal: Map<string, string[]>): boolean {
  const exportedDeclaration = (declaration: ts.FunctionDeclaration | ts.ClassDeclaration): boolean =>
    hasModifier(declaration, SyntaxKind.ExportKeyword) ||
    hasModifier(declaration, SyntaxKind.DefaultKeyword) ||
    exportsByLocal.has(declaration.name === undefined ? '' : compilerNodeText(compilerFile, declaration.name));
  if (ts.isFunctionDeclaration(fn)) return exportedDeclaration(fn);
  const parent = fn.parent;
  if (ts.isVariableDeclaration(parent)) {
    const statement = variableStatementOf(parent);
    return (
      (statement !== undefined && hasModifier(statement, SyntaxKind.ExportKeyword)) ||
      (statement !== undefined && exportsByLocal.has(compilerNodeText(compilerFile, parent.name)))
    );
  }
  if (ts.isExportAssignment(parent)) return true;
  if (ts.isMethodDeclaration(fn)) {
    const classNode = fn.parent;
    return ts.isClassDeclaration(classNode) && exportedDeclaration(classNode);
  }
  return false;
}

// The nodes the walk in `extractAttributeReferences` acts on.
const attributeWalkKinds: ReadonlySet<SyntaxKind> = new Set([
  SyntaxKind.IfStatement,
  SyntaxKind.SwitchStatement,
  SyntaxKind.ConditionalExpression,
  SyntaxKind.CallExpression,
  ...functionLikeKinds,
  SyntaxKind.VariableDeclaration,
  SyntaxKind.PropertyAssignment,
  SyntaxKind.PropertyDeclaration,
]);

/** Finds sensitive and proxy references that are profiling inputs. */
export function extractAttributeReferences(
  sourceFile: SourceFile,
  sinks: SinkCallNode[],
  catalogs: Catalogs,
): AttributeExtraction {
  const vocabulary = catalogs.vocabulary;
  const tracer = new FlowTracer(sourceFile, vocabulary, sinks);
  // Whether to send an analytics event is not a decision about the person; whether to score, target or advertise is.
  const decidingSinkNodes = new Set<ts.Node>(
    sinks.filter((sink) => sink.fact.kind !== 'analytics' && sink.fact.kind !== 'cdp').map((sink) => sink.node.compilerNode),
  );
  const fileIsFairnessWork = namesFairnessWork(sourceFile.getFilePath());
  const compilerFile = sourceFile.compilerNode;
  const references = new Map<number, AttributeReference>();
  const fairnessOf = new Map<ts.Node, boolean>();

  const fairness = (node: ts.Node): boolean => {
    let known = fairnessOf.get(node);
    if (known === undefined) {
      known = fileIsFairnessWork || inFairnessFunction(compilerFile, node) || isFairnessCall(compilerFile, node);
      fairnessOf.set(node, known);
    }
    return known;
  };

  // A word inside a prompt shares its literal's node, so the key is where the name itself starts.
  const record = (
    node: ts.Node,
    name: string,
    match: VocabularyMatch,
    flow: AttributeFlow,
    origin: ts.Node,
    span = spanOfCompilerNode(compilerFile, node),
    key = node.getStart(compilerFile),
  ): void => {
    const isFairnessWork = fairness(node) || fairness(origin);
    const existing = references.get(key);
    if (existing !== undefined) {
      addFlow(existing, flow, isFairnessWork);
      return;
    }
    const reference: AttributeReference = {
      term: match.term,
      kind: match.kind,
      category: match.category,
      name,
      label: match.label,
      laws: match.laws,
      standsFor: match.standsFor,
      span,
      fairnessContext: isFairnessWork,
      flows: [flow],
    };
    const enclosingFunctionId = enclosingCompilerFunctionId(compilerFile, node);
    if (enclosingFunctionId !== undefined) reference.enclosingFunctionId = enclosingFunctionId;
    references.set(key, reference);
  };

  const traces: { trace: Trace; origin: ts.Node }[] = [];
  const newTrace = (flow: AttributeFlow, origin: ts.Node, sink?: SinkCallNode): Trace => {
    const trace: Trace = {
      flow,
      visited: new Set(),
      budget: { steps: traceStepBudget, depth: 0 },
      deferred: [],
      ...(sink === undefined ? {} : { sink }),
      emit: ({ node, name, match, flow: emitted }) => record(node, name, match, emitted, origin),
    };
    traces.push({ trace, origin });
    return trace;
  };
  const result = (): AttributeExtraction => ({
    references: [...references.values()].sort((a, b) => a.span.line - b.span.line || a.span.column - b.span.column),
    stoppedTraces: traces.flatMap(({ trace, origin }) => (trace.stoppedAt === undefined ? [] : [stoppedTrace(compilerFile, trace.flow, origin, trace.stoppedAt)])),
  });

  for (const sink of sinks) {
    const flow: AttributeFlow = { kind: 'sink', sinkId: sink.fact.id };
    const trace = newTrace(flow, sink.node.compilerNode, sink);
    let covered: ReadonlySet<string> = new Set();
    // `braze.getUser().setGender(g)`: the method itself says what the argument is.
    const callee = unwrap(sink.node.getExpression());
    if (sink.fact.thirdParty && Node.isPropertyAccessExpression(callee)) {
      const method = callee.getNameNode();
      const match = matchNameCached(vocabulary, method.getText());
      if (match !== undefined && match.kind === 'sensitive') {
        record(method.compilerNode, method.getText(), match, flow, sink.node.compilerNode);
        covered = new Set([match.category]);
      }
    }
    tracer.traceArguments(sink.node.compilerNode.arguments, trace, covered);
  }

  for (const sink of sinks.filter(isSinkKindLlm)) {
    const flow: AttributeFlow = { kind: 'llm-inference', sinkId: sink.fact.id };
    const seen = new Set<Node>();
    for (const argument of sink.node.getArguments()) {
      for (const fragment of promptFragments(argument, seen)) {
        for (const hit of inferredCategories(fragment, vocabulary)) {
          record(fragment.node.compilerNode, hit.word, hit.match, flow, sink.node.compilerNode, spanOf(sourceFile, hit.start, hit.end), hit.start);
        }
      }
    }
  }

  // Sinks are always traced, for the imported feature builders they record; every other trace needs a vocabulary word
  // in the file. The file's words are looked up only when such a trace is about to start: in most files none does.
  let mentionsVocabulary: boolean | undefined;
  const mayTrace = (): boolean => {
    mentionsVocabulary ??= mayMentionVocabulary(vocabulary, distinctWords(sourceFile.getFullText()));
    return mentionsVocabulary;
  };

  /** Traces the value tests of a decision's conditions (`valueTestsIn` reads them as ts-morph nodes). */
  const traceDecision = (conditions: ts.Node[], effect: DecisionEffect): void => {
    if (!mayTrace()) return;
    const flow: AttributeFlow = { kind: 'decision', selects: effect.selects, span: spanOfCompilerNode(compilerFile, effect.node) };
    const trace = newTrace(flow, effect.node);
    for (const condition of conditions) {
      for (const test of valueTestsIn(wrapNode(sourceFile, condition))) tracer.trace(test.compilerNode, trace);
    }
  };

  /** `customers.filter((c) => c.age > 60)` held in `audience`: the predicate selects the audience. */
  const traceSelection = (call: ts.CallExpression): void => {
    const effect = decisionTargetOf(compilerFile, call);
    const predicate = call.arguments[0];
    if (effect === undefined || predicate === undefined) return;
    const local = localCompilerFunction(sourceFile, predicate);
    traceDecision(local === undefined ? [predicate] : [...returnedCompilerExpressions(local)], effect);
  };

  // Over the compiler's nodes: every function of the file comes here, and few are decisions or exported.
  const traceFunctionResult = (fn: CompilerFunctionLike): void => {
    const name = compilerFunctionName(compilerFile, fn);
    const word = decisionWordOf(name);
    // `isEligible(c) { return c.age >= 18 }`: the judgement a decision-named function returns is the decision;
    // a list it returns (`defaultCampaigns()`) is data.
    if (word !== undefined) {
      for (const returned of returnedCompilerExpressions(fn)) {
        const judgement = judgementIn(wrapNode(sourceFile, returned));
        if (judgement !== undefined) traceDecision([judgement.compilerNode], { selects: word, node: returned });
      }
    }
    // Only exported functions can feed a sink elsewhere; local ones are followed from their callers.
    if (name === '' || !isExportedFunction(compilerFile, fn, exportsByLocal) || !mayTrace()) return;
    const flow: AttributeFlow = { kind: 'returned', functionId: compilerFunctionId(compilerFile, fn), functionName: name };
    const trace = newTrace(flow, fn);
    for (const returned of returnedCompilerExpressions(fn)) tracer.trace(returned, trace);
  };

  const traceColumnList = (holder: ts.VariableDeclaration | ts.PropertyAssignment | ts.PropertyDeclaration, hasModelSink: boolean): void => {
    const name = compilerNodeText(compilerFile, holder.name);
    const isList = namesTrainingList(name) || (hasModelSink && tokenizeCached(name).join(' ') === 'feature');
    const initializer = holder.initializer;
    if (!isList || initializer === undefined || !ts.isArrayLiteralExpression(unwrapCompilerNode(initializer)) || !mayTrace()) return;
    const flow: AttributeFlow = { kind: 'training-column', list: name, span: spanOfCompilerNode(compilerFile, holder.name) };
    tracer.trace(unwrapCompilerNode(initializer), newTrace(flow, holder));
  };

  const exportsByLocal = collectExports(sourceFile);

  const hasModelSink = sinks.some((sink) => mlKinds.has(sink.fact.kind));
  // Over the compiler's nodes, wrapping only the kinds below, and of calls and holders only those that can select
  // or hold a column list: wrapping every node of the file cost more than the tracing.
  for (const compilerNode of allCompilerNodes(sourceFile)) {
    // Without a vocabulary word no trace starts, so nothing further can be found.
    if (mentionsVocabulary === false) break;
    if (!attributeWalkKinds.has(compilerNode.kind)) continue;
    if (functionLikeKinds.has(compilerNode.kind)) {
      traceFunctionResult(compilerNode as CompilerFunctionLike);
      continue;
    }
    if (ts.isIfStatement(compilerNode)) {
      const deciding = decidingFunctionOf(compilerFile, compilerNode);
      const effect =
        decisionEffectIn(compilerFile, compilerNode.thenStatement, decidingSinkNodes, deciding) ??
        decisionEffectIn(compilerFile, compilerNode.elseStatement, decidingSinkNodes, deciding);
      if (effect !== undefined) traceDecision([compilerNode.expression], effect);
    } else if (ts.isSwitchStatement(compilerNode)) {
      const deciding = decidingFunctionOf(compilerFile, compilerNode);
      const clauses = compilerNode.caseBlock.clauses;
      const effect = clauses.map((clause) => decisionEffectIn(compilerFile, clause, decidingSinkNodes, deciding)).find((found) => found !== undefined);
      if (effect !== undefined && mayTrace()) {
        const cases = clauses.flatMap((clause) => (ts.isCaseClause(clause) ? [clause.expression] : []));
        const expressions = [compilerNode.expression, ...cases];
        const flow: AttributeFlow = { kind: 'decision', selects: effect.selects, span: spanOfCompilerNode(compilerFile, effect.node) };
        const trace = newTrace(flow, effect.node);
        for (const expression of expressions) tracer.trace(expression, trace);
      }
    } else if (ts.isConditionalExpression(compilerNode)) {
      const effect = decisionTargetOf(compilerFile, compilerNode);
      if (effect !== undefined) traceDecision([compilerNode.condition], effect);
    } else if (ts.isCallExpression(compilerNode)) {
      if (mayBeSelection(compilerFile, compilerNode)) traceSelection(compilerNode);
    } else if ((ts.isVariableDeclaration(compilerNode) || ts.isPropertyAssignment(compilerNode) || ts.isPropertyDeclaration(compilerNode)) && holdsArrayLiteral(compilerNode)) {
      traceColumnList(compilerNode, hasModelSink);
    }
  }

  return result();
}

/** Whether a call's callee is a selecting method (`.filter`, `.find`…), as `traceSelection` requires. */
function mayBeSelection(compilerFile: ts.SourceFile, call: ts.CallExpression): boolean {
  const callee = unwrapCompilerNode(call.expression);
  return ts.isPropertyAccessExpression(callee) && selectingMethods.has(compilerNodeText(compilerFile, callee.name));
}

/** Whether a variable or property is initialised with an array literal, as a column list `traceColumnList` reads is. */
function holdsArrayLiteral(holder: ts.VariableDeclaration | ts.PropertyAssignment | ts.PropertyDeclaration): boolean {
  return holder.initializer !== undefined && ts.isArrayLiteralExpression(unwrapCompilerNode(holder.initializer));
}

/** How a notice names a node: its text when short and on one line, else its start. */
function quoted(compilerFile: ts.SourceFile, node: ts.Node): string {
  const text = compilerNodeText(compilerFile, node);
  const firstLine = text.split(/\r?\n/)[0] ?? '';
  return firstLine.length <= 40 && firstLine === text ? text : `${firstLine.slice(0, 40)}…`;
}

function describeOrigin(compilerFile: ts.SourceFile, flow: AttributeFlow, origin: ts.Node): string {
  switch (flow.kind) {
    case 'sink':
      return ts.isCallExpression(origin) ? `what reaches \`${quoted(compilerFile, origin.expression)}\`` : 'what reaches a profiling call';
    case 'decision':
      return `the condition that selects ${flow.selects}`;
    case 'training-column':
      return `the column list \`${flow.list}\``;
    case 'returned':
      return `what \`${flow.functionName}\` returns`;
    case 'llm-inference':
      return 'a prompt';
  }
}

function stoppedTrace(compilerFile: ts.SourceFile, flow: AttributeFlow, origin: ts.Node, stoppedAt: ts.Node): StoppedTrace {
  return {
    origin: spanOfCompilerNode(compilerFile, origin),
    originDescription: describeOrigin(compilerFile, flow, origin),
    stoppedAt: spanOfCompilerNode(compilerFile, stoppedAt),
    stoppedAtText: quoted(compilerFile, stoppedAt),
  };
}

/**
 * The one notice a file gets when traces stopped early: where the first one stopped (by position), what
 * it was following, and how many there were. Without it a long call chain loses its findings silently.
 */
export function stoppedTracesNotice(file: string, stoppedTraces: StoppedTrace[]): ScanNotice | undefined {
  const ordered = [...stoppedTraces].sort(
    (a, b) => a.stoppedAt.line - b.stoppedAt.line || a.stoppedAt.column - b.stoppedAt.column || a.origin.line - b.origin.line || a.origin.column - b.origin.column,
  );
  const first = ordered[0];
  if (first === undefined) return undefined;
  const others = ordered.length - 1;
  const count = others === 0 ? '' : ` ${others} more ${others === 1 ? 'trace' : 'traces'} in this file also stopped early.`;
  return {
    kind: 'capped',
    level: 'warning',
    file,
    line: first.stoppedAt.line,
    column: first.stoppedAt.column,
    message:
      `Stopped tracing ${first.originDescription} (line ${first.origin.line}) at \`${first.stoppedAtText}\`: it had followed ` +
      `${traceStepBudget} expressions back, the limit that keeps a file's analysis fast. Sensitive attributes that reach it from ` +
      `further back may be missing from the findings.${count} Check by hand where \`${first.stoppedAtText}\` comes from, ` +
      'or shorten the chain of calls that passes it along.',
  };
}
