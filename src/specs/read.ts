import { isMap, LineCounter, parseAllDocuments, type Document, type Node, type YAMLError } from 'yaml';
import type { ScanNotice } from '../types.js';
import type { SpecDocument, SpecFormat } from './types.js';
import { maxAliasCount, spanOf, type YamlSource } from './yaml-source.js';
import type { FormatReading } from './formats/format-reading.js';
import { isProfilingSpec, readProfilingSpec } from './formats/profilint.js';
import { isDbtProperties, readDbtProperties } from './formats/dbt.js';
import { isOpenDataContract, readOpenDataContract } from './formats/odcs.js';
import { isDataContractSpecification, readDataContractSpecification } from './formats/dcs.js';
import { isFidesManifest, readFidesManifest } from './formats/fides.js';

export interface SpecReadResult {
  specs: SpecDocument[];
  notices: ScanNotice[];
}

interface SpecFormatReader {
  format: SpecFormat;
  detects(source: YamlSource, root: Node): boolean;
  read(source: YamlSource, root: Node): FormatReading;
}

// Most specific first: a data contract may also have a `models` key.
const readers: SpecFormatReader[] = [
  { format: 'profilint', detects: isProfilingSpec, read: readProfilingSpec },
  { format: 'odcs', detects: isOpenDataContract, read: readOpenDataContract },
  { format: 'dcs', detects: isDataContractSpecification, read: readDataContractSpecification },
  { format: 'fides', detects: isFidesManifest, read: readFidesManifest },
  { format: 'dbt', detects: isDbtProperties, read: readDbtProperties },
];

// A document can only be a spec when one of the formats' signature keys appears in it; everything else
// (workflows, manifests, compose files) is never parsed, which keeps large repositories cheap.
const specSignature =
  /^(?:-[ \t]+)?(?:profilint|dataContractSpecification|models|sources|seeds|snapshots|groups)\s*:|^\s*kind\s*:\s*["']?DataContract\b|\bfides_key\s*:/m;

/** Parses a YAML file and keeps the documents in a recognised spec format; other YAML yields nothing. */
export function readSpecs(file: string, text: string): SpecReadResult {
  const content = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (!specSignature.test(content)) return { specs: [], notices: [] };
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(content, { lineCounter, uniqueKeys: true, prettyErrors: true });
  const result: SpecReadResult = { specs: [], notices: [] };
  if (!Array.isArray(documents)) return result;

  documents.forEach((document, documentIndex) => {
    const source: YamlSource = { document, lineCounter };
    const [start, , end] = document.range;
    const documentText = content.slice(start, end);
    if (!specSignature.test(documentText)) return;

    // A duplicate key is what dbt and PyYAML read without complaint (the last value wins): warn, and read on.
    const error = document.errors.find((candidate) => candidate.code !== 'DUPLICATE_KEY');
    if (error !== undefined) {
      result.notices.push(yamlErrorNotice(file, error, 'error', 'Fix it so profilint can read this spec.'));
      return;
    }
    for (const duplicate of document.errors) {
      const advice = 'profilint reads the last value, as dbt and PyYAML do; remove the other.';
      result.notices.push(yamlErrorNotice(file, duplicate, 'warning', advice));
    }
    const root = document.contents;
    if (!isMap(root) || root.items.length === 0) {
      result.notices.push({
        kind: 'parse-error',
        level: 'error',
        file,
        line: root === null ? undefined : spanOf(source, root).line,
        message: 'This YAML document looks like a spec but its top level is not a mapping of keys; profilint skipped it.',
      });
      return;
    }
    // Only documents with anchors (`&name`) or aliases (`*name`) can fail to expand; most specs have neither.
    const aliasProblem = /[&*]/.test(documentText) ? findAliasProblem(document) : undefined;
    if (aliasProblem !== undefined) {
      result.notices.push({ kind: 'parse-error', level: 'error', file, line: spanOf(source, root).line, message: aliasProblem });
      return;
    }

    const reader = readers.find((candidate) => candidate.detects(source, root));
    if (reader === undefined) return;
    const reading = reader.read(source, root);
    for (const problem of reading.problems ?? []) {
      result.notices.push({
        kind: 'parse-error',
        level: 'warning',
        file,
        line: problem.span.line,
        column: problem.span.column,
        message: problem.message,
      });
    }
    const firstKey = spanOf(source, root.items[0]!.key as Node);
    result.specs.push({
      format: reader.format,
      documentIndex,
      firstKey,
      ...(reading.pipeline === undefined ? {} : { pipeline: reading.pipeline }),
      ...(reading.codePaths === undefined ? {} : { codePaths: reading.codePaths }),
      subjects: reading.subjects,
      ...(reading.groupOwners === undefined ? {} : { groupOwners: reading.groupOwners }),
    });
  });
  return result;
}

function yamlErrorNotice(file: string, error: YAMLError, level: 'error' | 'warning', advice: string): ScanNotice {
  const position = error.linePos?.[0];
  return {
    kind: 'parse-error',
    level,
    file,
    line: position?.line,
    column: position?.col,
    message: `Invalid YAML: ${describeYamlError(error.message)}. ${advice}`,
  };
}

// The `yaml` package's messages end with `at line L, column C:` and a code frame; the notice has its own position.
function describeYamlError(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').replace(/\.$/, '');
}

/** Why the document's aliases cannot be expanded: an alias bomb, or an alias to no anchor; undefined when they can. */
function findAliasProblem(document: Document.Parsed): string | undefined {
  try {
    document.toJS({ maxAliasCount });
    return undefined;
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    if (/excessive alias count/i.test(error.message)) {
      return `This YAML document expands more than ${maxAliasCount} aliases; profilint skipped it as a possible alias bomb.`;
    }
    return `Invalid YAML: ${describeYamlError(error.message)}. Fix it so profilint can read this spec.`;
  }
}
