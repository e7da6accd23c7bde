import type { Finding, ScanNotice, ScanResult } from '../types.js';
import { countFindings } from './counts.js';
import { stringifyJson } from './escape.js';
import { tool } from './tool.js';

/** Bumped only when a field is removed, renamed or changes meaning; new fields keep the version. */
export const jsonReportVersion = 1;

// Objects are built key by key, never spread from the internal types, so the documented shape and key
// order hold even when the internal types gain fields.
function toJsonFinding(finding: Finding) {
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    messageId: finding.messageId,
    data: finding.data,
    file: finding.file,
    line: finding.line,
    column: finding.column,
    endLine: finding.endLine,
    endColumn: finding.endColumn,
    category: finding.category ?? null,
    related: (finding.related ?? []).map((related) => ({
      file: related.file,
      line: related.line,
      column: related.column ?? null,
      message: related.message,
    })),
    fingerprint: finding.fingerprint,
    suppression:
      finding.suppression === undefined
        ? null
        : {
            kind: finding.suppression.kind,
            justification: finding.suppression.justification,
            file: finding.suppression.file,
            line: finding.suppression.line,
          },
  };
}

function toJsonNotice(notice: ScanNotice) {
  return {
    kind: notice.kind,
    level: notice.level,
    message: notice.message,
    file: notice.file ?? null,
    line: notice.line ?? null,
    column: notice.column ?? null,
  };
}

/** Renders a scan as the versioned JSON document described in the README ("Output formats"). */
export function formatJson(result: ScanResult): string {
  const counts = countFindings(result.findings);
  const report = {
    version: jsonReportVersion,
    tool: { name: tool.name, version: result.toolVersion },
    summary: {
      filesScanned: result.filesScanned,
      filesParsed: result.filesParsed,
      errors: counts.error,
      warnings: counts.warning,
      notes: counts.note,
      suppressed: counts.suppressed,
      notices: result.notices.length,
    },
    rules: result.rules.map((rule) => ({
      id: rule.id,
      severity: rule.severity,
      description: rule.description,
      helpUri: rule.helpUri,
    })),
    findings: result.findings.map(toJsonFinding),
    notices: result.notices.map(toJsonNotice),
  };
  return stringifyJson(report);
}
