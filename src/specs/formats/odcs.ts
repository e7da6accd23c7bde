import type { Node } from 'yaml';
import { parseDuration } from '../../duration.js';
import type { SpecFairnessAudit, SpecField, SpecRetention, SpecValue } from '../types.js';
import { entriesOf, entryOf, firstEntryOf, itemsOf, textOf, textsOf, textValue, type YamlEntry, type YamlSource } from '../yaml-source.js';
import type { FormatReading } from './format-reading.js';
import { marksPersonalData, profilingEvidenceOf } from './evidence.js';
import { fairnessAuditOf } from './governance-keys.js';

// Object properties nest; real contracts stay shallow, and a cap keeps a self-referencing alias finite.
const maxNesting = 8;

/** Whether a document is an Open Data Contract Standard contract: `kind: DataContract`. */
export function isOpenDataContract(source: YamlSource, root: Node): boolean {
  return textOf(source, entryOf(source, root, 'kind')?.value) === 'DataContract';
}

/** Reads an ODCS v3 contract: team, `description.purpose`, the retention SLA and every schema property. */
export function readOpenDataContract(source: YamlSource, root: Node): FormatReading {
  const entries = entriesOf(source, root);
  const key = (name: string): YamlEntry | undefined => entries.findLast((entry) => entry.key === name);
  const nameEntry = key('name') ?? key('dataProduct') ?? key('id');
  const name = textOf(source, nameEntry?.value) ?? 'unnamed contract';
  const description = key('description');
  const purpose = textValue(source, entryOf(source, description?.value, 'purpose'));
  const schemaObjects = itemsOf(source, key('schema')?.value);
  const customProperties = customPropertiesOf(source, key('customProperties')?.value);
  const fields = schemaObjects.flatMap((object) => propertiesOf(source, object, 0));
  const personalTag = schemaObjects
    .map((object) => ({
      object: textOf(source, entryOf(source, object, 'name')?.value),
      tag: textsOf(source, entryOf(source, object, 'tags')?.value).find(marksPersonalData),
    }))
    .find((candidate) => candidate.tag !== undefined);

  return {
    subjects: [
      {
        kind: 'contract',
        name,
        anchor: nameEntry?.keySpan ?? entries[0]!.keySpan,
        profilingEvidence: profilingEvidenceOf([
          { label: 'name', text: textOf(source, key('name')?.value) },
          { label: 'data product', text: textOf(source, key('dataProduct')?.value) },
          { label: 'purpose', text: purpose?.value, prose: true },
          { label: 'usage', text: textOf(source, entryOf(source, description?.value, 'usage')?.value), prose: true },
          ...textsOf(source, key('tags')?.value).map((tag) => ({ label: 'tag', text: tag })),
          ...schemaObjects.flatMap((object) => [
            { label: 'schema', text: textOf(source, entryOf(source, object, 'name')?.value) },
            { label: 'schema description', text: textOf(source, entryOf(source, object, 'description')?.value), prose: true },
          ]),
        ]),
        personalDataEvidence: personalTag === undefined ? undefined : `schema \`${personalTag.object ?? 'unnamed'}\` has tag ${personalTag.tag}`,
        accountability: [
          { field: 'owner', key: 'team', value: teamOf(source, key('team')) },
          { field: 'purpose', key: 'description.purpose', value: purpose },
        ],
        retention: retentionSlaOf(source, key('slaProperties')?.value),
        retentionKey: 'slaProperties (property: retention)',
        fairnessAudit: fairnessAuditOf(source, customProperties.get('fairnessAudit')) ?? fairnessReportOf(source, key('authoritativeDefinitions')),
        fields,
      },
    ],
  };
}

