import { isMap, type Node } from 'yaml';
import type { SpecField, SpecSubject, SubjectKind } from '../types.js';
import { entryOf, itemsOf, textOf, textsOf, textValue, type YamlSource } from '../yaml-source.js';
import type { FormatReading } from './format-reading.js';
import { marksPersonalData, profilingEvidenceOf } from './evidence.js';
import { ownerOf, readMetaGovernance } from './governance-keys.js';

// Node lists whose entries carry columns; `groups` only lend their owner to models.
const nodeLists: Array<{ key: string; kind: SubjectKind }> = [
  { key: 'models', kind: 'model' },
  { key: 'seeds', kind: 'model' },
  { key: 'snapshots', kind: 'model' },
];

// Keys only dbt node entries have; a `models:` list of LLM names in an app config has none of them.
const dbtNodeKeys = [
  'columns', 'config', 'meta', 'tests', 'data_tests', 'docs', 'access', 'group', 'tables', 'owner', 'latest_version',
  'versions', 'constraints',
];

/**
 * Whether a document is a dbt properties file: `version: 2`, or a `models`/`sources`/`seeds`/`snapshots`/
 * `groups` list of named entries with dbt keys (dbt_project.yml has a `models` mapping instead).
 */
export function isDbtProperties(source: YamlSource, root: Node): boolean {
  const declaresVersion = textOf(source, entryOf(source, root, 'version')?.value) === '2';
  return ['models', 'sources', 'seeds', 'snapshots', 'groups'].some((key) => {
    const items = itemsOf(source, entryOf(source, root, key)?.value);
    if (items.length === 0) return false;
    if (!items.every((item) => isMap(item) && textOf(source, entryOf(source, item, 'name')?.value) !== undefined)) return false;
    return declaresVersion || items.some((item) => dbtNodeKeys.some((dbtKey) => entryOf(source, item, dbtKey) !== undefined));
  });
}

/** Reads each model, seed, snapshot and source table of a dbt properties file. */
export function readDbtProperties(source: YamlSource, root: Node): FormatReading {
  const groupOwners = new Map<string, string>();
  for (const group of itemsOf(source, entryOf(source, root, 'groups')?.value)) {
    const name = textOf(source, entryOf(source, group, 'name')?.value);
    const owner = ownerOf(source, entryOf(source, group, 'owner'));
    if (name !== undefined && owner !== undefined) groupOwners.set(name, owner.value);
  }

  const subjects: SpecSubject[] = [];
  for (const { key, kind } of nodeLists) {
    for (const node of itemsOf(source, entryOf(source, root, key)?.value)) {
      const subject = readNode(source, node, kind, undefined, groupOwners);
      if (subject !== undefined) subjects.push(subject);
    }
  }
  for (const dbtSource of itemsOf(source, entryOf(source, root, 'sources')?.value)) {
    const sourceName = textOf(source, entryOf(source, dbtSource, 'name')?.value);
    for (const table of itemsOf(source, entryOf(source, dbtSource, 'tables')?.value)) {
      const subject = readNode(source, table, 'dataset', { name: sourceName, node: dbtSource }, groupOwners);
      if (subject !== undefined) subjects.push(subject);
    }
  }
  return { subjects, ...(groupOwners.size === 0 ? {} : { groupOwners: Object.fromEntries(groupOwners) }) };
}

function metasOf(source: YamlSource, node: Node | null, prefix = ''): Array<{ prefix: string; node: Node | null }> {
  const config = entryOf(source, node, 'config')?.value ?? null;
  return [
    { prefix: `${prefix}config.meta`, node: entryOf(source, config, 'meta')?.value ?? null },
    { prefix: `${prefix}meta`, node: entryOf(source, node, 'meta')?.value ?? null },
  ];
}

function tagsOf(source: YamlSource, node: Node | null): string[] {
  const config = entryOf(source, node, 'config')?.value ?? null;
  return [...textsOf(source, entryOf(source, node, 'tags')?.value), ...textsOf(source, entryOf(source, config, 'tags')?.value)];
}

function readNode(
  source: YamlSource,
  node: Node,
  kind: SubjectKind,
  parent: { name: string | undefined; node: Node } | undefined,
  groupOwners: Map<string, string>,
): SpecSubject | undefined {
  const nameEntry = entryOf(source, node, 'name');
  const name = textOf(source, nameEntry?.value);
  if (nameEntry === undefined || name === undefined) return undefined;
  // A source's meta and tags apply to its tables; the table's own come first.
  const metas = [...metasOf(source, node), ...(parent === undefined ? [] : metasOf(source, parent.node, 'source.'))];
  const meta = readMetaGovernance(source, metas);
  const tags = [...tagsOf(source, node), ...(parent === undefined ? [] : tagsOf(source, parent.node))];
  const description = textOf(source, entryOf(source, node, 'description')?.value);
  const config = entryOf(source, node, 'config')?.value ?? null;
  const group = textOf(source, entryOf(source, node, 'group')?.value) ?? textOf(source, entryOf(source, config, 'group')?.value);
  const groupOwner = group === undefined ? undefined : groupOwners.get(group);
  const owner = meta.owner ?? (groupOwner === undefined ? undefined : { value: groupOwner, span: nameEntry.keySpan });
  const personalTag = tags.find(marksPersonalData);

  return {
    kind,
    name: parent?.name === undefined ? name : `${parent.name}.${name}`,
    anchor: nameEntry.keySpan,
    profilingEvidence: meta.notProfiling
      ? undefined
      : (meta.profilingEvidence ??
        profilingEvidenceOf([
          { label: 'name', text: name },
          ...tags.map((tag) => ({ label: 'tag', text: tag })),
          { label: 'description', text: description, prose: true },
        ])),
    personalDataEvidence: meta.personalDataEvidence ?? (personalTag === undefined ? undefined : `tag ${personalTag}`),
    accountability: [
      { field: 'owner', key: 'meta.owner', value: owner },
      ...(meta.purpose === undefined ? [] : [{ field: 'purpose' as const, key: 'meta.purpose', value: meta.purpose }]),
      ...(meta.lawfulBasis === undefined ? [] : [{ field: 'lawfulBasis' as const, key: 'meta.lawful_basis', value: meta.lawfulBasis }]),
    ],
    retention: meta.retention,
    retentionKey: 'meta.retention',
    ttl: meta.ttl,
    decision: meta.decision,
    fairnessAudit: meta.fairnessAudit,
    fields: itemsOf(source, entryOf(source, node, 'columns')?.value).flatMap((column) => readColumn(source, column)),
    ...(group === undefined ? {} : { group }),
  };
}

function readColumn(source: YamlSource, column: Node): SpecField[] {
  const name = textValue(source, entryOf(source, column, 'name'));
  if (name === undefined) return [];
  const meta = readMetaGovernance(source, metasOf(source, column));
  const personalTag = tagsOf(source, column).find(marksPersonalData);
  return [
    {
      name: name.value,
      span: name.span,
      aliases: meta.categories,
      personalDataEvidence: meta.personalDataEvidence ?? (personalTag === undefined ? undefined : `tag ${personalTag}`),
      justification: meta.justification,
    },
  ];
}
