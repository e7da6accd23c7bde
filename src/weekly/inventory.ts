import type { FileFacts, Finding } from '../types.js';
import type { SinkCall } from '../extract/sinks.js';
import type { AttributeReference } from '../extract/attributes.js';
import type { StoreWrite } from '../extract/stores.js';
import type { FunctionFact } from '../extract/module-graph.js';
import type { SpecDocument, SpecSubject, SpecFormat } from '../specs/types.js';
import type { VocabularyMatch } from '../vocabulary.js';
import { formatDays, parseDuration } from '../duration.js';
import { assessAudit, type AuditAssessment } from './audits.js';

/** How a sensitive attribute or proxy stands in the inventory. */
export type AttributeStatus =
  /** A rule reports it and nothing answers the finding. */
  | 'unjustified'
  /** The spec gives a justification for it. */
  | 'justified'
  /** A directive with a reason suppresses its finding. */
  | 'suppressed'
  /** Used where it is legitimate (fairness evaluation) or not reported by any rule. */
  | 'accepted';

/** A sensitive attribute or proxy a pipeline uses. */
export interface InventoryAttribute {
  name: string;
  kind: 'sensitive' | 'proxy';
  /** Catalog category (`health`, `age`) or proxy id (`postcode`). */
  category: string;
  file: string;
  line: number;
  status: AttributeStatus;
  /** The spec's justification or the directive's reason. */
  justification?: string;
}

/** A profiling sink a pipeline calls, with its consent status. */
export interface InventorySink {
  kind: string;
  callee: string;
  file: string;
  line: number;
  thirdParty: boolean;
  /** Who receives the data when it leaves the company (`Meta Pixel`, `Segment`). */
  vendor?: string;
  consent: 'guarded' | 'unguarded' | 'wrong-purpose';
}

/** Retention as the spec declares it and as the code's store writes keep it. */
export interface InventoryRetention {
  /** As written in the spec (`P180D`), when it declares one. */
  declared?: string;
  /** The declared period in words (`6 months`, `unlimited`). */
  declaredReadable?: string;
  storeWrites: number;
  /** Store writes that set no expiry of their own. */
  writesWithoutExpiry: number;
  /** The longest expiry a write sets, in days, when profilint could evaluate it. */
  longestExpiryDays?: number;
  /** Open `undocumented-retention` and `retention-mismatch` findings on the pipeline's files. */
  retentionFindings: number;
}

/** The automated decision a spec declares (GDPR Art. 22). */
export interface InventoryDecision {
  automated?: boolean;
  legalEffect?: boolean;
  humanReview?: boolean;
  redress?: string;
}

/** One profiling pipeline: a spec, code tied to a pipeline by `@profiling`, or a file with profiling sinks. */
export interface InventoryRow {
  /** Pipeline, model or dataset name; for a file with sinks and no spec, its path. */
  name: string;
  origin: 'spec' | 'code';
  /** The spec format when the row comes from a spec. */
  format?: SpecFormat;
  specFile?: string;
  specLine?: number;
  /** Code files linked to the pipeline (or the file itself), sorted. */
  codeFiles: string[];
  /** `@profiling` names a pipeline that no scanned spec declares. */
  missingSpec: boolean;
  owner?: string;
  purpose?: string;
  lawfulBasis?: string;
  attributes: InventoryAttribute[];
  sinks: InventorySink[];
  retention: InventoryRetention;
  decision?: InventoryDecision;
  audit?: AuditAssessment;
  /** Open (unsuppressed) findings on the spec's and the code files. */
  openFindings: number;
}

export interface InventoryInput {
  facts: FileFacts[];
  /** Every finding of the scan, suppressed ones included. */
  findings: Finding[];
  now: Date;
  /** Days after which an audit without its own `every` is stale (config `audit.maxAgeDays`). */
  auditMaxAgeDays: number;
  /** Classifies spec feature names that no finding mentions (e.g. justified ones). */
  classifyName?: (name: string) => VocabularyMatch | undefined;
}

const attributeRules: Record<string, InventoryAttribute['kind']> = {
  'sensitive-attribute': 'sensitive',
  'sensitive-data-shared': 'sensitive',
  'proxy-attribute': 'proxy',
};
const retentionRules = new Set(['undocumented-retention', 'retention-mismatch']);

