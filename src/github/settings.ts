import type { Severity } from '../types.js';

/** Which findings of a pull request are reported, with reviewdog's names and meaning. */
export type FilterMode = 'added' | 'diff_context' | 'file' | 'nofilter';
/** `pull-request` reviews the changed lines; `full` reports the whole repository. */
export type ScanMode = 'auto' | 'pull-request' | 'full';
/** `auto` writes workflow-command annotations only when no check run carries them. */
export type AnnotationsSetting = 'auto' | 'true' | 'false';

/** The Action's inputs, parsed and checked. */
export interface ActionSettings {
  paths: string[];
  configFile?: string;
  failOn: Severity | 'never';
  mode: ScanMode;
  filterMode: FilterMode;
  annotations: AnnotationsSetting;
  checkRun: boolean;
  comment: boolean;
  summary: boolean;
  sarifFile?: string;
  reportFile?: string;
  baselineFile?: string;
  /** Folder of the facts cache, relative to the workspace; absent when the Action keeps none. */
  cacheLocation?: string;
  /** Label of the tracking issue the full scan keeps up to date; absent when the feature is off. */
  trackingIssueLabel?: string;
  token: string;
}

/** An input with a value the Action does not accept; reported without a stack. */
export class InputError extends Error {
  override name = 'InputError';
}

/** Reads one input by its action.yml name; `''` when the workflow left it empty. */
export type InputReader = (name: string) => string;

function readChoice<Choice extends string>(
  readInput: InputReader,
  name: string,
  choices: readonly Choice[],
  fallback: Choice,
): Choice {
  const value = readInput(name).trim();
  if (value === '') return fallback;
  const choice = choices.find((candidate) => candidate === value.toLowerCase());
  if (choice === undefined) {
    throw new InputError(`Input "${name}" is "${value}"; use one of: ${choices.join(', ')}.`);
  }
  return choice;
}

function readBoolean(readInput: InputReader, name: string, fallback: boolean): boolean {
  return readChoice(readInput, name, ['true', 'false'], fallback ? 'true' : 'false') === 'true';
}

function readOptional(readInput: InputReader, name: string): string | undefined {
  const value = readInput(name).trim();
  return value === '' ? undefined : value;
}

/**
 * Parses every input. Choices fall back to the defaults action.yml declares; an empty file input
 * (`sarif-file`, `report-file`, `baseline`, `cache-location`, `tracking-issue`) turns that feature off.
 */
export function readSettings(readInput: InputReader): ActionSettings {
  const paths = readInput('paths')
    .split(/\s+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  return {
    paths,
    configFile: readOptional(readInput, 'config'),
    failOn: readChoice(readInput, 'fail-on', ['error', 'warning', 'note', 'never'], 'error'),
    mode: readChoice(readInput, 'mode', ['auto', 'pull-request', 'full'], 'auto'),
    filterMode: readChoice(readInput, 'filter-mode', ['added', 'diff_context', 'file', 'nofilter'], 'added'),
    annotations: readChoice(readInput, 'annotations', ['auto', 'true', 'false'], 'auto'),
    checkRun: readBoolean(readInput, 'check-run', true),
    comment: readBoolean(readInput, 'comment', false),
    summary: readBoolean(readInput, 'summary', true),
    sarifFile: readOptional(readInput, 'sarif-file'),
    reportFile: readOptional(readInput, 'report-file'),
    baselineFile: readOptional(readInput, 'baseline'),
    cacheLocation: readOptional(readInput, 'cache-location'),
    trackingIssueLabel: readOptional(readInput, 'tracking-issue'),
    token: readInput('github-token').trim(),
  };
}
