import { spawnSync } from 'node:child_process';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path/posix';
import { defaultMaxFileSize } from './config-defaults.js';
import { relativeToRoot } from './files.js';
import { readStagedFiles } from './git.js';
import { relativeImportSpecifiersIn, resolveRelativeImport } from './link.js';

/**
 * Where the repository's content is read from when looking for context: git's view of the working tree
 * (tracked and untracked-not-ignored files), the index (`--staged`), or a plain folder outside git.
 */
export type ContentSource = 'working-tree' | 'index' | 'folder';

/** What a scan of some files asks: which other files decide the verdict on those files' lines. */
export interface ContextQuery {
  /** Absolute repository root; every path here is POSIX and relative to it. */
  root: string;
  source: ContentSource;
  /** The files the scan reports on, with the text it read. */
  targets: Array<{ file: string; text: string }>;
  /** Whether a full scan would read this file (a language profilint reads, kept by include/exclude). */
  isScanned(file: string): boolean;
  /** Every file a full scan reads; only needed for `folder`, where there is no `git grep`. */
  listScannedFiles?(): string[];
  /** Files larger than this many bytes are not read, as a scan skips them (default: the config default). */
  maxFileSize?: number;
}

const codeFile = /\.(?:[cm]?tsx?|[cm]?jsx?)$/i;
const yamlFile = /\.ya?ml$/i;
const codeGlobs = ['*.ts', '*.tsx', '*.mts', '*.cts', '*.js', '*.jsx', '*.mjs', '*.cjs'];
const yamlGlobs = ['*.yaml', '*.yml'];

// Same reading of the tag as the extractor (src/extract/module-graph.ts): the first word after `@profiling`.
const profilingTag = /@profiling[ \t]+([^\s*]+)/g;
// A native spec has a top-level `profilint` key (src/specs/formats/profilint.ts); one that claims code says `paths`.
const nativeSpecKey = 'profilint';
const declaresCodePaths = /^["']?profilint["']?\s*:[^]*\bpaths["']?\s*:/m;
// The only key that makes a MongoDB index a TTL index; such an index bounds writes to its collection in any file.
const ttlIndexKey = 'expireAfterSeconds';

/** Searches the repository's text for fixed strings, as cheaply as the content source allows. */
interface TextSearch {
  filesContaining(needles: string[], kind: 'code' | 'yaml', ignoreCase: boolean): string[];
  read(files: string[]): Map<string, string>;
}

function gitSearch(root: string, staged: boolean, maxFileSize: number): TextSearch {
  return {
    filesContaining(needles, kind, ignoreCase) {
      if (needles.length === 0) return [];
      const args = ['grep', '-l', '-z', '-I', '-F', staged ? '--cached' : '--untracked'];
      if (ignoreCase) args.push('-i');
      for (const needle of needles) args.push('-e', needle);
      args.push('--', ...(kind === 'code' ? codeGlobs : yamlGlobs));
      const result = spawnSync('git', args, { cwd: root, maxBuffer: 256 * 1024 * 1024 });
      // `git grep` exits 1 when nothing matches.
      if (result.status === 1 && result.stderr.length === 0) return [];
      if (result.status !== 0) {
        throw new Error(`git ${args.join(' ')} failed: ${result.stderr.toString('utf8').trim() || `exit code ${result.status}`}`);
      }
      return result.stdout.toString('utf8').split('\0').filter((file) => file !== '');
    },
    read(files) {
      if (staged) {
        const withinSize = [...readStagedFiles(root, files)].filter(([, bytes]) => bytes.length <= maxFileSize);
        return new Map(withinSize.map(([file, bytes]) => [file, bytes.toString('utf8')]));
      }
      return readFromDisk(root, files, maxFileSize);
    },
  };
}

/**
 * Reads what a scan would read of each file and nothing more (the checks of src/scan.ts): only regular
 * files, since reading a named pipe called `x.ts` would wait for a writer forever; none larger than
 * `maxFileSize`; and none a symbolic link takes outside the repository (a credentials file, /proc/self/environ).
 */
function readFromDisk(root: string, files: string[], maxFileSize: number): Map<string, string> {
  const texts = new Map<string, string>();
  let realRoot: string | undefined;
  for (const file of files) {
    const absolute = path.join(root, file);
    try {
      const info = statSync(absolute);
      if (!info.isFile() || info.size > maxFileSize) continue;
      realRoot ??= realpathSync(root);
      if (relativeToRoot(realRoot, realpathSync(absolute)) === undefined) continue;
      texts.set(file, readFileSync(absolute, 'utf8'));
    } catch {
      // Deleted or unreadable since it was listed: the scan itself reports what it cannot read.
    }
  }
  return texts;
}

