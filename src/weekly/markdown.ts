import { escapeMarkdownText } from '../report/escape.js';
import type { WeeklyReport } from './report.js';
import { buildFlowGraph, renderMermaid } from './mermaid.js';
import type { SnapshotFinding, TrendPoint } from './snapshot.js';
import {
  countOf,
  countRepeats,
  describeAge,
  describeAttribute,
  describeAudit,
  describeDecision,
  describeRetention,
  describeRowLocation,
  describeSink,
  describeSuppressedRules,
} from './wording.js';

/** GitHub rejects an issue body longer than this many characters. */
export const githubIssueBodyLimit = 65_536;

export interface MarkdownOptions {
  /** Longest text returned; rows are cut (and the full report linked) to stay under it. */
  maxLength?: number;
}

const text = escapeMarkdownText;

/** A URL as a Markdown link target: parentheses and spaces encoded so the link cannot end early. */
function linkTarget(url: string): string {
  return encodeURI(url).replace(/[()]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}

// Row caps tried in turn until the report fits: first everything, then fewer rows per table.
const rowCaps = [Number.POSITIVE_INFINITY, 200, 100, 50, 25, 10, 5, 0];
const cellItems = 6;

function cell(items: string[], empty: string): string {
  if (items.length === 0) return text(empty);
  const shown = items.slice(0, cellItems).map(text);
  if (items.length > cellItems) shown.push(text(`+${items.length - cellItems} more`));
  return shown.join('<br>');
}

function table(header: string[], rows: string[][]): string[] {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)];
}

function signed(count: number, sign: '+' | '−'): string {
  return count === 0 ? '0' : `${sign}${count}`;
}

function cutNote(shown: number, total: number, what: string, url: string | undefined): string[] {
  if (shown >= total) return [];
  const where = url === undefined ? 'the full report (HTML artifact)' : `[the full report](${linkTarget(url)})`;
  return ['', `_${total - shown} more ${what} are in ${where}._`];
}

function bar(value: number, max: number): string {
  const width = max === 0 ? 0 : Math.round((value / max) * 20);
  return '█'.repeat(width) || (value > 0 ? '▏' : '');
}

function trendLines(history: TrendPoint[]): string[] {
  if (history.length === 0) return [];
  const max = Math.max(...history.map((point) => point.open));
  return table(
    ['Week of', 'Open', 'Errors', 'Warnings', 'Notes', 'Suppressed', ''],
    history.map((point) => [
      point.date,
      String(point.open),
      String(point.error),
      String(point.warning),
      String(point.note),
      String(point.suppressed),
      bar(point.open, max),
    ]),
  );
}

function headline(report: WeeklyReport): string[] {
  const { totals } = report;
  const lines = [
    `# profilint weekly report: ${text(report.repositoryName)}`,
    '',
    `${report.generatedAt.slice(0, 10)} · profilint ${text(report.toolVersion)} · ${countOf(report.filesScanned, 'file')} scanned`,
    '',
    `**${countOf(totals.open, 'open finding')}**: ${countOf(totals.error, 'error')}, ${countOf(totals.warning, 'warning')}, ${countOf(totals.note, 'note')}; ${totals.suppressed} suppressed.`,
  ];
  if (report.change !== undefined) {
    lines.push(
      '',
      `Since the previous report (${text(report.change.previousDate)}): **${report.change.added.length} new**, **${report.change.fixed.length} fixed**, ${report.change.unchanged} unchanged.`,
    );
  } else if (report.previousNote !== undefined) {
    lines.push('', `_No comparison with a previous report: ${text(report.previousNote)}_`);
  }
  return lines;
}

