import { isMap, type Node } from 'yaml';
import type { SpecDecision, SpecField, SpecSubject } from '../types.js';
import {
  entriesOf,
  entryOf,
  firstEntryOf,
  flagValue,
  itemsOf,
  spanOf,
  textOf,
  textsOf,
  textValue,
  type YamlEntry,
  type YamlSource,
} from '../yaml-source.js';
import type { FormatReading } from './format-reading.js';
import { profilingEvidenceOf } from './evidence.js';
import { readMetaGovernance, retentionOf } from './governance-keys.js';

// Fields nest; real datasets stay shallow, and a cap keeps a self-referencing alias finite.
const maxNesting = 8;

// fideslang loads `dataset:` and `system:` case-insensitively (its demo writes `System:`).
function resourceList(source: YamlSource, root: Node, kind: 'dataset' | 'system'): Node[] {
  const entry = entriesOf(source, root).find((candidate) => candidate.key.toLowerCase() === kind);
  return itemsOf(source, entry?.value).filter((item) => isMap(item) && entryOf(source, item, 'fides_key') !== undefined);
}

/** Whether a document is a Fides manifest with datasets or systems (each with a `fides_key`). */
export function isFidesManifest(source: YamlSource, root: Node): boolean {
  return resourceList(source, root, 'dataset').length > 0 || resourceList(source, root, 'system').length > 0;
}

/** Reads Fides datasets (their fields and data categories) and each privacy declaration of each system. */
export function readFidesManifest(source: YamlSource, root: Node): FormatReading {
  return {
    subjects: [
      ...resourceList(source, root, 'dataset').map((dataset) => readDataset(source, dataset)),
      ...resourceList(source, root, 'system').flatMap((system) => readSystem(source, system)),
    ],
  };
}

// Fides taxonomy branches whose keys the vocabulary does not read as what they are.
const fidesCategoryTerms: Array<{ branch: string; term: string }> = [{ branch: 'user.health_and_medical', term: 'health data' }];

/** Extra names a data category is classified by: `user.health_and_medical.record_id` is health data. */
function categoryAliases(categories: string[]): string[] {
  return fidesCategoryTerms
    .filter(({ branch }) => categories.some((category) => category === branch || category.startsWith(`${branch}.`)))
    .map(({ term }) => term);
}

// A user.* category is personal data by the Fides taxonomy's own definition.
function personalCategory(categories: string[]): string | undefined {
  return categories.find((category) => category === 'user' || category.startsWith('user.'));
}

function readDataset(source: YamlSource, dataset: Node): SpecSubject {
  const fidesKey = entryOf(source, dataset, 'fides_key')!;
  const name = textOf(source, entryOf(source, dataset, 'name')?.value) ?? textOf(source, fidesKey.value) ?? 'unnamed dataset';
  const categories = textsOf(source, entryOf(source, dataset, 'data_categories')?.value);
  const collections = itemsOf(source, entryOf(source, dataset, 'collections')?.value);
  const personal = personalCategory(categories);
  return {
    kind: 'dataset',
    name,
    anchor: fidesKey.keySpan,
    profilingEvidence: profilingEvidenceOf([
      { label: 'fides_key', text: textOf(source, fidesKey.value) },
      { label: 'name', text: name },
      { label: 'description', text: textOf(source, entryOf(source, dataset, 'description')?.value), prose: true },
      ...collections.map((collection) => ({ label: 'collection', text: textOf(source, entryOf(source, collection, 'name')?.value) })),
    ]),
    personalDataEvidence: personal === undefined ? undefined : `data_categories: ${personal}`,
    // Fides keeps owners, purposes and retention on the systems that use a dataset, not on the dataset.
    accountability: [],
    retention: retentionOf(source, entryOf(source, dataset, 'retention')),
    fields: collections.flatMap((collection) => fieldsOf(source, collection, 0)),
  };
}

