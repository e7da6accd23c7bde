import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalogs } from '../../src/catalogs.js';
import { loadConfig } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';
import { createPathFilter } from '../../src/files.js';
import { rules } from '../../src/rules/index.js';
import { fuzzSeed, runsFor, testTimeoutFor, withinBudget } from './fuzz-settings.js';
import { mutatedText } from './seeds.js';

const folder = mkdtempSync(path.join(tmpdir(), 'profilint-fuzz-config-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const ruleIds = Object.keys(rules);
// Keys that are special to JavaScript objects: a config must not reach Object.prototype through them.
const trickyKeys = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype', '', ' ', 'a.b', 'x\ny', '\u001b[31m'];
const anyKey = fc.oneof(fc.constantFrom(...ruleIds, ...trickyKeys), fc.string({ maxLength: 12 }));
const garbage = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(null), fc.double(), fc.string({ maxLength: 10 }));
const level = fc.constantFrom('off', 'note', 'warning', 'error', 'warn', 'ERROR', '');
const glob = fc.oneof(fc.constantFrom('src/**', '!src/keep.ts', '**/*.ts', '[', '{a,b', '**/[!a-', '!', '', '\\', '***', '?(a|b', '@(x'), fc.string({ maxLength: 10 }));
const termList = fc.oneof(fc.array(fc.oneof(fc.constantFrom('bmi_score', 'age', '', ' ', '$', 'a.b.c'), fc.string({ maxLength: 10 })), { maxLength: 4 }), garbage);

const ruleSetting = fc.oneof(
  level,
  fc.tuple(level, fc.dictionary(anyKey, garbage, { maxKeys: 3 })),
  fc.tuple(level),
  fc.record({ level, options: fc.dictionary(anyKey, garbage, { maxKeys: 3 }) }, { requiredKeys: [] }),
  garbage,
);

/** A config shaped like the real one, with every field sometimes right, sometimes wrong, sometimes hostile. */
const configObject = fc.record(
  {
    extends: fc.oneof(fc.constantFrom('recommended', 'strict', 'eslint:all'), fc.array(fc.constantFrom('recommended', 'strict'), { maxLength: 3 }), garbage),
    rules: fc.oneof(fc.dictionary(anyKey, ruleSetting, { maxKeys: 4 }), garbage),
    include: fc.oneof(fc.array(glob, { maxLength: 3 }), garbage),
    exclude: fc.oneof(fc.array(glob, { maxLength: 3 }), garbage),
    vocabulary: fc.oneof(
      fc.record(
        {
          sensitive: fc.dictionary(fc.oneof(fc.constantFrom('health', 'age', 'ethnicity', 'made-up'), anyKey), termList, { maxKeys: 3 }),
          proxies: fc.dictionary(fc.oneof(fc.constantFrom('postcode', 'first-name', 'made-up'), anyKey), termList, { maxKeys: 3 }),
          ignore: termList,
          sinks: termList,
          consent: termList,
          stores: termList,
        },
        { requiredKeys: [] },
      ),
      garbage,
    ),
    profiling: fc.oneof(fc.record({ paths: fc.oneof(fc.array(glob, { maxLength: 3 }), garbage) }, { requiredKeys: [] }), garbage),
    maxFileSize: fc.oneof(fc.integer(), fc.double(), garbage),
    fileTimeout: fc.oneof(fc.integer(), garbage),
    audit: fc.oneof(fc.record({ maxAgeDays: fc.oneof(fc.integer(), garbage) }, { requiredKeys: [] }), garbage),
    [trickyKeys[0]!]: garbage,
    unknownKey: garbage,
  },
  { requiredKeys: [] },
);

const validConfigs = [
  'extends: strict\nrules:\n  missing-consent: off\n  proxy-attribute: [warning, {}]\ninclude: [src/**]\nexclude: ["**/legacy/**", "!**/legacy/keep.ts"]\n',
  'vocabulary:\n  sensitive:\n    health: [bmi_score]\n  sinks: [scoreCustomer]\n  consent: [canProfile]\nprofiling:\n  paths: [src/models/**]\nmaxFileSize: 2000000\nfileTimeout: 5000\naudit:\n  maxAgeDays: 180\n',
  '{ "rules": { "sensitive-attribute": { "level": "error" } }, "exclude": ["vendor/**"] }\n',
];

/** The config text: the object as YAML or JSON, or a valid config mutated into a malformed one. */
const configText = fc.oneof(
  configObject.map((config) => stringify(config)),
  configObject.map((config) => JSON.stringify(config)),
  mutatedText(validConfigs),
);

describe('fuzzing the config loader', () => {
  it('either resolves a usable config or throws a ConfigError naming the file, never anything else', { timeout: testTimeoutFor(40_000) }, async () => {
    let resolved = 0;
    await fc.assert(
      fc.asyncProperty(configText, fc.constantFrom('profilint.config.yaml', 'profilint.config.json'), async (text, name) => {
        const file = path.join(folder, name);
        writeFileSync(file, text);
        let config;
        try {
          config = await withinBudget('loadConfig', () => loadConfig(folder, file));
        } catch (error) {
          if (!(error instanceof ConfigError)) throw error;
          expect(error.describe()).toContain(name);
          return;
        }
        resolved += 1;
        for (const setting of Object.values(config.rules)) expect(['off', 'note', 'warning', 'error']).toContain(setting.level);
        expect(Object.keys(config.rules).every((id) => ruleIds.includes(id))).toBe(true);
        expect(Number.isFinite(config.maxFileSize) && Number.isFinite(config.fileTimeout)).toBe(true);
        // What the config feeds must work too: the path filter and the vocabulary it extends.
        const filter = createPathFilter(config.include, config.exclude);
        filter.isWantedFile('src/pipeline.ts');
        filter.isPrunedFolder('src');
        loadCatalogs(config.vocabulary);
        expect(Object.keys(Object.prototype)).toEqual([]);
      }),
      { numRuns: runsFor(150), seed: fuzzSeed, endOnFailure: true },
    );
    // A generator that only ever produced rejected configs would test half the contract.
    expect(resolved).toBeGreaterThan(0);
  });
});
