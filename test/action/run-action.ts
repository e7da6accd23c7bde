import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { parse } from 'yaml';

const repositoryRoot = path.resolve(import.meta.dirname, '../..');
export const actionEntry = path.join(repositoryRoot, 'dist', 'action.js');
const eventsFolder = path.join(repositoryRoot, 'test', 'fixtures', 'events');

const temporaryFolders: string[] = [];
// Each test file loads this module afresh, so its folders go when that file's tests are done.
afterAll(() => {
  for (const folder of temporaryFolders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A fresh temporary folder, removed after the test file that made it. */
export function makeTemporaryFolder(prefix: string): string {
  const folder = mkdtempSync(path.join(tmpdir(), `profilint-${prefix}-`));
  temporaryFolders.push(folder);
  return folder;
}

function git(cwd: string, args: string[]): string {
  return execFileSync(
    'git',
    ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args],
    { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  ).trim();
}

/** Writes files (path → content) under `root`, creating folders. */
export async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
}

/**
 * A real git repository with a `main` commit (`baseFiles`) and a pull-request branch on top of it
 * (`headFiles` written over the base), checked out at the head.
 */
export async function createPullRequestRepository(
  baseFiles: Record<string, string>,
  headFiles: Record<string, string>,
): Promise<{ root: string; baseSha: string; headSha: string }> {
  const root = makeTemporaryFolder('action-repo');
  git(root, ['init', '--quiet', '--initial-branch=main']);
  await writeFiles(root, baseFiles);
  git(root, ['add', '--all']);
  git(root, ['commit', '--quiet', '--allow-empty', '-m', 'base']);
  const baseSha = git(root, ['rev-parse', 'HEAD']);
  git(root, ['checkout', '--quiet', '-b', 'feature']);
  await writeFiles(root, headFiles);
  git(root, ['add', '--all']);
  git(root, ['commit', '--quiet', '--allow-empty', '-m', 'head']);
  const headSha = git(root, ['rev-parse', 'HEAD']);
  return { root, baseSha, headSha };
}

/** A depth-1 clone of `source` at its HEAD, as actions/checkout makes by default. */
export function cloneShallow(source: string): string {
  const target = makeTemporaryFolder('action-shallow');
  execFileSync('git', ['clone', '--quiet', '--depth=1', '--branch=feature', `file://${source}`, target], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return target;
}

/** An event payload from test/fixtures/events with the pull request's SHAs set to real commits. */
export function readEventPayload(
  name: 'pull_request' | 'pull_request_fork' | 'schedule',
  shas: { baseSha?: string; headSha?: string } = {},
): Record<string, any> {
  const payload = JSON.parse(readFileSync(path.join(eventsFolder, `${name}.json`), 'utf8'));
  if (payload.pull_request !== undefined) {
    if (shas.baseSha !== undefined) payload.pull_request.base.sha = shas.baseSha;
    if (shas.headSha !== undefined) payload.pull_request.head.sha = shas.headSha;
  }
  return payload;
}

/** The inputs action.yml declares, with their defaults, as the runner would pass them. */
function readDeclaredInputDefaults(token: string): Record<string, string> {
  const metadata = parse(readFileSync(path.join(repositoryRoot, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
  };
  return Object.fromEntries(
    Object.entries(metadata.inputs).map(([name, input]) => [
      name,
      String(input.default ?? '').replace('${{ github.token }}', token),
    ]),
  );
}

export interface ActionRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** Workflow commands printed to stdout, parsed: `::error file=a.ts,line=3::message`. */
  commands: { command: string; properties: Record<string, string>; message: string }[];
}

/** Reads `$GITHUB_OUTPUT` in the `name<<delimiter` form @actions/core writes. */
function readOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const pattern = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const match of text.matchAll(pattern)) outputs[match[1] as string] = match[3] as string;
  return outputs;
}

function decodeCommandValue(value: string): string {
  return value.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
}

function readCommands(stdout: string): ActionRun['commands'] {
  const commands: ActionRun['commands'] = [];
  for (const line of stdout.split('\n')) {
    const match = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (match === null) continue;
    const properties: Record<string, string> = {};
    for (const pair of (match[2] ?? '').split(',').filter((entry) => entry !== '')) {
      const separator = pair.indexOf('=');
      properties[pair.slice(0, separator)] = decodeCommandValue(pair.slice(separator + 1));
    }
    commands.push({ command: match[1] as string, properties, message: decodeCommandValue(match[3] ?? '') });
  }
  return commands;
}

/**
 * Runs `node dist/action.js` the way a runner does: every input as `INPUT_<NAME>` (action.yml defaults
 * unless overridden), the event payload in a file named by `GITHUB_EVENT_PATH`, fresh
 * `GITHUB_OUTPUT`/`GITHUB_STEP_SUMMARY` files and the REST API at `apiUrl`.
 */
export async function runAction(options: {
  workspace: string;
  eventName: string;
  payload: Record<string, unknown>;
  sha: string;
  apiUrl: string;
  token: string;
  inputs?: Record<string, string>;
}): Promise<ActionRun> {
  const runnerFolder = makeTemporaryFolder('runner');
  const eventPath = path.join(runnerFolder, 'event.json');
  const outputPath = path.join(runnerFolder, 'output');
  const summaryPath = path.join(runnerFolder, 'step-summary.md');
  writeFileSync(eventPath, JSON.stringify(options.payload));
  writeFileSync(outputPath, '');
  writeFileSync(summaryPath, '');
  const inputs = { ...readDeclaredInputDefaults(options.token), ...options.inputs };
  const environment: Record<string, string> = {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? runnerFolder,
    NO_PROXY: '127.0.0.1,localhost',
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_SHA: options.sha,
    GITHUB_REF: 'refs/heads/main',
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_REPOSITORY_OWNER: 'acme',
    GITHUB_API_URL: options.apiUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '4242',
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    RUNNER_TEMP: runnerFolder,
  };
  for (const [name, value] of Object.entries(inputs)) environment[`INPUT_${name.toUpperCase()}`] = value;

  const child = spawn(process.execPath, [actionEntry], { cwd: options.workspace, env: environment });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    exitCode,
    stdout,
    stderr,
    outputs: readOutputs(readFileSync(outputPath, 'utf8')),
    summary: readFileSync(summaryPath, 'utf8'),
    commands: readCommands(stdout),
  };
}
