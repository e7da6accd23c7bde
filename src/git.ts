import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { ConfigError } from './errors.js';

/** Lines added or changed per repository-relative file; files listed in `wholeFiles` are new in full. */
export interface ChangedLines {
  lines: Map<string, Set<number>>;
  wholeFiles: Set<string>;
}

class GitCommandError extends Error {
  constructor(
    readonly args: string[],
    readonly stderr: string,
    readonly status: number | null,
  ) {
    super(`git ${args.join(' ')} failed: ${stderr.trim() || `exit code ${status}`}`);
  }
}

function runGit(cwd: string, args: string[], input?: string): Buffer {
  const result = spawnSync('git', args, { cwd, input, maxBuffer: 1024 * 1024 * 1024 });
  if (result.error !== undefined) throw new ConfigError(`Could not run git: ${result.error.message}`);
  if (result.status !== 0) throw new GitCommandError(args, result.stderr.toString('utf8'), result.status);
  return result.stdout;
}

/** `runGit` without blocking: the scan reads its config and its cache while git works. */
function runGitInBackground(cwd: string, args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, encoding: 'buffer', maxBuffer: 1024 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error === null) resolve(stdout);
      else if (typeof error.code === 'number') reject(new GitCommandError(args, stderr.toString('utf8'), error.code));
      else reject(new ConfigError(`Could not run git: ${error.message}`));
    });
  });
}

function splitNul(output: Buffer): string[] {
  return output.toString('utf8').split('\0').filter((entry) => entry !== '');
}

/** The top folder of the git work tree that holds `cwd`, or undefined outside git (or without git installed). */
export function findGitRoot(cwd: string): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString('utf8')
      .trim();
  } catch {
    return undefined;
  }
}

/** Tracked plus untracked-but-not-ignored files, repository-relative with forward slashes. */
export function listGitFiles(root: string): string[] {
  return splitNul(runGit(root, ['ls-files', '--cached', '--others', '--exclude-standard', '-z']));
}

/**
 * The blob id of every regular file whose working-tree content is what git's index holds: tracked, stage 0,
 * not a link or submodule, not marked assume-unchanged or skip-worktree (git would not look at such a file),
 * and not reported by `git diff-files` (which checks racily clean files' content). The two git commands run
 * at once, in the background. Nothing is written to the repository: a file whose cached stat data is stale
 * is simply left out.
 */
export async function cleanTrackedBlobs(root: string): Promise<Map<string, string>> {
  const [index, changed] = await Promise.all([
    runGitInBackground(root, ['ls-files', '--stage', '-v', '-z']),
    runGitInBackground(root, ['diff-files', '--name-only', '-z']),
  ]);
  const blobs = new Map<string, string>();
  for (const entry of splitNul(index)) {
    // `H` is a plain cached entry; a lower-case tag is assume-unchanged, `S` skip-worktree.
    const match = /^H (100644|100755) ([0-9a-f]{40}) 0\t(.*)$/s.exec(entry);
    if (match !== null) blobs.set(match[3]!, match[2]!);
  }
  for (const file of splitNul(changed)) blobs.delete(file);
  return blobs;
}

/** Files with staged additions, copies, modifications or renames: what the next commit will contain. */
export function listStagedFiles(root: string): string[] {
  return splitNul(runGit(root, ['diff', '--cached', '--name-only', '--diff-filter=ACMR', '-z']));
}

/** The staged content of each file (`git cat-file --batch` on `:path`), in one git process. */
export function readStagedFiles(root: string, files: string[]): Map<string, Buffer> {
  const contents = new Map<string, Buffer>();
  // Batch input is line-based; a path with a newline is read on its own.
  const batchable = files.filter((file) => !/[\r\n]/.test(file));
  for (const file of files.filter((name) => /[\r\n]/.test(name))) {
    contents.set(file, runGit(root, ['cat-file', 'blob', `:${file}`]));
  }
  if (batchable.length === 0) return contents;
  const output = runGit(root, ['cat-file', '--batch'], batchable.map((file) => `:${file}\n`).join(''));
  let offset = 0;
  for (const file of batchable) {
    const headerEnd = output.indexOf(0x0a, offset);
    const header = output.subarray(offset, headerEnd).toString('utf8');
    offset = headerEnd + 1;
    const match = /^[0-9a-f]+ blob (\d+)$/.exec(header);
    if (match === null) continue;
    const size = Number(match[1]);
    contents.set(file, output.subarray(offset, offset + size));
    offset += size + 1;
  }
  return contents;
}