function renderWithCap(report: WeeklyReport, cap: number): string {
  const url = report.fullReportUrl;
  const lines = headline(report);
  if (url !== undefined) lines.push('', `Full report: [${text(url)}](${linkTarget(url)})`);

  lines.push('', '## Findings by rule', '');
  lines.push(
    ...table(
      ['Rule', 'Errors', 'Warnings', 'Notes', 'Suppressed', 'New', 'Fixed'],
      report.byRule.map((count) => [
        text(count.ruleId),
        String(count.error),
        String(count.warning),
        String(count.note),
        String(count.suppressed),
        signed(count.added, '+'),
        signed(count.fixed, '−'),
      ]),
    ),
  );

  if (report.change !== undefined && (report.change.added.length > 0 || report.change.fixed.length > 0)) {
    const changes: [string, SnapshotFinding][] = [
      ...report.change.added.map((finding): [string, SnapshotFinding] => ['new', finding]),
      ...report.change.fixed.map((finding): [string, SnapshotFinding] => ['fixed', finding]),
    ];
    const shown = changes.slice(0, cap);
    lines.push('', '### New and fixed since the previous report', '');
    if (shown.length > 0) {
      lines.push(
        ...table(
          ['Change', 'Rule', 'Severity', 'Location'],
          shown.map(([change, finding]) => [change, text(finding.ruleId), finding.severity, text(`${finding.file}:${finding.line}`)]),
        ),
      );
    }
    lines.push(...cutNote(shown.length, changes.length, 'new or fixed findings', url));
  }

  lines.push('', '## Trend', '');
  lines.push(...trendLines(report.history));

  lines.push('', '## Profiling inventory', '');
  if (report.inventory.length === 0) {
    lines.push('No profiling pipeline found: no profiling spec, no `@profiling` tag and no profiling sink.');
  } else {
    const shown = report.inventory.slice(0, cap);
    if (shown.length > 0) {
      lines.push(
        ...table(
          ['Pipeline', 'Owner', 'Purpose', 'Lawful basis', 'Sensitive attributes and proxies', 'Sinks and consent', 'Retention', 'Automated decision', 'Bias audit', 'Open findings'],
          shown.map((row) => [
            `**${text(row.name)}**<br>${text(describeRowLocation(row))}${row.missingSpec ? '<br>' + text('no spec found for this @profiling tag') : ''}`,
            text(row.owner ?? (row.origin === 'spec' ? 'missing' : 'no spec')),
            text(row.purpose ?? (row.origin === 'spec' ? 'missing' : 'no spec')),
            text(row.lawfulBasis ?? (row.origin === 'spec' ? 'missing' : 'no spec')),
            cell(countRepeats(row.attributes.map(describeAttribute)), 'none'),
            cell(countRepeats(row.sinks.map(describeSink)), 'none'),
            text(describeRetention(row)),
            text(describeDecision(row)),
            text(describeAudit(row.audit)),
            String(row.openFindings),
          ]),
        ),
      );
    }
    lines.push(...cutNote(shown.length, report.inventory.length, 'pipelines', url));
  }

  if (cap > 0) {
    const graph = buildFlowGraph(report.inventory, { pipelines: Math.min(25, cap), attributes: Math.min(20, cap), sinks: Math.min(20, cap) });
    if (graph.nodes.length > 0) {
      lines.push('', '## Data flow', '', 'Sensitive attributes and proxies → pipelines → sinks. Dotted edges are behind a consent check; thick ones are not.', '');
      lines.push('```mermaid', renderMermaid(graph), '```');
      for (const note of graph.notes) lines.push('', `_${text(note)}_`);
    }
  }

  lines.push('', '## Suppressions', '');
  if (report.suppressions.length === 0) {
    lines.push('No suppression directive or baseline entry.');
  } else {
    const shown = report.suppressions.slice(0, cap);
    if (shown.length > 0) {
      lines.push(
        ...table(
          ['Location', 'Rules', 'Reason', 'Suppresses', 'Age'],
          shown.map((entry) => [
            text(`${entry.file}:${entry.line}`) + (entry.kind === 'baseline' ? ' (baseline)' : ''),
            text(describeSuppressedRules(entry)),
            entry.kind === 'baseline' ? 'baseline' : entry.reason === '' ? '**no reason: suppresses nothing**' : text(entry.reason),
            String(entry.suppressedCount),
            text(describeAge(entry)),
          ]),
        ),
      );
    }
    lines.push(...cutNote(shown.length, report.suppressions.length, 'suppressions', url));
  }
  if (report.staleBaseline.length > 0) {
    lines.push('', '### Stale baseline entries', '');
    const shown = report.staleBaseline.slice(0, cap);
    for (const notice of shown) lines.push(`- ${text(notice.file === undefined ? notice.message : `${notice.file}: ${notice.message}`)}`);
    lines.push(...cutNote(shown.length, report.staleBaseline.length, 'stale baseline entries', url));
  }

  lines.push('', '## Bias audits due', '');
  if (report.audits.length === 0) {
    lines.push('No fairness audit is stale or due within 30 days.');
  } else {
    const shown = report.audits.slice(0, cap);
    if (shown.length > 0) {
      lines.push(
        ...table(
          ['Pipeline', 'Spec', 'Last run', 'Status', 'Report'],
          shown.map((audit) => [
            text(audit.pipeline),
            text(`${audit.specFile}:${audit.specLine}`),
            text(audit.assessment.lastRun ?? 'never'),
            text(describeAudit(audit.assessment)),
            text(audit.assessment.report ?? 'none'),
          ]),
        ),
      );
    }
    lines.push(...cutNote(shown.length, report.audits.length, 'audits', url));
  }

  if (report.notices.length > 0) {
    lines.push('', '## Scan notices', '');
    const shown = report.notices.slice(0, cap);
    for (const notice of shown) {
      const where = notice.file === undefined ? '' : `${notice.file}${notice.line === undefined ? '' : `:${notice.line}`}: `;
      lines.push(`- ${notice.level}: ${text(where + notice.message)}`);
    }
    lines.push(...cutNote(shown.length, report.notices.length, 'notices', url));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The weekly report as GitHub Markdown, short enough for an issue body: when everything does not fit,
 * tables keep their first rows and say how many more are in the full report.
 */
export function renderWeeklyMarkdown(report: WeeklyReport, options: MarkdownOptions = {}): string {
  const maxLength = options.maxLength ?? githubIssueBodyLimit;
  for (const cap of rowCaps) {
    const markdown = renderWithCap(report, cap);
    if (markdown.length <= maxLength) return markdown;
  }
  const where = report.fullReportUrl === undefined ? 'the full report (HTML artifact)' : `[the full report](${linkTarget(report.fullReportUrl)})`;
  const summary = `${headline(report).join('\n')}\n\nThe details do not fit here; see ${where}.\n`;
  return summary.length <= maxLength ? summary : summary.slice(0, maxLength);
}
