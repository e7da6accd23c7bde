import { parentPort, workerData } from 'node:worker_threads';
import { loadCatalogs } from './catalogs.js';
import { extractFacts } from './extract/file-facts.js';
import type { ExtractionReply, ExtractionTask } from './extraction-pool.js';
import type { VocabularyExtension } from './types.js';

// Entry of each extraction worker (dist/worker.js): catalogs load once per thread, then one file per message.
const catalogs = loadCatalogs((workerData as { extension: VocabularyExtension }).extension);

parentPort?.on('message', (task: ExtractionTask) => {
  extractFacts(task.file, task.text, catalogs).then(
    (facts) => parentPort?.postMessage({ id: task.id, facts } satisfies ExtractionReply),
    (error: unknown) =>
      parentPort?.postMessage({ id: task.id, error: error instanceof Error ? error.message : String(error) } satisfies ExtractionReply),
  );
});
