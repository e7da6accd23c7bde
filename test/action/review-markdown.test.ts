import { describe, expect, it } from 'vitest';
import { buildReviewMarkdown, type ReviewMarkdownInput } from '../../src/github/review-markdown.js';
import { decodeHtml, renderLikeGithub, renderedTables } from '../helpers/render-markdown.js';
import { describeRule, makeFinding, makeScanResult } from './scan-results.js';

const rules = [describeRule('sensitive-attribute', 'error'), describeRule('proxy-attribute', 'warning')];

function input(overrides: Partial<ReviewMarkdownInput> & Pick<ReviewMarkdownInput, 'reported'>): ReviewMarkdownInput {
  return {
    result: makeScanResult([...overrides.reported], rules),
    scope: 'on lines changed by pull request #42',
    blobUrl: 'https://github.com/acme/shop/blob/abc123/',
    maxListed: 100,
    byteBudget: 900 * 1024,
    whereToSeeAll: 'the "profilint" check run',
    ...overrides,
  };
}

describe('buildReviewMarkdown', () => {
  it('counts by rule with links to the rule pages and links each finding to its line', () => {
    const reported = [
      makeFinding('sensitive-attribute', 'error', 'src/score.ts', 12, 'Age is fed to the churn model.'),
      makeFinding('proxy-attribute', 'warning', 'src/my dir/segment.ts', 3, 'Postcode stands in for ethnicity.'),
    ];
    const markdown = buildReviewMarkdown(input({ reported }));
    expect(markdown).toContain('**2 findings** on lines changed by pull request #42: 1 error, 1 warning and 0 notes.');
    const html = renderLikeGithub(markdown);
    expect(renderedTables(html)[0]?.[1]).toEqual([
      '<a href="https://github.com/profilint/profilint/blob/v0.1.0/rules/sensitive-attribute.md">sensitive-attribute</a>',
      '1',
      '0',
      '0',
    ]);
    expect(html).toContain('<a href="https://github.com/acme/shop/blob/abc123/src/score.ts#L12">src/score.ts:12</a>');
    expect(markdown).toContain('(https://github.com/acme/shop/blob/abc123/src/my%20dir/segment.ts#L3)');
    // Errors come first whatever the scan order.
    expect(markdown.indexOf('src/score')).toBeLessThan(markdown.indexOf('segment'));
  });

  it('says so plainly when nothing is reported', () => {
    expect(buildReviewMarkdown(input({ reported: [] }))).toContain('No findings on lines changed by pull request #42.');
  });

  it('keeps content from the scanned repository inert: no HTML, links, table breaks or mentions', () => {
    const hostile = makeFinding(
      'sensitive-attribute',
      'error',
      'src/<img src=x onerror=alert(1)>|.ts',
      1,
      'Use [click](https://evil.example) <script>alert(1)</script> | cell @octocat\n::error::injected',
    );
    const html = renderLikeGithub(buildReviewMarkdown(input({ reported: [hostile] })));
    expect(html).not.toMatch(/<img|<script|href="https:\/\/evil/);
    const row = renderedTables(html)[1]?.[1] ?? [];
    // One row of four cells, whatever pipes the message holds; the text reads as written, on one line.
    expect(row).toHaveLength(4);
    expect(decodeHtml(row[3] ?? '')).toBe('Use [click](https://evil.example) <script>alert(1)</script> | cell @\u200boctocat ::error::injected');
    expect(decodeHtml(html)).toContain('src/<img src=x onerror=alert(1)>|.ts:1');
  });

  it('shows control characters such as ANSI escapes instead of passing them on', () => {
    const html = renderLikeGithub(buildReviewMarkdown(input({ reported: [makeFinding('sensitive-attribute', 'error', 'src/a.ts', 1, 'a\u001b[31mb')] })));
    expect(html).not.toContain('\u001b');
    expect(decodeHtml(renderedTables(html)[1]?.[1]?.[3] ?? '')).toBe('a\\u001B[31mb');
  });

  it('stays under the byte budget with a note saying where the rest is', () => {
    const huge = Array.from({ length: 400 }, (_, index) =>
      makeFinding('sensitive-attribute', 'error', `src/f${index}.ts`, index + 1, `Age ${'é'.repeat(5000)} is used.`),
    );
    const markdown = buildReviewMarkdown(input({ reported: huge, maxListed: 400, byteBudget: 900 * 1024 }));
    expect(Buffer.byteLength(markdown)).toBeLessThanOrEqual(900 * 1024);
    expect(Buffer.byteLength(markdown)).toBeGreaterThan(800 * 1024);
    expect(markdown.trimEnd().endsWith('see the "profilint" check run.*')).toBe(true);
    expect(markdown).not.toContain('\uFFFD');
  });

  it('lists only the top findings and counts the rest', () => {
    const reported = Array.from({ length: 30 }, (_, index) => makeFinding('proxy-attribute', 'warning', 'src/a.ts', index + 1));
    const markdown = buildReviewMarkdown(input({ reported, maxListed: 25 }));
    expect(markdown).toContain('### Top 25 findings');
    expect(markdown).toContain('…and 5 more findings: see the "profilint" check run.');
  });
});
