import type { VocabularyExtension } from './types.js';
import { loadVocabulary, type Vocabulary } from './vocabulary.js';
import { loadSinkCatalog, type SinkCatalog } from './extract/sink-catalog.js';
import { loadConsentCatalog, type ConsentCatalog } from './extract/consent-catalog.js';
import { loadStoreCatalog, type StoreCatalog } from './extract/store-catalog.js';

/** The knowledge in rules/catalog/*.yaml merged with the user's `vocabulary:` config. */
export interface Catalogs {
  vocabulary: Vocabulary;
  sinks: SinkCatalog;
  consent: ConsentCatalog;
  stores: StoreCatalog;
}

/** Loads every catalog once per run; the result is read-only and shared by all extractors. */
export function loadCatalogs(extension: VocabularyExtension): Catalogs {
  return {
    vocabulary: loadVocabulary(extension),
    sinks: loadSinkCatalog(extension),
    consent: loadConsentCatalog(extension),
    stores: loadStoreCatalog(extension),
  };
}
