import type { SourceFile } from 'ts-morph';
import type { Span } from '../types.js';
import type { Catalogs } from '../catalogs.js';
import type { SinkCallNode } from './sinks.js';

/** A sensitive attribute or proxy named in code, and where it goes. */
export interface AttributeReference {
  term: string;
  kind: 'sensitive' | 'proxy';
  category: string;
  span: Span;
  enclosingFunctionId?: string;
}

/** Finds sensitive and proxy references that are profiling inputs. */
export function extractAttributeReferences(
  _sourceFile: SourceFile,
  _sinks: SinkCallNode[],
  _catalogs: Catalogs,
): AttributeReference[] {
  return [];
}
