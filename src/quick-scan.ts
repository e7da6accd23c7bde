import { existsSync, lstatSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import path from 'node:path';
import { mayHostFinding, type CandidateTest } from './candidate-text.js';
import { configFileNames, defaultExcludes, defaultMaxFileSize } from './config-defaults.js';
import { languageOf } from './language.js';
import { privateCacheFolder } from './private-cache.js';
import { formatStylish } from './report/stylish.js';
import { tool } from './report/tool.js';

/** What the quick answer needs to know about a config file, remembered once the engine has loaded it. */
export interface ConfigDigest {
  /** The config file's text, compared whole: the file name only narrows the search. */
  configText: string;
  /** The config leaves which files are scanned as by default: no include, exclude or profiling paths of its own. */
  defaultFiles: boolean;
  maxFileSize: number;
  candidateTest: CandidateTest;
}

/**
 * The quick answer's report; or none, with the digest file to write when only an unknown config file stood in
 * the way (the caller writes it after the engine has accepted the config, so the next run can answer quickly).
 */
export type QuickAnswer = { report: string } | { report?: undefined; configDigest?: { configFile: string; digestFile: string } };

/**
 * The answer to a run on a few files (pre-commit, lint-staged) when none of them can host a finding,
 * given without loading the engine: such a commit should cost little more than starting Node. Gives the
 * report the full scan would print, or no report whenever anything could make the full scan say more or
 * differ (another option, a config file it has not seen, a file git does not track, a file that could host a
 * finding), and the caller runs the full scan. `bundleFolder` holds candidate-test.json, written by the build.
 */
export function quickScan(argv: string[], cwd: string, env: NodeJS.ProcessEnv, bundleFolder: string): QuickAnswer {
  try {
    return answerQuickly(argv, cwd, env, bundleFolder);
  } catch {
    // Anything unexpected here (an unreadable config, a damaged bundle) is for the engine to find and report.
    return {};
  }
}

function answerQuickly(argv: string[], cwd: string, env: NodeJS.ProcessEnv, bundleFolder: string): QuickAnswer {
  const request = readRequest(argv);
  if (request === undefined) return {};
  const gitDirectory = findGitDirectory(cwd, env);
  if (gitDirectory === undefined) return {};
  const { root, indexFile } = gitDirectory;
  const candidateTestText = readFileSync(path.join(bundleFolder, 'candidate-test.json'), 'utf8');
  let candidateTest = JSON.parse(candidateTestText) as CandidateTest;
  let maxFileSize = defaultMaxFileSize;
  const configFiles = configFileNames.map((name) => path.join(root, name)).filter((file) => existsSync(file));
  if (configFiles.length > 1) return {};
  if (configFiles.length === 1) {
    const configFile = configFiles[0]!;
    const folder = privateCacheFolder(env);
    if (folder === undefined) return {};
    const configText = readFileSync(configFile, 'utf8');
    const digestFile = path.join(folder, `config-${fingerprintOf(`${configText}\0${candidateTestText}`)}.json`);
    const digest = readDigest(digestFile);
    if (digest === undefined || digest.configText !== configText) return { configDigest: { configFile, digestFile } };
    if (!digest.defaultFiles) return {};
    candidateTest = digest.candidateTest;
    maxFileSize = digest.maxFileSize;
  }
  const isExcluded = defaultExclusion();
  if (isExcluded === undefined) return {};
  const files = new Set<string>();
  for (const target of request.paths) {
    const absolute = path.resolve(cwd, target);
    const relative = path.relative(root, absolute).split(path.sep).join('/');
    if (relative === '' || relative.startsWith('../') || relative === '..' || path.isAbsolute(relative)) return {};
    if (languageOf(relative) === undefined || languageOf(relative) === 'yaml' || isExcluded(relative)) return {};
    files.add(relative);
  }
  const tracked = readIndexPaths(indexFile, files);
  if (tracked === undefined) return {};
  for (const file of files) {
    if (!tracked.has(file) || !isPlainCode(path.join(root, file), candidateTest, maxFileSize)) return {};
  }
  const report = formatStylish(
    { root, toolVersion: tool.version, findings: [], notices: [], rules: [], filesScanned: files.size, filesParsed: 0, facts: [] },
    { color: request.color ?? defaultColor(env) },
  );
  return { report };
}

/**
 * A 64-bit fingerprint of a text (two FNV-1a-style 32-bit lanes): enough to name a digest file (the digest
 * holds the config text, compared whole), and without loading node:crypto, a tenth of the quick answer's time.
 */
function fingerprintOf(text: string): string {
  let low = 0x811c9dc5;
  let high = 0xcbf29ce4;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    low = Math.imul(low ^ code, 0x01000193);
    high = Math.imul(high ^ code ^ (low >>> 24), 0x01000193);
  }
  return `${(high >>> 0).toString(16).padStart(8, '0')}${(low >>> 0).toString(16).padStart(8, '0')}`;
}

function readDigest(file: string): ConfigDigest | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ConfigDigest;
  } catch {
    return undefined;
  }
}

/** Keeps what the engine concluded about a config file, for the next quick answer. */
export function writeConfigDigest(digestFile: string, digest: ConfigDigest): void {
  try {
    const temporary = `${digestFile}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(digest), { mode: 0o600 });
    renameSync(temporary, digestFile);
    forgetOldConfigDigests(path.dirname(digestFile));
  } catch {
    // Without it the next run on these files loads the engine again, and tries again.
  }
}

// One digest per config text ever scanned would grow without end; a config edited away from is seldom back.
const keptConfigDigests = 64;

/** Deletes all but the `keptConfigDigests` most recently written digests. */
function forgetOldConfigDigests(folder: string): void {
  const digests = readdirSync(folder)
    .filter((name) => /^config-[0-9a-f]+\.json$/.test(name))
    .map((name) => ({ file: path.join(folder, name), written: statSync(path.join(folder, name)).mtimeMs }))
    .sort((a, b) => b.written - a.written || a.file.localeCompare(b.file));
  for (const { file } of digests.slice(keptConfigDigests)) rmSync(file, { force: true });
}

/** Whether a resolved config scans the files a scan without one does. */
export function scansDefaultFiles(config: { include: string[]; exclude: string[]; profilingPaths: string[] }): boolean {
  return (
    config.include.length === 0 &&
    config.profilingPaths.length === 0 &&
    config.exclude.length === defaultExcludes.length &&
    config.exclude.every((glob, index) => glob === defaultExcludes[index])
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
    const isSwitch = ['-q', '--quiet', '--cache', '--color', '--no-color'].includes(flag);
    // `--quiet=yes` is an error for the option parser to report.
    if (isSwitch && inlineValue !== undefined) return undefined;
    // The quick answer reads no facts, so the cache options change nothing in it.
    if (flag === '-q' || flag === '--quiet' || flag === '--cache') continue;
    if (flag === '--cache-location') {
      if (value() === undefined) return undefined;
    } else if (flag === '--jobs') {
      const jobs = Number(value());
      if (!Number.isInteger(jobs) || jobs < 1) return undefined;
    } else if (flag === '--fail-on') {
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
function isPlainCode(file: string, candidateTest: CandidateTest, maxFileSize: number): boolean {
  const info = lstatOrUndefined(file);
  if (info === undefined || !info.isFile() || info.size > maxFileSize) return false;
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
