import picomatch from 'picomatch';
import type { RuleContext } from '../define-rule.js';
import { resolveImport, type Project } from '../../link.js';
import type { AttributeFlow, AttributeReference } from '../../extract/attributes.js';
import type { SinkCall } from '../../extract/sinks.js';
import type { FileFacts, RelatedLocation } from '../../types.js';
import { categoryLabel } from '../../vocabulary.js';

/** A sink in some file, as a flow's destination. */
interface LocatedSink {
  file: string;
  sink: SinkCall;
}

/** Options the three attribute rules read; each rule's schema admits only its own. */
export type AttributeRuleOptions = {
  /** sensitive-attribute, sensitive-data-shared: category ids never to report. */
  ignoreCategories?: string[];
  /** proxy-attribute: proxy ids never to report. */
  ignoreProxies?: string[];
  /** proxy-attribute: also report proxies sent to product-analytics SDKs. */
  includeAnalytics?: boolean;
  /** sensitive-data-shared: sink catalog ids (`segment`, `braze`) whose receipt of sensitive data is contracted. */
  allowSinks?: string[];
};

// Per project: `file \0 functionId` of every exported function whose result a sink in another file receives.
const linkedBuilders = new WeakMap<Project, Map<string, LocatedSink[]>>();

/**
 * Follows each sink's imported input functions (`customers.map(toFeatureRow)` → `./features.js`)
 * to the function they name, so what that function returns counts as the sink's input.
 */
function featureBuildersOf(project: Project): Map<string, LocatedSink[]> {
  const cached = linkedBuilders.get(project);
  if (cached !== undefined) return cached;
  const builders = new Map<string, LocatedSink[]>();
  for (const facts of project.files) {
    const code = facts.code;
    if (code === undefined) continue;
    for (const sink of code.sinks) {
      for (const calleeText of sink.inputFunctions ?? []) {
        const [local, member] = calleeText.split('.');
        const imported = code.module.imports.find((entry) => entry.localName === local);
        if (imported === undefined) continue;
        const exportedName = imported.importedName === '*' ? member : member === undefined ? imported.importedName : undefined;
        if (exportedName === undefined) continue;
        const target = resolveImport(project, facts.file, imported.specifier);
        const builder = target === undefined
          ? undefined
          : project.byFile.get(target)?.code?.module.functions.find((fn) => fn.exportedAs.includes(exportedName));
        if (target === undefined || builder === undefined) continue;
        const key = `${target}\0${builder.id}`;
        builders.set(key, [...(builders.get(key) ?? []), { file: facts.file, sink }]);
      }
    }
  }
  linkedBuilders.set(project, builders);
  return builders;
}

const profilingPathMatchers = new WeakMap<Project, (file: string) => boolean>();

function isProfilingPath(project: Project, file: string): boolean {
  let matcher = profilingPathMatchers.get(project);
  if (matcher === undefined) {
    const globs = project.config.profilingPaths;
    matcher = globs.length === 0 ? () => false : picomatch(globs, { dot: true });
    profilingPathMatchers.set(project, matcher);
  }
  return matcher(file);
}

/** A flow that makes a reference a profiling input, resolved to where it goes. */
type ConfirmedFlow =
  | { kind: 'sink'; to: LocatedSink; llmInference: boolean }
  | { kind: 'decision'; selects: string; file: string; line: number; column: number }
  | { kind: 'training-column'; list: string; file: string; line: number; column: number }
  | { kind: 'profiling-code'; functionName: string };

function confirmFlows(project: Project, facts: FileFacts, flow: AttributeFlow): ConfirmedFlow[] {
  const sinks = facts.code?.sinks ?? [];
  switch (flow.kind) {
    case 'sink':
    case 'llm-inference': {
      const sink = sinks.find((candidate) => candidate.id === flow.sinkId);
      return sink === undefined ? [] : [{ kind: 'sink', to: { file: facts.file, sink }, llmInference: flow.kind === 'llm-inference' }];
    }
    case 'decision':
      return [{ kind: 'decision', selects: flow.selects, file: facts.file, line: flow.span.line, column: flow.span.column }];
    case 'training-column':
      return [{ kind: 'training-column', list: flow.list, file: facts.file, line: flow.span.line, column: flow.span.column }];
    case 'returned': {
      const linked = (featureBuildersOf(project).get(`${facts.file}\0${flow.functionId}`) ?? []).map(
        (to): ConfirmedFlow => ({ kind: 'sink', to, llmInference: false }),
      );
      if (isProfilingPath(project, facts.file)) linked.push({ kind: 'profiling-code', functionName: flow.functionName });
      return linked;
    }
  }
}

