import type { Node } from 'ts-morph';
import type { Span } from '../types.js';
import type { VocabularyExtension } from '../types.js';
import type { Catalogs } from '../catalogs.js';

/** Whether a consent check for a covering purpose stands on every path to a node. */
export interface GuardState {
  status: 'guarded' | 'unguarded' | 'wrong-purpose';
  /** Purposes the checks on the path cover, as classified from the catalog (`ads`, `analytics`…). */
  purposes: string[];
  /** The check that guards, or the wrong-purpose check, for related locations. */
  checkSpan?: Span;
}

/** A consent check found in the file, for the inventory and related locations. */
export interface ConsentCheck {
  span: Span;
  purposes: string[];
  enclosingFunctionId?: string;
}

/** Decides the guard state of a node from the consent checks on its paths within the file. */
export function analyzeGuard(_node: Node, _requiredPurpose: string, _catalogs: Catalogs): GuardState {
  return { status: 'unguarded', purposes: [] };
}

/** The consent catalog (rules/catalog/consent.yaml) with the user's own checks added. */
export interface ConsentCatalog {
  entries: unknown[];
}

export function loadConsentCatalog(_extension: VocabularyExtension): ConsentCatalog {
  return { entries: [] };
}
