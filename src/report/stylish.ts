import type { ScanResult } from '../types.js';
import { countFindings, pluralize } from './counts.js';
import { showInvisibleCharacters } from './escape.js';

type Style = 'bold' | 'dim' | 'underline' | 'red' | 'yellow' | 'blue' | 'green';
const ansiCodes: Record<Style, [open: number, close: number]> = {
  bold: [1, 22],
  dim: [2, 22],
  underline: [4, 24],
  red: [31, 39],
  yellow: [33, 39],
  blue: [34, 39],
  green: [32, 39],
};
const styleByLevel = { error: 'red', warning: 'yellow', note: 'blue' } as const;

/** One line under a file heading: a finding, or a notice in the rule column's place. */
interface Row {
  line: number;
  position: string;
  level: 'error' | 'warning' | 'note';
  message: string;
  source: string;
}

// Notices without a file (a git or config problem) are listed under this heading, after every file.
const scanHeading = '(scan)';

function groupRows(result: ScanResult): Map<string, Row[]> {
  const rowsByFile = new Map<string, Row[]>();
  const addRow = (file: string, row: Row): void => {
    const rows = rowsByFile.get(file);
    if (rows === undefined) rowsByFile.set(file, [row]);
    else rows.push(row);
  };
  for (const notice of result.notices) {
    const position = notice.line === undefined ? '-' : `${notice.line}:${notice.column ?? 1}`;
    const row: Row = { line: notice.line ?? 0, position, level: notice.level, message: notice.message, source: notice.kind };
    addRow(notice.file ?? scanHeading, row);
  }
  for (const finding of result.findings) {
    if (finding.suppression !== undefined) continue;
    addRow(finding.file, {
      line: finding.line,
      position: `${finding.line}:${finding.column}`,
      level: finding.severity,
      message: finding.message,
      source: finding.ruleId,
    });
  }
  const files = [...rowsByFile.keys()].filter((file) => file !== scanHeading).sort();
  if (rowsByFile.has(scanHeading)) files.push(scanHeading);
  // Findings arrive sorted; a stable sort by line slots each file's notices in among them.
  return new Map(files.map((file) => [file, [...(rowsByFile.get(file) ?? [])].sort((a, b) => a.line - b.line)]));
}

/** Renders a scan like ESLint's stylish formatter: problems grouped by file, then one summary line. */
export function formatStylish(result: ScanResult, options: { color: boolean }): string {
  const paint = (text: string, ...styles: Style[]): string =>
    options.color ? styles.reduce((painted, style) => `\u001b[${ansiCodes[style][0]}m${painted}\u001b[${ansiCodes[style][1]}m`, text) : text;

  const output: string[] = [];
  for (const [file, rows] of groupRows(result)) {
    const cells = rows.map((row) => ({
      ...row,
      message: showInvisibleCharacters(row.message),
      source: showInvisibleCharacters(row.source),
    }));
    const positionWidth = Math.max(...cells.map((cell) => cell.position.length));
    const levelWidth = Math.max(...cells.map((cell) => cell.level.length));
    const messageWidth = Math.max(...cells.map((cell) => cell.message.length));
    output.push(paint(showInvisibleCharacters(file), 'underline'));
    for (const cell of cells) {
      output.push(
        `  ${paint(cell.position.padEnd(positionWidth), 'dim')}  ${paint(cell.level.padEnd(levelWidth), styleByLevel[cell.level])}  ` +
          `${cell.message.padEnd(messageWidth)}  ${paint(cell.source, 'dim')}`,
      );
    }
    output.push('');
  }

  const counts = countFindings(result.findings);
  const problems = counts.error + counts.warning + counts.note;
  const extras = `${counts.suppressed} suppressed, ${pluralize(result.notices.length, 'notice')}, ${pluralize(result.filesScanned, 'file')} scanned`;
  if (problems === 0) {
    output.push(paint(`✔ No problems (${extras})`, 'green', 'bold'));
  } else {
    const breakdown = `${pluralize(counts.error, 'error')}, ${pluralize(counts.warning, 'warning')}, ${pluralize(counts.note, 'note')}`;
    output.push(paint(`✖ ${pluralize(problems, 'problem')} (${breakdown}); ${extras}`, counts.error > 0 ? 'red' : 'yellow', 'bold'));
  }
  return `${output.join('\n')}\n`;
}
