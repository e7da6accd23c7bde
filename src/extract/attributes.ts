import type { CallExpression, PropertyAssignment, PropertyDeclaration, SourceFile, VariableDeclaration } from 'ts-morph';
import { Node, SyntaxKind, ts } from './ts-morph-bindings.js';
import type { ScanNotice, Span } from '../types.js';
import type { Catalogs } from '../catalogs.js';
import { containsSequence, mayMentionVocabulary, type VocabularyMatch } from '../vocabulary.js';
import { matchNameCached, tokenizeCached } from './name-cache.js';
import { distinctWords } from './text-words.js';
import { compilerCalleeSegments, type SinkCallNode } from './sinks.js';
import { FlowTracer, localFunction, returnedExpressions, traceStepBudget, unwrap, unwrapCompilerNode, type Trace } from './flow-tracer.js';
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
  functionLikeKinds,
  getEnclosingFunction,
  getEnclosingFunctionId,
  getFunctionId,
  getFunctionName,
  isFunctionLike,
  namesFairnessWork,
  type FunctionLikeNode,
} from './module-graph.js';
import { spanOf, spanOfNode } from './span.js';
import { allCompilerNodes, closestAncestorOfKind, compilerNodeText, wrapNode } from './wrap-node.js';

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
function isFairnessCall(node: Node): boolean {
  const compilerFile = node.getSourceFile().compilerNode;
  for (let ancestor = node.compilerNode.parent; ancestor !== undefined; ancestor = ancestor.parent) {
    if (ts.isCallExpression(ancestor) || ts.isNewExpression(ancestor)) {
      if (namesFairnessWork(compilerCalleeSegments(compilerFile, ancestor.expression).join('.'))) return true;
    } else if (ts.isPropertyAssignment(ancestor)) {
      const tokens = tokenizeCached(compilerNodeText(compilerFile, ancestor.name));
      if (containsSequence(tokens, ['sensitive', 'feature']) || containsSequence(tokens, ['protected', 'attribute'])) return true;
    }
  }
  return false;
}

