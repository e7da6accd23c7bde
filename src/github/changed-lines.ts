import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describeRequestError, listAllPages, type RepositoryRef, type RestRequest } from './rest.js';
import type { FilterMode } from './settings.js';

const runFile = promisify(execFile);

/** What a pull request changed in one file, in the new version's line numbers. */
export interface FileChange {
  added: Set<number>;
  /** Unchanged lines shown around the changes (diff hunks' context). */
  context: Set<number>;
  /** The diff is unavailable (binary or too large): treat every line as changed. */
  wholeFile: boolean;
}

/** Changed files by repository-relative POSIX path. */
export type ChangedFiles = Map<string, FileChange>;

/** Where the changed lines came from, and what the log should say about it. */
export interface ChangedFilesResult {
  files: ChangedFiles;
  source: 'git' | 'rest';
  warnings: string[];
}

function ensureChange(files: ChangedFiles, file: string): FileChange {
  let change = files.get(file);
  if (change === undefined) {
    change = { added: new Set(), context: new Set(), wholeFile: false };
    files.set(file, change);
  }
  return change;
}

/** Adds the lines of one file's hunks (`@@ -a,b +c,d @@` and what follows) to `change`. */
export function readHunks(patch: string, change: FileChange): void {
  let newLine = 0;
  for (const line of patch.split('\n')) {
    const header = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
    if (header !== null) {
      newLine = Number(header[1]);
      continue;
    }
    if (newLine === 0) continue;
    if (line.startsWith('+')) change.added.add(newLine++);
    else if (line.startsWith(' ')) change.context.add(newLine++);
  }
}

