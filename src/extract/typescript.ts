import { Project, ScriptKind, ts } from './ts-morph-bindings.js';
import type { Catalogs } from '../catalogs.js';
import type { ScanNotice } from '../types.js';
import type { CodeFacts } from './code-facts.js';
import { extractModuleFacts } from './module-graph.js';
import { findSinkCalls } from './sinks.js';
import { analyzeGuard, extractConsentChecks, extractFunctionReferences, extractMemberCalls, guardCallSites } from './consent.js';
import { extractAttributeReferences, stoppedTracesNotice } from './attributes.js';
import { extractStoreWrites, extractTtlIndexes } from './stores.js';
import { lineAndColumnAt } from './span.js';

export interface CodeExtraction {
  code?: CodeFacts;
  notices: ScanNotice[];
}

// An in-memory project per thread: no type checker, no file-system resolution, so parsing stays syntactic.
// Forgetting each file's nodes walked every node ts-morph had wrapped, a tenth of extraction; a project is
// dropped whole after a few dozen files instead, for the garbage collector to free.
const filesPerProject = 50;
let project: Project | undefined;
let filesInProject = 0;

function getProject(): Project {
  if (project === undefined || filesInProject >= filesPerProject) {
    project = new Project({
      useInMemoryFileSystem: true,
      skipFileDependencyResolution: true,
      compilerOptions: { allowJs: true, target: ts.ScriptTarget.ES2022, jsx: ts.JsxEmit.Preserve },
    });
    filesInProject = 0;
  }
  filesInProject += 1;
  return project;
}

/**
 * Whether a path needs ts-morph's overwrite: it is in the project already, or may name one of the compiler's own
 * library files that its in-memory file system holds (under /node_modules/typescript/lib). For any other path,
 * overwriting would read the file system first, which throws and catches an error for a file it lacks.
 */
function needsOverwrite(current: Project, path: string): boolean {
  return path.includes('node_modules') || current.getSourceFile(path) !== undefined;
}

const scriptKinds: Record<string, ScriptKind> = {
  '.ts': ScriptKind.TS,
  '.mts': ScriptKind.TS,
  '.cts': ScriptKind.TS,
  '.tsx': ScriptKind.TSX,
  '.js': ScriptKind.JS,
  '.mjs': ScriptKind.JS,
  '.cjs': ScriptKind.JS,
  '.jsx': ScriptKind.JSX,
};

/** Parses one TypeScript/JavaScript file and extracts every fact the rules read. */
export function extractCode(file: string, text: string, catalogs: Catalogs): CodeExtraction {
  try {
    return parseAndExtract(file, text, catalogs);
  } catch (error) {
    // Expressions nested thousands deep overflow the compiler's and ts-morph's recursive walks: the file is
    // reported as not analysed and the scan goes on.
    if (!(error instanceof RangeError)) throw error;
    return {
      notices: [{ kind: 'skipped', level: 'warning', file, message: `Skipped: this file nests code too deeply to analyse (${error.message}).` }],
    };
  }
}

function parseAndExtract(file: string, text: string, catalogs: Catalogs): CodeExtraction {
  const extension = file.slice(file.lastIndexOf('.')).toLowerCase();
  const path = `/${file}`;
  const current = getProject();
  const sourceFile = current.createSourceFile(path, text, {
    overwrite: needsOverwrite(current, path),
    scriptKind: scriptKinds[extension] ?? ScriptKind.TS,
  });
  // The parser's own diagnostics: asking the program for them would build a whole program per file.
  const parseDiagnostics =
    (sourceFile.compilerNode as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  const notices: ScanNotice[] = parseDiagnostics
    .slice(0, 1)
    .map((diagnostic) => {
      const { line, column } = lineAndColumnAt(sourceFile, diagnostic.start);
      return {
        kind: 'parse-error',
        level: 'error',
        file,
        line,
        column,
        message: `Parsing error: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`,
      };
    });
  const module = extractModuleFacts(sourceFile);
  guardCallSites(sourceFile, module, catalogs);
  const sinkNodes = findSinkCalls(sourceFile, catalogs);
  for (const sink of sinkNodes) sink.fact.guard = analyzeGuard(sink.node, sink.fact.purpose, catalogs);
  const attributes = extractAttributeReferences(sourceFile, sinkNodes, catalogs);
  const stopped = stoppedTracesNotice(file, attributes.stoppedTraces);
  if (stopped !== undefined) notices.push(stopped);
  const code: CodeFacts = {
    module,
    sinks: sinkNodes.map((sink) => sink.fact),
    attributes: attributes.references,
    consentChecks: extractConsentChecks(sourceFile, catalogs),
    functionReferences: extractFunctionReferences(sourceFile, module, catalogs),
    memberCalls: extractMemberCalls(sourceFile, module, catalogs),
    stores: extractStoreWrites(sourceFile, catalogs),
    ttlIndexes: extractTtlIndexes(sourceFile, catalogs),
  };
  return { code, notices };
}