interface Bucket {
  row: InventoryRow;
  files: Set<string>;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isProfilingSubject(document: SpecDocument, subject: SpecSubject): boolean {
  return document.format === 'profilint' || subject.profilingEvidence !== undefined;
}

function emptyRow(name: string, origin: InventoryRow['origin']): InventoryRow {
  return {
    name,
    origin,
    codeFiles: [],
    missingSpec: false,
    attributes: [],
    sinks: [],
    retention: { storeWrites: 0, writesWithoutExpiry: 0, retentionFindings: 0 },
    openFindings: 0,
  };
}

function accountabilityValue(subject: SpecSubject, field: 'owner' | 'purpose' | 'lawfulBasis'): string | undefined {
  const value = subject.accountability?.find((slot) => slot.field === field)?.value?.value;
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function readableRetention(text: string): string {
  const duration = parseDuration(text);
  if (duration.kind === 'unlimited') return 'unlimited';
  if (duration.kind === 'unparseable') return 'unreadable';
  return formatDays(duration.days);
}

function rowFromSpec(file: string, document: SpecDocument, subject: SpecSubject, input: InventoryInput): InventoryRow {
  const row = emptyRow(subject.name || document.pipeline || file, 'spec');
  row.format = document.format;
  row.specFile = file;
  row.specLine = subject.anchor?.line ?? document.firstKey.line;
  row.owner = accountabilityValue(subject, 'owner');
  row.purpose = accountabilityValue(subject, 'purpose');
  row.lawfulBasis = accountabilityValue(subject, 'lawfulBasis');
  if (subject.retention !== undefined) {
    row.retention.declared = subject.retention.text;
    row.retention.declaredReadable = readableRetention(subject.retention.text);
  }
  const decision = subject.decision;
  if (decision !== undefined) {
    row.decision = {
      automated: decision.automated?.value,
      legalEffect: decision.legalEffect?.value,
      humanReview: decision.humanReview?.value,
      redress: decision.redress?.value,
    };
  }
  if (subject.fairnessAudit !== undefined) {
    row.audit = assessAudit(subject.fairnessAudit, { now: input.now, maxAgeDays: input.auditMaxAgeDays });
  }
  // Every field is listed for now; markSpecAttributes keeps those a rule, the vocabulary or a justification
  // marks as sensitive or a proxy (a justified field is one its author knew was sensitive).
  for (const field of subject.fields ?? []) {
    const match = [field.name, ...(field.aliases ?? [])].map((name) => input.classifyName?.(name)).find((found) => found);
    row.attributes.push({
      name: field.name,
      kind: match?.kind ?? 'sensitive',
      category: match?.category ?? '',
      file,
      line: field.span.line,
      status: field.justification !== undefined ? 'justified' : 'accepted',
      ...(field.justification !== undefined ? { justification: field.justification.value } : {}),
    });
  }
  return row;
}

/** The pipeline a piece of code belongs to: its function's `@profiling` tag, an outer function's, else the file's. */
function pipelineOf(functionId: string | undefined, functions: Map<string, FunctionFact>, fileTag: string | undefined): string | undefined {
  let current = functionId === undefined ? undefined : functions.get(functionId);
  while (current !== undefined) {
    if (current.tags?.profiling?.pipeline) return current.tags.profiling.pipeline;
    current = current.parentFunctionId === undefined ? undefined : functions.get(current.parentFunctionId);
  }
  return fileTag;
}

function findingKey(file: string, line: number): string {
  return `${file}:${line}`;
}

/**
 * One row per profiling pipeline: every native spec and every spec subject used for profiling, every
 * pipeline named by `@profiling` in code, and every file with profiling sinks that no tag links.
 * Code facts that are missing (a file that did not parse) simply contribute nothing.
 */
export function buildInventory(input: InventoryInput): InventoryRow[] {
  const buckets = new Map<string, Bucket>();
  const specRowsByPipeline = new Map<string, Bucket>();
  for (const facts of input.facts) {
    for (const document of facts.specs ?? []) {
      for (const subject of document.subjects ?? []) {
        if (!isProfilingSubject(document, subject)) continue;
        const row = rowFromSpec(facts.file, document, subject, input);
        const bucket: Bucket = { row, files: new Set([facts.file]) };
        buckets.set(`spec\0${facts.file}\0${document.documentIndex}\0${row.name}\0${row.specLine}`, bucket);
        if (document.format === 'profilint' && !specRowsByPipeline.has(row.name)) specRowsByPipeline.set(row.name, bucket);
      }
    }
  }

  // A sink's consent status is what missing-consent concluded across files, not the local guard fact.
  const consentFindings = new Map<string, Finding>();
  for (const finding of input.findings) {
    if (finding.ruleId === 'missing-consent') consentFindings.set(`${finding.file}:${finding.line}:${finding.column}`, finding);
  }
  const attributeFindings = new Map<string, Finding[]>();
  for (const finding of input.findings) {
    if (attributeRules[finding.ruleId] === undefined) continue;
    const key = findingKey(finding.file, finding.line);
    attributeFindings.set(key, [...(attributeFindings.get(key) ?? []), finding]);
  }

  const bucketForCode = (pipeline: string | undefined, file: string): Bucket => {
    if (pipeline !== undefined) {
      const spec = specRowsByPipeline.get(pipeline);
      if (spec !== undefined) return spec;
    }
    const key = pipeline === undefined ? `file\0${file}` : `tag\0${pipeline}`;
    let bucket = buckets.get(key);
    if (bucket === undefined) {
      const row = emptyRow(pipeline ?? file, 'code');
      row.missingSpec = pipeline !== undefined;
      bucket = { row, files: new Set() };
      buckets.set(key, bucket);
    }
    return bucket;
  };

  for (const facts of input.facts) {
    const code = facts.code;
    if (code === undefined) continue;
    const functions = new Map((code.module?.functions ?? []).map((fact) => [fact.id, fact]));
    const fileTag = code.module?.fileTags?.profiling?.pipeline || undefined;
    const tagged = new Set<string>();
    if (fileTag !== undefined) tagged.add(fileTag);
    for (const fact of functions.values()) if (fact.tags?.profiling?.pipeline) tagged.add(fact.tags.profiling.pipeline);
    for (const pipeline of tagged) {
      const bucket = bucketForCode(pipeline, facts.file);
      bucket.files.add(facts.file);
    }
    for (const sink of code.sinks ?? []) {
      const bucket = bucketForCode(pipelineOf(sink.enclosingFunctionId, functions, fileTag), facts.file);
      bucket.files.add(facts.file);
      bucket.row.sinks.push(toInventorySink(facts.file, sink, consentFindings));
    }
    for (const reference of code.attributes ?? []) {
      const pipeline = pipelineOf(reference.enclosingFunctionId, functions, fileTag);
      // An attribute outside any pipeline and in a file without sinks is not part of a profiling row.
      if (pipeline === undefined && (code.sinks ?? []).length === 0) continue;
      const bucket = bucketForCode(pipeline, facts.file);
      bucket.files.add(facts.file);
      bucket.row.attributes.push(toInventoryAttribute(facts.file, reference, functions, attributeFindings));
    }
    for (const write of code.stores ?? []) {
      const pipeline = pipelineOf(write.enclosingFunctionId, functions, fileTag);
      const bucket = pipeline === undefined ? buckets.get(`file\0${facts.file}`) : bucketForCode(pipeline, facts.file);
      if (bucket !== undefined) countStoreWrite(bucket, write);
    }
  }

  const openByFile = new Map<string, { all: number; retention: number }>();
  for (const finding of input.findings) {
    if (finding.suppression !== undefined) continue;
    const counts = openByFile.get(finding.file) ?? { all: 0, retention: 0 };
    counts.all += 1;
    if (retentionRules.has(finding.ruleId)) counts.retention += 1;
    openByFile.set(finding.file, counts);
  }

  const rows: InventoryRow[] = [];
  for (const bucket of buckets.values()) {
    const row = bucket.row;
    row.codeFiles = [...bucket.files].filter((file) => file !== row.specFile).sort(compareText);
    markSpecAttributes(row, attributeFindings);
    for (const file of bucket.files) {
      row.openFindings += openByFile.get(file)?.all ?? 0;
      row.retention.retentionFindings += openByFile.get(file)?.retention ?? 0;
    }
    row.attributes.sort((a, b) => compareText(a.file, b.file) || a.line - b.line || compareText(a.name, b.name));
    row.sinks.sort((a, b) => compareText(a.file, b.file) || a.line - b.line || compareText(a.callee, b.callee));
    rows.push(row);
  }
  // Spec rows first, by name; then code-only rows.
  return rows.sort(
    (a, b) =>
      compareText(a.origin, b.origin) === 0
        ? compareText(a.name, b.name) || compareText(a.specFile ?? '', b.specFile ?? '') || (a.specLine ?? 0) - (b.specLine ?? 0)
        : a.origin === 'spec' ? -1 : 1,
  );
}

function countStoreWrite(bucket: Bucket, write: StoreWrite): void {
  const retention = bucket.row.retention;
  retention.storeWrites += 1;
  const expiry = write.expiry;
  if (expiry === undefined) {
    retention.writesWithoutExpiry += 1;
  } else if (typeof expiry.days === 'number') {
    retention.longestExpiryDays = Math.max(retention.longestExpiryDays ?? 0, expiry.days);
  }
}

function consentStatusOf(file: string, sink: SinkCall, consentFindings: Map<string, Finding>): InventorySink['consent'] {
  const finding = consentFindings.get(`${file}:${sink.span.line}:${sink.span.column}`);
  if (finding === undefined) return 'guarded';
  return finding.messageId === 'wrongPurpose' ? 'wrong-purpose' : 'unguarded';
}

function toInventorySink(file: string, sink: SinkCall, consentFindings: Map<string, Finding>): InventorySink {
  const inventorySink: InventorySink = {
    kind: sink.kind,
    callee: sink.calleeText || sink.catalogId,
    file,
    line: sink.span.line,
    thirdParty: sink.thirdParty === true,
    consent: consentStatusOf(file, sink, consentFindings),
  };
  if (inventorySink.thirdParty && sink.vendor) inventorySink.vendor = sink.vendor;
  return inventorySink;
}

function toInventoryAttribute(
  file: string,
  reference: AttributeReference,
  functions: Map<string, FunctionFact>,
  attributeFindings: Map<string, Finding[]>,
): InventoryAttribute {
  const attribute: InventoryAttribute = {
    name: reference.name || reference.term,
    kind: reference.kind,
    category: reference.category,
    file,
    line: reference.span.line,
    status: 'accepted',
  };
  const enclosing = reference.enclosingFunctionId === undefined ? undefined : functions.get(reference.enclosingFunctionId);
  if (reference.fairnessContext || enclosing?.fairnessContext) return attribute;
  return withFindingStatus(attribute, findingsAbout(attribute, reference.span.column, attributeFindings.get(findingKey(file, attribute.line))));
}

/**
 * The findings of the attribute rules that are about this attribute: on its line, of its kind, and of its
 * category or at its column when the rule says so (several attributes often share a line).
 */
function findingsAbout(attribute: InventoryAttribute, column: number | undefined, onLine: Finding[] | undefined): Finding[] {
  const candidates = (onLine ?? []).filter((finding) => attribute.category === '' || attributeRules[finding.ruleId] === attribute.kind);
  const atColumn = candidates.filter((finding) => column !== undefined && finding.column === column);
  if (atColumn.length > 0) return atColumn;
  if (attribute.category === '') return candidates;
  return candidates.filter((finding) => finding.category === undefined || finding.category === attribute.category);
}

function withFindingStatus(attribute: InventoryAttribute, findings: Finding[]): InventoryAttribute {
  if (findings.length === 0) return attribute;
  const open = findings.find((finding) => finding.suppression === undefined);
  const reported = open ?? findings[0]!;
  if (attribute.category === '') {
    attribute.kind = attributeRules[reported.ruleId] ?? attribute.kind;
    attribute.category = reported.category ?? '';
  }
  if (open !== undefined) {
    attribute.status = 'unjustified';
    delete attribute.justification;
  } else if (attribute.status !== 'justified') {
    attribute.status = 'suppressed';
    attribute.justification = reported.suppression?.justification;
  }
  return attribute;
}

function markSpecAttributes(row: InventoryRow, attributeFindings: Map<string, Finding[]>): void {
  if (row.specFile === undefined) return;
  const specFile = row.specFile;
  row.attributes = row.attributes.filter((attribute) => {
    if (attribute.file !== specFile) return true;
    withFindingStatus(attribute, findingsAbout(attribute, undefined, attributeFindings.get(findingKey(attribute.file, attribute.line))));
    // A spec field that is neither reported, classified nor justified is an ordinary feature, not a sensitive one.
    return attribute.category !== '' || attribute.status !== 'accepted';
  });
}
