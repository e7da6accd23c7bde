import type { SourceFile } from 'ts-morph';
import type { Span } from '../types.js';
import type { VocabularyExtension } from '../types.js';
import type { Catalogs } from '../catalogs.js';

/** A write to a store that keeps data (Redis, browser storage, cookies, databases, feature stores). */
export interface StoreWrite {
  store: string;
  span: Span;
  enclosingFunctionId?: string;
}

/** Finds store writes and what bounds them. */
export function extractStoreWrites(_sourceFile: SourceFile, _catalogs: Catalogs): StoreWrite[] {
  return [];
}

/** The store catalog (rules/catalog/stores.yaml) with the user's own store writes added. */
export interface StoreCatalog {
  entries: unknown[];
}

export function loadStoreCatalog(_extension: VocabularyExtension): StoreCatalog {
  return { entries: [] };
}
