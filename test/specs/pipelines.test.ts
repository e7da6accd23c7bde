import { describe, expect, it } from 'vitest';
import type { Project } from '../../src/link.js';
import type { FileFacts, ResolvedConfig } from '../../src/types.js';
import { loadCatalogs } from '../../src/catalogs.js';
import { readSpecs } from '../../src/specs/read.js';
import { findPipelineSpec, listPipelineSpecs } from '../../src/specs/pipelines.js';

const emptyVocabulary = { sensitive: {}, proxies: {}, ignore: [], sinks: [], consent: [], stores: [] };

function projectOf(files: Record<string, string>): Project {
  const facts: FileFacts[] = Object.entries(files).map(([file, text]) => {
    const { specs, notices } = readSpecs(file, text);
    return { file, language: 'yaml', hash: file, directives: [], notices, specs };
  });
  const config: ResolvedConfig = {
    root: '/repo',
    rules: {},
    include: [],
    exclude: [],
    vocabulary: emptyVocabulary,
    profilingPaths: [],
    maxFileSize: 1_000_000,
    fileTimeout: 10_000,
    auditMaxAgeDays: 365,
  };
  return {
    root: '/repo',
    config,
    catalogs: loadCatalogs(emptyVocabulary),
    files: facts,
    byFile: new Map(facts.map((fact) => [fact.file, fact])),
    fileExists: () => false,
    now: new Date('2026-11-30T12:00:00Z'),
  };
}

const churn = `# Churn model
profilint: 1
pipeline: churn-propensity
owner: growth@acme.example
retention: P180D
`;

describe('findPipelineSpec', () => {
  it('finds the native spec of a pipeline with its retention and the retention key position', () => {
    const project = projectOf({ 'specs/churn.profiling.yaml': churn });
    const found = findPipelineSpec(project, 'churn-propensity');
    expect(found?.file).toBe('specs/churn.profiling.yaml');
    expect(found?.retention).toEqual({
      text: 'P180D',
      duration: { kind: 'bounded', days: 180 },
      span: { line: 5, column: 1, endLine: 5, endColumn: 10 },
    });
    expect(found?.subject.anchor).toMatchObject({ line: 2, column: 1 });
  });

  it('matches names regardless of case and surrounding space', () => {
    const project = projectOf({ 'specs/churn.profiling.yaml': churn });
    expect(findPipelineSpec(project, ' Churn-Propensity ')?.file).toBe('specs/churn.profiling.yaml');
  });

  it('returns nothing for a pipeline no spec names, and a spec without retention has none', () => {
    const project = projectOf({ 'specs/upsell.profiling.yaml': 'profilint: 1\npipeline: upsell\n' });
    expect(findPipelineSpec(project, 'churn-propensity')).toBeUndefined();
    const upsell = findPipelineSpec(project, 'upsell');
    expect(upsell?.file).toBe('specs/upsell.profiling.yaml');
    expect(upsell?.retention).toBeUndefined();
  });

  it('keeps the spec first by path when two claim the same pipeline, whatever the scan order', () => {
    const other = churn.replace('P180D', 'P30D');
    const forwards = projectOf({ 'specs/a.profiling.yaml': other, 'specs/b.profiling.yaml': churn });
    const backwards = projectOf({ 'specs/b.profiling.yaml': churn, 'specs/a.profiling.yaml': other });
    expect(findPipelineSpec(forwards, 'churn-propensity')?.file).toBe('specs/a.profiling.yaml');
    expect(findPipelineSpec(backwards, 'churn-propensity')?.file).toBe('specs/a.profiling.yaml');
  });

  it('finds each pipeline of a multi-document file', () => {
    const project = projectOf({ 'specs/all.yaml': `${churn}---\nprofilint: 1\npipeline: upsell\nretention: 6 months\n` });
    expect(listPipelineSpecs(project).map((spec) => spec.document.pipeline)).toEqual(['churn-propensity', 'upsell']);
    expect(findPipelineSpec(project, 'upsell')?.retention?.span.line).toBe(9);
    expect(findPipelineSpec(project, 'upsell')?.retention?.duration).toEqual({ kind: 'bounded', days: 180 });
  });

  it('answers from one index per project, built once', () => {
    const project = projectOf({ 'specs/churn.profiling.yaml': churn });
    const first = findPipelineSpec(project, 'churn-propensity');
    project.files.length = 0;
    expect(findPipelineSpec(project, 'churn-propensity')).toBe(first);
    expect(findPipelineSpec(projectOf({}), 'churn-propensity')).toBeUndefined();
  });
});
