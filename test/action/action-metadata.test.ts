import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readSettings } from '../../src/github/settings.js';

const root = path.resolve(import.meta.dirname, '../..');
const metadata = parse(readFileSync(path.join(root, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { description: string; default: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
};

describe('action.yml', () => {
  it('runs dist/action.js on the node24 runtime', () => {
    expect(metadata.runs).toEqual({ using: 'node24', main: 'dist/action.js' });
  });

  it('declares every input the issue names, each with a description and a default', () => {
    expect(Object.keys(metadata.inputs).sort()).toEqual(
      ['annotations', 'baseline', 'cache-location', 'check-run', 'comment', 'config', 'fail-on', 'filter-mode', 'github-token', 'mode', 'paths', 'report-file', 'sarif-file', 'summary', 'tracking-issue'].sort(),
    );
    for (const [name, input] of Object.entries(metadata.inputs)) {
      expect(input.description, name).toMatch(/\S/);
      expect(typeof input.default, name).toBe('string');
    }
    expect(metadata.inputs['github-token']?.default).toBe('${{ github.token }}');
  });

  it('has the same defaults as the code falls back to when a runner passes no value', () => {
    const declared = readSettings((name) => metadata.inputs[name]?.default.replace('${{ github.token }}', 'token') ?? '');
    const fallback = readSettings((name) => (name === 'github-token' ? 'token' : ''));
    expect({ ...declared, sarifFile: undefined, reportFile: undefined }).toEqual(fallback);
    expect([declared.sarifFile, declared.reportFile]).toEqual(['profilint-results.sarif', 'profilint-report.md']);
  });

  it('declares the counts and file outputs', () => {
    expect(Object.keys(metadata.outputs).sort()).toEqual(['errors', 'findings', 'notes', 'report-file', 'sarif-file', 'warnings']);
  });
});

describe('the workflow of this repository', () => {
  it('runs the committed action on itself with a stable SARIF category and a schedule off the hour', () => {
    const workflow = parse(readFileSync(path.join(root, '.github/workflows/profilint.yml'), 'utf8')) as {
      on: { schedule: { cron: string }[] };
      jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }>;
    };
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    expect(steps.filter((step) => step.uses === './')).toHaveLength(2);
    const uploads = steps.filter((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(uploads.map((step) => step.with?.['category'])).toEqual(['profilint', 'profilint']);
    for (const { cron } of workflow.on.schedule) expect(cron.split(' ')[0]).not.toBe('0');
  });
});
