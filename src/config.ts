import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { type Document, LineCounter, isMap, isNode, isScalar, isSeq, parseDocument } from 'yaml';
import configSchema from '../schema/config.schema.json' with { type: 'json' };
import { ConfigError } from './errors.js';
import { prebuiltValidator } from './prebuilt-validator.js';
import { configFileNames, defaultExcludes, defaultMaxFileSize } from './config-defaults.js';
import { rules } from './rules/index.js';
import type { AnyRule } from './rules/define-rule.js';
import type { ResolvedConfig, RuleLevel, VocabularyExtension } from './types.js';

/** Names looked up at the repository root, in this order; only one may exist. */
export { configFileNames, defaultExcludes, defaultMaxFileSize } from './config-defaults.js';

export const defaultFileTimeout = 10_000;
export const defaultAuditMaxAgeDays = 365;

const registry: Record<string, AnyRule> = rules;
const levels: RuleLevel[] = ['off', 'note', 'warning', 'error'];

type Preset = 'recommended' | 'strict';

/** The config file as written, after schema validation. */
interface RawConfig {
  extends?: Preset | Preset[];
  rules?: Record<string, RuleLevel | [RuleLevel, Record<string, unknown>?] | { level: RuleLevel; options?: Record<string, unknown> }>;
  include?: string[];
  exclude?: string[];
  vocabulary?: Partial<VocabularyExtension>;
  profiling?: { paths?: string[] };
  maxFileSize?: number;
  fileTimeout?: number;
  audit?: { maxAgeDays?: number };
}

function createAjv(keepSource: boolean): Ajv {
  // `[level]` and `[level, options]` are both valid, so the tuple's minItems is shorter than its items.
  const created = new Ajv({ allErrors: true, verbose: true, strict: true, strictTuples: false, code: { source: keepSource } });
  // Editor-facing annotation read back for error messages.
  created.addKeyword({ keyword: 'x-expected', schemaType: 'string' });
  return created;
}

let ajv: Ajv | undefined;
let compiledConfigValidator: ValidateFunction<RawConfig> | undefined;

/** The config validator as the source of a standalone module, which the build bundles as dist/config-validator.js. */
export function configValidatorSource(): string {
  const generator = createAjv(true);
  return standaloneCode.default(generator, generator.compile(configSchema));
}

function validateConfig(raw: unknown): raw is RawConfig {
  compiledConfigValidator ??= prebuiltValidator<RawConfig>('config-validator.js') ?? (ajv ??= createAjv(false)).compile<RawConfig>(configSchema);
  return compiledConfigValidator(raw);
}

function configSchemaErrors(): ErrorObject[] {
  return compiledConfigValidator?.errors ?? [];
}

/** Every rule at its default severity with its default options: the `recommended` preset. */
function presetRules(preset: Preset): ResolvedConfig['rules'] {
  return Object.fromEntries(
    Object.values(registry).map((rule) => [
      rule.id,
      { level: preset === 'strict' ? 'error' : rule.severity, options: { ...rule.defaultOptions } },
    ]),
  );
}

/** The config profilint uses when the repository has none. */
export function defaultConfig(root: string): ResolvedConfig {
  return {
    root,
    rules: presetRules('recommended'),
    include: [],
    exclude: [...defaultExcludes],
    vocabulary: { sensitive: {}, proxies: {}, ignore: [], sinks: [], consent: [], stores: [] },
    profilingPaths: [],
    maxFileSize: defaultMaxFileSize,
    fileTimeout: defaultFileTimeout,
    auditMaxAgeDays: defaultAuditMaxAgeDays,
  };
}

/** The config file at the repository root, if there is one. */
export function findConfigFile(root: string): string | undefined {
  const found = configFileNames.map((name) => path.join(root, name)).filter((file) => existsSync(file));
  if (found.length > 1) {
    throw new ConfigError(`Found ${found.map((file) => path.basename(file)).join(' and ')}; keep only one config file.`, {
      file: found[0],
    });
  }
  return found[0];
}

function keyPathOf(segments: (string | number)[]): string {
  return segments.reduce<string>((joined, segment) => {
    if (typeof segment === 'number') return `${joined}[${segment}]`;
    return joined === '' ? segment : `${joined}.${segment}`;
  }, '');
}

