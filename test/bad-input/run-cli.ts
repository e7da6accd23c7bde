import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ScanNotice } from '../../src/types.js';

// PROFILINT_CLI runs these tests against another build of the same sources (e.g. while dist/ is being rebuilt).
export const cliPath = process.env.PROFILINT_CLI ?? path.resolve(import.meta.dirname, '../../dist/cli.js');

/** Throws the one-line instruction a developer needs when the bundle these tests run is missing. */
export function requireBuiltCli(): void {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run \`npm run build\` before these tests.`);
}

/** What one run of the built CLI printed and returned. */
export interface CliRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  cwd: string;
  env?: Record<string, string>;
  /** Runs the CLI as this user id and group id (via setpriv), for permission tests as root. */
  asUser?: { uid: number; gid: number };
  /** Kills the CLI after this many milliseconds; a hung scan is a failure, not a slow test. */
  timeoutMs?: number;
}

/** Runs `node dist/cli.js …` in `cwd` without colours or debug output, the way CI does. */
export function runCli(args: string[], options: CliRunOptions): CliRun {
  const env = { ...process.env, NO_COLOR: '1', DEBUG: '', FORCE_COLOR: '', ...options.env };
  const command = options.asUser === undefined ? process.execPath : 'setpriv';
  const commandArgs =
    options.asUser === undefined
      ? [cliPath, ...args]
      : [`--reuid=${options.asUser.uid}`, `--regid=${options.asUser.gid}`, '--clear-groups', process.execPath, cliPath, ...args];
  const result = spawnSync(command, commandArgs, {
    cwd: options.cwd,
    env,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 120_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error !== undefined && (result.error as NodeJS.ErrnoException).code !== 'ETIMEDOUT') throw result.error;
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

/** The parts of a `--format json` report these tests read. */
export interface JsonReport {
  findings: { ruleId: string; file: string; line: number; column: number; message: string; suppression?: unknown }[];
  notices: ScanNotice[];
}

/** Parses a `--format json` run, failing with the CLI's stderr when stdout is not a report. */
export function readJsonReport(run: CliRun): JsonReport {
  try {
    return JSON.parse(run.stdout) as JsonReport;
  } catch {
    throw new Error(`Expected a JSON report; exit ${run.status}, stderr:\n${run.stderr}`);
  }
}

/** `file:line ruleId` for each unsuppressed finding (the JSON report writes `suppression: null`), the shape assertions compare. */
export function findingKeys(report: JsonReport): string[] {
  return report.findings.filter((finding) => finding.suppression == null).map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`);
}

/** The notices about one file. */
export function noticesFor(report: JsonReport, file: string): ScanNotice[] {
  return report.notices.filter((notice) => notice.file === file);
}

/**
 * A scoring function that feeds `age` to a model from line `line`: one sensitive-attribute error there,
 * the finding every bad-input test expects to survive the bad file next to it.
 */
export function scoringSource(functionName = 'score'): string {
  return `import * as tf from '@tensorflow/tfjs';
export function ${functionName}(model: tf.LayersModel, customer: { age: number; tenureMonths: number }) {
  return model.predict(tf.tensor2d([[customer.age, customer.tenureMonths]]));
}
`;
}

/** The config that leaves only the rule the scoring source triggers, so expected findings stay short. */
export const onlySensitiveAttributeConfig = 'rules:\n  missing-consent: off\n';
