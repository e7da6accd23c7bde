import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import path from 'node:path';
import { mayHostFinding, type CandidateTest } from './candidate-text.js';
import { configFileNames, defaultExcludes, defaultMaxFileSize } from './config-defaults.js';
import { languageOf } from './language.js';
import { formatStylish } from './report/stylish.js';
import { tool } from './report/tool.js';

/**
 * The answer to a run on a few files (pre-commit, lint-staged) when none of them can host a finding,
 * given without loading the engine: such a commit should cost little more than starting Node. Returns the
 * report the full scan would print, or undefined whenever anything could make the full scan say more or
 * differ (another option, a config file, a file git does not track, a file that could host a finding), and
 * the caller runs the full scan.
 */
export function quickScan(argv: string[], cwd: string, env: NodeJS.ProcessEnv, candidateTest: CandidateTest): string | undefined {
  const request = readRequest(argv);
  if (request === undefined) return undefined;
  const gitDirectory = findGitDirectory(cwd, env);
  if (gitDirectory === undefined) return undefined;
  const { root, indexFile } = gitDirectory;
  if (configFileNames.some((name) => existsSync(path.join(root, name)))) return undefined;
  const isExcluded = defaultExclusion();
  if (isExcluded === undefined) return undefined;
  const files = new Set<string>();
  for (const target of request.paths) {
    const absolute = path.resolve(cwd, target);
    const relative = path.relative(root, absolute).split(path.sep).join('/');
    if (relative === '' || relative.startsWith('../') || relative === '..' || path.isAbsolute(relative)) return undefined;
    if (languageOf(relative) === undefined || languageOf(relative) === 'yaml' || isExcluded(relative)) return undefined;
    files.add(relative);
  }
  const tracked = readIndexPaths(indexFile, files);
  if (tracked === undefined) return undefined;
  for (const file of files) {
    if (!tracked.has(file) || !isPlainCode(path.join(root, file), candidateTest)) return undefined;
  }
  return formatStylish(
    { root, toolVersion: tool.version, findings: [], notices: [], rules: [], filesScanned: files.size, filesParsed: 0, facts: [] },
    { color: request.color ?? defaultColor(env) },
  );
}

/**
 * The default excludes as a plain test, without a glob library to load: they are folders at any depth
 * (`dist`) and name suffixes (`.min.js`). Undefined if one ever takes another shape, and the full scan decides.
 */
function defaultExclusion(): ((file: string) => boolean) | undefined {
  const folders: string[] = [];
  const suffixes: string[] = [];
  for (const glob of defaultExcludes) {
    const folder = /^\*\*\/([\w.-]+)\/\*\*$/.exec(glob);
    const suffix = /^\*\*\/\*(\.[\w.-]+)$/.exec(glob);
    if (folder !== null) folders.push(folder[1]!);
    else if (suffix !== null) suffixes.push(suffix[1]!);
    else return undefined;
  }
  return (file) => file.split('/').slice(0, -1).some((segment) => folders.includes(segment)) || suffixes.some((suffix) => file.endsWith(suffix));
}

interface QuickRequest {
  paths: string[];
  color: boolean | undefined;
}

const failOnLevels = new Set(['error', 'warning', 'note', 'never']);
const commandWords = new Set(['init', 'rules', 'report']);

/** The paths and colour choice of a plain scan of files; undefined for any other command or option. */
function readRequest(argv: string[]): QuickRequest | undefined {
  const paths: string[] = [];
  let color: boolean | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]!;
    const [flag, inlineValue] = argument.startsWith('--') && argument.includes('=') ? [argument.slice(0, argument.indexOf('=')), argument.slice(argument.indexOf('=') + 1)] : [argument, undefined];
    const value = (): string | undefined => inlineValue ?? argv[(index += 1)];
    if (flag === '-q' || flag === '--quiet') continue;
    if (flag === '--fail-on') {
      if (!failOnLevels.has(value() ?? '')) return undefined;
    } else if (flag === '--format' || flag === '-f') {
      if (value() !== 'stylish') return undefined;
    } else if (flag === '--color' || flag === '--no-color') {
      const wanted = flag === '--color';
      if (color !== undefined && color !== wanted) return undefined;
      color = wanted;
    } else if (argument.startsWith('-') || commandWords.has(argument)) {
      return undefined;
    } else {
      paths.push(argument);
    }
  }
  return paths.length === 0 ? undefined : { paths, color };
}