function pointerSegments(instancePath: string): (string | number)[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/** Turns ajv's errors into one message about the deepest key at fault, as a person would write it. */
function describeSchemaError(errors: ErrorObject[]): { segments: (string | number)[]; message: string; expected: string } {
  const deepest = Math.max(...errors.map((error) => pointerSegments(error.instancePath).length));
  const atDeepest = errors.filter((error) => pointerSegments(error.instancePath).length === deepest);
  const unknownKey = atDeepest.find((error) => error.keyword === 'additionalProperties');
  if (unknownKey !== undefined) {
    const key = (unknownKey.params as { additionalProperty: string }).additionalProperty;
    const allowed = Object.keys((unknownKey.parentSchema?.properties as object | undefined) ?? {});
    const parent = pointerSegments(unknownKey.instancePath);
    const isRule = parent.length === 1 && parent[0] === 'rules';
    return {
      segments: [...parent, key],
      message: isRule ? `unknown rule "${key}".` : `unknown key "${key}".`,
      expected: allowed.length > 0 ? `one of: ${allowed.join(', ')}` : 'no other keys',
    };
  }
  const first = atDeepest[0]!;
  const segments = pointerSegments(first.instancePath);
  // A union (anyOf) explains itself better than each branch's complaint.
  const union = errors.find((error) => error.keyword === 'anyOf' && error.instancePath === first.instancePath);
  const unionExpected = union?.parentSchema?.['x-expected'] as string | undefined;
  if (unionExpected !== undefined) return { segments, message: 'invalid value.', expected: unionExpected };
  switch (first.keyword) {
    case 'type':
      return { segments, message: 'wrong type.', expected: `a value of type ${(first.params as { type: string }).type}` };
    case 'enum':
      return {
        segments,
        message: 'invalid value.',
        expected: `one of: ${(first.params as { allowedValues: unknown[] }).allowedValues.map(String).join(', ')}`,
      };
    default:
      return { segments, message: `${first.message ?? 'invalid value'}.`, expected: 'a value as described in schema/config.schema.json' };
  }
}

function locate(file: string, lineOf: (segments: (string | number)[]) => number | undefined, segments: (string | number)[]): string {
  const line = lineOf(segments);
  return line === undefined ? file : `${file}:${line}`;
}

function resolveRuleSetting(
  id: string,
  setting: NonNullable<RawConfig['rules']>[string],
): { level: RuleLevel; options: Record<string, unknown> | undefined } {
  if (typeof setting === 'string') return { level: setting, options: undefined };
  if (Array.isArray(setting)) return { level: setting[0], options: setting[1] };
  if (setting === undefined) throw new Error(`rule ${id} has no setting`);
  return { level: setting.level, options: setting.options };
}

/** Reads, validates and resolves a config file; every mistake becomes a ConfigError naming the file and the key. */
export function loadConfig(root: string, configFile: string | undefined): ResolvedConfig {
  const config = defaultConfig(root);
  if (configFile === undefined) return config;
  const displayName = path.relative(process.cwd(), configFile) || configFile;
  let text: string;
  try {
    text = readFileSync(configFile, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw new ConfigError(`Cannot read the config file: ${reason}.`, { file: displayName });
  }
  // YAML 1.2 is a superset of JSON, so one parser gives line numbers for both.
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    const error = document.errors[0]!;
    const position = lineCounter.linePos(error.pos[0]);
    throw new ConfigError(`Cannot parse the config file: ${error.message.split('\n')[0]}`, {
      file: `${displayName}:${position.line}:${position.col}`,
    });
  }
  let raw: unknown;
  try {
    raw = document.toJS() ?? {};
  } catch (error) {
    // An alias to an undefined anchor, or one that expands too much, is only found when converting.
    throw new ConfigError(`Cannot read the config file: ${(error as Error).message}.`, { file: displayName });
  }
  // The line of the deepest key of the path that exists in the file.
  const lineOf = (segments: (string | number)[]): number | undefined => {
    for (let length = segments.length; length > 0; length -= 1) {
      const line = keyLine(document, segments.slice(0, length), lineCounter);
      if (line !== undefined) return line;
    }
    return undefined;
  };
  if (!validateConfig(raw)) {
    const { segments, message, expected } = describeSchemaError(configSchemaErrors());
    throw new ConfigError(message, { file: locate(displayName, lineOf, segments), keyPath: keyPathOf(segments), expected });
  }
  const presets = raw.extends === undefined ? [] : ([] as Preset[]).concat(raw.extends);
  for (const preset of presets) config.rules = presetRules(preset);
  for (const [id, setting] of Object.entries(raw.rules ?? {})) {
    const rule = registry[id]!;
    const { level, options } = resolveRuleSetting(id, setting);
    if (options !== undefined) {
      const validateOptions = (ajv ??= createAjv(false)).compile(rule.optionsSchema);
      if (!validateOptions(options)) {
        const error = validateOptions.errors?.[0];
        const inner = pointerSegments(error?.instancePath ?? '');
        const additional = (error?.params as { additionalProperty?: string } | undefined)?.additionalProperty;
        const segments = ['rules', id, 'options', ...inner, ...(additional === undefined ? [] : [additional])];
        throw new ConfigError(additional === undefined ? `${error?.message ?? 'invalid options'}.` : `unknown option "${additional}".`, {
          file: locate(displayName, lineOf, segments.slice(0, 2)),
          keyPath: keyPathOf(segments),
          expected: `options as described in rules/${id}.md`,
        });
      }
    }
    config.rules[id] = { level, options: { ...rule.defaultOptions, ...options } };
  }
  config.configFile = configFile;
  config.include = raw.include ?? [];
  config.exclude = [...defaultExcludes, ...(raw.exclude ?? [])];
  config.vocabulary = { ...config.vocabulary, ...raw.vocabulary };
  config.profilingPaths = raw.profiling?.paths ?? [];
  config.maxFileSize = raw.maxFileSize ?? defaultMaxFileSize;
  config.fileTimeout = raw.fileTimeout ?? defaultFileTimeout;
  config.auditMaxAgeDays = raw.audit?.maxAgeDays ?? defaultAuditMaxAgeDays;
  return config;
}

function keyLine(document: Document, segments: (string | number)[], lineCounter: LineCounter): number | undefined {
  const parent = segments.length === 1 ? document.contents : document.getIn(segments.slice(0, -1), true);
  const key = segments[segments.length - 1];
  let range: [number, number, number] | null | undefined;
  if (isMap(parent)) {
    const pair = parent.items.find((item) => isScalar(item.key) && String(item.key.value) === String(key));
    range = isNode(pair?.key) ? pair.key.range : undefined;
  } else if (isSeq(parent) && typeof key === 'number') {
    const item = parent.items[key];
    range = isNode(item) ? item.range : undefined;
  }
  return range ? lineCounter.linePos(range[0]).line : undefined;
}

/** Parses `--rule id=level` overrides; a wrong id or level is a ConfigError. */
export function parseRuleOverride(text: string): [string, RuleLevel] {
  const match = /^([^=]+)=(.*)$/.exec(text);
  if (match === null) {
    throw new ConfigError(`--rule "${text}": expected <rule-id>=<level>, e.g. --rule proxy-attribute=off.`);
  }
  const id = match[1]!.trim();
  const level = match[2]!.trim() as RuleLevel;
  if (registry[id] === undefined) {
    throw new ConfigError(`--rule "${text}": unknown rule "${id}".`, { expected: `one of: ${Object.keys(registry).join(', ')}` });
  }
  if (!levels.includes(level)) {
    throw new ConfigError(`--rule "${text}": unknown level "${level}".`, { expected: 'off, note, warning or error' });
  }
  return [id, level];
}

/** Applies `--rule` overrides on top of a resolved config. */
export function applyRuleOverrides(config: ResolvedConfig, overrides: Record<string, RuleLevel> | undefined): ResolvedConfig {
  if (overrides === undefined) return config;
  const rulesWithOverrides = { ...config.rules };
  for (const [id, level] of Object.entries(overrides)) {
    const rule = registry[id];
    if (rule === undefined) throw new ConfigError(`--rule: unknown rule "${id}".`, { expected: `one of: ${Object.keys(registry).join(', ')}` });
    rulesWithOverrides[id] = { level, options: rulesWithOverrides[id]?.options ?? { ...rule.defaultOptions } };
  }
  return { ...config, rules: rulesWithOverrides };
}
