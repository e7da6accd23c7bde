import type { ScanResult } from '../types.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';

/** Every output format, in the order `--help` lists them; the first is the default. */
export const reportFormats = ['stylish', 'json', 'sarif', 'github', 'markdown'] as const;

/** A value of `--format`. */
export type ReportFormat = (typeof reportFormats)[number];

/** Options that only some formats use; the others ignore them. */
export interface ReportOptions {
  /** ANSI colours in `stylish`; set it only when writing to a terminal. */
  color: boolean;
}

/** True when `value` names an output format, for validating `--format` and the Action's input. */
export function isReportFormat(value: string): value is ReportFormat {
  return (reportFormats as readonly string[]).includes(value);
}

/** Renders a scan in one output format; pure, so two runs over the same result give identical bytes. */
export function formatReport(format: ReportFormat, result: ScanResult, options: ReportOptions): string {
  switch (format) {
    case 'stylish':
      return formatStylish(result, options);
    case 'json':
      return formatJson(result);
    case 'sarif':
      return formatSarif(result);
    case 'github':
      return formatGithub(result);
    case 'markdown':
      return formatMarkdown(result);
  }
}
