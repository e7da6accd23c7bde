import type { SourceFile } from 'ts-morph';
import type { Span } from '../types.js';
import type { GuardState } from './consent.js';

/** JSDoc tags that tie code to a profiling spec or document how long it keeps data. */
export interface ProfilingTags {
  /** `@profiling <pipeline>`: the spec that governs this code. */
  profiling?: { pipeline: string; span: Span };
  /** `@retention <duration>`: how long what this code stores is kept. */
  retention?: { value: string; span: Span };
}

export interface FunctionFact {
  /** Unique in the file: qualified name and start line, e.g. `ChurnModel.features@30`. */
  id: string;
  /** Local name; anonymous functions take the name of the variable or property they are assigned to, else ''. */
  name: string;
  /** `Class.method` for methods, otherwise the name. */
  qualifiedName: string;
  /** Names under which the module exports it (`default` for a default export). */
  exportedAs: string[];
  span: Span;
  tags: ProfilingTags;
  /** Named or documented as fairness evaluation (bias audit, disparity metrics): sensitive use is legitimate here. */
  fairnessContext: boolean;
  parentFunctionId?: string;
}

export interface ImportFact {
  localName: string;
  /** The exported name, `default`, or `*` for a namespace import. */
  importedName: string;
  specifier: string;
}

export interface CallSite {
  /** The callee as written, e.g. `score`, `model.predict`, `this.features`. */
  calleeText: string;
  /** The last identifier of the callee, e.g. `predict`. */
  calleeName: string;
  span: Span;
  enclosingFunctionId?: string;
  /** Whether a consent check covers this call, for inter-procedural guarding. */
  guard: GuardState;
}

/** The file's functions, imports and calls: what the link stage needs to follow code across files. */
export interface ModuleFacts {
  functions: FunctionFact[];
  imports: ImportFact[];
  calls: CallSite[];
  /** Tags in the file's leading JSDoc, applying to the whole module. */
  fileTags: ProfilingTags;
}

/** Reads functions, imports, call sites and profiling tags from a parsed file. */
export function extractModuleFacts(_sourceFile: SourceFile): ModuleFacts {
  return { functions: [], imports: [], calls: [], fileTags: {} };
}
