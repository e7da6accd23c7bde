import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { describeRules } from '../../src/report/rule-descriptors.js';
import { rules } from '../../src/rules/index.js';

const pagesDirectory = mkdtempSync(path.join(tmpdir(), 'profilint-pages-'));
afterAll(() => rmSync(pagesDirectory, { recursive: true, force: true }));

describe('describeRules', () => {
  it('describes the enabled rules from the registry, sorted by id, with the severity in force', () => {
    const descriptors = describeRules({ 'unjustified-suppression': 'error', 'missing-consent': 'error' }, pagesDirectory);
    expect(descriptors.map((rule) => [rule.id, rule.severity, rule.defaultSeverity])).toEqual([
      ['missing-consent', 'error', rules['missing-consent'].severity],
      ['unjustified-suppression', 'error', rules['unjustified-suppression'].severity],
    ]);
    expect(descriptors[1]).toMatchObject({
      description: rules['unjustified-suppression'].description,
      rationale: rules['unjustified-suppression'].rationale,
      tags: rules['unjustified-suppression'].tags,
    });
  });

  it('links each rule to its page at the released tag', () => {
    const [descriptor] = describeRules({ 'sensitive-attribute': 'error' }, pagesDirectory);
    expect(descriptor?.helpUri).toBe(`https://github.com/profilint/profilint/blob/v${packageJson.version}/rules/sensitive-attribute.md`);
  });

  it("uses the rule page without its front matter as help, ending with the page's link", () => {
    writeFileSync(
      path.join(pagesDirectory, 'proxy-attribute.md'),
      '---\nid: proxy-attribute\n---\n\nFlags proxies.\n\n## Why this matters\n\nRedlining.\n',
    );
    const [descriptor] = describeRules({ 'proxy-attribute': 'warning' }, pagesDirectory);
    expect(descriptor?.helpMarkdown).toBe(
      `Flags proxies.\n\n## Why this matters\n\nRedlining.\n\n[Full documentation](${descriptor?.helpUri})`,
    );
  });

  it('falls back to the description and rationale when a rule has no page', () => {
    const [descriptor] = describeRules({ 'missing-redress': 'error' }, pagesDirectory);
    const rule = rules['missing-redress'];
    expect(descriptor?.helpMarkdown).toBe(`${rule.description}.\n\n${rule.rationale}\n\n[Full documentation](${descriptor?.helpUri})`);
  });

  it('rejects an id that is not a rule, as a bug in the caller', () => {
    expect(() => describeRules({ 'no-such-rule': 'error' }, pagesDirectory)).toThrow('no rule is registered with id "no-such-rule"');
  });
});
