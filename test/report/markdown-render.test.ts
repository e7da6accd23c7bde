import { describe, expect, it } from 'vitest';
import { showInvisibleCharacters } from '../../src/report/escape.js';
import { formatReport } from '../../src/report/index.js';
import { decodeHtml, renderLikeGithub, renderedTables } from '../helpers/render-markdown.js';
import { fixtureFindings, fixtureResult, hostileFile, hostileText } from './scan-result.fixture.js';

/** What GitHub displays for a piece of text: one line, invisible characters shown as escapes. */
function displayed(text: string): string {
  return showInvisibleCharacters(text.replace(/\r\n|\r|\n|\t/g, ' '));
}

describe('markdown reporter rendered by cmark-gfm', () => {
  const html = renderLikeGithub(formatReport('markdown', fixtureResult, { color: false }));
  const [byRule, findings, notices, suppressed] = renderedTables(html);

  it('renders four tables whose rows all keep their columns', () => {
    expect([byRule, findings, notices, suppressed].map((table) => table?.length)).toEqual([4, 6, 4, 3]);
    for (const row of byRule ?? []) expect(row).toHaveLength(5);
    for (const table of [findings, notices, suppressed]) for (const row of table ?? []) expect(row).toHaveLength(4);
  });

  it('lets no HTML, link, emphasis or code from scanned text through', () => {
    const tags = [...html.matchAll(/<([a-z0-9]+)[\s>]/g)].map(([, tag]) => tag);
    expect(new Set(tags)).toEqual(new Set(['h2', 'p', 'strong', 'table', 'thead', 'tr', 'th', 'tbody', 'td', 'h3', 'a', 'details', 'summary']));
    expect(html.match(/<strong>/g)).toHaveLength(1);
    expect([...html.matchAll(/<a href="([^"]*)"/g)].map(([, href]) => href)).toEqual(fixtureResult.rules.map((rule) => rule.helpUri));
  });

  it('displays hostile file names and messages exactly as they are, apart from the zero-width spaces that stop mentions', () => {
    const hostileRow = findings?.find((row) => row[1]?.includes('we!rd')) ?? [];
    expect(decodeHtml(hostileRow[1] ?? '')).toBe(displayed(`${hostileFile}:1`));
    expect(decodeHtml(hostileRow[3] ?? '').replace(/\u200b/g, '')).toBe(displayed(fixtureFindings[6]?.message ?? ''));
    expect(decodeHtml(notices?.[3]?.[3] ?? '').replace(/\u200b/g, '')).toContain(displayed(hostileText));
    expect(hostileRow[3]).toContain('@\u200boctocat');
  });
});
