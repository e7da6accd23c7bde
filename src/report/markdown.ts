import type { Finding, ScanResult } from '../types.js';
import { countFindings, countFindingsByRule, pluralize } from './counts.js';
import { escapeMarkdownText } from './escape.js';

/**
 * Characters the finding tables may take. A pull-request comment holds at most 65,536; the rest of the
 * report and the Action's own framing need the remainder.
 */
export const markdownTableBudget = 50_000;

function toTableRow(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** Adds rows while the table fits the budget; returns the table lines and how many rows were left out. */
function buildTable(header: string[], alignment: string[], rows: string[][], budget: number): { lines: string[]; omitted: number } {
  const lines = [toTableRow(header), toTableRow(alignment)];
  let used = lines.join('\n').length;
  let included = 0;
  for (const row of rows) {
    const line = toTableRow(row);
    if (used + line.length + 1 > budget) break;
    lines.push(line);
    used += line.length + 1;
    included += 1;
  }
  return { lines, omitted: rows.length - included };
}

function toLocation(file: string, line: number | undefined): string {
  return escapeMarkdownText(line === undefined ? file : `${file}:${line}`);
}

function describeOmitted(omitted: number, what: string): string[] {
  return omitted === 0 ? [] : ['', `_${pluralize(omitted, what)} not shown here; \`--format json\` or \`--format sarif\` lists every one._`];
}

/**
 * Renders a scan as GitHub-flavoured Markdown for a pull-request comment or job summary: counts by rule
 * and severity, then tables of findings and notices, with suppressed findings folded away.
 * Every piece of text that came from scanned files is escaped, so it cannot inject Markdown or HTML.
 */
export function formatMarkdown(result: ScanResult): string {
  const counts = countFindings(result.findings);
  const problems = counts.error + counts.warning + counts.note;
  const headline =
    problems === 0
      ? '**No problems found**'
      : `**${pluralize(problems, 'problem')}**: ${pluralize(counts.error, 'error')}, ${pluralize(counts.warning, 'warning')}, ${pluralize(counts.note, 'note')}`;
  const output = [
    '## profilint',
    '',
    `${headline} in ${pluralize(result.filesScanned, 'file')} · ${counts.suppressed} suppressed · ${pluralize(result.notices.length, 'notice')}`,
  ];

  const helpUriById = new Map(result.rules.map((rule) => [rule.id, rule.helpUri]));
  const countsByRule = countFindingsByRule(result.findings);
  if (countsByRule.size > 0) {
    output.push('', toTableRow(['Rule', 'Errors', 'Warnings', 'Notes', 'Suppressed']), toTableRow(['---', '---:', '---:', '---:', '---:']));
    for (const [ruleId, ruleCounts] of countsByRule) {
      const helpUri = helpUriById.get(ruleId);
      const rule = helpUri === undefined ? escapeMarkdownText(ruleId) : `[${escapeMarkdownText(ruleId)}](${helpUri})`;
      output.push(toTableRow([rule, ...[ruleCounts.error, ruleCounts.warning, ruleCounts.note, ruleCounts.suppressed].map(String)]));
    }
  }

  const reported = result.findings.filter((finding) => finding.suppression === undefined);
  let budget = markdownTableBudget;
  if (reported.length > 0) {
    const table = buildTable(
      ['Severity', 'Location', 'Rule', 'Message'],
      ['---', '---', '---', '---'],
      reported.map((finding) => [
        finding.severity,
        toLocation(finding.file, finding.line),
        escapeMarkdownText(finding.ruleId),
        escapeMarkdownText(finding.message),
      ]),
      budget,
    );
    budget -= table.lines.join('\n').length;
    output.push('', '### Findings', '', ...table.lines, ...describeOmitted(table.omitted, 'finding'));
  }

  if (result.notices.length > 0) {
    const table = buildTable(
      ['Level', 'Location', 'Kind', 'Notice'],
      ['---', '---', '---', '---'],
      result.notices.map((notice) => [
        notice.level,
        notice.file === undefined ? '' : toLocation(notice.file, notice.line),
        notice.kind,
        escapeMarkdownText(notice.message),
      ]),
      budget,
    );
    budget -= table.lines.join('\n').length;
    output.push('', '### Notices', '', ...table.lines, ...describeOmitted(table.omitted, 'notice'));
  }

  const suppressed = result.findings.filter((finding): finding is Finding & Required<Pick<Finding, 'suppression'>> => finding.suppression !== undefined);
  if (suppressed.length > 0) {
    const table = buildTable(
      ['Location', 'Rule', 'Message', 'Reason'],
      ['---', '---', '---', '---'],
      suppressed.map((finding) => [
        toLocation(finding.file, finding.line),
        escapeMarkdownText(finding.ruleId),
        escapeMarkdownText(finding.message),
        escapeMarkdownText(
          finding.suppression.kind === 'external' ? `baseline: ${finding.suppression.justification}` : finding.suppression.justification,
        ),
      ]),
      budget,
    );
    output.push(
      '',
      `<details><summary>${pluralize(suppressed.length, 'suppressed finding')}</summary>`,
      '',
      ...table.lines,
      ...describeOmitted(table.omitted, 'suppressed finding'),
      '',
      '</details>',
    );
  }
  return `${output.join('\n')}\n`;
}
