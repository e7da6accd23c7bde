import type { CallExpression, SourceFile } from 'ts-morph';
import type { Span } from '../types.js';
import type { VocabularyExtension } from '../types.js';
import type { GuardState } from './consent.js';
import type { Catalogs } from '../catalogs.js';

export type SinkKind =
  | 'ml-inference'
  | 'ml-training'
  | 'llm'
  | 'scoring'
  | 'segmentation'
  | 'targeting'
  | 'ads'
  | 'analytics'
  | 'cdp'
  | 'feature-store'
  | 'user-defined';

/** A call that turns data about a person into a profile, a decision or a third-party payload. */
export interface SinkCall {
  /** Unique in the file, e.g. `sink-3`. */
  id: string;
  kind: SinkKind;
  /** Catalog entry that matched, e.g. `segment.identify`. */
  catalogId: string;
  calleeText: string;
  span: Span;
  enclosingFunctionId?: string;
  /** Sends data to a third party (ads, analytics, CDP SDK, or a known host). */
  thirdParty: boolean;
  /** The consent purpose this sink needs (`ads`, `personalisation`, `analytics`, `profiling`). */
  purpose: string;
  guard: GuardState;
}

/** A sink call with its node, for extractors that follow data into it during the same parse. */
export interface SinkCallNode {
  node: CallExpression;
  fact: SinkCall;
}

/** Finds the calls in the file that the sink catalog (and the user's `vocabulary.sinks`) names. */
export function findSinkCalls(_sourceFile: SourceFile, _catalogs: Catalogs): SinkCallNode[] {
  return [];
}

/** The sink catalog (rules/catalog/sinks.yaml) with the user's own sinks added. */
export interface SinkCatalog {
  entries: unknown[];
}

export function loadSinkCatalog(_extension: VocabularyExtension): SinkCatalog {
  return { entries: [] };
}
