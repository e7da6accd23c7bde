import type { FileFacts, Span } from './types.js';
import { resolveImport, type Project } from './link.js';
import type { CallSite, FunctionFact } from './extract/module-graph.js';
import type { SinkCall } from './extract/sinks.js';
import type { GuardState } from './extract/consent.js';
import { coversSinkPurpose } from './extract/consent-catalog.js';
import { coverageOf } from './extract/consent-catalog.js';

/** A place in the project: a file and a span in it. */
export interface ProjectSpan {
  file: string;
  span: Span;
}

/** Whether every path to a sink passes a consent check for its purpose, following callers across files. */
export interface GuardVerdict {
  status: 'guarded' | 'unguarded' | 'wrong-purpose';
  /** For `wrong-purpose`: the check that does not cover the sink, and the purposes it checks. */
  wrongCheck?: ProjectSpan & { purposes: string[] };
  /** For `unguarded`, when the sink is reached through a call: the first call site with no check. */
  unguardedCall?: ProjectSpan;
}

interface FunctionNode {
  file: string;
  fact: FunctionFact;
}

interface CallerSite {
  file: string;
  site: CallSite;
}

interface CallGraph {
  functions: Map<string, FunctionNode>;
  callers: Map<string, CallerSite[]>;
  /** What each call of the module graph runs, by file and span. */
  targetsByCall: Map<string, FunctionNode[]>;
  verdicts: Map<string, GuardVerdict>;
}

const graphs = new WeakMap<Project, CallGraph>();

const testFilePattern = /(^|\/)(__tests__|__mocks__|tests?|e2e)\/|\.(test|spec|e2e-spec|stories)\.[cm]?[jt]sx?$/;

/** Whether a repository path is a test, a mock or a story rather than code that runs in production. */
export function isTestFile(file: string): boolean {
  return testFilePattern.test(file);
}

const keyOf = (file: string, functionId: string): string => `${file}#${functionId}`;
const callKeyOf = (file: string, span: Span): string => `${file}#${span.line}:${span.column}:${span.endLine}:${span.endColumn}`;

function buildCallGraph(project: Project): CallGraph {
  const functions = new Map<string, FunctionNode>();
  const byName = new Map<string, Map<string, FunctionFact[]>>();
  const byQualifiedName = new Map<string, Map<string, FunctionFact>>();
  const byExport = new Map<string, Map<string, FunctionFact>>();
  const methodsByName = new Map<string, FunctionNode[]>();
  for (const facts of project.files) {
    const module = facts.code?.module;
    if (module === undefined) continue;
    const names = new Map<string, FunctionFact[]>();
    const qualified = new Map<string, FunctionFact>();
    const exported = new Map<string, FunctionFact>();
    for (const fact of module.functions) {
      functions.set(keyOf(facts.file, fact.id), { file: facts.file, fact });
      if (fact.name !== '') names.set(fact.name, [...(names.get(fact.name) ?? []), fact]);
      if (fact.qualifiedName !== '' && !qualified.has(fact.qualifiedName)) qualified.set(fact.qualifiedName, fact);
      for (const name of fact.exportedAs) if (!exported.has(name)) exported.set(name, fact);
      if (fact.qualifiedName.includes('.') && fact.name !== '') {
        methodsByName.set(fact.name, [...(methodsByName.get(fact.name) ?? []), { file: facts.file, fact }]);
      }
    }
    byName.set(facts.file, names);
    byQualifiedName.set(facts.file, qualified);
    byExport.set(facts.file, exported);
  }

  const callers = new Map<string, CallerSite[]>();
  const targetsByCall = new Map<string, FunctionNode[]>();
  const addCaller = (file: string, target: FunctionFact, site: CallerSite): void => {
    const key = keyOf(file, target.id);
    const known = callers.get(key);
    if (known === undefined) callers.set(key, [site]);
    else known.push(site);
  };
  for (const facts of project.files) {
    const module = facts.code?.module;
    // A test calling a helper directly is not a path a person's data takes in production.
    if (module === undefined || isTestFile(facts.file)) continue;
    const functionsById = new Map(module.functions.map((fact) => [fact.id, fact]));
    for (const site of [...module.calls, ...(facts.code?.functionReferences ?? [])]) {
      const targets = resolveCallee(project, facts, site, functionsById, { byName, byQualifiedName, byExport });
      if (targets.length > 0) targetsByCall.set(callKeyOf(facts.file, site.span), targets);
      for (const { file, fact } of targets) addCaller(file, fact, { file: facts.file, site });
    }
    // `this.tracking.send(user)`: without types, only a method name that one class in the project declares is followed.
    for (const site of facts.code?.memberCalls ?? []) {
      const candidates = methodsByName.get(site.calleeName) ?? [];
      const only = candidates.length === 1 ? candidates[0] : undefined;
      if (only !== undefined) addCaller(only.file, only.fact, { file: facts.file, site });
    }
  }
  return { functions, callers, targetsByCall, verdicts: new Map() };
}

