import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileFacts, VocabularyExtension } from './types.js';
import { languageOf } from './extract/file-facts.js';

/** Runs fact extraction on a few worker threads, each working through the files handed to it one at a time. */
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
  /** The files handed to the worker, in the order it works through them: it is on the first. */
  tasks: PendingTask[];
  timer?: NodeJS.Timeout;
}

// Files a worker holds at once. With two, it starts the next file as soon as it hands one back, instead of
// waiting for this thread to take the reply: this thread may be busy for milliseconds judging other files.
const tasksPerWorker = 2;

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

  // The time budget of the file a worker is on starts when it gets to it.
  const startTimer = (slot: Slot): void => {
    const task = slot.tasks[0];
    if (task === undefined || slot.timer !== undefined) return;
    slot.timer = setTimeout(() => {
      void slot.worker?.terminate();
      replaceWorker(
        slot,
        factsWithNotice(task, 'timeout', `Skipped: analysing this file took longer than ${options.timeoutMs / 1000} s (raise fileTimeout in the config to allow more).`),
      );
    }, options.timeoutMs);
  };

  const finishCurrent = (slot: Slot, facts: FileFacts): void => {
    clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.tasks.shift()?.resolve(facts);
    startTimer(slot);
    dispatch();
  };

  // The file the worker was on ends with `facts`; the files it had not started go back to the front of the queue.
  const replaceWorker = (slot: Slot, facts: FileFacts): void => {
    queue.unshift(...slot.tasks.splice(1));
    slot.worker = startWorkerFor(slot);
    finishCurrent(slot, facts);
  };

  const startWorkerFor = (slot: Slot): Worker => {
    const worker = new Worker(options.workerFile, { workerData: { extension: options.extension } });
    worker.on('message', (reply: ExtractionReply) => {
      const task = slot.tasks[0];
      // A replaced worker may still deliver a reply it sent before it was stopped.
      if (slot.worker !== worker || task === undefined || reply.id !== task.id) return;
      if ('facts' in reply) finishCurrent(slot, reply.facts);
      else finishCurrent(slot, factsWithNotice(task, 'parse-error', `Internal error while analysing this file: ${reply.error}`));
    });
    worker.on('error', (error) => {
      if (slot.worker !== worker) return;
      const task = slot.tasks[0];
      if (task === undefined) slot.worker = startWorkerFor(slot);
      else replaceWorker(slot, factsWithNotice(task, 'parse-error', `Internal error while analysing this file: ${error.message}`));
    });
    return worker;
  };

  const newSlot = (): Slot => {
    const slot: Slot = { tasks: [] };
    slot.worker = startWorkerFor(slot);
    slots.push(slot);
    return slot;
  };

  // An idle worker first, then a new one, then the least busy that has room.
  const slotWithRoom = (): Slot | undefined => {
    const idle = slots.find((slot) => slot.tasks.length === 0);
    if (idle !== undefined) return idle;
    if (slots.length < options.jobs) return newSlot();
    const leastBusy = slots.reduce<Slot | undefined>((best, slot) => (best === undefined || slot.tasks.length < best.tasks.length ? slot : best), undefined);
    return leastBusy !== undefined && leastBusy.tasks.length < tasksPerWorker ? leastBusy : undefined;
  };

  const dispatch = (): void => {
    while (queue.length > 0) {
      const slot = slotWithRoom();
      if (slot === undefined) return;
      const task = queue.shift() as PendingTask;
      slot.tasks.push(task);
      slot.worker?.postMessage({ id: task.id, file: task.file, text: task.text, hash: task.hash } satisfies ExtractionTask);
      startTimer(slot);
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
      if (slots.length === 0) newSlot();
    },
    async close() {
      await Promise.all(slots.map((slot) => slot.worker?.terminate()));
    },
  };
}