// v3.1 `team: { name, members: [...] }`; the deprecated form is a bare list of members.
function teamOf(source: YamlSource, entry: YamlEntry | undefined): SpecValue | undefined {
  if (entry === undefined) return undefined;
  const name = textOf(source, entryOf(source, entry.value, 'name')?.value);
  const members = itemsOf(source, entryOf(source, entry.value, 'members')?.value ?? entry.value)
    .map((member) => textOf(source, firstEntryOf(source, member, ['username', 'name'])?.value))
    .filter((member): member is string => member !== undefined);
  const value = [name, ...members].filter((part) => part !== undefined).join(', ');
  return value === '' ? undefined : { value, span: entry.keySpan };
}

// `slaProperties: [{ property: retention, value: 3, unit: y }]`; ISO units, so `m` is a month here.
function retentionSlaOf(source: YamlSource, slaProperties: Node | null | undefined): SpecRetention | undefined {
  for (const item of itemsOf(source, slaProperties)) {
    if (textOf(source, entryOf(source, item, 'property')?.value)?.toLowerCase() !== 'retention') continue;
    const valueEntry = entryOf(source, item, 'value');
    const value = textOf(source, valueEntry?.value);
    if (valueEntry === undefined || value === undefined) continue;
    const unit = textOf(source, entryOf(source, item, 'unit')?.value);
    const isoUnit = unit === undefined ? undefined : unit.toLowerCase() === 'm' ? 'months' : unit;
    const text = unit === undefined ? value : `${value} ${unit}`;
    const isCount = /^\d+(?:\.\d+)?$/.test(value);
    const duration = isCount && isoUnit !== undefined ? parseDuration(`${value} ${isoUnit}`) : parseDuration(value);
    return { text, duration, span: valueEntry.keySpan };
  }
  return undefined;
}

function customPropertiesOf(source: YamlSource, node: Node | null | undefined): Map<string, YamlEntry> {
  const properties = new Map<string, YamlEntry>();
  for (const item of itemsOf(source, node)) {
    const property = textOf(source, entryOf(source, item, 'property')?.value);
    const value = entryOf(source, item, 'value');
    if (property !== undefined && value !== undefined && !properties.has(property)) properties.set(property, value);
  }
  return properties;
}

function fairnessReportOf(source: YamlSource, entry: YamlEntry | undefined): SpecFairnessAudit | undefined {
  for (const definition of itemsOf(source, entry?.value)) {
    const type = textOf(source, entryOf(source, definition, 'type')?.value)?.toLowerCase();
    if (type !== 'fairnessaudit' && type !== 'fairnessreport' && type !== 'biasaudit') continue;
    const url = textValue(source, entryOf(source, definition, 'url'));
    return { span: entry!.keySpan, report: url };
  }
  return undefined;
}

function propertiesOf(source: YamlSource, node: Node, depth: number): SpecField[] {
  if (depth > maxNesting) return [];
  return itemsOf(source, entryOf(source, node, 'properties')?.value).flatMap((property) => {
    const name = textValue(source, entryOf(source, property, 'name'));
    // Arrays of objects keep their properties under `items`.
    const items = entryOf(source, property, 'items')?.value ?? null;
    const nested = [...propertiesOf(source, property, depth + 1), ...(items === null ? [] : propertiesOf(source, items, depth + 1))];
    if (name === undefined) return nested;
    const classification = textOf(source, entryOf(source, property, 'classification')?.value);
    const personalTag = textsOf(source, entryOf(source, property, 'tags')?.value).find(marksPersonalData);
    const customProperties = customPropertiesOf(source, entryOf(source, property, 'customProperties')?.value);
    const field: SpecField = {
      name: name.value,
      span: name.span,
      aliases: textsOf(source, entryOf(source, property, 'businessName')?.value),
      personalDataEvidence:
        classification !== undefined && marksPersonalData(classification)
          ? `classification: ${classification}`
          : personalTag === undefined
            ? undefined
            : `tag ${personalTag}`,
      justification: textValue(source, customProperties.get('justification')),
    };
    return [field, ...nested];
  });
}
