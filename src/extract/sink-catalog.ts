import type { VocabularyExtension } from '../types.js';
import { tokenize } from '../vocabulary.js';
import { readCatalogFile } from '../catalog-files.js';

// The sink catalog on its own, free of the TypeScript compiler, so loading it costs a scan nothing
// when no file needs parsing.

export type SinkKind =
  | 'ml-inference'
  | 'ml-training'
  | 'llm'
  | 'scoring'
  | 'segmentation'
  | 'targeting'
  | 'ads'
  | 'analytics'
  | 'cdp'
  | 'feature-store'
  | 'user-defined';

/** One compiled entry of rules/catalog/sinks.yaml (or a user's sink). */
export interface SinkEntry {
  id: string;
  kind: SinkKind;
  purpose: string;
  thirdParty: boolean;
  vendor: string;
  calls: SegmentPattern[][];
  firstArg?: string[];
  firstArgNot?: string[];
  constructs: string[];
  names: string[][];
  hosts: HostPattern[];
}

/** The sink catalog (rules/catalog/sinks.yaml) with the user's own sinks added. */
export interface SinkCatalog {
  entries: SinkEntry[];
  /** Callee patterns of HTTP clients, for the `hosts` entries. */
  httpClients: SegmentPattern[][];
  /** Tokens that keep a function name from matching `names` entries (`shipping`, `tax`). */
  nameExclusions: Set<string>;
}

interface SinkCatalogFile {
  httpClients?: string[];
  nameExclusions?: string[];
  sinks: Array<{
    id: string;
    kind: SinkKind;
    purpose: string;
    vendor?: string;
    thirdParty?: boolean;
    calls?: string[];
    firstArg?: string[];
    firstArgNot?: string[];
    constructs?: string[];
    names?: string[];
    hosts?: string[];
  }>;
}

function compileSegment(segment: string): RegExp {
  const escaped = segment.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i');
}

/** A segment pattern, or `**` for any number of segments (a builder chain: `UserData().**.setGender`). */
export type SegmentPattern = RegExp | 'any-segments';

/** `getUser().setGender` → one pattern per dot-separated segment (dots inside `()` never occur in patterns). */
function compileCallPattern(pattern: string): SegmentPattern[] {
  return pattern.split('.').map((segment) => (segment === '**' ? 'any-segments' : compileSegment(segment)));
}

/** Loads rules/catalog/sinks.yaml and adds the user's `vocabulary.sinks` as profiling sinks. */
export function loadSinkCatalog(extension: VocabularyExtension): SinkCatalog {
  const file = readCatalogFile<SinkCatalogFile>('sinks.yaml');
  const entries: SinkEntry[] = file.sinks.map((sink) => ({
    id: sink.id,
    kind: sink.kind,
    purpose: sink.purpose,
    thirdParty: sink.thirdParty ?? false,
    vendor: sink.vendor ?? sink.id,
    calls: (sink.calls ?? []).map(compileCallPattern),
    ...(sink.firstArg === undefined ? {} : { firstArg: sink.firstArg }),
    ...(sink.firstArgNot === undefined ? {} : { firstArgNot: sink.firstArgNot }),
    constructs: sink.constructs ?? [],
    names: (sink.names ?? []).map((name) => tokenize(name)),
    hosts: (sink.hosts ?? []).map(compileHostPattern),
  }));
  // The user's sinks come first: a name they declare wins over a catalog guess.
  const userEntries: SinkEntry[] = (extension.sinks ?? []).map((name) => ({
    id: `user:${name}`,
    kind: 'user-defined',
    purpose: 'profiling',
    thirdParty: false,
    vendor: name,
    calls: [compileCallPattern(name)],
    constructs: [],
    names: [],
    hosts: [],
  }));
  return {
    entries: [...userEntries, ...entries],
    httpClients: (file.httpClients ?? []).map(compileCallPattern),
    nameExclusions: new Set((file.nameExclusions ?? []).flatMap((word) => tokenize(word))),
  };
}

/** A known host, optionally only under a path glob: `graph.facebook.com/**\/events`. */
export interface HostPattern {
  host: string;
  path?: RegExp;
}

function compileHostPattern(text: string): HostPattern {
  const slash = text.indexOf('/');
  if (slash < 0) return { host: text.toLowerCase() };
  const glob = text
    .slice(slash + 1)
    .split('/')
    .map((segment) => (segment === '**' ? '.*' : segment.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')))
    .join('/');
  return { host: text.slice(0, slash).toLowerCase(), path: new RegExp(`^/${glob}/?$`, 'i') };
}

