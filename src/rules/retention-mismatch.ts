import { defineRule, emptyOptionsSchema, type RuleContext } from './define-rule.js';
import type { FileFacts, Location, RelatedLocation, Span } from '../types.js';
import type { ModuleFacts } from '../extract/module-graph.js';
import type { StoreWrite } from '../extract/stores.js';
import type { PipelineSpec } from '../specs/pipelines.js';
import { findPipelineSpec } from '../specs/pipelines.js';
import { formatDays } from '../duration.js';
import { governanceOf, parseRetentionTag, type ProfilingLink } from './from-code/governing-spec.js';
import { ttlIndexesOf } from './from-code/retention.js';

const messages = {
  expiryExceedsSpec:
    '`{{callee}}` keeps data for {{duration}} ({{expiry}}), longer than the {{retention}} that spec `{{pipeline}}` allows: shorten the expiry to at most {{retention}}, or change the spec if the longer period is needed and justified.',
  unboundedUnderSpec:
    '`{{callee}}` keeps data with no expiry, but spec `{{pipeline}}` allows {{retention}}: give the write an expiry of at most {{retention}}.',
  tagExceedsSpec:
    '`@retention {{value}}` ({{duration}}) is longer than the {{retention}} that spec `{{pipeline}}` allows: shorten it to at most {{retention}}, or change the spec.',
  unknownPipeline:
    '`@profiling {{pipeline}}` names no profiling spec in the repository: correct the name, or add a spec with `pipeline: {{pipeline}}` (e.g. `{{pipeline}}.profiling.yaml`).',
} as const;

type MessageId = keyof typeof messages;
type Context = RuleContext<Record<string, unknown>, MessageId>;

/**
 * Calendar units differ in length (a month is 28 to 31 days, `ms('1y')` is 365.25 days), so code that
 * means "one month" is not held against `P1M` for the extra day. Beyond that margin, longer is longer.
 */
const calendarMargin = 31 / 30;

function exceeds(codeDays: number, specDays: number): boolean {
  return codeDays > specDays * calendarMargin + 1e-9;
}

interface BoundedSpec {
  spec: PipelineSpec;
  pipeline: string;
  days: number;
  related: RelatedLocation;
}

function boundedSpecOf(link: ProfilingLink | undefined): BoundedSpec | undefined {
  const spec = link?.spec;
  const retention = spec?.retention;
  if (link === undefined || spec === undefined || retention === undefined || retention.duration.kind !== 'bounded') return undefined;
  return {
    spec,
    pipeline: spec.document.pipeline ?? link.pipeline,
    days: retention.duration.days,
    related: {
      file: spec.file,
      line: retention.span.line,
      column: retention.span.column,
      message: `Spec \`${spec.document.pipeline ?? link.pipeline}\` sets \`retention: ${retention.text}\`.`,
    },
  };
}

function at(file: string, span: Span): Location {
  return { file, ...span };
}

// Stores where a missing expiry means the data stays until someone deletes it; ORM rows are deleted by
// jobs profilint cannot see, and sessionStorage ends with the tab.
const expiringStores = new Set<StoreWrite['store']>(['redis', 'local-storage', 'cookie', 'mongodb', 'feature-store', 'user-defined']);

function checkWrite(context: Context, facts: FileFacts, module: ModuleFacts, write: StoreWrite): void {
  const governance = governanceOf(context.project, facts.file, module, write.enclosingFunctionId);
  const bounded = boundedSpecOf(governance.profiling);
  if (bounded === undefined) return;
  const base = { callee: write.calleeText, pipeline: bounded.pipeline, retention: bounded.spec.retention!.text };
  if (write.expiry !== undefined) {
    const days = write.expiry.days;
    if (days === undefined || !exceeds(days, bounded.days)) return;
    context.report({
      messageId: 'expiryExceedsSpec',
      data: { ...base, duration: formatDays(days), expiry: write.expiry.text },
      location: at(facts.file, write.expiry.span),
      related: [bounded.related],
    });
    return;
  }
  if (write.store === 'mongodb') {
    const indexes = ttlIndexesOf(context.project).get(write.collection ?? '') ?? [];
    if (indexes.length > 0) {
      const longest = indexes.reduce<(typeof indexes)[number] | undefined>((best, index) => {
        if (index.days === undefined) return best;
        return best?.days === undefined || index.days > best.days ? index : best;
      }, undefined);
      if (longest?.days === undefined || !exceeds(longest.days, bounded.days)) return;
      context.report({
        messageId: 'expiryExceedsSpec',
        data: { ...base, duration: formatDays(longest.days), expiry: `TTL index on ${write.collection}` },
        location: at(facts.file, write.span),
        related: [bounded.related, { file: longest.file, line: longest.span.line, column: longest.span.column, message: 'The TTL index.' }],
      });
      return;
    }
  }
  // A `@retention` tag documents a deletion profilint cannot see; the tag itself is held against the spec.
  if (governance.retention !== undefined || !expiringStores.has(write.store)) return;
  context.report({ messageId: 'unboundedUnderSpec', data: base, location: at(facts.file, write.span), related: [bounded.related] });
}

function checkTags(context: Context, facts: FileFacts, module: ModuleFacts): void {
  const owners: Array<{ functionId: string | undefined; tags: ModuleFacts['fileTags'] }> = [
    { functionId: undefined, tags: module.fileTags },
    ...module.functions.map((fact) => ({ functionId: fact.id, tags: fact.tags })),
  ];
  const seen = new Set<string>();
  for (const { functionId, tags } of owners) {
    const profiling = tags.profiling;
    if (profiling !== undefined && !seen.has(`p:${profiling.span.line}:${profiling.span.column}`)) {
      seen.add(`p:${profiling.span.line}:${profiling.span.column}`);
      if (findPipelineSpec(context.project, profiling.pipeline) === undefined) {
        context.report({ messageId: 'unknownPipeline', data: { pipeline: profiling.pipeline }, location: at(facts.file, profiling.span) });
      }
    }
    const retention = tags.retention;
    if (retention === undefined || seen.has(`r:${retention.span.line}:${retention.span.column}`)) continue;
    seen.add(`r:${retention.span.line}:${retention.span.column}`);
    const duration = parseRetentionTag(retention.value);
    const bounded = boundedSpecOf(governanceOf(context.project, facts.file, module, functionId).profiling);
    if (duration.kind !== 'bounded' || bounded === undefined || !exceeds(duration.days, bounded.days)) continue;
    context.report({
      messageId: 'tagExceedsSpec',
      data: { value: retention.value, duration: formatDays(duration.days), pipeline: bounded.pipeline, retention: bounded.spec.retention!.text },
      location: at(facts.file, retention.span),
      related: [bounded.related],
    });
  }
}

export default defineRule({
  id: 'retention-mismatch',
  description: 'Disallow keeping data longer than the governing spec allows',
  rationale:
    'GDPR Art. 5(1)(e) (storage limitation) and Art. 13(2)(a) make the retention period a promise to the people profiled; code that keeps a profile longer than its spec says breaks that promise and the record of processing (Art. 30(1)(f)).',
  severity: 'error',
  tags: ['retention', 'gdpr'],
  messages,
  defaultOptions: {},
  optionsSchema: emptyOptionsSchema,
  check(context) {
    for (const facts of context.project.files) {
      const code = facts.code;
      if (code === undefined) continue;
      checkTags(context, facts, code.module);
      for (const write of code.stores) checkWrite(context, facts, code.module, write);
    }
  },
});