function fieldsOf(source: YamlSource, node: Node, depth: number): SpecField[] {
  if (depth > maxNesting) return [];
  return itemsOf(source, entryOf(source, node, 'fields')?.value).flatMap((field) => {
    const nested = fieldsOf(source, field, depth + 1);
    const name = textValue(source, entryOf(source, field, 'name'));
    if (name === undefined) return nested;
    const categories = textsOf(source, entryOf(source, field, 'data_categories')?.value);
    const personal = personalCategory(categories);
    const own: SpecField = {
      name: name.value,
      span: name.span,
      aliases: [...categories, ...categoryAliases(categories)],
      personalDataEvidence: personal === undefined ? undefined : `data_categories: ${personal}`,
    };
    return [own, ...nested];
  });
}

function readSystem(source: YamlSource, system: Node): SpecSubject[] {
  const systemName =
    textOf(source, entryOf(source, system, 'name')?.value) ?? textOf(source, entryOf(source, system, 'fides_key')?.value);
  const department = textValue(source, entryOf(source, system, 'administrating_department'));
  // fideslang's default when nobody filled it in.
  const owner = department?.value === 'Not defined' ? undefined : department;
  const usesProfiling = flagValue(source, entryOf(source, system, 'uses_profiling'));
  const meta = readMetaGovernance(source, [{ prefix: 'meta', node: entryOf(source, system, 'meta')?.value ?? null }]);
  const decision =
    usesProfiling?.value === true ? profilingDecisionOf(source, system, usesProfiling.span, meta.decision) : undefined;

  return itemsOf(source, entryOf(source, system, 'privacy_declarations')?.value).map((declaration) => {
    const key = (name: string): YamlEntry | undefined => entryOf(source, declaration, name);
    const declarationName = textOf(source, key('name')?.value);
    const dataUse = textValue(source, key('data_use'));
    const lawfulBasis = textValue(source, key('legal_basis_for_processing'));
    const fields: SpecField[] = itemsOf(source, key('data_categories')?.value).flatMap((item) => {
      const category = textOf(source, item);
      if (category === undefined) return [];
      const personal = personalCategory([category]);
      return [
        {
          name: category,
          span: spanOf(source, item),
          aliases: categoryAliases([category]),
          personalDataEvidence: personal === undefined ? undefined : `data_categories: ${personal}`,
        },
      ];
    });
    const personal = personalCategory(fields.map((field) => field.name));
    return {
      kind: 'declaration',
      name:
        [systemName, declarationName ?? dataUse?.value].filter((part) => part !== undefined).join(': ') ||
        'unnamed declaration',
      anchor: key('name')?.keySpan ?? entriesOf(source, declaration)[0]?.keySpan ?? spanOf(source, declaration),
      profilingEvidence:
        (usesProfiling?.value === true ? 'uses_profiling: true' : undefined) ??
        meta.profilingEvidence ??
        profilingEvidenceOf([{ label: 'data_use', text: dataUse?.value }]),
      personalDataEvidence: personal === undefined ? undefined : `data_categories: ${personal}`,
      accountability: [
        { field: 'owner', key: 'administrating_department', value: owner },
        { field: 'purpose', key: 'data_use', value: dataUse },
        { field: 'lawfulBasis', key: 'legal_basis_for_processing', value: lawfulBasis },
        // Legitimate interests is a lawful basis only after a balancing test (GDPR Art. 6(1)(f)).
        ...(lawfulBasis !== undefined && /legitimate interest/i.test(lawfulBasis.value)
          ? [
              {
                field: 'interestsAssessment' as const,
                key: 'impact_assessment_location',
                value: textValue(source, key('impact_assessment_location')),
              },
            ]
          : []),
      ],
      retention: retentionOf(source, key('retention_period')),
      retentionKey: 'retention_period',
      decision,
      fairnessAudit: meta.fairnessAudit,
      fields,
    } satisfies SpecSubject;
  });
}

// `uses_profiling` means, by Fides' definition, profiling with a legal effect; review and redress live in `meta`.
function profilingDecisionOf(
  source: YamlSource,
  system: Node,
  span: SpecDecision['span'],
  fromMeta: SpecDecision | undefined,
): SpecDecision {
  const meta = entryOf(source, system, 'meta')?.value ?? null;
  return {
    span,
    automated: { value: true, span },
    legalEffect: { value: true, span },
    humanReview: fromMeta?.humanReview ?? flagValue(source, firstEntryOf(source, meta, ['human_review', 'humanReview'])),
    redress: fromMeta?.redress ?? textValue(source, entryOf(source, meta, 'redress')),
  };
}
