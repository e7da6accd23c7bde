import type { Node } from 'yaml';
import type { SpecField, SpecRetention } from '../types.js';
import { entriesOf, entryOf, flagOf, textOf, textsOf, textValue, type YamlEntry, type YamlSource } from '../yaml-source.js';
import type { FormatReading } from './format-reading.js';
import { marksPersonalData, profilingEvidenceOf } from './evidence.js';
import { fairnessAuditOf, retentionOf } from './governance-keys.js';

// Fields nest (objects, arrays); real contracts stay shallow, and a cap keeps a self-referencing alias finite.
const maxNesting = 8;

/** Whether a document is a Data Contract Specification contract: a `dataContractSpecification` key. */
export function isDataContractSpecification(source: YamlSource, root: Node): boolean {
  return entryOf(source, root, 'dataContractSpecification') !== undefined;
}

/** Reads a DCS contract: `info.owner`, `terms.usage`, `servicelevels.retention` and every model field. */
export function readDataContractSpecification(source: YamlSource, root: Node): FormatReading {
  const entries = entriesOf(source, root);
  const key = (name: string): YamlEntry | undefined => entries.findLast((entry) => entry.key === name);
  const info = key('info')?.value ?? null;
  const title = entryOf(source, info, 'title');
  const idEntry = key('id');
  const usage = textValue(source, entryOf(source, key('terms')?.value, 'usage'));
  const models = entriesOf(source, key('models')?.value);
  const retention = entryOf(source, key('servicelevels')?.value, 'retention');

  return {
    subjects: [
      {
        kind: 'contract',
        name: textOf(source, title?.value) ?? textOf(source, idEntry?.value) ?? 'unnamed contract',
        anchor: idEntry?.keySpan ?? entries[0]!.keySpan,
        profilingEvidence: profilingEvidenceOf([
          { label: 'id', text: textOf(source, idEntry?.value) },
          { label: 'title', text: textOf(source, title?.value) },
          { label: 'usage', text: usage?.value, prose: true },
          ...textsOf(source, key('tags')?.value).map((tag) => ({ label: 'tag', text: tag })),
          ...models.flatMap((model) => [
            { label: 'model', text: model.key },
            { label: 'model description', text: textOf(source, entryOf(source, model.value, 'description')?.value), prose: true },
          ]),
        ]),
        accountability: [
          { field: 'owner', key: 'info.owner', value: textValue(source, entryOf(source, info, 'owner')) },
          { field: 'purpose', key: 'terms.usage', value: usage },
        ],
        retention: retention === undefined ? undefined : retentionLevelOf(source, retention),
        retentionKey: 'servicelevels.retention.period',
        fairnessAudit: fairnessAuditOf(source, key('x-fairnessAudit')),
        fields: models.flatMap((model) => fieldsOf(source, model.value, 0)),
      },
    ],
  };
}

// `retention: { period: P1Y }` or `retention: { unlimited: true }`; a period wins over `unlimited: false`.
function retentionLevelOf(source: YamlSource, retention: YamlEntry): SpecRetention | undefined {
  const period = retentionOf(source, entryOf(source, retention.value, 'period'));
  if (period !== undefined) return period;
  const unlimited = entryOf(source, retention.value, 'unlimited');
  if (unlimited !== undefined && flagOf(source, unlimited.value) === true) {
    return { text: 'unlimited: true', duration: { kind: 'unlimited' }, span: unlimited.keySpan };
  }
  return undefined;
}

function fieldsOf(source: YamlSource, node: Node | null, depth: number): SpecField[] {
  if (depth > maxNesting) return [];
  return entriesOf(source, entryOf(source, node, 'fields')?.value).flatMap((field) => {
    const items = entryOf(source, field.value, 'items')?.value ?? null;
    const nested = [...fieldsOf(source, field.value, depth + 1), ...fieldsOf(source, items, depth + 1)];
    const classification = textOf(source, entryOf(source, field.value, 'classification')?.value);
    const personalTag = textsOf(source, entryOf(source, field.value, 'tags')?.value).find(marksPersonalData);
    const config = entryOf(source, field.value, 'config')?.value ?? null;
    const own: SpecField = {
      name: field.key,
      span: field.keySpan,
      aliases: [],
      personalDataEvidence:
        flagOf(source, entryOf(source, field.value, 'pii')?.value) === true
          ? 'pii: true'
          : classification !== undefined && marksPersonalData(classification)
            ? `classification: ${classification}`
            : personalTag === undefined
              ? undefined
              : `tag ${personalTag}`,
      justification: textValue(source, entryOf(source, config, 'justification')),
    };
    return [own, ...nested];
  });
}