/** Undoes git's C-style quoting of unusual file names (`"dir/\303\251.ts"`). */
function unquoteGitPath(raw: string): string {
  if (!raw.startsWith('"')) return raw;
  const bytes: number[] = [];
  const escapes: Record<string, number> = { n: 10, t: 9, r: 13, b: 8, f: 12, v: 11, a: 7, '"': 34, '\\': 92 };
  for (let index = 1; index < raw.length - 1; index += 1) {
    const character = raw[index] as string;
    if (character !== '\\') {
      bytes.push(...Buffer.from(character, 'utf8'));
      continue;
    }
    const octal = /^[0-7]{3}/.exec(raw.slice(index + 1));
    if (octal !== null) {
      bytes.push(parseInt(octal[0], 8));
      index += 3;
    } else {
      bytes.push(escapes[raw[index + 1] as string] ?? raw.charCodeAt(index + 1));
      index += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Reads a multi-file unified diff as git prints it (`+++ b/path` headers, then hunks). */
export function readUnifiedDiff(diff: string): ChangedFiles {
  const files: ChangedFiles = new Map();
  let current: FileChange | undefined;
  let hunkText: string[] = [];
  const flush = (): void => {
    if (current !== undefined) readHunks(hunkText.join('\n'), current);
    hunkText = [];
  };
  for (const line of diff.split('\n')) {
    if (line.startsWith('diff --git ')) {
      flush();
      current = undefined;
    } else if (line.startsWith('+++ ') && hunkText.length === 0) {
      // git ends the header with a tab when the name contains a space.
      const target = line.slice(4).replace(/\t$/, '');
      current = target === '/dev/null' ? undefined : ensureChange(files, unquoteGitPath(target).replace(/^b\//, ''));
    } else if (current !== undefined) {
      hunkText.push(line);
    }
  }
  flush();
  return files;
}

async function runGit(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await runFile('git', ['-c', 'core.quotePath=false', ...args], {
    cwd,
    maxBuffer: 512 * 1024 * 1024,
    encoding: 'utf8',
  });
  return stdout;
}

async function commitExists(cwd: string, sha: string): Promise<boolean> {
  try {
    await runGit(cwd, ['cat-file', '-e', `${sha}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

/** Why local history cannot give the diff, phrased for the log; undefined when it can. */
async function explainMissingHistory(cwd: string, baseSha: string): Promise<string | undefined> {
  if (await commitExists(cwd, baseSha)) return undefined;
  let shallow = false;
  try {
    shallow = (await runGit(cwd, ['rev-parse', '--is-shallow-repository'])).trim() === 'true';
  } catch {
    return 'the workspace is not a git checkout';
  }
  return shallow
    ? `the checkout is shallow and lacks the base commit ${baseSha.slice(0, 12)}; set "fetch-depth: 0" on actions/checkout`
    : `the base commit ${baseSha.slice(0, 12)} is not in the checkout; set "fetch-depth: 0" on actions/checkout`;
}

/**
 * Lines the working tree changed since the merge base of the pull request's base commit and HEAD, as
 * `git diff` sees them (renames followed), so line numbers match the files that were scanned.
 */
export async function readChangedFilesFromGit(cwd: string, baseSha: string): Promise<ChangedFiles> {
  const mergeBase = (await runGit(cwd, ['merge-base', baseSha, 'HEAD'])).trim();
  const diff = await runGit(cwd, [
    'diff',
    '--no-color',
    '--no-ext-diff',
    '--no-textconv',
    '--find-renames',
    '--unified=3',
    // A user's diff.noprefix or diff.mnemonicPrefix would change the `b/` the parser strips.
    '--src-prefix=a/',
    '--dst-prefix=b/',
    mergeBase,
    '--',
  ]);
  return readUnifiedDiff(diff);
}

interface PullRequestFile {
  filename: string;
  status: string;
  patch?: string;
}

/** GitHub lists at most this many files of a pull request. */
export const pullRequestFileLimit = 3000;

/** The pull request's files from the REST listing, paginated up to GitHub's 3,000-file limit. */
export async function readChangedFilesFromRest(
  request: RestRequest,
  repository: RepositoryRef,
  pullNumber: number,
): Promise<{ files: ChangedFiles; truncated: boolean }> {
  const { items, truncated } = await listAllPages<PullRequestFile>(
    request,
    'GET /repos/{owner}/{repo}/pulls/{pull_number}/files',
    { ...repository, pull_number: pullNumber },
    pullRequestFileLimit,
  );
  const files: ChangedFiles = new Map();
  for (const item of items) {
    if (item.status === 'removed') continue;
    const change = ensureChange(files, item.filename);
    if (item.patch === undefined) change.wholeFile = true;
    else readHunks(item.patch, change);
  }
  return { files, truncated: truncated || items.length >= pullRequestFileLimit };
}

/**
 * The pull request's changed lines: from local git when the history is there, otherwise from the REST
 * listing. Throws only when neither source works, with both reasons.
 */
export async function findChangedFiles(
  cwd: string,
  pullRequest: { number: number; baseSha: string },
  request: RestRequest | undefined,
  repository: RepositoryRef,
): Promise<ChangedFilesResult> {
  const warnings: string[] = [];
  const missingHistory = await explainMissingHistory(cwd, pullRequest.baseSha);
  if (missingHistory === undefined) {
    try {
      return { files: await readChangedFilesFromGit(cwd, pullRequest.baseSha), source: 'git', warnings };
    } catch (error) {
      warnings.push(`git diff failed (${error instanceof Error ? error.message.trim() : String(error)}).`);
    }
  } else {
    warnings.push(`Changed lines come from the pull request's file listing because ${missingHistory}.`);
  }
  if (request === undefined) {
    throw new Error(`${warnings.join(' ')} No github-token is set to list the pull request's files instead.`);
  }
  try {
    const { files, truncated } = await readChangedFilesFromRest(request, repository, pullRequest.number);
    if (truncated) {
      warnings.push(
        `GitHub lists only the first ${pullRequestFileLimit} files of a pull request; findings in the others are not reported. Set "fetch-depth: 0" on actions/checkout so profilint can diff locally.`,
      );
    }
    return { files, source: 'rest', warnings };
  } catch (error) {
    throw new Error(`${warnings.join(' ')} Listing the pull request's files failed too (${describeRequestError(error)}).`);
  }
}

/** Whether a finding on `line` of `file` belongs to the pull request under `mode`. */
export function isOnChangedLine(files: ChangedFiles, mode: FilterMode, file: string, line: number): boolean {
  if (mode === 'nofilter') return true;
  const change = files.get(file);
  if (change === undefined) return false;
  if (mode === 'file' || change.wholeFile) return true;
  if (change.added.has(line)) return true;
  return mode === 'diff_context' && change.context.has(line);
}
