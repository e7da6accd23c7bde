import type { Project } from '../../link.js';
import type { Span } from '../../types.js';
import type { FunctionFact, ModuleFacts } from '../../extract/module-graph.js';
import { parseDuration, type Duration } from '../../duration.js';
import { findPipelineSpec, findPipelineSpecForFile, type PipelineSpec } from '../../specs/pipelines.js';
import type { SpecSubject } from '../../specs/types.js';
import { tokenize } from '../../vocabulary.js';

/** A `@profiling <pipeline>` tag and the spec it names, when one exists. */
export interface ProfilingLink {
  pipeline: string;
  /** The tag itself. */
  span: Span;
  spec?: PipelineSpec;
}

/** A `@retention <duration>` tag, parsed. */
export interface RetentionTag {
  value: string;
  span: Span;
  duration: Duration;
}

/** What documents how long the code at one place keeps data: the nearest tags around it. */
export interface Governance {
  profiling?: ProfilingLink;
  retention?: RetentionTag;
}

const functionIndexes = new WeakMap<ModuleFacts, Map<string, FunctionFact>>();

function functionsById(module: ModuleFacts): Map<string, FunctionFact> {
  let index = functionIndexes.get(module);
  if (index === undefined) {
    index = new Map(module.functions.map((fact) => [fact.id, fact]));
    functionIndexes.set(module, index);
  }
  return index;
}

/**
 * The tags that govern code inside a function: its own, then those of the functions around it, then the
 * module's. The nearest tag wins, so a method can name a different pipeline than its file; a file with no tag
 * may be claimed by a spec's `profiling.paths`.
 */
export function governanceOf(project: Project, file: string, module: ModuleFacts, enclosingFunctionId: string | undefined): Governance {
  const governance: Governance = {};
  const functions = functionsById(module);
  const tagSets = [];
  for (let id = enclosingFunctionId; id !== undefined; ) {
    const fact = functions.get(id);
    if (fact === undefined) break;
    tagSets.push(fact.tags);
    id = fact.parentFunctionId;
  }
  tagSets.push(module.fileTags);
  for (const tags of tagSets) {
    if (governance.profiling === undefined && tags.profiling !== undefined) {
      const link: ProfilingLink = { pipeline: tags.profiling.pipeline, span: tags.profiling.span };
      const spec = findPipelineSpec(project, tags.profiling.pipeline);
      if (spec !== undefined) link.spec = spec;
      governance.profiling = link;
    }
    if (governance.retention === undefined && tags.retention !== undefined) {
      governance.retention = { ...tags.retention, duration: parseRetentionTag(tags.retention.value) };
    }
  }
  // Without a tag, a spec's `profiling.paths` can claim the file; the link then points at the file's first line.
  const claimed = governance.profiling === undefined ? findPipelineSpecForFile(project, file) : undefined;
  if (claimed !== undefined) {
    governance.profiling = { pipeline: claimed.document.pipeline ?? claimed.subject.name, span: { line: 1, column: 1, endLine: 1, endColumn: 1 }, spec: claimed };
  }
  return governance;
}

/**
 * The period a `@retention` tag states. Authors often explain it after the period
 * (`@retention 180d (deleted by the purge job)`, `@retention P30D - per DPA`), so a remark in
 * parentheses or after a dash or semicolon is set aside when the whole text is not a duration.
 */
export function parseRetentionTag(value: string): Duration {
  const whole = parseDuration(value);
  if (whole.kind !== 'unparseable') return whole;
  const period = value.split(/\s*(?:\(|;|,|\s[-–—]\s)/)[0] ?? '';
  return period === value ? whole : parseDuration(period);
}

/** Every `@profiling` and `@retention` tag written in a file (functions and module), each once. */
export function tagsInModule(module: ModuleFacts): Array<{ kind: 'profiling' | 'retention'; value: string; span: Span }> {
  const seen = new Set<string>();
  const tags: Array<{ kind: 'profiling' | 'retention'; value: string; span: Span }> = [];
  for (const tagSet of [module.fileTags, ...module.functions.map((fact) => fact.tags)]) {
    const found = [
      ...(tagSet.profiling ? [{ kind: 'profiling' as const, value: tagSet.profiling.pipeline, span: tagSet.profiling.span }] : []),
      ...(tagSet.retention ? [{ kind: 'retention' as const, value: tagSet.retention.value, span: tagSet.retention.span }] : []),
    ];
    for (const tag of found) {
      // A class's tags are copied onto each of its methods; report them once, where they are written.
      const key = `${tag.kind}:${tag.span.line}:${tag.span.column}`;
      if (seen.has(key)) continue;
      seen.add(key);
      tags.push(tag);
    }
  }
  return tags.sort((a, b) => a.span.line - b.span.line || a.span.column - b.span.column);
}

const subjectIndexes = new WeakMap<Project, Map<string, { file: string; subject: SpecSubject }>>();

function tableKey(name: string): string {
  return tokenize(name).join(' ');
}

/**
 * The dataset spec (a dbt model, a data contract, a Fides dataset…) that describes a table, model or
 * collection, matched by name across naming styles: `customerScore`, `CustomerScore` and
 * `customer_scores` are one table. The first by file path wins.
 */
export function findDatasetSpec(project: Project, name: string): { file: string; subject: SpecSubject } | undefined {
  let index = subjectIndexes.get(project);
  if (index === undefined) {
    index = new Map();
    for (const facts of project.files) {
      for (const document of facts.specs ?? []) {
        for (const subject of document.subjects) {
          const key = tableKey(subject.name);
          if (subject.kind !== 'pipeline' && key !== '' && !index.has(key)) index.set(key, { file: facts.file, subject });
        }
      }
    }
    subjectIndexes.set(project, index);
  }
  return index.get(tableKey(name));
}
