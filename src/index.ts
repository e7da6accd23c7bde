export type { Finding, ScanNotice, Severity, ResolvedConfig, FileFacts } from './types.js';
export { rules } from './rules/index.js';
