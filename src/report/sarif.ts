import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { Finding, RuleDescriptor, ScanNotice, ScanResult, Severity, Span } from '../types.js';
import { stringifyJson } from './escape.js';
import { toRepositoryPath } from './repository-path.js';
import { tool } from './tool.js';

/** GitHub code scanning keeps only 5,000 results per run; beyond that it chooses which to drop. */
export const maxSarifResults = 5000;

const sourceRoot = '%SRCROOT%';
const fingerprintKey = 'profilint/v1';
const severityRank: Record<Severity, number> = { error: 0, warning: 1, note: 2 };
const problemSeverity: Record<Severity, string> = { error: 'error', warning: 'warning', note: 'recommendation' };

function toUri(file: string): string {
  return toRepositoryPath(file).split('/').map(encodeURIComponent).join('/');
}

function toArtifactLocation(file: string): Sarif.ArtifactLocation {
  return { uri: toUri(file), uriBaseId: sourceRoot };
}

/** SARIF rejects positions below 1 and ends before starts; a malformed finding must not invalidate the log. */
function toRegion(span: Span): Sarif.Region {
  const startLine = Math.max(1, span.line);
  const startColumn = Math.max(1, span.column);
  const endLine = Math.max(startLine, span.endLine);
  const endColumn = endLine === startLine ? Math.max(startColumn, span.endColumn) : Math.max(1, span.endColumn);
  return { startLine, startColumn, endLine, endColumn };
}

/** GitHub rejects rule descriptions that are empty or longer than 1,024 characters. */
function toDescription(text: string, fallback: string): Sarif.MultiformatMessageString {
  const description = text.trim() === '' ? fallback : text;
  return { text: description.length <= 1024 ? description : `${description.slice(0, 1023)}…` };
}

function toRuleName(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_match, _dash: string, letter: string) => letter.toUpperCase());
}

function toReportingDescriptor(rule: RuleDescriptor): Sarif.ReportingDescriptor {
  return {
    id: rule.id,
    name: toRuleName(rule.id),
    shortDescription: toDescription(rule.description, rule.id),
    fullDescription: toDescription(rule.rationale, rule.description),
    helpUri: rule.helpUri,
    help: {
      text: `${rule.description}. ${rule.rationale} Documentation: ${rule.helpUri}`,
      markdown: rule.helpMarkdown,
    },
    defaultConfiguration: { level: rule.defaultSeverity },
    properties: {
      tags: [...new Set(['privacy', ...rule.tags])],
      'problem.severity': problemSeverity[rule.severity],
    },
  };
}

function toResult(finding: Finding, ruleIndexById: Map<string, number>): Sarif.Result {
  const ruleIndex = ruleIndexById.get(finding.ruleId);
  const result: Sarif.Result = {
    ruleId: finding.ruleId,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level: finding.severity,
    // GitHub rejects a result without message text.
    message: { text: finding.message === '' ? finding.ruleId : finding.message },
    locations: [{ physicalLocation: { artifactLocation: toArtifactLocation(finding.file), region: toRegion(finding) } }],
    partialFingerprints: { [fingerprintKey]: finding.fingerprint },
  };
  if (finding.related !== undefined && finding.related.length > 0) {
    result.relatedLocations = finding.related.map((related, index) => {
      const region: Sarif.Region = { startLine: Math.max(1, related.line) };
      if (related.column !== undefined) region.startColumn = Math.max(1, related.column);
      return {
        id: index + 1,
        physicalLocation: { artifactLocation: toArtifactLocation(related.file), region },
        message: { text: related.message },
      };
    });
  }
  if (finding.suppression !== undefined) {
    result.suppressions = [{ kind: finding.suppression.kind, justification: finding.suppression.justification }];
  }
  if (finding.category !== undefined) result.properties = { category: finding.category };
  return result;
}

function toNotification(notice: ScanNotice): Sarif.Notification {
  const notification: Sarif.Notification = {
    descriptor: { id: notice.kind },
    level: notice.level,
    message: { text: notice.message },
  };
  if (notice.file !== undefined) {
    const physicalLocation: Sarif.PhysicalLocation = { artifactLocation: toArtifactLocation(notice.file) };
    if (notice.line !== undefined) {
      physicalLocation.region = { startLine: Math.max(1, notice.line) };
      if (notice.column !== undefined) physicalLocation.region.startColumn = Math.max(1, notice.column);
    }
    notification.locations = [{ physicalLocation }];
  }
  return notification;
}

/**
 * Keeps the findings GitHub would keep: unsuppressed before suppressed, then by severity, in the
 * original (sorted) order within each group, and returns them in the original order.
 */
function capFindings(findings: Finding[]): Finding[] {
  if (findings.length <= maxSarifResults) return findings;
  const rank = (finding: Finding): number => (finding.suppression === undefined ? 0 : 3) + severityRank[finding.severity];
  const kept = new Set(
    findings
      .map((finding, index) => ({ finding, index }))
      .sort((a, b) => rank(a.finding) - rank(b.finding) || a.index - b.index)
      .slice(0, maxSarifResults)
      .map(({ finding }) => finding),
  );
  return findings.filter((finding) => kept.has(finding));
}

/** Renders a scan as a SARIF 2.1.0 log with one run, as GitHub code scanning accepts it. */
export function formatSarif(result: ScanResult): string {
  const ruleIndexById = new Map(result.rules.map((rule, index) => [rule.id, index]));
  const findings = capFindings(result.findings);
  const notifications = result.notices.map(toNotification);
  if (findings.length < result.findings.length) {
    notifications.push({
      descriptor: { id: 'capped' },
      level: 'warning',
      message: {
        text: `Only ${findings.length} of ${result.findings.length} results are included, errors first: GitHub code scanning keeps at most ${maxSarifResults} per run. Use --format json for every finding.`,
      },
    });
  }

  const invocation: Sarif.Invocation = {
    // The scan ran to the end; unreadable or unparseable files are reported as notifications instead.
    executionSuccessful: true,
  };
  const overrides = result.rules.flatMap((rule, index): Sarif.ConfigurationOverride[] =>
    rule.severity === rule.defaultSeverity
      ? []
      : [{ descriptor: { id: rule.id, index }, configuration: { level: rule.severity } }],
  );
  if (overrides.length > 0) invocation.ruleConfigurationOverrides = overrides;
  if (notifications.length > 0) invocation.toolExecutionNotifications = notifications;

  const run: Sarif.Run = {
    tool: {
      driver: {
        name: tool.name,
        version: result.toolVersion,
        semanticVersion: result.toolVersion,
        informationUri: tool.informationUri,
        rules: result.rules.map(toReportingDescriptor),
      },
    },
    invocations: [invocation],
    columnKind: 'utf16CodeUnits',
    results: findings.map((finding) => toResult(finding, ruleIndexById)),
  };
  if (result.root !== '') {
    const rootUri = pathToFileURL(result.root).href;
    run.originalUriBaseIds = { [sourceRoot]: { uri: rootUri.endsWith('/') ? rootUri : `${rootUri}/` } };
  }

  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [run],
  };
  return stringifyJson(log);
}
