import * as morph from 'ts-morph';

// The ts-morph values the extractors use, each read once. In the CommonJS bundle every use of an
// `import { Node } from 'ts-morph'` calls a getter esbuild defines for it: each `Node.isIdentifier(…)` and
// `SyntaxKind.X`, millions of times a scan, a tenth of extraction time in code V8 has not optimised yet.
// Types still come from 'ts-morph' itself.

/** ts-morph's `Node`, for its `Node.isX` guards. */
export import Node = morph.Node;
/** The compiler's syntax kinds. */
export import SyntaxKind = morph.SyntaxKind;
/** The TypeScript compiler ts-morph wraps. */
export import ts = morph.ts;
/** The ts-morph project, which owns the parsed files. */
export import Project = morph.Project;
/** How a file is parsed: TS, TSX, JS or JSX. */
export import ScriptKind = morph.ScriptKind;
