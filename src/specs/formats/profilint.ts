import type { Node } from 'yaml';
import type { SpecConsent, SpecField, SpecSubject } from '../types.js';
import {
  entriesOf,
  entryOf,
  flagOf,
  itemsOf,
  spanOf,
  textOf,
  textsOf,
  textValue,
  type YamlEntry,
  type YamlSource,
} from '../yaml-source.js';
import type { FormatReading } from './format-reading.js';
import { decisionOf, fairnessAuditOf, ownerOf, retentionOf } from './governance-keys.js';
import { validateProfilingSpec } from './profilint-schema.js';

/** Whether a document is a native profiling spec: a top-level `profilint` key. */
export function isProfilingSpec(source: YamlSource, root: Node): boolean {
  return entryOf(source, root, 'profilint') !== undefined;
}

/** Reads a native profiling spec (DESIGN 3.6) into the one pipeline it describes. */
export function readProfilingSpec(source: YamlSource, root: Node): FormatReading {
  const entries = entriesOf(source, root);
  const byKey = (key: string): YamlEntry | undefined => entries.findLast((entry) => entry.key === key);
  const pipeline = textValue(source, byKey('pipeline'));
  const subject: SpecSubject = {
    kind: 'pipeline',
    name: pipeline?.value ?? 'unnamed pipeline',
    // Findings about what a spec lacks point at its first key, where a reader starts.
    anchor: entries[0]!.keySpan,
    profilingEvidence: 'profilint spec',
    accountability: [
      { field: 'owner', key: 'owner', value: ownerOf(source, byKey('owner')) },
      { field: 'purpose', key: 'purpose', value: textValue(source, byKey('purpose')) },
      { field: 'lawfulBasis', key: 'lawfulBasis', value: textValue(source, byKey('lawfulBasis')) },
    ],
    retention: retentionOf(source, byKey('retention')),
    retentionKey: 'retention',
    ttl: textValue(source, byKey('ttl')),
    decision: decisionOf(source, byKey('decision')),
    fairnessAudit: fairnessAuditOf(source, byKey('fairnessAudit')),
    consent: consentOf(source, byKey('consent')),
    fields: itemsOf(source, byKey('features')?.value).flatMap((item) => featureOf(source, item)),
  };
  const codePaths = textsOf(source, entryOf(source, byKey('profiling')?.value, 'paths')?.value);
  return {
    pipeline: pipeline?.value,
    ...(codePaths.length === 0 ? {} : { codePaths }),
    subjects: [subject],
    problems: validateProfilingSpec(source, root),
  };
}

function consentOf(source: YamlSource, entry: YamlEntry | undefined): SpecConsent | undefined {
  if (entry === undefined) return undefined;
  return {
    span: entry.keySpan,
    required: flagOf(source, entryOf(source, entry.value, 'required')?.value),
    purpose: textsOf(source, entryOf(source, entry.value, 'purpose')?.value).join(', ') || undefined,
  };
}

// `- name: age_band` with details, or the short form `- tenure_months`.
function featureOf(source: YamlSource, item: Node): SpecField[] {
  const shortName = textOf(source, item);
  if (shortName !== undefined) return [{ name: shortName, span: spanOf(source, item), aliases: [] }];
  const name = textValue(source, entryOf(source, item, 'name'));
  if (name === undefined) return [];
  return [
    {
      name: name.value,
      span: name.span,
      aliases: textsOf(source, entryOf(source, item, 'category')?.value),
      justification: textValue(source, entryOf(source, item, 'justification')),
    },
  ];
}
