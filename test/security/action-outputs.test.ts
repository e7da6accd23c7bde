import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildReviewMarkdown } from '../../src/github/review-markdown.js';
import { selectWorkflowAnnotations } from '../../src/github/workflow-annotations.js';
import type { Finding, Severity } from '../../src/types.js';
import { describeRule, makeFinding, makeScanResult } from '../action/scan-results.js';
import { fuzzSeed, runsFor } from '../fuzz/fuzz-settings.js';
import { renderLikeGithub } from '../helpers/render-markdown.js';
import { hostileFileNameArbitrary, hostileTextArbitrary, rawControlCharacter } from './hostile-text.js';

// The elements a review is made of: headings, paragraphs, emphasis, tables, links, lists and the folding block.
const ownElements = new Set(['h2', 'h3', 'p', 'strong', 'em', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'a', 'ul', 'li', 'details', 'summary', 'sub', 'br', 'code']);

const rules = [describeRule('sensitive-attribute', 'error'), describeRule('proxy-attribute', 'warning'), describeRule('unjustified-suppression', 'note')];

const findingsArbitrary: fc.Arbitrary<Finding[]> = fc.array(
  fc
    .tuple(
      fc.constantFrom(...rules.map((rule) => rule.id)),
      fc.constantFrom<Severity>('error', 'warning', 'note'),
      hostileFileNameArbitrary,
      fc.integer({ min: 1, max: 5000 }),
      hostileTextArbitrary,
    )
    .map(([ruleId, severity, file, line, message]) => makeFinding(ruleId, severity, file, line, message)),
  { maxLength: 15 },
);

describe('what the Action writes, over generated hostile findings', () => {
  it('review Markdown (job summary, pull-request comment, tracking issue): no HTML, foreign links, mentions or control characters', () => {
    fc.assert(
      fc.property(findingsArbitrary, (reported) => {
        const markdown = buildReviewMarkdown({
          result: makeScanResult(reported, rules),
          reported,
          scope: 'on lines changed by pull request #42',
          blobUrl: 'https://github.com/acme/shop/blob/abc123/',
          maxListed: 100,
          byteBudget: 900 * 1024,
          whereToSeeAll: 'the "profilint" check run',
        });
        // What GitHub would display: only the elements profilint writes, links only to the repository and the rule pages.
        const html = renderLikeGithub(markdown);
        const elements = new Set([...html.matchAll(/<([A-Za-z][A-Za-z0-9]*)/g)].map(([, name]) => name));
        expect([...elements].filter((name) => !ownElements.has(name!))).toEqual([]);
        expect(html.replace(/<!-- profilint[^>]*-->/g, '')).not.toContain('<!');
        for (const [, target] of html.matchAll(/href="([^"]*)"/g)) expect(target).toMatch(/^https:\/\/github\.com\/(acme\/shop\/blob\/abc123\/|profilint\/)/);
        expect(html).not.toMatch(/<img|<script|<a href="(?!https:\/\/github\.com)/);
        expect(markdown).not.toMatch(/@(?!\u200b)[A-Za-z0-9]/);
        expect(markdown).not.toMatch(rawControlCharacter);
      }),
      { numRuns: runsFor(200), seed: fuzzSeed, endOnFailure: true },
    );
  });

  it('workflow-command annotations: nothing but line breaks is left for @actions/core to escape', () => {
    fc.assert(
      fc.property(findingsArbitrary, (findings) => {
        for (const annotation of selectWorkflowAnnotations(findings, rules, 'the job summary')) {
          // @actions/core percent-encodes `%`, CR, LF (and `:` `,` in properties); any other control
          // character, an ESC above all, would reach the log as it is.
          expect(annotation.message.replace(/[\r\n]/g, '')).not.toMatch(rawControlCharacter);
          for (const value of Object.values(annotation.properties)) expect(String(value).replace(/[\r\n]/g, '')).not.toMatch(rawControlCharacter);
        }
      }),
      { numRuns: runsFor(200), seed: fuzzSeed, endOnFailure: true },
    );
  });
});