function isShallow(root: string): boolean {
  try {
    return runGit(root, ['rev-parse', '--is-shallow-repository']).toString('utf8').trim() === 'true';
  } catch {
    return false;
  }
}

const shallowHint =
  'The clone is shallow, so git cannot see the history between that ref and HEAD; fetch it in full ' +
  '(actions/checkout with `fetch-depth: 0`, or `git fetch --unshallow`).';

/** The merge-base of `ref` and HEAD, with errors that say what to do when the ref is unknown or history is missing. */
export function findMergeBase(root: string, ref: string): string {
  try {
    runGit(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  } catch (error) {
    if (!(error instanceof GitCommandError)) throw error;
    const hint = isShallow(root) ? ` ${shallowHint}` : ' Check the name, or fetch it first (git fetch origin <branch>).';
    throw new ConfigError(`--changed-since: unknown git ref "${ref}".${hint}`);
  }
  try {
    return runGit(root, ['merge-base', '--end-of-options', ref, 'HEAD']).toString('utf8').trim();
  } catch (error) {
    if (!(error instanceof GitCommandError)) throw error;
    const hint = isShallow(root) ? ` ${shallowHint}` : ' The two histories share no commit.';
    throw new ConfigError(`--changed-since: no merge-base between "${ref}" and HEAD.${hint}`);
  }
}

function unquoteGitPath(raw: string): string {
  if (!raw.startsWith('"')) return raw;
  // C-style quoting: octal escapes are UTF-8 bytes.
  const bytes: number[] = [];
  const simpleEscapes: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 };
  for (let index = 1; index < raw.length - 1; index += 1) {
    const char = raw[index]!;
    if (char !== '\\') {
      bytes.push(...Buffer.from(char, 'utf8'));
      continue;
    }
    const next = raw[index + 1]!;
    if (/[0-7]/.test(next)) {
      bytes.push(Number.parseInt(raw.slice(index + 1, index + 4), 8));
      index += 3;
    } else {
      bytes.push(simpleEscapes[next] ?? next.charCodeAt(0));
      index += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Reads the added lines of each file from `git diff --unified=0` output. */
export function parseUnifiedDiff(diff: string): Map<string, Set<number>> {
  const lines = new Map<string, Set<number>>();
  let current: Set<number> | undefined;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++ ')) {
      const target = unquoteGitPath(line.slice(4).replace(/\t$/, ''));
      if (target === '/dev/null') {
        current = undefined;
      } else {
        current = lines.get(target) ?? new Set<number>();
        lines.set(target, current);
      }
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (hunk === null || current === undefined) continue;
    const start = Number(hunk[1]);
    const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
    for (let number = start; number < start + count; number += 1) current.add(number);
  }
  return lines;
}

/**
 * Lines added or changed since the merge-base of `ref` and HEAD: in the working tree, or in the index
 * when `staged`. Untracked files count as changed in full.
 */
export function findChangedLines(root: string, ref: string, options: { staged?: boolean } = {}): ChangedLines {
  const mergeBase = findMergeBase(root, ref);
  const args = ['-c', 'core.quotePath=false', 'diff', '--unified=0', '--no-color', '--no-ext-diff', '--no-prefix', '--find-renames'];
  if (options.staged) args.push('--cached');
  args.push(mergeBase, '--');
  const lines = parseUnifiedDiff(runGit(root, args).toString('utf8'));
  const wholeFiles = options.staged
    ? new Set<string>()
    : new Set(splitNul(runGit(root, ['ls-files', '--others', '--exclude-standard', '-z'])));
  return { lines, wholeFiles };
}