interface FunctionIndexes {
  byName: Map<string, Map<string, FunctionFact[]>>;
  byQualifiedName: Map<string, Map<string, FunctionFact>>;
  byExport: Map<string, Map<string, FunctionFact>>;
}

/** The functions a call may run: a local function, an imported one, a namespace member, or `this.method`. */
function resolveCallee(
  project: Project,
  facts: FileFacts,
  site: CallSite,
  functionsById: Map<string, FunctionFact>,
  indexes: FunctionIndexes,
): FunctionNode[] {
  const module = facts.code!.module;
  const parts = site.calleeText.split('.').map((part) => part.trim());
  const exportedFrom = (specifier: string, name: string): FunctionNode[] => {
    const target = resolveImport(project, facts.file, specifier);
    const fact = target === undefined ? undefined : indexes.byExport.get(target)?.get(name);
    return target === undefined || fact === undefined ? [] : [{ file: target, fact }];
  };
  if (parts.length === 1) {
    const imported = module.imports.find((entry) => entry.localName === site.calleeText);
    if (imported !== undefined) return imported.importedName === '*' ? [] : exportedFrom(imported.specifier, imported.importedName);
    return (indexes.byName.get(facts.file)?.get(site.calleeText) ?? []).map((fact) => ({ file: facts.file, fact }));
  }
  if (parts.length !== 2) return [];
  const [owner, member] = parts as [string, string];
  if (owner === 'this') {
    const className = enclosingClassName(site.enclosingFunctionId, functionsById);
    const fact = className === undefined ? undefined : indexes.byQualifiedName.get(facts.file)?.get(`${className}.${member}`);
    return fact === undefined ? [] : [{ file: facts.file, fact }];
  }
  const namespace = module.imports.find((entry) => entry.localName === owner && entry.importedName === '*');
  return namespace === undefined ? [] : exportedFrom(namespace.specifier, member);
}

function enclosingClassName(functionId: string | undefined, functionsById: Map<string, FunctionFact>): string | undefined {
  for (let fact = functionId === undefined ? undefined : functionsById.get(functionId); fact !== undefined; ) {
    const dot = fact.qualifiedName.lastIndexOf('.');
    if (dot > 0) return fact.qualifiedName.slice(0, dot);
    fact = fact.parentFunctionId === undefined ? undefined : functionsById.get(fact.parentFunctionId);
  }
  return undefined;
}

function graphOf(project: Project): CallGraph {
  let graph = graphs.get(project);
  if (graph === undefined) {
    graph = buildCallGraph(project);
    graphs.set(project, graph);
  }
  return graph;
}

function guardCovers(guard: GuardState, purpose: string, project: Project): boolean {
  if (guard.status !== 'guarded') return false;
  return coversSinkPurpose(guard.covers ?? ['*'], purpose, project.catalogs.consent);
}

/**
 * Whether code in a function (or the functions around it) only runs behind a consent check for `purpose`:
 * some function in the chain has callers, and every one of them is guarded, at the call or further up.
 */
function chainVerdict(graph: CallGraph, project: Project, file: string, functionId: string | undefined, purpose: string, visiting: Set<string>): GuardVerdict {
  let first: GuardVerdict | undefined;
  for (let current = functionId; current !== undefined; ) {
    const verdict = functionVerdict(graph, project, file, current, purpose, visiting);
    if (verdict.status === 'guarded') return verdict;
    if (first === undefined || (first.status === 'unguarded' && first.unguardedCall === undefined)) first = verdict;
    current = graph.functions.get(keyOf(file, current))?.fact.parentFunctionId;
  }
  return first ?? { status: 'unguarded' };
}

function functionVerdict(graph: CallGraph, project: Project, file: string, functionId: string, purpose: string, visiting: Set<string>): GuardVerdict {
  const key = keyOf(file, functionId);
  // Reached again through a callback inside itself: recursion adds no path its other callers do not guard.
  if (visiting.has(key)) return { status: 'guarded' };
  const memoKey = `${key}\0${purpose}`;
  const memo = graph.verdicts.get(memoKey);
  if (memo !== undefined) return memo;
  // Reached again through a function that encloses it while it is still being judged (a callback that
  // calls its own outer function): the cycle adds no path, and following it would never end.
  if (visiting.has(key)) return { status: 'unguarded' };
  const callers = graph.callers.get(key) ?? [];
  visiting.add(key);
  let guardedCallers = 0;
  let failure: GuardVerdict | undefined;
  for (const { file: callerFile, site } of callers) {
    const callerKey = site.enclosingFunctionId === undefined ? undefined : keyOf(callerFile, site.enclosingFunctionId);
    // Recursion adds no path into the function that its other callers do not already guard.
    if (callerKey !== undefined && visiting.has(callerKey)) continue;
    if (guardCovers(site.guard, purpose, project)) {
      guardedCallers++;
      continue;
    }
    const above = chainVerdict(graph, project, callerFile, site.enclosingFunctionId, purpose, visiting);
    if (above.status === 'guarded') {
      guardedCallers++;
      continue;
    }
    if (failure !== undefined) continue;
    if (site.guard.status === 'guarded' && site.guard.checkSpan !== undefined) {
      failure = { status: 'wrong-purpose', wrongCheck: { file: callerFile, span: site.guard.checkSpan, purposes: site.guard.purposes } };
    } else if (above.status === 'wrong-purpose') {
      failure = above;
    } else {
      failure = { status: 'unguarded', unguardedCall: { file: callerFile, span: site.span } };
    }
  }
  visiting.delete(key);
  const verdict: GuardVerdict = failure ?? (guardedCallers > 0 ? { status: 'guarded' } : { status: 'unguarded' });
  graph.verdicts.set(memoKey, verdict);
  return verdict;
}

