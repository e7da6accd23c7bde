import path from 'node:path/posix';
import type { FileFacts, ResolvedConfig } from './types.js';
import type { Catalogs } from './catalogs.js';

/**
 * Everything rules can read: the facts of every scanned file plus what resolves what one file
 * cannot. Indexes that only some rules need (call graph, specs by pipeline) are built lazily by
 * their own modules and memoized per Project.
 */
export interface Project {
  root: string;
  config: ResolvedConfig;
  catalogs: Catalogs;
  /** Sorted by path. */
  files: FileFacts[];
  byFile: Map<string, FileFacts>;
  /** Whether a repository-relative path exists (fairness report paths, spec links). */
  fileExists(relativePath: string): boolean;
  /** The scan's clock, injectable so audit staleness is testable. */
  now: Date;
}

export interface ProjectInput {
  root: string;
  config: ResolvedConfig;
  catalogs: Catalogs;
  files: FileFacts[];
  fileExists(relativePath: string): boolean;
  now: Date;
}

/** Builds the Project that rules read from the facts of every file. */
export function linkProject(input: ProjectInput): Project {
  const files = [...input.files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { ...input, files, byFile: new Map(files.map((facts) => [facts.file, facts])) };
}

const resolvableExtensions = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/**
 * The file among `files` a relative import names, following TypeScript's rules for extension-less
 * specifiers, `.js` written for `.ts` sources, and folder `index` files. Package imports resolve to nothing.
 */
export function resolveRelativeImport(files: { has(file: string): boolean }, fromFile: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.normalize(path.join(path.dirname(fromFile), specifier));
  if (files.has(base)) return base;
  // Tried in this order, each built only when the one before is missing: this runs for every import of every file.
  const withoutJsExtension = base.replace(/\.(m|c)?jsx?$/, '');
  for (const extension of resolvableExtensions) {
    if (files.has(withoutJsExtension + extension)) return withoutJsExtension + extension;
  }
  for (const extension of resolvableExtensions) {
    if (files.has(`${base}/index${extension}`)) return `${base}/index${extension}`;
  }
  return undefined;
}

/** The scanned file a relative import names (see `resolveRelativeImport`). */
export function resolveImport(project: Project, fromFile: string, specifier: string): string | undefined {
  return resolveRelativeImport(project.byFile, fromFile, specifier);
}

// Only relative specifiers name a scanned file; matching only those makes the search of every file cheaper.
const relativeModuleSpecifier = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"](\.[^'"\r\n]*)['"]/g;

/**
 * The relative module specifiers a file's raw text names in imports, re-exports, `import()` and `require()`:
 * a textual superset of its real relative imports (one inside a comment counts too), for deciding which files to read.
 */
export function relativeImportSpecifiersIn(text: string): string[] {
  return [...text.matchAll(relativeModuleSpecifier)].map((match) => match[1] ?? '');
}

/** The words every match of `relativeModuleSpecifier` starts with. */
export const importWords = ['from', 'import', 'require'];
const relativeModuleSpecifierHere = new RegExp(relativeModuleSpecifier.source, 'y');

/**
 * `relativeImportSpecifiersIn(text)`, given where in `text` the `importWords` start (ascending) wherever no letter,
 * digit or `_` precedes them: the expression is tried only there, as the search of the whole text would reach them.
 */
export function relativeImportSpecifiersAt(text: string, importWordStarts: number[]): string[] {
  const specifiers: string[] = [];
  let searchedTo = 0;
  for (const start of importWordStarts) {
    if (start < searchedTo) continue;
    relativeModuleSpecifierHere.lastIndex = start;
    const match = relativeModuleSpecifierHere.exec(text);
    if (match === null) continue;
    specifiers.push(match[1] ?? '');
    searchedTo = start + match[0].length;
  }
  return specifiers;
}
