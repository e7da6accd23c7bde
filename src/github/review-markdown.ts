import type { Finding, RuleDescriptor, ScanResult, Severity } from '../types.js';
import { escapeMarkdownText } from '../report/escape.js';
import { encodePathForUrl, markdownLink, truncateToBytes } from './markdown.js';
import { countBySeverity, describeCounts, pluralize, rankByImportance } from './reported-findings.js';

/** What the Markdown review describes and where its links point. */
export interface ReviewMarkdownInput {
  result: ScanResult;
  /** Findings reported in this run: unsuppressed, and on changed lines for a pull request. */
  reported: readonly Finding[];
  /** `on lines changed by pull request #12` or `in the repository`. */
  scope: string;
  /** `https://github.com/owner/repo/blob/<sha>/`: finding links append the path and `#L<line>`. */
  blobUrl: string;
  /** How many findings the table lists before summing up the rest. */
  maxListed: number;
  /** Hard size limit in UTF-8 bytes; the text is cut at a row with a note when it would exceed it. */
  byteBudget: number;
  /** Where the reader finds what the table leaves out, e.g. `the check run and the SARIF file`. */
  whereToSeeAll: string;
}

const severityLabel: Record<Severity, string> = { error: '🔴 error', warning: '🟠 warning', note: '🔵 note' };

function ruleTable(reported: readonly Finding[], rules: readonly RuleDescriptor[]): string[] {
  const rows: string[] = [];
  for (const rule of rules) {
    const counts = countBySeverity(reported.filter((finding) => finding.ruleId === rule.id));
    if (counts.error + counts.warning + counts.note === 0) continue;
    rows.push(`| ${markdownLink(rule.id, rule.helpUri)} | ${counts.error} | ${counts.warning} | ${counts.note} |`);
  }
  if (rows.length === 0) return [];
  return ['### By rule', '', '| Rule | Errors | Warnings | Notes |', '| --- | ---: | ---: | ---: |', ...rows, ''];
}

function findingTable(input: ReviewMarkdownInput): string[] {
  const ranked = rankByImportance(input.reported, input.result.rules);
  const listed = ranked.slice(0, input.maxListed);
  if (listed.length === 0) return [];
  const rows = listed.map((finding) => {
    const url = `${input.blobUrl}${encodePathForUrl(finding.file)}#L${finding.line}`;
    const location = markdownLink(`${finding.file}:${finding.line}`, url);
    return `| ${severityLabel[finding.severity]} | ${location} | ${escapeMarkdownText(finding.ruleId)} | ${escapeMarkdownText(finding.message)} |`;
  });
  const heading = listed.length < ranked.length ? `### Top ${listed.length} findings` : '### Findings';
  const rest =
    listed.length < ranked.length
      ? ['', `…and ${pluralize(ranked.length - listed.length, 'more finding')}: see ${input.whereToSeeAll}.`]
      : [];
  return [heading, '', '| Severity | Location | Rule | Message |', '| --- | --- | --- | --- |', ...rows, ...rest, ''];
}

function noticeList(result: ScanResult): string[] {
  if (result.notices.length === 0) return [];
  const items = result.notices.map((notice) => {
    const where =
      notice.file === undefined ? '' : `${escapeMarkdownText(notice.file)}${notice.line === undefined ? '' : `:${notice.line}`}: `;
    return `- ${notice.level}: ${where}${escapeMarkdownText(notice.message)}`;
  });
  return ['### Scan notices', '', ...items, ''];
}

/**
 * The review as GitHub Markdown: a headline with counts, counts by rule linked to each rule's page,
 * the most important findings linked to their lines, and the scan's notices. Everything that came
 * from the scanned repository is escaped; the text never exceeds `byteBudget`.
 */
export function buildReviewMarkdown(input: ReviewMarkdownInput): string {
  const { result, reported } = input;
  const counts = countBySeverity(reported);
  const suppressed = result.findings.filter((finding) => finding.suppression !== undefined).length;
  const headline =
    reported.length === 0
      ? `No findings ${input.scope}.`
      : `**${pluralize(reported.length, 'finding')}** ${input.scope}: ${describeCounts(counts)}.`;
  const lines = [
    '## profilint',
    '',
    headline,
    `Scanned ${pluralize(result.filesScanned, 'file')}; ${pluralize(suppressed, 'finding')} suppressed by directives or the baseline.`,
    '',
    ...ruleTable(reported, result.rules),
    ...findingTable(input),
    ...noticeList(result),
    `<sub>profilint ${escapeMarkdownText(result.toolVersion)}</sub>`,
    '',
  ];
  return truncateToBytes(
    lines.join('\n'),
    input.byteBudget,
    `*This summary was cut to stay within GitHub's size limit: see ${input.whereToSeeAll}.*`,
  );
}
