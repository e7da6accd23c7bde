import type { Node } from 'yaml';
import { parseDuration } from '../../duration.js';
import type { SpecDecision, SpecFairnessAudit, SpecRetention, SpecValue } from '../types.js';
import {
  entriesOf,
  firstEntryOf,
  flagValue,
  textOf,
  textsOf,
  textValue,
  type YamlEntry,
  type YamlSource,
} from '../yaml-source.js';
import { marksPersonalData } from './evidence.js';

/** Reads a retention value as written; a key with no value is no retention at all. */
export function retentionOf(source: YamlSource, entry: YamlEntry | undefined, defaultUnit?: string): SpecRetention | undefined {
  const text = textOf(source, entry?.value);
  if (entry === undefined || text === undefined) return undefined;
  return { text, duration: parseDuration(text, { defaultUnit }), span: entry.keySpan };
}

/** Reads a `decision` mapping, in camelCase or snake_case. */
export function decisionOf(source: YamlSource, entry: YamlEntry | undefined): SpecDecision | undefined {
  if (entry === undefined) return undefined;
  const key = (...spellings: string[]): YamlEntry | undefined => firstEntryOf(source, entry.value, spellings);
  return {
    span: entry.keySpan,
    automated: flagValue(source, key('automated')),
    legalEffect: flagValue(source, key('legalEffect', 'legal_effect')),
    humanReview: flagValue(source, key('humanReview', 'human_review')),
    redress: textValue(source, key('redress')),
  };
}

/** Reads a `fairnessAudit` mapping, in camelCase or snake_case. */
export function fairnessAuditOf(source: YamlSource, entry: YamlEntry | undefined): SpecFairnessAudit | undefined {
  if (entry === undefined) return undefined;
  const key = (...spellings: string[]): YamlEntry | undefined => firstEntryOf(source, entry.value, spellings);
  return {
    span: entry.keySpan,
    report: textValue(source, key('report')),
    lastRun: textValue(source, key('lastRun', 'last_run')),
    every: textValue(source, key('every')),
  };
}

/** Governance facts that teams keep in free-form `meta` mappings (dbt `meta`, `config.meta`, Fides `meta`). */
export interface MetaGovernance {
  owner?: SpecValue;
  purpose?: SpecValue;
  lawfulBasis?: SpecValue;
  retention?: SpecRetention;
  ttl?: SpecValue;
  /** Why the meta marks personal data: `meta.contains_pii: true`, `meta.data_classification: pii`. */
  personalDataEvidence?: string;
  /** Category labels to classify as names: `meta.pii_category: health`. */
  categories: string[];
  /** Why the meta marks profiling: `meta.profiling: true`. */
  profilingEvidence?: string;
  /** `meta.profiling: false`: the team says the dataset profiles nobody, whatever its name suggests. */
  notProfiling?: boolean;
  fairnessAudit?: SpecFairnessAudit;
  decision?: SpecDecision;
  justification?: SpecValue;
}

const ownerKeys = ['owner', 'data_owner', 'dataOwner', 'owners', 'team'];
const lawfulBasisKeys = ['lawful_basis', 'lawfulBasis', 'legal_basis', 'legalBasis'];
const retentionKeys = ['retention', 'retention_period', 'retentionPeriod', 'data_retention'];
const retentionDaysKeys = ['retention_days', 'retentionDays'];
const piiFlagKeys = ['contains_pii', 'containsPii', 'pii', 'is_pii', 'isPii', 'personal_data', 'personalData'];
const categoryKeys = ['pii_category', 'data_category', 'special_category', 'data_classification', 'classification', 'sensitivity'];
const profilingFlagKeys = ['profiling', 'uses_profiling', 'usesProfiling'];

/**
 * Reads governance keys from `meta` mappings, nearest first (`config.meta` before `meta`), under the
 * community spellings the dbt ecosystem uses; `prefix` names where they were found, for messages.
 */
export function readMetaGovernance(source: YamlSource, metas: Array<{ prefix: string; node: Node | null }>): MetaGovernance {
  const found: MetaGovernance = { categories: [] };
  for (const { prefix, node } of metas) {
    if (entriesOf(source, node).length === 0) continue;
    const key = (spellings: string[]): YamlEntry | undefined => firstEntryOf(source, node, spellings);
    found.owner ??= ownerOf(source, key(ownerKeys));
    found.purpose ??= textValue(source, key(['purpose']));
    found.lawfulBasis ??= textValue(source, key(lawfulBasisKeys));
    found.retention ??= retentionOf(source, key(retentionKeys)) ?? retentionOf(source, key(retentionDaysKeys), 'days');
    found.ttl ??= textValue(source, key(['ttl']));
    found.fairnessAudit ??= fairnessAuditOf(source, key(['fairness_audit', 'fairnessAudit']));
    found.decision ??= decisionOf(source, key(['decision']));
    found.justification ??= textValue(source, key(['justification']));
    const piiFlag = flagValue(source, key(piiFlagKeys));
    if (piiFlag?.value === true) found.personalDataEvidence ??= `${prefix}.${key(piiFlagKeys)!.key}: true`;
    for (const categoryKey of categoryKeys) {
      const entry = key([categoryKey]);
      for (const category of textsOf(source, entry?.value)) {
        found.categories.push(category);
        if (marksPersonalData(category)) found.personalDataEvidence ??= `${prefix}.${categoryKey}: ${category}`;
      }
    }
    const profilingFlag = flagValue(source, key(profilingFlagKeys));
    if (profilingFlag?.value === true) found.profilingEvidence ??= `${prefix}.${key(profilingFlagKeys)!.key}: true`;
    if (profilingFlag?.value === false && found.profilingEvidence === undefined) found.notProfiling = true;
  }
  return found;
}

/** An owner as a name, a list of names, or a mapping such as `{ name, email }`. */
export function ownerOf(source: YamlSource, entry: YamlEntry | undefined): SpecValue | undefined {
  if (entry === undefined) return undefined;
  const names = textsOf(source, entry.value);
  const parts =
    names.length > 0
      ? names
      : entriesOf(source, entry.value)
          .map((part) => textOf(source, part.value))
          .filter((part): part is string => part !== undefined);
  return parts.length > 0 ? { value: parts.join(', '), span: entry.keySpan } : undefined;
}
