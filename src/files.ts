import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { ConfigError } from './errors.js';
import { listGitFiles } from './git.js';
import type { ScanNotice } from './types.js';

/** Extensions profilint reads; everything else is skipped without a note. */
export const supportedExtensions = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.yaml', '.yml'];

export interface FileSelection {
  /** Repository-relative POSIX paths of files to scan, sorted. */
  files: string[];
  notices: ScanNotice[];
}

export interface DiscoveryOptions {
  root: string;
  /** Absolute files or folders to scan; empty means the whole repository. */
  targets: string[];
  include: string[];
  exclude: string[];
  /** Whether `root` is a git work tree: then git decides what is ignored. */
  inGit: boolean;
}

/** `a\b` → `a/b`: paths in facts and reports are POSIX whatever the platform. */
export function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}

/** Whether a file has an extension profilint reads. */
export function isSupported(file: string): boolean {
  const lower = file.toLowerCase();
  return supportedExtensions.some((extension) => lower.endsWith(extension));
}

/** What the `include`/`exclude` globs (relative to the root) keep. */
export interface PathFilter {
  /** Excluded when an exclude glob matches and no `!glob` re-includes it; with includes, only matching files. */
  isWantedFile(file: string): boolean;
  /** A folder that can hold no wanted file, so a walk need not enter it. */
  isPrunedFolder(folder: string): boolean;
}

/** Compiles the `include`/`exclude` globs once per scan. */
export function createPathFilter(include: string[], exclude: string[]): PathFilter {
  const options = { dot: true };
  const isIncluded = include.length === 0 ? () => true : picomatch(include, options);
  const excludeGlobs = exclude.filter((glob) => !glob.startsWith('!'));
  const reincludeGlobs = exclude.filter((glob) => glob.startsWith('!')).map((glob) => glob.slice(1));
  const isExcluded = excludeGlobs.length === 0 ? () => false : picomatch(excludeGlobs, options);
  const isReincluded = reincludeGlobs.length === 0 ? () => false : picomatch(reincludeGlobs, options);
  return {
    isWantedFile: (file) => isIncluded(file) && (!isExcluded(file) || isReincluded(file)),
    // `**/dist/**` matches `dist` itself; with a `!glob` anything may be re-included, so nothing is pruned.
    isPrunedFolder: (folder) => reincludeGlobs.length === 0 && isExcluded(folder),
  };
}

/** Repository-relative POSIX path of an absolute path, or undefined when it lies outside the root. */
export function relativeToRoot(root: string, absolute: string): string | undefined {
  const relative = path.relative(root, absolute);
  if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return undefined;
  return toPosix(relative);
}

interface IgnoreScope {
  /** Folder of the .gitignore, relative to the root ('' for the root). */
  base: string;
  rules: Ignore;
}

function isIgnoredByScopes(scopes: IgnoreScope[], relative: string, isDirectory: boolean): boolean {
  for (const scope of scopes) {
    const inside = scope.base === '' ? relative : relative.slice(scope.base.length + 1);
    if (scope.rules.ignores(isDirectory ? `${inside}/` : inside)) return true;
  }
  return false;
}

/**
 * Walks a folder outside git, honouring every .gitignore on the way down and pruning excluded folders.
 * Symbolic links are followed once; a link back into a folder being walked is a loop and becomes a note.
 */
function walk(root: string, start: string, filter: PathFilter, notices: ScanNotice[]): string[] {
  const files: string[] = [];
  const realRoot = realpathSync(root);
  const visit = (directory: string, scopes: IgnoreScope[], ancestors: Set<string>): void => {
    const relativeDirectory = relativeToRoot(root, directory) ?? '';
    let scopesHere = scopes;
    try {
      const gitignore = readFileSync(path.join(directory, '.gitignore'), 'utf8');
      scopesHere = [...scopes, { base: relativeDirectory, rules: ignore().add(gitignore) }];
    } catch {
      // No .gitignore in this folder.
    }
    let entries;
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch (error) {
      notices.push({
        kind: 'unreadable',
        level: 'warning',
        file: relativeDirectory || '.',
        message: `Folder skipped: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
      });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name === '.git') continue;
      const absolute = path.join(directory, entry.name);
      const relative = relativeDirectory === '' ? entry.name : `${relativeDirectory}/${entry.name}`;
      let isDirectory = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        try {
          isDirectory = statSync(absolute).isDirectory();
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'ELOOP') notices.push({ kind: 'skipped', level: 'warning', file: relative, message: 'Skipped: symbolic link loop.' });
          continue;
        }
      }
      if (isIgnoredByScopes(scopesHere, relative, isDirectory)) continue;
      if (isDirectory) {
        if (filter.isPrunedFolder(relative)) continue;
        const real = realpathSync(absolute);
        if (relativeToRoot(realRoot, real) === undefined) {
          notices.push({ kind: 'skipped', level: 'warning', file: relative, message: 'Skipped: a symbolic link to a folder outside the repository; profilint reads only files inside it.' });
          continue;
        }
        if (ancestors.has(real)) {
          notices.push({ kind: 'skipped', level: 'warning', file: relative, message: 'Skipped: symbolic link loop (the link points back into a folder that contains it).' });
          continue;
        }
        visit(absolute, scopesHere, new Set([...ancestors, real]));
      } else if (isSupported(entry.name) && filter.isWantedFile(relative)) {
        files.push(relative);
      }
    }
  };
  visit(start, [], new Set([realpathSync(start)]));
  return files;
}

/**
 * Decides which files a scan reads: git's view of the work tree (tracked plus untracked-not-ignored) inside
 * git, else a .gitignore-aware walk; then the targets, supported languages and include/exclude globs.
 */
export function discoverFiles(options: DiscoveryOptions): FileSelection {
  const { root, include, exclude, inGit } = options;
  const notices: ScanNotice[] = [];
  const pathFilter = createPathFilter(include, exclude);
  const targets = options.targets.length === 0 ? [root] : options.targets;
  const relativeTargets = targets.map((target) => {
    const relative = relativeToRoot(root, target);
    if (relative === undefined) throw new ConfigError(`"${target}" is outside the repository root ${root}.`);
    try {
      statSync(target);
    } catch {
      throw new ConfigError(`"${target}" does not exist.`, { expected: 'existing files or folders' });
    }
    return relative;
  });
  const isUnderTargets = (file: string): boolean =>
    relativeTargets.some((target) => target === '' || file === target || file.startsWith(`${target}/`));
  let candidates: string[];
  if (inGit) {
    candidates = listGitFiles(root).filter((file) => isSupported(file) && isUnderTargets(file) && pathFilter.isWantedFile(file));
  } else {
    candidates = [];
    for (const [index, target] of targets.entries()) {
      const relative = relativeTargets[index]!;
      if (statSync(target).isDirectory()) {
        candidates.push(...walk(root, target, pathFilter, notices));
      } else if (isSupported(relative) && pathFilter.isWantedFile(relative)) {
        candidates.push(relative);
      }
    }
  }
  const files = [...new Set(candidates)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { files, notices };
}
