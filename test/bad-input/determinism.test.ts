import { rmSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTempRepo, type TempRepo } from '../helpers/temp-repo.js';
import { requireBuiltCli, runCli } from './run-cli.js';

/** A repository with findings of several rules in several files, directives, a spec and files that give notices. */
function repositoryFiles(): Record<string, string | Buffer> {
  const files: Record<string, string | Buffer> = {
    'specs/churn.profiling.yaml': 'profilint: 1\npipeline: churn\nretention: unlimited\nfeatures:\n  - name: age_band\n  - name: postcode\n',
    'specs/broken.profiling.yaml': 'profilint: 1\npipeline: [broken\n',
    'src/binary.ts': Buffer.from([0, 1, 2, 3]),
  };
  for (let index = 0; index < 12; index += 1) {
    files[`src/pipelines/score-${index}.ts`] = `import * as tf from '@tensorflow/tfjs';
/** @profiling churn */
export function score${index}(model: tf.LayersModel, customer: { age: number; postcode: string; religion: string }) {
  // profilint-disable-next-line proxy-attribute
  return model.predict(tf.tensor2d([[customer.age, customer.postcode.length, customer.religion.length]]));
}
`;
  }
  return files;
}

/** The same files written in another order, so the file system lists them in another order. */
function reversed(files: Record<string, string | Buffer>): Record<string, string | Buffer> {
  return Object.fromEntries(Object.entries(files).reverse());
}

let repo: TempRepo | undefined;
afterEach(() => repo?.remove());

describe('determinism of the whole CLI', { timeout: 600_000 }, () => {
  beforeAll(requireBuiltCli);

  it('writes byte-identical reports across runs, --jobs values and file-system order', () => {
    const files = repositoryFiles();
    repo = createTempRepo(files, { git: true });
    const scan = (format: string, jobs: number): string => {
      const run = runCli(['--format', format, '--jobs', String(jobs)], { cwd: repo!.root });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(1);
      return run.stdout;
    };
    const reference = { json: scan('json', 1), sarif: scan('sarif', 1) };
    expect(JSON.parse(reference.json).findings.length).toBeGreaterThan(12);
    expect(scan('json', 1)).toBe(reference.json);
    expect(scan('json', 4)).toBe(reference.json);

    // Same path, files created in reverse order: another directory order on disk.
    for (const file of Object.keys(files)) rmSync(`${repo.root}/${file}`);
    repo.write(reversed(files));
    expect(scan('json', 2)).toBe(reference.json);
    expect(scan('sarif', 3)).toBe(reference.sarif);

    // Outside git the files come from a directory walk instead of `git ls-files`.
    rmSync(`${repo.root}/.git`, { recursive: true, force: true });
    expect(scan('json', 2)).toBe(reference.json);
  });
});

