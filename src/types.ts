import type { CodeFacts } from './extract/code-facts.js';
import type { SpecDocument } from './specs/types.js';

/** How serious a finding is; `off` disables a rule. */
export type Severity = 'error' | 'warning' | 'note';
export type RuleLevel = Severity | 'off';

/** A span in a file, 1-based lines and columns, end exclusive like SARIF regions. */
export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A place in the repository; `file` is POSIX and relative to the repository root. */
export interface Location extends Span {
  file: string;
}

export interface RelatedLocation {
  file: string;
  line: number;
  column?: number;
  message: string;
}

export interface Suppression {
  kind: 'inSource' | 'external';
  justification: string;
  /** Where the directive or baseline entry that suppresses the finding is. */
  file: string;
  line: number;
}

/** One reported problem, as every reporter sees it. */
export interface Finding extends Location {
  ruleId: string;
  severity: Severity;
  messageId: string;
  message: string;
  /** Placeholders the message was rendered from; tests assert on these, not on wording. */
  data: Record<string, string>;
  /** Sensitive category, proxy target, sink kind… whatever groups findings in reports. */
  category?: string;
  related?: RelatedLocation[];
  fingerprint: string;
  suppression?: Suppression;
}

/**
 * Something about the scan that is not a finding: a file that could not be read or parsed,
 * a file skipped for size or content, a capped report. Every reporter shows these.
 */
export interface ScanNotice {
  kind: 'parse-error' | 'unreadable' | 'skipped' | 'config' | 'timeout' | 'capped' | 'stale-baseline' | 'git';
  level: 'error' | 'warning' | 'note';
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

/** An inline `profilint-disable…` comment. */
export interface Directive {
  kind: 'disable-next-line' | 'disable-line' | 'disable' | 'enable';
  /** Rule ids the directive names; empty means every rule. */
  ruleIds: string[];
  /** Text after `--`, trimmed; empty when the author gave no reason. */
  reason: string;
  /** The directive comment itself. */
  span: Span;
  /** Lines the directive covers (inclusive); for `disable` up to the matching `enable` or end of file. */
  fromLine: number;
  toLine: number;
}

/** Everything profilint learned from one file: plain data, safe to send between threads and to cache. */
export interface FileFacts {
  file: string;
  language: 'typescript' | 'javascript' | 'yaml';
  /** SHA-256 of the file's bytes; the cache key and part of the report inventory. */
  hash: string;
  directives: Directive[];
  notices: ScanNotice[];
  /** Present for TypeScript/JavaScript files that passed the prefilter and were parsed. */
  code?: CodeFacts;
  /** Present for YAML files; only documents in a recognised spec format are kept. */
  specs?: SpecDocument[];
}

/** A user's configuration after presets, defaults and validation. */
export interface ResolvedConfig {
  /** Absolute repository root; every `file` in facts and findings is relative to it. */
  root: string;
  /** Absolute path of the config file, when one was read. */
  configFile?: string;
  rules: Record<string, { level: RuleLevel; options: Record<string, unknown> }>;
  include: string[];
  exclude: string[];
  vocabulary: VocabularyExtension;
  /** Globs of files that are profiling code whatever they contain. */
  profilingPaths: string[];
  /** Bytes; larger files are skipped with a notice. */
  maxFileSize: number;
  /** Milliseconds one file's analysis may take before it is reported as skipped. */
  fileTimeout: number;
  /** Days after which a fairness audit without its own `every` is stale. */
  auditMaxAgeDays: number;
}

/** What users add to the built-in catalogs in `vocabulary:`. */
export interface VocabularyExtension {
  /** Extra terms per sensitive category or proxy id, e.g. `{ health: ['bmi_score'] }`. */
  sensitive: Record<string, string[]>;
  proxies: Record<string, string[]>;
  /** Identifiers never to flag, matched as whole identifiers, case-insensitive. */
  ignore: string[];
  /** Names of the user's own functions that are profiling sinks (`scoreCustomer`, `audiences.push`). */
  sinks: string[];
  /** Names of the user's own consent checks (`canProfile`, `privacy.allows`). */
  consent: string[];
  /** Names of the user's own store writes (`profileCache.put`). */
  stores: string[];
}

/** What a caller (CLI, Action, tests) asks `scan()` to do. */
export interface ScanOptions {
  /** Where relative `paths` and `configFile` resolve; the repository root is found from here. */
  cwd: string;
  /** Files or folders, relative to `cwd` or absolute; empty means the whole repository. */
  paths: string[];
  configFile?: string;
  /** Keep only findings on lines added or changed since the merge-base with this git ref. */
  changedSince?: string;
  /** Scan the staged content of staged files. */
  staged?: boolean;
  /** Keep only findings on these lines (repository-relative file → line numbers), e.g. from a pull request's files. */
  changedLines?: Map<string, Set<number>>;
  baselineFile?: string;
  /** Record the current findings here (merged with the entries of files this scan did not read), then apply it. */
  writeBaselineFile?: string;
  ruleOverrides?: Record<string, RuleLevel>;
  /** Worker threads for parsing; default one less than the number of cores, at least one. */
  jobs?: number;
  /** Reuse per-file facts from earlier runs, kept in `cacheLocation` (default node_modules/.cache/profilint under the root). */
  cache?: boolean;
  cacheLocation?: string;
  /** Parse only the code files that can produce a finding (default true). */
  prefilter?: boolean;
  /**
   * Put every scanned file's facts in the result (default true). Reports do not read them; without them, a
   * scan of the whole repository with a cache may repeat the last scan's analysis when nothing it depended on changed.
   */
  includeFacts?: boolean;
  /** Called as files finish, for a progress line. */
  onProgress?: (done: number, total: number) => void;
  /** Clock for audit staleness and report dates. */
  now?: Date;
}

/** A rule as reporters describe it, with the severity in force for this run. */
export interface RuleDescriptor {
  id: string;
  description: string;
  rationale: string;
  defaultSeverity: Severity;
  severity: Severity;
  tags: string[];
  /** Absolute URL of rules/<id>.md at the released tag. */
  helpUri: string;
  /** The rule page's Markdown, for SARIF `help.markdown`. */
  helpMarkdown: string;
}

/** Everything a reporter needs; reporters are pure functions of this. */
export interface ScanResult {
  root: string;
  toolVersion: string;
  /** Sorted by file, line, column, rule; suppressed findings are included with `suppression` set. */
  findings: Finding[];
  notices: ScanNotice[];
  /** Every enabled rule, sorted by id. */
  rules: RuleDescriptor[];
  filesScanned: number;
  filesParsed: number;
  /** The facts of every scanned file, sorted by path, for reports that describe the repository (the weekly inventory); absent when `includeFacts` is false. */
  facts?: FileFacts[];
}
