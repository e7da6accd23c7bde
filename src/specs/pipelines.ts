import picomatch from 'picomatch';
import type { Project } from '../link.js';
import type { SpecDocument, SpecRetention, SpecSubject } from './types.js';

/** The native profiling spec that governs a pipeline, where it is, and what it declares. */
export interface PipelineSpec {
  /** Repository-relative path of the spec file. */
  file: string;
  document: SpecDocument;
  /** The pipeline the document describes. */
  subject: SpecSubject;
  /** The declared retention with the span of its key; absent when the spec declares none. */
  retention?: SpecRetention;
}

const indexes = new WeakMap<Project, Map<string, PipelineSpec>>();

/**
 * Finds the native spec for a pipeline named by a `@profiling <name>` tag, case-insensitively.
 * When two specs claim one name, the first by file path wins, so results do not depend on scan order.
 */
export function findPipelineSpec(project: Project, name: string): PipelineSpec | undefined {
  let index = indexes.get(project);
  if (index === undefined) {
    index = indexPipelineSpecs(project);
    indexes.set(project, index);
  }
  return index.get(normalizePipelineName(name));
}

/** Every native spec that names its pipeline, in file order; the rules use it to link code and spec. */
export function listPipelineSpecs(project: Project): PipelineSpec[] {
  const specs: PipelineSpec[] = [];
  const files = [...project.files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  for (const facts of files) {
    for (const document of facts.specs ?? []) {
      if (document.format !== 'profilint' || document.pipeline === undefined) continue;
      const subject = document.subjects[0];
      if (subject === undefined) continue;
      specs.push({
        file: facts.file,
        document,
        subject,
        ...(subject.retention === undefined ? {} : { retention: subject.retention }),
      });
    }
  }
  return specs;
}

const pathMatchers = new WeakMap<Project, Array<{ spec: PipelineSpec; matches: (file: string) => boolean }>>();

/** The native spec whose `profiling.paths` globs cover a code file; the first by spec path wins. */
export function findPipelineSpecForFile(project: Project, file: string): PipelineSpec | undefined {
  let matchers = pathMatchers.get(project);
  if (matchers === undefined) {
    matchers = listPipelineSpecs(project)
      .filter((spec) => (spec.document.codePaths ?? []).length > 0)
      .map((spec) => ({ spec, matches: picomatch(spec.document.codePaths ?? [], { dot: true }) }));
    pathMatchers.set(project, matchers);
  }
  return matchers.find((matcher) => matcher.matches(file))?.spec;
}

function indexPipelineSpecs(project: Project): Map<string, PipelineSpec> {
  const index = new Map<string, PipelineSpec>();
  for (const spec of listPipelineSpecs(project)) {
    const key = normalizePipelineName(spec.document.pipeline!);
    if (!index.has(key)) index.set(key, spec);
  }
  return index;
}

function normalizePipelineName(name: string): string {
  return name.trim().toLowerCase();
}
