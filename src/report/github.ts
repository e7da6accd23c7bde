import type { Finding, ScanNotice, ScanResult, Severity } from '../types.js';
import { countFindings, pluralize } from './counts.js';
import { showInvisibleCharacters } from './escape.js';
import { toRepositoryPath } from './repository-path.js';

/** GitHub shows at most 10 annotations of each level per step and drops the rest silently. */
export const maxAnnotationsPerLevel = 10;

type AnnotationCommand = 'error' | 'warning' | 'notice';
const commandBySeverity: Record<Severity, AnnotationCommand> = { error: 'error', warning: 'warning', note: 'notice' };

interface Annotation {
  command: AnnotationCommand;
  properties: Array<[name: string, value: string | number]>;
  message: string;
  /** The same problem as one plain log line, for annotations over GitHub's limit. */
  logLine: string;
}

// The escaping of @actions/core's command.ts: the runner decodes exactly these sequences. Other control
// characters are made visible so a message cannot recolour or rewrite the log.
function escapeData(text: string): string {
  return showInvisibleCharacters(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function toCommandLine(annotation: Annotation): string {
  const properties = annotation.properties.map(([name, value]) => `${name}=${escapeProperty(String(value))}`);
  return `::${annotation.command} ${properties.join(',')}::${escapeData(annotation.message)}`;
}

/** Plain lines start with our own prefix and hold no line break, so scanned text can never begin a command. */
function toLogLine(text: string): string {
  return `profilint: ${showInvisibleCharacters(text)}`;
}

function annotateFinding(finding: Finding, helpUriById: Map<string, string>): Annotation {
  const file = toRepositoryPath(finding.file);
  const properties: Annotation['properties'] = [
    ['file', file],
    ['line', finding.line],
  ];
  // GitHub rejects columns on annotations that span several lines.
  if (finding.endLine === finding.line) properties.push(['col', finding.column]);
  properties.push(['endLine', Math.max(finding.line, finding.endLine)]);
  if (finding.endLine === finding.line) properties.push(['endColumn', Math.max(finding.column, finding.endColumn)]);
  properties.push(['title', finding.ruleId]);
  const helpUri = helpUriById.get(finding.ruleId);
  const message = helpUri === undefined ? finding.message : `${finding.message} (${helpUri})`;
  return {
    command: commandBySeverity[finding.severity],
    properties,
    message,
    logLine: toLogLine(`${file}:${finding.line}:${finding.column}: ${finding.severity}: ${finding.message} [${finding.ruleId}]`),
  };
}

function annotateNotice(notice: ScanNotice): Annotation {
  const properties: Annotation['properties'] = [];
  let where = '';
  if (notice.file !== undefined) {
    const file = toRepositoryPath(notice.file);
    properties.push(['file', file]);
    where = `${file}: `;
    if (notice.line !== undefined) {
      properties.push(['line', notice.line]);
      where = `${file}:${notice.line}: `;
    }
  }
  properties.push(['title', `profilint ${notice.kind}`]);
  return {
    command: commandBySeverity[notice.level],
    properties,
    message: notice.message,
    logLine: toLogLine(`${where}${notice.level}: ${notice.message} [${notice.kind}]`),
  };
}

/**
 * Renders a scan as GitHub workflow commands: one annotation per reported finding and notice, up to
 * GitHub's per-step limit, then the rest as plain log lines and a summary line. Suppressed findings
 * are only counted.
 */
export function formatGithub(result: ScanResult): string {
  const helpUriById = new Map(result.rules.map((rule) => [rule.id, rule.helpUri]));
  const annotations = [
    ...result.findings.filter((finding) => finding.suppression === undefined).map((finding) => annotateFinding(finding, helpUriById)),
    ...result.notices.map(annotateNotice),
  ];

  const annotationsByCommand: Record<AnnotationCommand, number> = { error: 0, warning: 0, notice: 0 };
  const commandLines: string[] = [];
  const overflowLines: string[] = [];
  for (const annotation of annotations) {
    // One notice slot stays free for the line that says annotations were left out.
    const limit = annotation.command === 'notice' ? maxAnnotationsPerLevel - 1 : maxAnnotationsPerLevel;
    if (annotationsByCommand[annotation.command] < limit) {
      annotationsByCommand[annotation.command] += 1;
      commandLines.push(toCommandLine(annotation));
    } else {
      overflowLines.push(annotation.logLine);
    }
  }
  if (overflowLines.length > 0) {
    commandLines.push(
      toCommandLine({
        command: 'notice',
        properties: [['title', 'profilint']],
        message: `${pluralize(overflowLines.length, 'problem')} not annotated: GitHub shows at most ${maxAnnotationsPerLevel} annotations of each level per step. The log lists them all.`,
        logLine: '',
      }),
    );
  }

  const counts = countFindings(result.findings);
  const summary = toLogLine(
    `${pluralize(counts.error, 'error')}, ${pluralize(counts.warning, 'warning')}, ${pluralize(counts.note, 'note')}` +
      `; ${counts.suppressed} suppressed; ${pluralize(result.notices.length, 'notice')}; ${pluralize(result.filesScanned, 'file')} scanned.`,
  );
  return `${[...commandLines, ...overflowLines, summary].join('\n')}\n`;
}