/** The function and the functions around it, innermost first: the functions `chainVerdict` may judge. */
function enclosingChain(graph: CallGraph, file: string, functionId: string | undefined): string[] {
  const chain: string[] = [];
  for (let current = functionId; current !== undefined; current = graph.functions.get(keyOf(file, current))?.fact.parentFunctionId) {
    chain.push(current);
  }
  return chain;
}

/** The functions whose verdicts `functionVerdict` asks for: every unguarded caller's enclosing chain. */
function verdictDependencies(graph: CallGraph, project: Project, file: string, functionId: string, purpose: string): [string, string][] {
  const dependencies: [string, string][] = [];
  for (const { file: callerFile, site } of graph.callers.get(keyOf(file, functionId)) ?? []) {
    if (guardCovers(site.guard, purpose, project)) continue;
    for (const id of enclosingChain(graph, callerFile, site.enclosingFunctionId)) dependencies.push([callerFile, id]);
  }
  return dependencies;
}

/**
 * Judges, callers first, every function the verdict of the given ones depends on, so each judgement finds
 * its callers' verdicts memoized: judging a chain of thousands of calls in one recursion overflows the stack.
 */
function judgeCallersFirst(graph: CallGraph, project: Project, file: string, functionIds: string[], purpose: string): void {
  const entered = new Set<string>();
  const stack: { file: string; id: string; dependencies: [string, string][]; next: number }[] = [];
  const enter = (enteredFile: string, id: string): void => {
    const key = keyOf(enteredFile, id);
    if (entered.has(key) || graph.verdicts.has(`${key}\0${purpose}`)) return;
    entered.add(key);
    stack.push({ file: enteredFile, id, dependencies: verdictDependencies(graph, project, enteredFile, id, purpose), next: 0 });
  };
  for (const root of functionIds) {
    enter(file, root);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const dependency = top.dependencies[top.next];
      top.next += 1;
      if (dependency !== undefined) {
        enter(...dependency);
        continue;
      }
      stack.pop();
      functionVerdict(graph, project, top.file, top.id, purpose, new Set());
    }
  }
}

/**
 * Whether a sink that is a call of the project's own function (`scoreCustomer(c)`) lands in a function that
 * checks consent for the sink's purpose itself, before it profiles.
 */
function calleeChecksConsent(graph: CallGraph, project: Project, file: string, sink: SinkCall): boolean {
  const targets = graph.targetsByCall.get(callKeyOf(file, sink.span)) ?? [];
  return (
    targets.length > 0 &&
    targets.every((target) =>
      (project.byFile.get(target.file)?.code?.consentChecks ?? []).some(
        (check) =>
          check.enclosingFunctionId === target.fact.id &&
          coversSinkPurpose(coverageOf(check.purposes, project.catalogs.consent), sink.purpose, project.catalogs.consent),
      ),
    )
  );
}

/**
 * The guard verdict of a sink: guarded in its own function, or reached only through guarded calls.
 * Exported functions with no caller in the project stay unguarded: profilint cannot see who calls them.
 */
export function resolveSinkGuard(project: Project, file: string, sink: SinkCall): GuardVerdict {
  if (sink.guard.status === 'guarded') return { status: 'guarded' };
  const graph = graphOf(project);
  if (calleeChecksConsent(graph, project, file, sink)) return { status: 'guarded' };
  judgeCallersFirst(graph, project, file, enclosingChain(graph, file, sink.enclosingFunctionId), sink.purpose);
  const throughCallers = chainVerdict(graph, project, file, sink.enclosingFunctionId, sink.purpose, new Set());
  if (throughCallers.status === 'guarded') return throughCallers;
  if (sink.guard.status === 'wrong-purpose' && sink.guard.checkSpan !== undefined) {
    return { status: 'wrong-purpose', wrongCheck: { file, span: sink.guard.checkSpan, purposes: sink.guard.purposes } };
  }
  return throughCallers;
}
