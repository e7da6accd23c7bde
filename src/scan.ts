import { existsSync, lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { analyze, languageOf, type SourceText } from './analyze.js';
import { buildId } from './build-id.js';
import { mayHostFinding } from './candidate-text.js';
import { loadCatalogs, type Catalogs } from './catalogs.js';
import { candidateTestFor, createPrefilter } from './prefilter.js';
import { decodeSource } from './decode-source.js';
import { parseWhileReading, type EarlyParsing } from './early-parsing.js';
import { createExtraction, type Extraction } from './extraction.js';
import { findContextFiles, type ContentSource } from './context-files.js';
import { applyBaseline, createBaseline, readBaseline, writeBaseline, type LoadedBaseline } from './baseline.js';
import { applyRuleOverrides, findConfigFile, loadConfig } from './config.js';
import { ConfigError } from './errors.js';
import { createPathFilter, discoverFiles, isSupported, relativeToRoot } from './files.js';
import { hashText } from './extract/file-facts.js';
import { cleanTrackedBlobs, findChangedLines, findGitRoot, listStagedFiles, readStagedFiles } from './git.js';
import { readLastScan, writeLastScan, type LastScanSalts, type RememberedAnalysis } from './last-scan.js';
import { describeRules } from './report/rule-descriptors.js';
import { tool } from './report/tool.js';
import type { FileFacts, Finding, ResolvedConfig, ScanNotice, ScanOptions, ScanResult, Severity } from './types.js';

/** Where a scan's files come from and how each one's bytes are read. */
interface FileSource {
  files: string[];
  notices: ScanNotice[];
  read(file: string): Promise<Buffer | undefined>;
  /** The decoded text of a file read before, at once; only the working tree offers it. */
  readNow?(file: string): string | undefined;
}

const readConcurrency = 32;
// How long reading goes on between two turns of the event loop when files are judged as they are read.
const millisecondsBetweenTurns = 4;

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

function tooLargeNotice(file: string, size: number, maxFileSize: number): ScanNotice {
  return {
    kind: 'skipped',
    level: 'warning',
    file,
    message: `Skipped: ${formatBytes(size)} is over maxFileSize (${formatBytes(maxFileSize)}); raise maxFileSize in the config to scan it.`,
  };
}

// Thrown by a reader that knows the size before reading, so a huge file is never loaded.
class OutsideRepositoryError extends Error {
  constructor() {
    super('symbolic link out of the repository');
  }
}

class FileTooLargeError extends Error {
  constructor(readonly size: number) {
    super('file too large');
  }
}

/**
 * Reads files from the working tree, synchronously: for thousands of small files one blocking read each is
 * several times faster than the promise API's open, stat, read and close. `linkedFolders` says whether a
 * path may pass through a linked folder (a walk outside git follows them); git lists no path through one.
 */
function workingTreeSource(root: string, files: string[], notices: ScanNotice[], maxFileSize: number, linkedFolders: boolean): FileSource {
  let realRoot: string | undefined;
  // A committed symbolic link may point anywhere on the runner (a credentials file, /proc/self/environ):
  // only files inside the repository are read.
  const insideRepository = (absolute: string): boolean => relativeToRoot((realRoot ??= realpathSync(root)), realpathSync(absolute)) !== undefined;
  return {
    files,
    notices,
    async read(file) {
      const absolute = path.join(root, file);
      const link = lstatSync(absolute);
      const info = link.isSymbolicLink() ? statSync(absolute) : link;
      // A folder named like a source file (`legacy.ts/`) or a submodule is not a file to read.
      if (!info.isFile()) return undefined;
      if ((link.isSymbolicLink() || linkedFolders) && !insideRepository(absolute)) throw new OutsideRepositoryError();
      if (info.size > maxFileSize) throw new FileTooLargeError(info.size);
      return readFileSync(absolute);
    },
    readNow(file) {
      try {
        const decoded = decodeSource(readFileSync(path.join(root, file)));
        return decoded.kind === 'binary' ? undefined : decoded.text;
      } catch {
        return undefined;
      }
    },
  };
}

/**
 * A file whose content is known by its hash and read only if something needs its text (a finding's line, a
 * file to parse). Such a file was read cleanly before (its hash is that of its decoded text), so reading it
 * again gives that text; a file gone in the meantime reads as empty.
 */
class UnreadSource implements SourceText {
  private readText: string | undefined;

  constructor(
    private readonly source: FileSource,
    readonly file: string,
    readonly hash: string,
  ) {}

  get text(): string {
    this.readText ??= this.source.readNow?.(this.file) ?? '';
    return this.readText;
  }
}

/** How `readSources` may learn a file's content hash without hashing its text. */
interface KnownHashes {
  /** The hash of a file whose content an earlier run read: the file is not read now. */
  unread(file: string): string | undefined;
  /** Git's blob id of a file git vouches is unchanged: its hash, when its bytes are its text. */
  blob(file: string): string | undefined;
}

const noKnownHashes: KnownHashes = { unread: () => undefined, blob: () => undefined };

/** Whether a file's bytes start with a byte-order mark, which decoding drops. */
function startsWithByteOrderMark(bytes: Buffer): boolean {
  return (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

/** What reading one file gives: its text, a notice instead, both (text that is not all UTF-8), or nothing. */
type ReadResult = SourceText | ScanNotice | [SourceText, ScanNotice] | undefined;

/**
 * Reads each file once and decodes it, turning every reason not to scan a file into a notice:
 * too large, binary, unreadable, a symbolic link loop. Files deleted since git listed them are skipped quietly.
 * Every source comes with its content hash: git's blob id when git vouches for a file whose bytes decode to
 * themselves (the id is the hash of that text), else the hash of the decoded text.
 */
async function readSources(
  source: FileSource,
  maxFileSize: number,
  known: KnownHashes = noKnownHashes,
  onRead?: (source: SourceText) => void,
): Promise<{ sources: SourceText[]; notices: ScanNotice[] }> {
  const results: ReadResult[] = new Array(source.files.length);
  const toRead: number[] = [];
  for (const [index, file] of source.files.entries()) {
    const hash = known.unread(file);
    if (hash === undefined) toRead.push(index);
    else results[index] = new UnreadSource(source, file, hash);
  }
  const readOne = async (file: string): Promise<ReadResult> => {
    let bytes: Buffer | undefined;
    try {
      bytes = await source.read(file);
    } catch (error) {
      if (error instanceof FileTooLargeError) return tooLargeNotice(file, error.size, maxFileSize);
      if (error instanceof OutsideRepositoryError) {
        return { kind: 'skipped', level: 'warning', file, message: 'Skipped: a symbolic link to a file outside the repository; profilint reads only files inside it.' };
      }
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return undefined;
      if (code === 'ELOOP') return { kind: 'skipped', level: 'warning', file, message: 'Skipped: symbolic link loop.' };
      if (code === 'EISDIR') return undefined;
      return { kind: 'unreadable', level: 'warning', file, message: `Unreadable: ${code ?? (error as Error).message}.` };
    }
    if (bytes === undefined) return undefined;
    if (bytes.length > maxFileSize) return tooLargeNotice(file, bytes.length, maxFileSize);
    const decoded = decodeSource(bytes);
    if (decoded.kind === 'binary') return { kind: 'skipped', level: 'note', file, message: 'Skipped: binary content (a NUL byte).' };
    const blob = decoded.invalidUtf8Line === undefined && !startsWithByteOrderMark(bytes) ? known.blob(file) : undefined;
    const sourceText = { file, text: decoded.text, hash: blob ?? hashText(decoded.text) };
    if (decoded.invalidUtf8Line === undefined) return sourceText;
    return [
      sourceText,
      {
        kind: 'parse-error',
        level: 'warning',
        file,
        line: decoded.invalidUtf8Line,
        message: 'Not valid UTF-8 (the first invalid byte is on this line): profilint read such bytes as U+FFFD, so names containing them may be missed. Save the file as UTF-8.',
      },
    ];
  };
  let next = 0;
  // Reads from the working tree block, so a listener's worker would wait for its replies to be taken until the
  // last file is read: every few milliseconds all lanes wait for one turn of the event loop.
  let turn: Promise<void> | undefined;
  let lastTurn = performance.now();
  const worker = async (): Promise<void> => {
    while (next < toRead.length) {
      if (onRead !== undefined && performance.now() - lastTurn > millisecondsBetweenTurns) {
        turn ??= new Promise((resolve) =>
          setImmediate(() => {
            turn = undefined;
            lastTurn = performance.now();
            resolve();
          }),
        );
        await turn;
        continue;
      }
      const index = toRead[next]!;
      next += 1;
      const result = await readOne(source.files[index]!);
      results[index] = result;
      if (onRead === undefined || result === undefined) continue;
      if ('text' in result) onRead(result);
      else if (Array.isArray(result)) onRead(result[0]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(readConcurrency, toRead.length) }, worker));
  const sources: SourceText[] = [];
  const notices: ScanNotice[] = [];
  for (const result of results.flat()) {
    if (result === undefined) continue;
    if ('text' in result) sources.push(result);
    else notices.push(result);
  }
  return { sources, notices };
}

/**
 * The repository a scan belongs to: the one around the working folder, unless every path given lies
 * outside it (`profilint ../other-repo`), in which case the one around the first path, or that folder.
 */
function findScanRoot(cwd: string, targets: string[]): { gitRoot: string | undefined; root: string } {
  const cwdGitRoot = findGitRoot(cwd);
  const first = targets[0];
  if (first === undefined || (cwdGitRoot !== undefined && targets.some((target) => relativeToRoot(cwdGitRoot, target) !== undefined))) {
    return { gitRoot: cwdGitRoot, root: cwdGitRoot ?? cwd };
  }
  // A target in a repository is scanned as part of that repository, even from a folder outside any: run from
  // /tmp, `profilint repo` is a whole-repository scan of repo, not a partial scan of /tmp searching it for context.
  const folder = existsSync(first) && statSync(first).isDirectory() ? first : path.dirname(first);
  const gitRoot = findGitRoot(folder);
  if (gitRoot !== undefined) return { gitRoot, root: gitRoot };
  return { gitRoot: undefined, root: targets.some((target) => relativeToRoot(cwd, target) !== undefined) ? cwd : folder };
}

function resolveTargets(cwd: string, paths: string[]): string[] {
  return paths.map((target) => path.resolve(cwd, target));
}

function stagedSource(root: string, targets: string[], config: ResolvedConfig): FileSource {
  const filter = createPathFilter(config.include, config.exclude);
  const relativeTargets = targets.map((target) => {
    const relative = relativeToRoot(root, target);
    if (relative === undefined) throw new ConfigError(`"${target}" is outside the repository root ${root}.`);
    return relative;
  });
  const files = listStagedFiles(root).filter(
    (file) =>
      isSupported(file) &&
      filter.isWantedFile(file) &&
      (relativeTargets.length === 0 || relativeTargets.some((target) => target === '' || file === target || file.startsWith(`${target}/`))),
  );
  const contents = readStagedFiles(root, files);
  return { files: files.sort(), notices: [], read: async (file) => contents.get(file) };
}

/** Whether any scanned code file could host a finding (see src/candidate-text.ts). */
function mayHostAnyFinding(sources: SourceText[], catalogs: Catalogs): boolean {
  const candidateTest = candidateTestFor(catalogs);
  return sources.some((source) => languageOf(source.file) !== 'yaml' && mayHostFinding(candidateTest, source.text));
}

function isDebugEnabled(): boolean {
  return (process.env.DEBUG ?? '').split(',').some((name) => ['profilint', '*'].includes(name.trim()));
}

function compareNotices(a: ScanNotice, b: ScanNotice): number {
  const fileA = a.file ?? '';
  const fileB = b.file ?? '';
  if (fileA !== fileB) return fileA < fileB ? -1 : 1;
  return (a.line ?? 0) - (b.line ?? 0) || a.kind.localeCompare(b.kind) || a.message.localeCompare(b.message);
}

function filterToChangedLines(findings: Finding[], changed: { lines: Map<string, Set<number>>; wholeFiles: Set<string> }): Finding[] {
  return findings.filter((finding) => changed.wholeFiles.has(finding.file) || changed.lines.get(finding.file)?.has(finding.line) === true);
}

function enabledLevels(config: ResolvedConfig): Record<string, Severity> {
  const levels: Record<string, Severity> = {};
  for (const [id, setting] of Object.entries(config.rules)) if (setting.level !== 'off') levels[id] = setting.level;
  return levels;
}

/**
 * Reads the files outside the scanned ones that decide their verdict (specs, callers, TTL indexes; see
 * src/context-files.ts), from the same place the scanned files came from. A failed search is a warning:
 * the scan goes on with what it has.
 */
async function readContext(
  root: string,
  source: ContentSource,
  scanned: SourceText[],
  config: ResolvedConfig,
): Promise<{ sources: SourceText[]; notices: ScanNotice[] }> {
  const filter = createPathFilter(config.include, config.exclude);
  let files: string[];
  try {
    files = findContextFiles({
      root,
      source,
      targets: scanned,
      isScanned: (file) => isSupported(file) && filter.isWantedFile(file),
      listScannedFiles: () => discoverFiles({ root, targets: [], include: config.include, exclude: config.exclude, inGit: false }).files,
      maxFileSize: config.maxFileSize,
    });
  } catch (error) {
    const message = `Could not look for the files that decide these files' findings (${(error as Error).message}); findings that depend on other files may differ from a full scan.`;
    return { sources: [], notices: [{ kind: 'git', level: 'warning', message }] };
  }
  if (files.length === 0) return { sources: [], notices: [] };
  const contents = source === 'index' ? readStagedFiles(root, files) : undefined;
  const contextSource: FileSource =
    contents === undefined
      ? workingTreeSource(root, files, [], config.maxFileSize, source === 'folder')
      : { files, notices: [], read: async (file) => contents.get(file) };
  // A context file skipped for the reasons a scanned one is (too large, a link out of the repository) is
  // said, as a full scan would say it: the verdict on the scanned lines was reached without it.
  return readSources(contextSource, config.maxFileSize);
}

/** What the rules found in the scanned files, analysed now or remembered from the last scan. */
interface ScanAnalysis extends RememberedAnalysis {
  /** Set when the caller wants them (see `ScanOptions.includeFacts`). */
  facts?: FileFacts[];
}

/** The salts of the last scan's record (see `LastScanSalts`); the analysis depends on rule levels and options too, and on how errors and the prefilter are handled. */
function lastScanSalts(config: ResolvedConfig, options: ScanOptions): LastScanSalts {
  return {
    reading: hashText(JSON.stringify([1, tool.version, buildId, config.maxFileSize])),
    analysis: hashText(JSON.stringify([1, tool.version, buildId, config, options.prefilter ?? true, isDebugEnabled()])),
  };
}

/**
 * Extracts, links and checks the scanned files (through the workers and the facts cache), with the files
 * that decide their verdict when only some files are scanned.
 */
async function analyzeSources(input: {
  options: ScanOptions;
  root: string;
  gitRoot: string | undefined;
  config: ResolvedConfig;
  catalogs: Catalogs;
  sources: SourceText[];
  isScanned(file: string | undefined): boolean;
  isWholeRepository: boolean;
  extraction: Extraction;
  /** Set when parsing started while the files were read. */
  early: EarlyParsing | undefined;
  now: Date;
  fileExists(relativePath: string): boolean;
}): Promise<ScanAnalysis> {
  const { options, root, config, sources: scanned, extraction, early } = input;
  extraction.total = scanned.length;
  // A few files (pre-commit, an editor): when one could host a finding, some file will be parsed, so a worker
  // starts loading the compiler now, while the context is searched and read; when none could, no other file
  // can change what is reported on them, and there is no context to read.
  const targetsMayHostFinding = !input.isWholeRepository && mayHostAnyFinding(scanned, input.catalogs);
  if (targetsMayHostFinding) extraction.prestart();
  // Then every scanned file gets its context, not only those with profiling terms in them: a feature builder
  // with none still has findings when a model in another file receives what it returns.
  const context = !targetsMayHostFinding
    ? { sources: [], notices: [] }
    : await readContext(root, input.gitRoot === undefined ? 'folder' : options.staged ? 'index' : 'working-tree', scanned, config);
  const sources = [...scanned, ...context.sources];
  extraction.total = sources.length;
  const analysis = await analyze({
    root,
    config,
    catalogs: input.catalogs,
    sources,
    fileExists: input.fileExists,
    now: input.now,
    // DEBUG=profilint keeps the exception, with its stack, for a bug report.
    extractionErrorsAsNotices: !isDebugEnabled(),
    prefilter: options.prefilter ?? true,
    extract: early?.extract ?? extraction.extract,
    prefilterMemo: early?.prefilterMemo ?? extraction.prefilterMemo,
  });
  // Context files are read only to judge the scanned ones: their own findings and notices are not this scan's.
  return {
    findings: analysis.findings.filter((finding) => input.isScanned(finding.file)),
    notices: [...context.notices, ...analysis.notices.filter((notice) => input.isScanned(notice.file))],
    filesParsed: analysis.project.files.filter((facts) => facts.code !== undefined || facts.specs !== undefined).length,
    facts: options.includeFacts === false ? undefined : analysis.project.files.filter((facts) => input.isScanned(facts.file)),
  };
}

/** The scan's extraction; its progress counts to the files listed until the analysis knows how many it extracts. */
function openExtraction(options: ScanOptions, config: ResolvedConfig, cacheDirectory: string | undefined, fileSource: FileSource, isWholeRepository: boolean): Extraction {
  const extraction = createExtraction({
    config,
    version: tool.version,
    jobs: options.jobs,
    cacheDirectory,
    wholeRepository: isWholeRepository,
    onProgress: options.onProgress,
  });
  extraction.total = fileSource.files.length;
  return extraction;
}

/**
 * Scans a repository: config → files → read → analyze → baseline → changed-lines filter.
 * User mistakes (bad config, unknown ref, missing path) throw ConfigError; unreadable or unparsable files
 * become notices; anything else is a bug and propagates.
 */
export async function scan(options: ScanOptions): Promise<ScanResult> {
  const cwd = path.resolve(options.cwd);
  const targets = resolveTargets(cwd, options.paths);
  const { gitRoot, root } = findScanRoot(cwd, targets);
  const isWholeRepository = !options.staged && (targets.length === 0 || targets.some((target) => relativeToRoot(root, target) === ''));
  // Git's blob ids stand for the content of the files git vouches are unchanged: those need no hashing, and
  // after a scan that read them, no reading. Git works them out while the config is read and the files listed.
  const cleanBlobs = gitRoot !== undefined && isWholeRepository ? cleanTrackedBlobs(root).catch(() => new Map<string, string>()) : undefined;
  const configFile = options.configFile === undefined ? findConfigFile(root) : path.resolve(cwd, options.configFile);
  const config = applyRuleOverrides(loadConfig(root, configFile), options.ruleOverrides);

  if (options.staged && gitRoot === undefined) throw new ConfigError('--staged needs a git repository.');
  if (options.changedSince !== undefined && gitRoot === undefined) {
    throw new ConfigError('--changed-since needs a git repository.');
  }
  const fileSource = options.staged
    ? stagedSource(root, targets, config)
    : (() => {
        const selection = discoverFiles({
          root,
          targets,
          include: config.include,
          exclude: config.exclude,
          inGit: gitRoot !== undefined,
        });
        return workingTreeSource(root, selection.files, selection.notices, config.maxFileSize, gitRoot === undefined);
      })();

  const cacheDirectory = options.cache
    ? path.resolve(cwd, options.cacheLocation ?? path.join(root, 'node_modules', '.cache', 'profilint'))
    : undefined;
  // A scan of the whole repository with a cache remembers what it read and found, for the next one.
  const memory = cacheDirectory !== undefined && isWholeRepository ? { directory: cacheDirectory, salts: lastScanSalts(config, options) } : undefined;
  const lastScan = memory === undefined ? undefined : readLastScan(memory.directory, memory.salts);
  const blobs = (await cleanBlobs) ?? new Map<string, string>();
  const catalogs = loadCatalogs(config.vocabulary);
  // The last scan is repeated only for a caller that wants no facts. Otherwise the files are analysed for sure,
  // and a scan of the whole repository starts parsing while it reads them.
  let extraction: Extraction | undefined =
    lastScan === undefined || options.includeFacts !== false ? openExtraction(options, config, cacheDirectory, fileSource, isWholeRepository) : undefined;
  const early =
    extraction !== undefined && isWholeRepository && options.prefilter !== false
      ? parseWhileReading({ extract: extraction.extract, prefilter: createPrefilter(catalogs, config), catalogs, memo: extraction.prefilterMemo })
      : undefined;
  try {
    const read = await readSources(
      fileSource,
      config.maxFileSize,
      {
        // A file the last scan read with the content git vouches for now is not read again.
        unread: (file) => {
          const blob = blobs.get(file);
          return blob !== undefined && lastScan?.hashOf(file) === blob ? blob : undefined;
        },
        blob: (file) => blobs.get(file),
      },
      early?.onRead,
    );
    const scannedFiles = new Set(read.sources.map((source) => source.file));
    const isScanned = (file: string | undefined): boolean => file === undefined || scannedFiles.has(file);
    const now = options.now ?? new Date();
    const day = now.toISOString().slice(0, 10);
    const existence = new Map<string, boolean>();
    const fileExists = (relativePath: string): boolean => {
      let exists = existence.get(relativePath);
      if (exists === undefined) {
        exists = existsSync(path.join(root, relativePath));
        existence.set(relativePath, exists);
      }
      return exists;
    };
    // The last scan kept no facts: a caller that wants them gets a fresh analysis.
    const remembered = options.includeFacts === false ? lastScan?.analysisFor({ sources: read.sources, day }, fileExists) : undefined;
    const analysis: ScanAnalysis =
      remembered ??
      (await analyzeSources({
        options,
        root,
        gitRoot,
        config,
        catalogs,
        sources: read.sources,
        isScanned,
        isWholeRepository,
        extraction: (extraction ??= openExtraction(options, config, cacheDirectory, fileSource, isWholeRepository)),
        early,
        now,
        fileExists,
      }));
    if (memory !== undefined && remembered === undefined) {
      // A file whose analysis timed out is tried again next time, so this analysis is not one to repeat.
      const repeatable = !analysis.notices.some((notice) => notice.kind === 'timeout');
      const { findings, notices, filesParsed } = analysis;
      writeLastScan(memory.directory, memory.salts, { sources: read.sources, day, existence }, repeatable ? { findings, notices, filesParsed } : undefined);
    }

    let findings = analysis.findings;
    const notices = [...fileSource.notices, ...read.notices, ...analysis.notices];
    const displayPath = (file: string): string => relativeToRoot(root, file) ?? file;

    let baseline: LoadedBaseline | undefined;
    if (options.writeBaselineFile !== undefined) {
      const baselineFile = path.resolve(cwd, options.writeBaselineFile);
      const previous = existsSync(baselineFile) ? readBaseline(baselineFile).baseline : undefined;
      writeBaseline(baselineFile, createBaseline(findings, scannedFiles, previous));
      baseline = readBaseline(baselineFile);
    } else if (options.baselineFile !== undefined) {
      baseline = readBaseline(path.resolve(cwd, options.baselineFile));
    }
    if (baseline !== undefined) {
      const applied = applyBaseline(findings, { ...baseline, file: displayPath(baseline.file) }, scannedFiles);
      findings = applied.findings;
      notices.push(...applied.notices);
    }

    if (options.changedSince !== undefined) {
      findings = filterToChangedLines(findings, findChangedLines(root, options.changedSince, { staged: options.staged }));
    }
    if (options.changedLines !== undefined) {
      findings = filterToChangedLines(findings, { lines: options.changedLines, wholeFiles: new Set() });
    }

    return {
      root,
      toolVersion: tool.version,
      findings,
      notices: notices.sort(compareNotices),
      rules: describeRules(enabledLevels(config)),
      filesScanned: read.sources.length,
      filesParsed: analysis.filesParsed,
      facts: analysis.facts,
    };
  } finally {
    await extraction?.close();
  }
}
