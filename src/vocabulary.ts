import type { VocabularyExtension } from './types.js';

/** Sensitive categories and proxies from rules/catalog/{sensitive,proxies}.yaml, with the user's terms. */
export interface Vocabulary {
  categories: unknown[];
}

export function loadVocabulary(_extension: VocabularyExtension): Vocabulary {
  return { categories: [] };
}
