import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { loadCatalogs } from './catalogs.js';
import { requireWithCodeCache } from './code-cache.js';
import { extractFacts } from './extract/file-facts.js';
import type { ExtractionReply, ExtractionTask } from './extraction-pool.js';
import { tool } from './report/tool.js';
import type { VocabularyExtension } from './types.js';

// Entry of each extraction worker (dist/worker.js): catalogs and the compiler load once per thread, then one file per message.
const catalogs = loadCatalogs((workerData as { extension: VocabularyExtension }).extension);
const saveCodeCache = requireWithCodeCache(path.join(__dirname, 'extract-code.js'), tool.version);

parentPort?.on('message', (task: ExtractionTask) => {
  extractFacts(task.file, task.text, catalogs, true, task.hash).then(
    (facts) => {
      // Saved before replying: a run that parses one file ends as soon as the reply arrives.
      saveCodeCache();
      parentPort?.postMessage({ id: task.id, facts } satisfies ExtractionReply);
    },
    (error: unknown) =>
      parentPort?.postMessage({ id: task.id, error: error instanceof Error ? error.message : String(error) } satisfies ExtractionReply),
  );
});
