import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { Span } from '../types.js';
import type { SpecValue } from './types.js';

/**
 * Aliases expand multiplicatively; a document needing more expansions than this is an alias bomb, not a
 * spec. Every conversion of a spec document to plain data uses this budget.
 */
export const maxAliasCount = 1000;

/** A parsed YAML document with the line index that turns its offsets into lines and columns. */
export interface YamlSource {
  document: Document.Parsed;
  lineCounter: LineCounter;
}

/** A key of a YAML mapping with its value node. */
export interface YamlEntry {
  key: string;
  keySpan: Span;
  value: Node | null;
}

/** The span of a node's source text (value only, without trailing comments). */
export function spanOf(source: YamlSource, node: Node): Span {
  const [start, valueEnd] = node.range ?? [0, 0, 0];
  const from = source.lineCounter.linePos(start);
  const to = source.lineCounter.linePos(valueEnd);
  return { line: from.line, column: from.col, endLine: to.line, endColumn: to.col };
}

/** Follows an alias to the node it names; other nodes are returned as they are. */
export function resolve(source: YamlSource, node: unknown): Node | null {
  if (isAlias(node)) return (node.resolve(source.document) as Node | undefined) ?? null;
  return (node as Node | null | undefined) ?? null;
}

/** The keys of a mapping in source order; anything that is not a mapping has none. */
export function entriesOf(source: YamlSource, node: unknown): YamlEntry[] {
  const map = resolve(source, node);
  if (!isMap(map)) return [];
  const entries: YamlEntry[] = [];
  for (const pair of map.items) {
    const key = resolve(source, pair.key);
    if (!isScalar(key) || key.value === null || typeof key.value === 'object') continue;
    entries.push({ key: String(key.value), keySpan: spanOf(source, key), value: resolve(source, pair.value) });
  }
  return entries;
}

/** One key of a mapping, by exact name; of a duplicated key, the last, as dbt and PyYAML read it. */
export function entryOf(source: YamlSource, node: unknown, key: string): YamlEntry | undefined {
  return entriesOf(source, node).findLast((entry) => entry.key === key);
}

/** The first of several spellings of a key that the mapping has (`lastRun`, `last_run`). */
export function firstEntryOf(source: YamlSource, node: unknown, keys: readonly string[]): YamlEntry | undefined {
  const entries = entriesOf(source, node);
  for (const key of keys) {
    const found = entries.findLast((entry) => entry.key === key);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The items of a sequence, aliases followed; anything that is not a sequence has none. */
export function itemsOf(source: YamlSource, node: unknown): Node[] {
  const seq = resolve(source, node);
  if (!isSeq(seq)) return [];
  return seq.items.map((item) => resolve(source, item)).filter((item): item is Node => item !== null);
}

/** A scalar's text (numbers and booleans as written); blank, null and collections give `undefined`. */
export function textOf(source: YamlSource, node: unknown): string | undefined {
  const scalar = resolve(source, node);
  if (!isScalar(scalar) || scalar.value === null || scalar.value === undefined) return undefined;
  if (typeof scalar.value === 'object') return undefined;
  const text = typeof scalar.source === 'string' && typeof scalar.value !== 'string' ? scalar.source : String(scalar.value);
  return text.trim() === '' ? undefined : text.trim();
}

/** A boolean scalar's value; `yes`/`no` strings are not booleans in YAML 1.2 and stay `undefined`. */
export function flagOf(source: YamlSource, node: unknown): boolean | undefined {
  const scalar = resolve(source, node);
  return isScalar(scalar) && typeof scalar.value === 'boolean' ? scalar.value : undefined;
}

/** A key's text value with the key's span, when the key is there with a non-blank scalar. */
export function textValue(source: YamlSource, entry: YamlEntry | undefined): SpecValue | undefined {
  if (entry === undefined) return undefined;
  const value = textOf(source, entry.value);
  return value === undefined ? undefined : { value, span: entry.keySpan };
}

/** A key's boolean value with the key's span. */
export function flagValue(source: YamlSource, entry: YamlEntry | undefined): SpecValue<boolean> | undefined {
  if (entry === undefined) return undefined;
  const value = flagOf(source, entry.value);
  return value === undefined ? undefined : { value, span: entry.keySpan };
}

/** Strings of a scalar or a sequence of scalars (`tags: pii` and `tags: [pii, sensitive]`). */
export function textsOf(source: YamlSource, node: unknown): string[] {
  const single = textOf(source, node);
  if (single !== undefined) return [single];
  return itemsOf(source, node)
    .map((item) => textOf(source, item))
    .filter((text): text is string => text !== undefined);
}