/** The same choice the CLI makes for the terminal: NO_COLOR, FORCE_COLOR, then whether stdout is a terminal. */
export function defaultColor(env: NodeJS.ProcessEnv): boolean {
  if ('NO_COLOR' in env) return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0';
  return process.stdout.isTTY === true;
}

/** The repository root and index file for `cwd`, as git would find them; undefined when unsure. */
function findGitDirectory(cwd: string, env: NodeJS.ProcessEnv): { root: string; indexFile: string } | undefined {
  if (env.GIT_DIR !== undefined || env.GIT_WORK_TREE !== undefined || env.GIT_COMMON_DIR !== undefined) return undefined;
  for (let folder = path.resolve(cwd); ; folder = path.dirname(folder)) {
    const dotGit = path.join(folder, '.git');
    const info = lstatOrUndefined(dotGit);
    if (info?.isDirectory()) {
      return { root: folder, indexFile: env.GIT_INDEX_FILE === undefined ? path.join(dotGit, 'index') : path.resolve(cwd, env.GIT_INDEX_FILE) };
    }
    // A linked worktree or a submodule: `.git` is a file naming the real git directory.
    if (info?.isFile()) {
      const pointer = /^gitdir: (.+)$/m.exec(readFileSync(dotGit, 'utf8'));
      if (pointer === null) return undefined;
      const gitDirectory = path.resolve(folder, pointer[1]!.trim());
      return { root: folder, indexFile: env.GIT_INDEX_FILE === undefined ? path.join(gitDirectory, 'index') : path.resolve(cwd, env.GIT_INDEX_FILE) };
    }
    if (info !== undefined || path.dirname(folder) === folder) return undefined;
  }
}

function lstatOrUndefined(file: string): ReturnType<typeof lstatSync> | undefined {
  try {
    return lstatSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Which of `wanted` the git index lists (versions 2 to 4; https://git-scm.com/docs/index-format).
 * Undefined when the index cannot be read as expected: the caller then asks git through the full scan.
 */
export function readIndexPaths(indexFile: string, wanted: Set<string>): Set<string> | undefined {
  let index: Buffer;
  try {
    index = readFileSync(indexFile);
  } catch {
    return undefined;
  }
  if (index.length < 12 || index.toString('latin1', 0, 4) !== 'DIRC') return undefined;
  const version = index.readUInt32BE(4);
  if (version < 2 || version > 4) return undefined;
  const found = new Set<string>();
  let offset = 12;
  let previous: Buffer = Buffer.alloc(0);
  for (let entry = index.readUInt32BE(8); entry > 0; entry -= 1) {
    const start = offset;
    // ctime, mtime, dev, ino, mode, uid, gid, size (40 bytes), object id (20), flags (2).
    offset += 62;
    if (offset > index.length) return undefined;
    const flags = index.readUInt16BE(offset - 2);
    if (flags & 0x4000) offset += 2;
    let name: Buffer;
    if (version === 4) {
      // The name is the previous one less N trailing bytes, plus a NUL-terminated suffix.
      let strip = 0;
      let byte: number;
      do {
        byte = index[offset] ?? 0;
        offset += 1;
        strip = (strip << 7) | (byte & 0x7f);
        if (byte & 0x80) strip += 1;
      } while (byte & 0x80);
      const end = index.indexOf(0, offset);
      if (end === -1 || strip > previous.length) return undefined;
      name = Buffer.concat([previous.subarray(0, previous.length - strip), index.subarray(offset, end)]);
      offset = end + 1;
    } else {
      const end = index.indexOf(0, offset);
      if (end === -1) return undefined;
      name = index.subarray(offset, end);
      // Entries are padded with NULs to a multiple of eight bytes.
      offset = start + ((end - start + 8) & ~7);
    }
    previous = name;
    const file = name.toString('utf8');
    if (wanted.has(file)) found.add(file);
  }
  return found;
}

/** A regular UTF-8 file within the size limit whose text cannot host a finding. */
function isPlainCode(file: string, candidateTest: CandidateTest): boolean {
  const info = lstatOrUndefined(file);
  if (info === undefined || !info.isFile() || info.size > defaultMaxFileSize) return false;
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return false;
  }
  // Anything the full scan would decode specially or report on (UTF-16, other encodings, binary) goes to it.
  if (bytes.includes(0) || !isUtf8(bytes)) return false;
  return !mayHostFinding(candidateTest, bytes.toString('utf8'));
}
