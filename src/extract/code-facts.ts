import type { ModuleFacts } from './module-graph.js';
import type { AttributeReference } from './attributes.js';
import type { SinkCall } from './sinks.js';
import type { ConsentCheck } from './consent.js';
import type { StoreWrite } from './stores.js';

/** Facts from one parsed TypeScript/JavaScript file. */
export interface CodeFacts {
  module: ModuleFacts;
  sinks: SinkCall[];
  attributes: AttributeReference[];
  consentChecks: ConsentCheck[];
  stores: StoreWrite[];
}
