import type { CallSite, ModuleFacts } from './module-graph.js';
import type { AttributeReference } from './attributes.js';
import type { SinkCall } from './sinks.js';
import type { ConsentCheck } from './consent.js';
import type { StoreWrite, TtlIndex } from './stores.js';

/** Facts from one parsed TypeScript/JavaScript file. */
export interface CodeFacts {
  module: ModuleFacts;
  sinks: SinkCall[];
  attributes: AttributeReference[];
  consentChecks: ConsentCheck[];
  stores: StoreWrite[];
  /** MongoDB TTL indexes declared in this file; they bound writes to their collection in any file. */
  ttlIndexes?: TtlIndex[];
  /**
   * Functions of this module or imported ones passed by name to a call (`router.post('/x', requireConsent('ads'), handler)`):
   * whatever receives them calls them, so the link stage counts each as a call site, with the guard in force where it is passed.
   */
  functionReferences?: CallSite[];
  /**
   * Calls of a method on an injected or stored object (`this.tracking.send(user)`): the link stage follows
   * them to the one class method in the project with that name, when there is exactly one.
   */
  memberCalls?: CallSite[];
}
