import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import configSchema from '../schema/config.schema.json' with { type: 'json' };
import profilingSpecSchema from '../schema/profiling-spec.schema.json' with { type: 'json' };
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

  it('dist/config-validator.js reports what the schema compiled afresh reports', () => {
    const prebuilt = createRequire(import.meta.url)(path.join(dist, 'config-validator.js')) as ValidateFunction;
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictTuples: false });
    ajv.addKeyword({ keyword: 'x-expected', schemaType: 'string' });
    const compiled = ajv.compile(configSchema);
    const configs: unknown[] = [
      {},
      { extends: 'recommended', rules: { 'missing-consent': 'warning' }, include: ['src/**'], maxFileSize: 2048 },
      { rules: { 'missing-consent': 'loud' } },
      { rulez: {} },
      { maxFileSize: 'big', include: 'src' },
      { vocabulary: { sensitive: { health: ['bmi'] }, sinks: [3] } },
      { rules: { 'missing-consent': ['error', { purposes: 'x' }] } },
      'not an object',
    ];
    const outcome = (validate: ValidateFunction, config: unknown) => ({
      valid: validate(config),
      errors: (validate.errors ?? []).map(({ instancePath, keyword, params, message, parentSchema }) => ({ instancePath, keyword, params, message, parentSchema })),
    });
    for (const config of configs) expect(outcome(prebuilt, config), JSON.stringify(config)).toEqual(outcome(compiled, config));
    expect(configs.filter((config) => !prebuilt(config)).length).toBeGreaterThan(3);
  });

  it('dist/profiling-spec-validator.js reports what the schema compiled afresh reports', () => {
    const prebuilt = createRequire(import.meta.url)(path.join(dist, 'profiling-spec-validator.js')) as ValidateFunction;
    const compiled = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(profilingSpecSchema);
    const specs: unknown[] = [
      parse(readFileSync(path.resolve(import.meta.dirname, '..', 'examples', 'shop', 'specs', 'churn-propensity.profiling.yaml'), 'utf8')),
      { profilint: 1, pipeline: 'churn' },
      { profilint: 2, pipeline: 3, owner: [] },
      { profilint: 1, pipeline: 'churn', features: [{ name: 'age', sensitive: 'yes' }], retention: 'forever' },
      [],
    ];
    const outcome = (validate: ValidateFunction, spec: unknown) => ({
      valid: validate(spec),
      errors: (validate.errors ?? []).map(({ instancePath, keyword, params, message }) => ({ instancePath, keyword, params, message })),
    });
    for (const spec of specs) expect(outcome(prebuilt, spec), JSON.stringify(spec)).toEqual(outcome(compiled, spec));
    expect(specs.filter((spec) => !prebuilt(spec)).length).toBeGreaterThan(2);
  });
});
