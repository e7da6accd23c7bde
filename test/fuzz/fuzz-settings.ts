/// <reference types="vite/client" />
import { performance } from 'node:perf_hooks';

// `npm run fuzz` sets the vitest mode to `fuzz`: the nightly budget of 10,000 inputs per target.
// The normal test run takes a sample small enough for the whole fuzz suite to stay under a minute.
const nightly = import.meta.env.MODE === 'fuzz';

/**
 * How many generated inputs a property gets: `sample` in the normal run, `atNight` (10,000 for each
 * fuzz target) in the nightly run. Cross-checks that are not targets of their own ask for fewer.
 */
export function runsFor(sample: number, atNight = 10_000): number {
  return nightly ? atNight : sample;
}

/** The vitest timeout of a fuzz test: generous at night, when one test runs 10,000 inputs. */
export function testTimeoutFor(sampleMs: number): number {
  return nightly ? 3_600_000 : sampleMs;
}

/**
 * The longest one input may take. Generous, because two cores are shared by several test runs, yet far
 * below what a super-linear blow-up (an alias bomb, a quadratic scan, a catastrophic regex) costs.
 */
export const perInputBudgetMs = 5_000;

/**
 * fast-check's seed: FUZZ_SEED when a failure is being replayed (fast-check prints it); otherwise fixed
 * in the normal run, so CI is reproducible, and new every night, so the nightly run explores.
 */
export const fuzzSeed = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : nightly ? undefined : 20261130;

/** Runs `action` and throws when it took longer than the per-input budget, naming what was slow. */
export async function withinBudget<T>(what: string, action: () => T | Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await action();
  const elapsed = performance.now() - started;
  if (elapsed > perInputBudgetMs) {
    throw new Error(`${what} took ${Math.round(elapsed)} ms, over the ${perInputBudgetMs} ms budget for one input`);
  }
  return result;
}
