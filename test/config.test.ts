import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyRuleOverrides, defaultExcludes, findConfigFile, loadConfig, parseRuleOverride } from '../src/config.js';
import { ConfigError } from '../src/errors.js';
import { writeStarterConfig } from '../src/init.js';
import { rules } from '../src/rules/index.js';
import { createTempRepo, type TempRepo } from './helpers/temp-repo.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.remove());

function load(name: string, text: string) {
  repo = createTempRepo({ [name]: text });
  return loadConfig(repo.root, path.join(repo.root, name));
}

function configErrorOf(action: () => unknown): ConfigError {
  try {
    action();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('uses every rule at its default severity when there is no config file', () => {
    const config = loadConfig('/repo', undefined);
    expect(Object.keys(config.rules).sort()).toEqual(Object.keys(rules).sort());
    expect(config.rules['sensitive-attribute']).toEqual({ level: 'error', options: rules['sensitive-attribute'].defaultOptions });
    expect(config.rules['proxy-attribute']!.level).toBe('warning');
    expect(config.exclude).toEqual(defaultExcludes);
    expect(config.maxFileSize).toBe(1024 * 1024);
  });

  it('reads every key of a YAML config', () => {
    const config = load(
      'profilint.config.yaml',
      [
        'extends: strict',
        'rules:',
        '  proxy-attribute: off',
        '  missing-bias-audit: [note]',
        '  undocumented-retention: { level: warning }',
        'include: ["src/**"]',
        'exclude: ["**/*.test.ts", "!vendor/our-sdk/**"]',
        'vocabulary:',
        '  sensitive: { health: [bmi_score] }',
        '  ignore: [ageOfAccount]',
        '  sinks: [scoreCustomer]',
        'profiling:',
        '  paths: ["src/scoring/**"]',
        'maxFileSize: 2048',
        'fileTimeout: 500',
        'audit: { maxAgeDays: 90 }',
      ].join('\n'),
    );
    expect(config.rules['sensitive-data-shared']!.level).toBe('error');
    expect(config.rules['unjustified-suppression']!.level).toBe('error');
    expect(config.rules['proxy-attribute']!.level).toBe('off');
    expect(config.rules['missing-bias-audit']!.level).toBe('note');
    expect(config.rules['undocumented-retention']!.level).toBe('warning');
    expect(config.include).toEqual(['src/**']);
    expect(config.exclude).toEqual([...defaultExcludes, '**/*.test.ts', '!vendor/our-sdk/**']);
    expect(config.vocabulary).toEqual({
      sensitive: { health: ['bmi_score'] },
      proxies: {},
      ignore: ['ageOfAccount'],
      sinks: ['scoreCustomer'],
      consent: [],
      stores: [],
    });
    expect(config.profilingPaths).toEqual(['src/scoring/**']);
    expect([config.maxFileSize, config.fileTimeout, config.auditMaxAgeDays]).toEqual([2048, 500, 90]);
  });

  it('reads a JSON config', () => {
    const config = load('profilint.config.json', '{ "rules": { "proxy-attribute": "error" } }');
    expect(config.rules['proxy-attribute']!.level).toBe('error');
  });

  it('names the file, line, key path and what was expected for an unknown key', () => {
    const error = configErrorOf(() => load('profilint.config.yaml', 'rules: {}\nvocabulary:\n  sensitve: {}\n'));
    expect(error.file).toBe(`${path.join(path.relative(process.cwd(), repo!.root), 'profilint.config.yaml')}:3`);
    expect(error.keyPath).toBe('vocabulary.sensitve');
    expect(error.message).toBe('unknown key "sensitve".');
    expect(error.expected).toBe('one of: sensitive, proxies, ignore, sinks, consent, stores');
  });

  it('rejects an unknown rule id, listing the known ones', () => {
    const error = configErrorOf(() => load('profilint.config.yaml', 'rules:\n  sensitive-atribute: error\n'));
    expect(error.keyPath).toBe('rules.sensitive-atribute');
    expect(error.message).toBe('unknown rule "sensitive-atribute".');
    expect(error.expected).toContain('sensitive-attribute');
  });

  it('explains a wrong rule level', () => {
    const error = configErrorOf(() => load('profilint.config.yaml', 'rules:\n  proxy-attribute: warn\n'));
    expect(error.keyPath).toBe('rules.proxy-attribute');
    expect(error.file).toMatch(/profilint\.config\.yaml:2$/);
    expect(error.expected).toBe('off, note, warning or error; [level, options]; or { level, options }');
  });

  it('explains a wrong type with the key path into a list', () => {
    const error = configErrorOf(() => load('profilint.config.yaml', 'exclude:\n  - dist/**\n  - 3\n'));
    expect(error.keyPath).toBe('exclude[1]');
    expect(error.file).toMatch(/:3$/);
    expect(error.expected).toBe('a value of type string');
  });

  it('rejects a wrong preset and a maxFileSize that is not a whole number', () => {
    expect(configErrorOf(() => load('profilint.config.yaml', 'extends: all\n')).expected).toBe('"recommended", "strict" or a list of them');
    const size = configErrorOf(() => load('profilint.config.yaml', 'maxFileSize: "1MB"\n'));
    expect([size.keyPath, size.expected]).toEqual(['maxFileSize', 'a value of type integer']);
  });

  it('validates rule options against the rule schema', () => {
    const error = configErrorOf(() => load('profilint.config.yaml', 'rules:\n  unjustified-suppression: [warning, { strict: true }]\n'));
    expect(error.keyPath).toBe('rules.unjustified-suppression.options.strict');
    expect(error.message).toBe('unknown option "strict".');
  });

  it('reports YAML syntax errors with line and column', () => {
    const error = configErrorOf(() => load('profilint.config.yaml', 'rules:\n  a: b\n c: d\n'));
    expect(error.message).toMatch(/^Cannot parse the config file/);
    expect(error.file).toMatch(/profilint\.config\.yaml:3:\d+$/);
  });

  it('reports a missing --config file', () => {
    repo = createTempRepo();
    const error = configErrorOf(() => loadConfig(repo!.root, path.join(repo!.root, 'nope.yaml')));
    expect(error.message).toBe('Cannot read the config file: file not found.');
  });
});

