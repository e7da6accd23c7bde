import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogs } from '../src/catalogs.js';
import { loadConfig } from '../src/config.js';
import { candidateTestFor } from '../src/prefilter.js';
import { cliPath, requireBuiltCli } from './bad-input/run-cli.js';

// The bundle reads data the build derives from rules/catalog: stale data would make the CLI judge with old catalogs.
const dist = path.dirname(cliPath);
const catalogFolder = path.resolve(import.meta.dirname, '..', 'rules', 'catalog');
beforeAll(requireBuiltCli);

describe('data the build writes beside the bundle', () => {
  it('dist/catalogs.json holds exactly what rules/catalog/*.yaml say', () => {
    const fromYaml = Object.fromEntries(
      readdirSync(catalogFolder)
        .filter((name) => name.endsWith('.yaml'))
        .map((name) => [name, parse(readFileSync(path.join(catalogFolder, name), 'utf8')) as unknown]),
    );
    expect(JSON.parse(readFileSync(path.join(dist, 'catalogs.json'), 'utf8'))).toEqual(fromYaml);
  });

  it('dist/candidate-test.json is the candidate test of the default catalogs', () => {
    const expected = candidateTestFor(loadCatalogs(loadConfig('/nonexistent-root', undefined).vocabulary));
    expect(JSON.parse(readFileSync(path.join(dist, 'candidate-test.json'), 'utf8'))).toEqual(expected);
  });
});
