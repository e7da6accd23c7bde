import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import type { Node } from 'yaml';
import profilingSpecSchema from '../../../schema/profiling-spec.schema.json' with { type: 'json' };
import { prebuiltValidator } from '../../prebuilt-validator.js';
import type { Span } from '../../types.js';
import { entriesOf, entryOf, itemsOf, maxAliasCount, spanOf, type YamlSource } from '../yaml-source.js';

let validate: ValidateFunction | undefined;

function createAjv(keepSource: boolean): Ajv {
  return new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, code: { source: keepSource } });
}

/** The spec validator as the source of a standalone module, which the build bundles as dist/profiling-spec-validator.js. */
export function profilingSpecValidatorSource(): string {
  const generator = createAjv(true);
  return standaloneCode.default(generator, generator.compile(profilingSpecSchema));
}

// Prebuilt by the build; from source, compiled on the first native spec (most scans never meet one).
function validator(): ValidateFunction {
  validate ??= prebuiltValidator('profiling-spec-validator.js') ?? createAjv(false).compile(profilingSpecSchema);
  return validate;
}

/** Checks a native spec against schema/profiling-spec.schema.json; each problem names and points at the key at fault. */
export function validateProfilingSpec(source: YamlSource, root: Node): Array<{ message: string; span: Span }> {
  const check = validator();
  // The same alias budget readSpecs checked: yaml's default (100) would throw on a document it accepted.
  if (check(source.document.toJS({ maxAliasCount }))) return [];
  const problems = new Map<string, { message: string; span: Span }>();
  for (const error of check.errors ?? []) {
    const path = pointerSegments(error.instancePath);
    const problem = describe(error, path);
    const key = `${problem.path.join('/')}\u0000${error.keyword}`;
    if (problems.has(key)) continue;
    problems.set(key, { message: problem.message, span: locate(source, root, problem.path) });
  }
  return [...problems.values()].sort((a, b) => a.span.line - b.span.line || a.span.column - b.span.column);
}

function describe(error: ErrorObject, path: (string | number)[]): { path: (string | number)[]; message: string } {
  const at = path.length === 0 ? 'the profiling spec' : `"${formatPath(path)}"`;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      return {
        path: [...path, key],
        message: `Unknown key "${formatPath([...path, key])}" in the profiling spec: fix its spelling, remove it, or prefix your own keys with x-.`,
      };
    }
    case 'required':
      return { path, message: `${capitalize(at)} needs a "${String(params.missingProperty)}" key; add it.` };
    case 'enum':
      return {
        path,
        message: `${capitalize(at)} must be one of ${(params.allowedValues as unknown[]).map(String).join(', ')}; use one of them.`,
      };
    case 'const':
      return { path, message: `${capitalize(at)} must be ${JSON.stringify(params.allowedValue)}; profilint reads version 1 of the spec format.` };
    case 'type':
      return { path, message: `${capitalize(at)} must be ${describeTypes(String(params.type))}; change its value.` };
    case 'pattern':
      return { path, message: `${capitalize(at)} must be a date written YYYY-MM-DD; change its value.` };
    case 'minLength':
      return { path, message: `${capitalize(at)} must not be empty; give it a value.` };
    default:
      return { path, message: `${capitalize(at)} ${error.message ?? 'is invalid'}; see schema/profiling-spec.schema.json.` };
  }
}

function describeTypes(types: string): string {
  const names: Record<string, string> = { string: 'text', object: 'a mapping', array: 'a list', number: 'a number', boolean: 'true or false' };
  return types
    .split(',')
    .map((type) => names[type] ?? type)
    .join(' or ');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function formatPath(path: (string | number)[]): string {
  return path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`)).join('');
}

function pointerSegments(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

// The key a path ends in (or the list item it indexes); the document's first key for the root.
function locate(source: YamlSource, root: Node, path: (string | number)[]): Span {
  let node: unknown = root;
  let span = entriesOf(source, root)[0]!.keySpan;
  for (const segment of path) {
    if (typeof segment === 'number') {
      const item = itemsOf(source, node)[segment];
      if (item === undefined) break;
      span = spanOf(source, item);
      node = item;
    } else {
      const entry = entryOf(source, node, segment);
      if (entry === undefined) break;
      span = entry.keySpan;
      node = entry.value;
    }
  }
  return span;
}