function describeSink(to: LocatedSink, fromFile: string): string {
  const where = to.file === fromFile ? '' : ` in ${to.file}`;
  return `\`${to.sink.calleeText}\`${where} (${to.sink.vendor ?? to.sink.kind})`;
}

function sinkRelated(to: LocatedSink): RelatedLocation {
  return {
    file: to.file,
    line: to.sink.span.line,
    column: to.sink.span.column,
    message: `profiling input reaches ${to.sink.calleeText} here`,
  };
}

function flowRelated(flow: ConfirmedFlow): RelatedLocation | undefined {
  if (flow.kind === 'sink') return sinkRelated(flow.to);
  if (flow.kind === 'decision') {
    return { file: flow.file, line: flow.line, column: flow.column, message: `decides the ${flow.selects} here` };
  }
  if (flow.kind === 'training-column') {
    return { file: flow.file, line: flow.line, column: flow.column, message: `model column list ${flow.list}` };
  }
  return undefined;
}

// The message a reference gets follows its most direct flow: an LLM asked to infer it, a sink, a decision, a column list.
const flowOrder: Record<ConfirmedFlow['kind'], number> = { sink: 0, decision: 1, 'training-column': 2, 'profiling-code': 3 };

function primaryFlow(flows: ConfirmedFlow[]): ConfirmedFlow | undefined {
  return [...flows].sort((a, b) => {
    const inference = Number(b.kind === 'sink' && b.llmInference) - Number(a.kind === 'sink' && a.llmInference);
    return inference || flowOrder[a.kind] - flowOrder[b.kind];
  })[0];
}

function reportReference(
  context: RuleContext<AttributeRuleOptions, string>,
  facts: FileFacts,
  reference: AttributeReference,
  flows: ConfirmedFlow[],
  messageIds: Record<ConfirmedFlow['kind'] | 'inference', string>,
  extraData: Record<string, string>,
): void {
  const primary = primaryFlow(flows);
  if (primary === undefined) return;
  const data: Record<string, string> = {
    name: reference.name,
    category: reference.category,
    label: reference.label,
    laws: reference.laws.join(', '),
    ...extraData,
  };
  let messageId = messageIds[primary.kind];
  if (primary.kind === 'sink') {
    data.target = describeSink(primary.to, facts.file);
    if (primary.llmInference) messageId = messageIds.inference;
  } else if (primary.kind === 'decision') data.selects = primary.selects;
  else if (primary.kind === 'training-column') data.list = primary.list;
  else data.function = primary.functionName;
  const related = flows.map(flowRelated).filter((location): location is RelatedLocation => location !== undefined);
  context.report({
    messageId,
    data,
    location: { file: facts.file, ...reference.span },
    category: reference.category,
    ...(related.length === 0 ? {} : { related: dedupeRelated(related) }),
  });
}