function inFairnessFunction(node: Node): boolean {
  for (let fn = getEnclosingFunction(node); fn !== undefined; fn = getEnclosingFunction(fn)) {
    const classNode = closestAncestorOfKind(fn, classKinds);
    const className = Node.isClassDeclaration(classNode) || Node.isClassExpression(classNode) ? classNode.getName() ?? '' : '';
    if (namesFairnessWork(getFunctionName(fn)) || namesFairnessWork(className)) return true;
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
function isExportedFunction(fn: FunctionLikeNode, exportsByLocal: Map<string, string[]>): boolean {
  const exportedDeclaration = (declaration: { hasExportKeyword(): boolean; hasDefaultKeyword(): boolean; getName(): string | undefined }): boolean =>
    declaration.hasExportKeyword() || declaration.hasDefaultKeyword() || exportsByLocal.has(declaration.getName() ?? '');
  if (Node.isFunctionDeclaration(fn)) return exportedDeclaration(fn);
  const parent = fn.getParent();
  if (Node.isVariableDeclaration(parent)) {
    const statement = parent.getVariableStatement();
    return statement?.hasExportKeyword() === true || (statement !== undefined && exportsByLocal.has(parent.getName()));
  }
  if (Node.isExportAssignment(parent)) return true;
  if (Node.isMethodDeclaration(fn)) {
    const classNode = fn.getParent();
    return Node.isClassDeclaration(classNode) && exportedDeclaration(classNode);
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
  const decidingSinkNodes = new Set<Node>(
    sinks.filter((sink) => sink.fact.kind !== 'analytics' && sink.fact.kind !== 'cdp').map((sink) => sink.node),
  );
  const fileIsFairnessWork = namesFairnessWork(sourceFile.getFilePath());
  const references = new Map<number, AttributeReference>();
  const fairnessOf = new Map<Node, boolean>();

  const fairness = (node: Node): boolean => {
    let known = fairnessOf.get(node);
    if (known === undefined) {
      known = fileIsFairnessWork || inFairnessFunction(node) || isFairnessCall(node);
      fairnessOf.set(node, known);
    }
    return known;
  };

  // A word inside a prompt shares its literal's node, so the key is where the name itself starts.
  const record = (
    node: Node,
    name: string,
    match: VocabularyMatch,
    flow: AttributeFlow,
    origin: Node,
    span = spanOfNode(node),
    key = node.getStart(),
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
    const enclosingFunctionId = getEnclosingFunctionId(node);
    if (enclosingFunctionId !== undefined) reference.enclosingFunctionId = enclosingFunctionId;
    references.set(key, reference);
  };

  const traces: { trace: Trace; origin: Node }[] = [];
  const newTrace = (flow: AttributeFlow, origin: Node, sink?: SinkCallNode): Trace => {
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
    stoppedTraces: traces.flatMap(({ trace, origin }) => (trace.stoppedAt === undefined ? [] : [stoppedTrace(trace.flow, origin, trace.stoppedAt)])),
  });

  for (const sink of sinks) {
    const flow: AttributeFlow = { kind: 'sink', sinkId: sink.fact.id };
    const trace = newTrace(flow, sink.node, sink);
    let covered: ReadonlySet<string> = new Set();
    // `braze.getUser().setGender(g)`: the method itself says what the argument is.
    const callee = unwrap(sink.node.getExpression());
    if (sink.fact.thirdParty && Node.isPropertyAccessExpression(callee)) {
      const method = callee.getNameNode();
      const match = matchNameCached(vocabulary, method.getText());
      if (match !== undefined && match.kind === 'sensitive') {
        record(method, method.getText(), match, flow, sink.node);
        covered = new Set([match.category]);
      }
    }
    tracer.traceArguments(sink.node.getArguments(), trace, covered);
  }

  for (const sink of sinks.filter(isSinkKindLlm)) {
    const flow: AttributeFlow = { kind: 'llm-inference', sinkId: sink.fact.id };
    const seen = new Set<Node>();
    for (const argument of sink.node.getArguments()) {
      for (const fragment of promptFragments(argument, seen)) {
        for (const hit of inferredCategories(fragment, vocabulary)) {
          record(fragment.node, hit.word, hit.match, flow, sink.node, spanOf(sourceFile, hit.start, hit.end), hit.start);
        }
      }
    }
  }

  const traceDecision = (conditions: Node[], effect: DecisionEffect): void => {
    const flow: AttributeFlow = { kind: 'decision', selects: effect.selects, span: spanOfNode(effect.node) };
    const trace = newTrace(flow, effect.node);
    for (const condition of conditions) tracer.trace(condition, trace);
  };

  /** `customers.filter((c) => c.age > 60)` held in `audience`: the predicate selects the audience. */
  const traceSelection = (call: CallExpression): void => {
    const callee = unwrap(call.getExpression());
    if (!Node.isPropertyAccessExpression(callee) || !selectingMethods.has(callee.getName())) return;
    const effect = decisionTargetOf(call);
    const predicate = call.getArguments()[0];
    if (effect === undefined || predicate === undefined) return;
    const local = localFunction(predicate);
    traceDecision((local === undefined ? [predicate] : returnedExpressions(local)).flatMap(valueTestsIn), effect);
  };

  const traceFunctionResult = (fn: FunctionLikeNode): void => {
    const name = getFunctionName(fn);
    const word = decisionWordOf(name);
    // `isEligible(c) { return c.age >= 18 }`: the judgement a decision-named function returns is the decision;
    // a list it returns (`defaultCampaigns()`) is data.
    if (word !== undefined) {
      for (const returned of returnedExpressions(fn)) {
        const judgement = judgementIn(returned);
        if (judgement !== undefined) traceDecision(valueTestsIn(judgement), { selects: word, node: returned });
      }
    }
    // Only exported functions can feed a sink elsewhere; local ones are followed from their callers.
    if (name === '' || !isExportedFunction(fn, exportsByLocal)) return;
    const flow: AttributeFlow = { kind: 'returned', functionId: getFunctionId(fn), functionName: name };
    const trace = newTrace(flow, fn);
    for (const returned of returnedExpressions(fn)) tracer.trace(returned, trace);
  };

  const traceColumnList = (holder: VariableDeclaration | PropertyAssignment | PropertyDeclaration, hasModelSink: boolean): void => {
    const name = holder.getName();
    const isList = namesTrainingList(name) || (hasModelSink && tokenizeCached(name).join(' ') === 'feature');
    const initializer = holder.getInitializer();
    if (!isList || initializer === undefined || !Node.isArrayLiteralExpression(unwrap(initializer))) return;
    const flow: AttributeFlow = { kind: 'training-column', list: name, span: spanOfNode(holder.getNameNode()) };
    tracer.trace(unwrap(initializer), newTrace(flow, holder));
  };

  // Sinks are always traced, for the imported feature builders they record; the rest needs a vocabulary word in the file.
  if (!mayMentionVocabulary(vocabulary, distinctWords(sourceFile.getFullText()))) return result();
  const exportsByLocal = collectExports(sourceFile);

  const hasModelSink = sinks.some((sink) => mlKinds.has(sink.fact.kind));
  // Over the compiler's nodes, wrapping only the kinds below, and of calls and holders only those that can select
  // or hold a column list: wrapping every node of the file cost more than the tracing.
  const compilerFile = sourceFile.compilerNode;
  for (const compilerNode of allCompilerNodes(sourceFile)) {
    if (!attributeWalkKinds.has(compilerNode.kind)) continue;
    if (ts.isCallExpression(compilerNode) && !mayBeSelection(compilerFile, compilerNode)) continue;
    if ((ts.isVariableDeclaration(compilerNode) || ts.isPropertyAssignment(compilerNode) || ts.isPropertyDeclaration(compilerNode)) && !holdsArrayLiteral(compilerNode)) {
      continue;
    }
    const node = wrapNode(sourceFile, compilerNode);
    if (Node.isIfStatement(node)) {
      const deciding = decidingFunctionOf(node);
      const effect =
        decisionEffectIn(node.getThenStatement(), decidingSinkNodes, deciding) ??
        decisionEffectIn(node.getElseStatement(), decidingSinkNodes, deciding);
      if (effect !== undefined) traceDecision(valueTestsIn(node.getExpression()), effect);
    } else if (Node.isSwitchStatement(node)) {
      const deciding = decidingFunctionOf(node);
      const effect = node
        .getClauses()
        .map((clause) => decisionEffectIn(clause, decidingSinkNodes, deciding))
        .find((found) => found !== undefined);
      if (effect !== undefined) {
        const cases = node.getClauses().flatMap((clause) => (Node.isCaseClause(clause) ? [clause.getExpression()] : []));
        traceDecision([node.getExpression(), ...cases], effect);
      }
    } else if (Node.isConditionalExpression(node)) {
      const effect = decisionTargetOf(node);
      if (effect !== undefined) traceDecision(valueTestsIn(node.getCondition()), effect);
    } else if (Node.isCallExpression(node)) {
      traceSelection(node);
    } else if (isFunctionLike(node)) {
      traceFunctionResult(node);
    } else if (Node.isVariableDeclaration(node) || Node.isPropertyAssignment(node) || Node.isPropertyDeclaration(node)) {
      traceColumnList(node, hasModelSink);
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
function quoted(node: Node): string {
  const text = node.getText();
  const firstLine = text.split(/\r?\n/)[0] ?? '';
  return firstLine.length <= 40 && firstLine === text ? text : `${firstLine.slice(0, 40)}…`;
}

function describeOrigin(flow: AttributeFlow, origin: Node): string {
  switch (flow.kind) {
    case 'sink':
      return Node.isCallExpression(origin) ? `what reaches \`${quoted(origin.getExpression())}\`` : 'what reaches a profiling call';
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

function stoppedTrace(flow: AttributeFlow, origin: Node, stoppedAt: Node): StoppedTrace {
  return { origin: spanOfNode(origin), originDescription: describeOrigin(flow, origin), stoppedAt: spanOfNode(stoppedAt), stoppedAtText: quoted(stoppedAt) };
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
