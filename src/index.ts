export type {
  Finding,
  ScanNotice,
  Severity,
  RuleLevel,
  ResolvedConfig,
  FileFacts,
  ScanOptions,
  ScanResult,
  RuleDescriptor,
} from './types.js';
export { rules } from './rules/index.js';
export { scan } from './scan.js';
export { ConfigError } from './errors.js';
export { loadConfig, findConfigFile, parseRuleOverride, applyRuleOverrides, configValidatorSource } from './config.js';
export { findGitRoot } from './git.js';
export { hookSnippets, writeStarterConfig, writeStarterFiles } from './init.js';
export { formatReport, isReportFormat, reportFormats, type ReportFormat } from './report/index.js';
export { tool } from './report/tool.js';
// The CLI reaches `profilint report` through this module, so dist/cli.js stays a thin entry.
export { runReportCommand, weeklyReportFromScan } from './weekly/command.js';
export { renderWeeklyMarkdown } from './weekly/markdown.js';
export { loadCatalogs } from './catalogs.js';
export { candidateTestFor } from './prefilter.js';
export { profilingSpecValidatorSource } from './specs/formats/profilint-schema.js';