function dedupeRelated(related: RelatedLocation[]): RelatedLocation[] {
  const seen = new Set<string>();
  return related.filter((location) => {
    const key = `${location.file}:${location.line}:${location.column}:${location.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function isThirdPartySink(flow: ConfirmedFlow): flow is Extract<ConfirmedFlow, { kind: 'sink' }> {
  return flow.kind === 'sink' && flow.to.sink.thirdParty;
}

/** Reports sensitive or proxy references in code that are profiling inputs (or third-party payloads for `shared`). */
export function reportCodeAttributes(
  context: RuleContext<AttributeRuleOptions, string>,
  kind: 'sensitive' | 'proxy' | 'shared',
): void {
  const { project } = context;
  const options: AttributeRuleOptions = context.options;
  const ignoredCategories = new Set(kind === 'proxy' ? options.ignoreProxies ?? [] : options.ignoreCategories ?? []);
  const allowedSinks = new Set(options.allowSinks ?? []);
  for (const facts of project.files) {
    for (const reference of facts.code?.attributes ?? []) {
      if (reference.fairnessContext || ignoredCategories.has(reference.category)) continue;
      if (reference.kind !== (kind === 'proxy' ? 'proxy' : 'sensitive')) continue;
      const flows = reference.flows.flatMap((flow) => confirmFlows(project, facts, flow));
      // Sent to a third party, a sensitive attribute is `sensitive-data-shared` only, never both.
      const shared = flows.filter(isThirdPartySink);
      if (kind === 'shared') {
        const reported = shared.filter((flow) => !allowedSinks.has(flow.to.sink.catalogId));
        if (reported.length === 0) continue;
        const first = reported[0] as (typeof reported)[number];
        reportReference(context, facts, reference, reported, messageIdsShared, {
          vendor: first.to.sink.vendor ?? first.to.sink.catalogId,
          callee: first.to.sink.calleeText,
        });
        continue;
      }
      if (kind === 'sensitive') {
        if (shared.length > 0) continue;
        reportReference(context, facts, reference, flows, messageIdsSensitive, {});
        continue;
      }
      const profiling = flows.filter(
        (flow) => options.includeAnalytics === true || flow.kind !== 'sink' || flow.to.sink.purpose !== 'analytics',
      );
      const standsFor = reference.standsFor.map((id) => categoryLabel(project.catalogs.vocabulary, id)).join(', ');
      reportReference(context, facts, reference, profiling, messageIdsProxy, { standsFor });
    }
  }
}

const messageIdsSensitive = {
  sink: 'sensitiveInput',
  inference: 'sensitiveInferred',
  decision: 'sensitiveDecision',
  'training-column': 'sensitiveColumn',
  'profiling-code': 'sensitiveInProfilingCode',
} as const;

const messageIdsProxy = {
  sink: 'proxyInput',
  inference: 'proxyInput',
  decision: 'proxyDecision',
  'training-column': 'proxyColumn',
  'profiling-code': 'proxyInProfilingCode',
} as const;

const messageIdsShared = {
  sink: 'sharedWithThirdParty',
  inference: 'sharedWithThirdParty',
  decision: 'sharedWithThirdParty',
  'training-column': 'sharedWithThirdParty',
  'profiling-code': 'sharedWithThirdParty',
} as const;

/** Message templates of the code side of the three attribute rules, by message id. */
export const attributeMessages = {
  sensitive: {
    sensitiveInput:
      '`{{name}}` is {{label}} ({{laws}}) and is an input to {{target}}. Remove it from the profiling input, or justify it as a feature in the pipeline\'s spec backed by a fresh fairness audit.',
    sensitiveInferred:
      'This prompt asks {{target}} to infer {{label}} ({{laws}}), which creates special-category data about the person. Remove the request from the prompt, or move it into a documented fairness evaluation.',
    sensitiveDecision:
      '`{{name}}` is {{label}} ({{laws}}) and decides the {{selects}}. Base the decision on attributes that are not protected, or justify it in the pipeline\'s spec backed by a fresh fairness audit.',
    sensitiveColumn:
      '`{{name}}` is {{label}} ({{laws}}) and is a model column in `{{list}}`. Drop the column from the model\'s features, or justify it in the pipeline\'s spec backed by a fresh fairness audit.',
    sensitiveInProfilingCode:
      '`{{name}}` is {{label}} ({{laws}}) and is returned by `{{function}}` in profiling code. Leave it out of the profile, or justify it in the pipeline\'s spec backed by a fresh fairness audit.',
  },
  proxy: {
    proxyInput:
      '`{{name}}` ({{label}}) is a known proxy for {{standsFor}} and is an input to {{target}}. Justify the feature in the pipeline\'s spec with a disparate-impact test, or drop it.',
    proxyDecision:
      '`{{name}}` ({{label}}) is a known proxy for {{standsFor}} and decides the {{selects}}. Justify the criterion in the pipeline\'s spec with a disparate-impact test, or decide on something else.',
    proxyColumn:
      '`{{name}}` ({{label}}) is a known proxy for {{standsFor}} and is a model column in `{{list}}`. Justify the column in the pipeline\'s spec with a disparate-impact test, or drop it.',
    proxyInProfilingCode:
      '`{{name}}` ({{label}}) is a known proxy for {{standsFor}} and is returned by `{{function}}` in profiling code. Justify the feature in the pipeline\'s spec with a disparate-impact test, or leave it out.',
  },
  shared: {
    sharedWithThirdParty:
      '`{{name}}` is {{label}} ({{laws}}) and is sent to {{vendor}} through `{{callee}}`. Remove it from the payload; if the vendor must receive it, obtain explicit consent and a processing agreement, and record why in the pipeline\'s spec.',
  },
} as const;