describe('findConfigFile', () => {
  it('finds the config at the root and refuses two of them', () => {
    repo = createTempRepo({ 'profilint.config.yml': 'rules: {}\n' });
    expect(findConfigFile(repo.root)).toBe(path.join(repo.root, 'profilint.config.yml'));
    repo.write({ 'profilint.config.json': '{}' });
    expect(configErrorOf(() => findConfigFile(repo!.root)).message).toBe(
      'Found profilint.config.yml and profilint.config.json; keep only one config file.',
    );
  });
});

describe('rule overrides', () => {
  it('parses id=level and rejects unknown ids and levels', () => {
    expect(parseRuleOverride('proxy-attribute=off')).toEqual(['proxy-attribute', 'off']);
    expect(configErrorOf(() => parseRuleOverride('proxy=off')).message).toBe('--rule "proxy=off": unknown rule "proxy".');
    expect(configErrorOf(() => parseRuleOverride('proxy-attribute=warn')).expected).toBe('off, note, warning or error');
    expect(configErrorOf(() => parseRuleOverride('proxy-attribute')).message).toMatch(/expected <rule-id>=<level>/);
  });

  it('overrides the level and keeps the configured options', () => {
    const config = applyRuleOverrides(loadConfig('/repo', undefined), { 'proxy-attribute': 'error' });
    expect(config.rules['proxy-attribute']).toEqual({ level: 'error', options: rules['proxy-attribute'].defaultOptions });
  });
});

describe('profilint init', () => {
  it('writes a starter config that loads as the defaults, and never overwrites one', () => {
    repo = createTempRepo();
    const [file] = writeStarterConfig(repo.root);
    expect(readFileSync(file!, 'utf8')).toContain('extends: recommended');
    expect(loadConfig(repo.root, file).rules).toEqual(loadConfig(repo.root, undefined).rules);
    expect(configErrorOf(() => writeStarterConfig(repo!.root)).message).toBe('profilint.config.yaml already exists; edit it or delete it first.');
  });
});

describe('schema/config.schema.json', () => {
  it('lists exactly the registered rules, so editors complete and check rule ids', () => {
    const schema = JSON.parse(readFileSync(new URL('../schema/config.schema.json', import.meta.url), 'utf8'));
    expect(Object.keys(schema.properties.rules.properties).sort()).toEqual(Object.keys(rules).sort());
    expect(schema.properties.rules.additionalProperties).toBe(false);
  });
});
