import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileFacts, VocabularyExtension } from './types.js';
import { languageOf } from './extract/file-facts.js';

/** Runs fact extraction for one file at a time on each of a few worker threads. */
export interface ExtractionPool {
  extract(file: string, text: string, hash: string): Promise<FileFacts>;
  /** Starts the first worker now, so it loads while the caller does other work. */
  prestart(): void;
  close(): Promise<void>;
}

export interface ExtractionTask {
  id: number;
  file: string;
  text: string;
  hash: string;
}

export type ExtractionReply = { id: number; facts: FileFacts } | { id: number; error: string };

interface PendingTask extends ExtractionTask {
  resolve(facts: FileFacts): void;
}

interface Slot {
  worker?: Worker;
  task?: PendingTask;
  timer?: NodeJS.Timeout;
}

/** The worker bundle beside the running bundle; absent when running from source (tests), where extraction stays in-process. */
export function findWorkerFile(): string | undefined {
  if (typeof __dirname !== 'string') return undefined;
  const candidate = path.join(__dirname, 'worker.js');
  return existsSync(candidate) ? candidate : undefined;
}

function factsWithNotice(task: PendingTask, kind: 'timeout' | 'parse-error', message: string): FileFacts {
  return {
    file: task.file,
    language: languageOf(task.file) ?? 'typescript',
    hash: task.hash,
    directives: [],
    notices: [{ kind, level: kind === 'timeout' ? 'warning' : 'error', file: task.file, message }],
  };
}

/**
 * Starts up to `jobs` workers on demand. A file whose extraction takes longer than `timeoutMs` is
 * reported as skipped and its worker replaced, since a synchronous parse cannot be interrupted any other
 * way; a worker that dies on a file reports that file and the scan goes on.
 */
export function createExtractionPool(options: {
  workerFile: string;
  jobs: number;
  extension: VocabularyExtension;
  timeoutMs: number;
}): ExtractionPool {
  const queue: PendingTask[] = [];
  const slots: Slot[] = [];
  let nextId = 0;

  const finish = (slot: Slot, facts: FileFacts): void => {
    clearTimeout(slot.timer);
    const task = slot.task;
    slot.task = undefined;
    task?.resolve(facts);
    dispatch();
  };

  const startWorkerFor = (slot: Slot): Worker => {
    const worker = new Worker(options.workerFile, { workerData: { extension: options.extension } });
    worker.on('message', (reply: ExtractionReply) => {
      const task = slot.task;
      if (task === undefined || reply.id !== task.id) return;
      if ('facts' in reply) finish(slot, reply.facts);
      else finish(slot, factsWithNotice(task, 'parse-error', `Internal error while analysing this file: ${reply.error}`));
    });
    worker.on('error', (error) => {
      const task = slot.task;
      slot.worker = startWorkerFor(slot);
      if (task) finish(slot, factsWithNotice(task, 'parse-error', `Internal error while analysing this file: ${error.message}`));
    });
    return worker;
  };

  const dispatch = (): void => {
    while (queue.length > 0) {
      let slot = slots.find((candidate) => candidate.task === undefined);
      if (slot === undefined && slots.length < options.jobs) {
        slot = {};
        slot.worker = startWorkerFor(slot);
        slots.push(slot);
      }
      if (slot === undefined) return;
      const task = queue.shift() as PendingTask;
      slot.task = task;
      const running = slot;
      slot.timer = setTimeout(() => {
        void running.worker?.terminate();
        running.worker = startWorkerFor(running);
        finish(
          running,
          factsWithNotice(
            task,
            'timeout',
            `Skipped: analysing this file took longer than ${options.timeoutMs / 1000} s (raise fileTimeout in the config to allow more).`,
          ),
        );
      }, options.timeoutMs);
      slot.worker?.postMessage({ id: task.id, file: task.file, text: task.text, hash: task.hash } satisfies ExtractionTask);
    }
  };

  return {
    extract(file, text, hash) {
      return new Promise<FileFacts>((resolve) => {
        queue.push({ id: nextId++, file, text, hash, resolve });
        dispatch();
      });
    },
    prestart() {
      if (slots.length > 0) return;
      const slot: Slot = {};
      slot.worker = startWorkerFor(slot);
      slots.push(slot);
    },
    async close() {
      await Promise.all(slots.map((slot) => slot.worker?.terminate()));
    },
  };
}
