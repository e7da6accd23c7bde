import { describe, expect, it } from 'vitest';
import { formatReport } from '../../src/report/index.js';
import { markdownTableBudget } from '../../src/report/markdown.js';
import type { Finding } from '../../src/types.js';
import { cleanResult, fixtureFindings, fixtureResult } from './scan-result.fixture.js';

/** Cells of a GFM table row as GitHub splits them: at pipes not escaped by a backslash. */
function splitRow(row: string): string[] {
  const cells: string[] = [];
  let cell = '';
  for (let index = 1; index < row.length - 1; index += 1) {
    const character = row[index];
    if (character === '\\') {
      cell += character + (row[index + 1] ?? '');
      index += 1;
    } else if (character === '|') {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += character;
    }
  }
  cells.push(cell.trim());
  return cells;
}

function tableAfter(markdown: string, heading: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line === heading || line.startsWith(heading));
  const rows: string[][] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('|')) rows.push(splitRow(line));
    else if (rows.length > 0) break;
  }
  return rows;
}

describe('markdown reporter', () => {
  const markdown = formatReport('markdown', fixtureResult, { color: false });

  it('matches the snapshot', async () => {
    await expect(markdown).toMatchFileSnapshot('__snapshots__/report.md');
  });

  it('counts findings by severity and by rule, linking each rule to its page', () => {
    expect(markdown).toContain('**5 problems**: 4 errors, 1 warning, 0 notes in 12 files · 2 suppressed · 3 notices');
    expect(tableAfter(markdown, '**5 problems**')).toEqual([
      ['Rule', 'Errors', 'Warnings', 'Notes', 'Suppressed'],
      ['---', '---:', '---:', '---:', '---:'],
      ['[proxy\\-attribute](https://github.com/profilint/profilint/blob/v0.1.0/rules/proxy-attribute.md)', '1', '0', '0', '1'],
      ['[sensitive\\-attribute](https://github.com/profilint/profilint/blob/v0.1.0/rules/sensitive-attribute.md)', '3', '0', '0', '1'],
      ['[unjustified\\-suppression](https://github.com/profilint/profilint/blob/v0.1.0/rules/unjustified-suppression.md)', '0', '1', '0', '0'],
    ]);
  });

  it('lists reported findings with file:line, and suppressed ones folded away with their reason', () => {
    const findings = tableAfter(markdown, '### Findings');
    expect(findings).toHaveLength(2 + 5);
    expect(findings[3]).toEqual(['error', 'src\\/pipeline\\.ts\\:3', 'sensitive\\-attribute', expect.stringContaining('birthYear')]);
    const suppressed = tableAfter(markdown, '<details><summary>2 suppressed findings</summary>');
    expect(suppressed.slice(2).map((row) => [row[0], row[3]])).toEqual([
      ['src\\/pipeline\\.ts\\:14', 'Audited in FAIR\\-12\\; see docs\\/fairness\\.md\\.'],
      ['src\\/segments\\.ts\\:2', 'baseline\\: Recorded in the baseline\\.'],
    ]);
    expect(markdown).toMatch(/<\/details>\n$/);
  });

  it('keeps text from scanned files inert: no HTML, links, emphasis, mentions or broken tables', () => {
    for (const table of ['### Findings', '### Notices']) {
      const rows = tableAfter(markdown, table);
      for (const row of rows) expect(row).toHaveLength(4);
    }
    const hostileRow = tableAfter(markdown, '### Findings').find((row) => row[3]?.includes('onerror')) ?? [];
    expect(hostileRow[1]).toBe('src\\/we\\!rd dir\\/\\%0A\\:\\:x\\,y\\:z \\<b\\>\\|\\`\\.ts\\:1');
    const message = hostileRow[3] ?? '';
    expect(message).toContain('\\<img src\\=x onerror\\=alert\\(1\\)\\>');
    expect(message).toContain('\\*\\*bold\\*\\*');
    expect(message).toContain('\\[click\\]\\(javascript\\:alert\\(1\\)\\)');
    expect(message).toContain('\\@\u200boctocat');
    expect(message).toContain('\\\\u001B\\[31mred');
    // Outside our own <details> wrapper, no unescaped < reaches GitHub.
    expect(markdown.replace(/<\/?details>|<\/?summary>/g, '')).not.toMatch(/(^|[^\\])</);
    expect(markdown).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });

  it('stays within its budget when there are many findings, saying how many it left out', () => {
    const many: Finding[] = Array.from({ length: 2000 }, (_, index) => ({ ...(fixtureFindings[1] as Finding), line: index + 1 }));
    const big = formatReport('markdown', { ...cleanResult, findings: many }, { color: false });
    expect(big.length).toBeLessThan(markdownTableBudget + 2000);
    const shown = tableAfter(big, '### Findings').length - 2;
    expect(shown).toBeGreaterThan(100);
    expect(big).toContain(`_${2000 - shown} findings not shown here; \`--format json\` or \`--format sarif\` lists every one._`);
  });

  it('reports a clean scan in one line', () => {
    expect(formatReport('markdown', cleanResult, { color: false })).toBe(
      '## profilint\n\n**No problems found** in 12 files · 0 suppressed · 0 notices\n',
    );
  });
});