function folderSearch(root: string, listScannedFiles: () => string[], maxFileSize: number): TextSearch {
  let texts: Map<string, string> | undefined;
  const allTexts = (): Map<string, string> => (texts ??= readFromDisk(root, listScannedFiles(), maxFileSize));
  return {
    filesContaining(needles, kind, ignoreCase) {
      if (needles.length === 0) return [];
      const wanted = kind === 'code' ? codeFile : yamlFile;
      const fold = (text: string): string => (ignoreCase ? text.toLowerCase() : text);
      const folded = needles.map(fold);
      const matches: string[] = [];
      for (const [file, text] of allTexts()) {
        if (!wanted.test(file)) continue;
        const haystack = fold(text);
        if (folded.some((needle) => haystack.includes(needle))) matches.push(file);
      }
      return matches;
    },
    read(files) {
      const texts = allTexts();
      return new Map(files.filter((file) => texts.has(file)).map((file) => [file, texts.get(file)!]));
    },
  };
}

/** The pipelines a code file links to with `@profiling` tags. */
function profilingPipelines(text: string): string[] {
  return [...text.matchAll(profilingTag)].map((match) => match[1]!);
}

/** The text an import of `file` must contain: its name without extension, or its folder's for an `index` file. */
function importNeedle(file: string): string {
  const stem = path.basename(file).replace(/\.[^.]+$/, '');
  const folder = path.basename(path.dirname(file));
  return stem === 'index' && folder !== '.' && folder !== '' ? folder : stem;
}

/** Whether `file` imports one of `wanted`, resolving its relative specifiers the way the link stage does. */
function importsAny(file: string, text: string, wanted: Set<string>): boolean {
  return relativeImportSpecifiersIn(text).some((specifier) => resolveRelativeImport(wanted, file, specifier) !== undefined);
}

/**
 * The files outside `targets` whose facts decide findings on the targets' lines, so that scanning a few files
 * (pre-commit, lint-staged, an editor) reaches the verdict a full scan reaches on the same lines:
 * - the specs named by the targets' `@profiling` tags (retention, consent requirement, unknown pipeline), and
 *   the native specs that claim code by `profiling.paths`;
 * - every file that imports a target, and every file that imports those, transitively: callers whose
 *   consent checks guard a target's sinks, and sinks in other files that receive what a target's functions return;
 * - files declaring MongoDB TTL indexes, which bound writes to their collection from any file.
 * The search is textual and errs on the side of including a file; an extra file costs a parse, never a finding,
 * because the caller reports only on its targets. Returns sorted repository-relative paths.
 */
export function findContextFiles(query: ContextQuery): string[] {
  const codeTargets = query.targets.filter((target) => codeFile.test(target.file));
  if (codeTargets.length === 0) return [];
  const maxFileSize = query.maxFileSize ?? defaultMaxFileSize;
  const search =
    query.source === 'folder'
      ? folderSearch(query.root, query.listScannedFiles ?? (() => []), maxFileSize)
      : gitSearch(query.root, query.source === 'index', maxFileSize);
  const targetFiles = new Set(query.targets.map((target) => target.file));
  const context = new Set<string>();
  const isContext = (file: string): boolean => !targetFiles.has(file) && !context.has(file) && query.isScanned(file);

  const pipelines = [...new Set(codeTargets.flatMap((target) => profilingPipelines(target.text)))];
  for (const file of search.filesContaining(pipelines, 'yaml', true)) if (isContext(file)) context.add(file);
  // A native spec's `profiling.paths` claims code without any tag in it: every such spec is read, as its globs
  // are only known once the YAML is.
  const nativeSpecs = search.filesContaining([nativeSpecKey], 'yaml', false).filter(isContext);
  for (const [file, text] of search.read(nativeSpecs)) if (declaresCodePaths.test(text)) context.add(file);
  for (const file of search.filesContaining([ttlIndexKey], 'code', false)) if (isContext(file)) context.add(file);

  // Breadth-first up the import graph: each round finds the importers of the files the last round added.
  let frontier = codeTargets.map((target) => target.file);
  const visited = new Set(frontier);
  while (frontier.length > 0) {
    const needles = [...new Set(frontier.map(importNeedle))];
    const candidates = search.filesContaining(needles, 'code', false).filter((file) => !visited.has(file) && query.isScanned(file));
    const texts = search.read(candidates);
    const wanted = new Set(frontier);
    const importers = candidates.filter((file) => {
      const text = texts.get(file);
      return text !== undefined && importsAny(file, text, wanted);
    });
    for (const file of importers) {
      visited.add(file);
      if (isContext(file)) context.add(file);
    }
    frontier = importers;
  }
  return [...context].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
