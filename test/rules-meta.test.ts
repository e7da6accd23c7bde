import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rules } from '../src/rules/index.js';
import type { AnyRule } from '../src/rules/define-rule.js';

const requiredSections = ['Why this matters', 'Examples', 'How to fix', 'Options', 'When not to use it', 'References'];
const registry: Record<string, AnyRule> = rules;

function pageOf(id: string): string {
  return readFileSync(new URL(`../rules/${id}.md`, import.meta.url), 'utf8');
}

describe.each(Object.keys(registry))('rule %s', (id) => {
  const rule = registry[id]!;

  it('is registered under its own id', () => {
    expect(rule.id).toBe(id);
    expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it('has an imperative one-line description and a rationale', () => {
    expect(rule.description).toMatch(/^(Disallow|Require|Enforce) .+[^.]$/);
    expect(rule.description).not.toContain('\n');
    expect(rule.rationale.length).toBeGreaterThan(40);
    expect(rule.rationale).not.toMatch(/TODO/);
    expect(rule.tags.length).toBeGreaterThan(0);
  });

  it('has messages that end with a period', () => {
    const messages = Object.entries(rule.messages as Record<string, string>);
    expect(messages.length).toBeGreaterThan(0);
    for (const [messageId, message] of messages) expect(message, messageId).toMatch(/\.$/);
  });

  it('has a page with front matter, an intro and the sections in order', () => {
    expect(existsSync(new URL(`../rules/${id}.md`, import.meta.url)), `rules/${id}.md`).toBe(true);
    const page = pageOf(id);
    const frontMatter = /^---\n([\s\S]*?)\n---\n/.exec(page);
    expect(frontMatter?.[1], 'front matter').toMatch(new RegExp(`^id: ${id}$`, 'm'));
    const body = page.slice(frontMatter![0].length);
    const intro = body.split(/^## /m)[0]!.trim();
    expect(intro.length, 'intro paragraph').toBeGreaterThan(0);
    expect([...body.matchAll(/^## (.+)$/gm)].map((match) => match[1])).toEqual(requiredSections);
    expect(body, 'at least one bad example').toMatch(/^```(ts|yaml) bad$/m);
    expect(body, 'at least one good example').toMatch(/^```(ts|yaml) good$/m);
  });

  it('has a test file', () => {
    expect(existsSync(new URL(`./rules/${id}.test.ts`, import.meta.url)), `test/rules/${id}.test.ts`).toBe(true);
  });
});

describe('rules/', () => {
  it('has no page without a rule', () => {
    const pages = readdirSync(new URL('../rules/', import.meta.url)).filter((name) => name.endsWith('.md'));
    expect(pages.filter((name) => !(name.replace(/\.md$/, '') in registry))).toEqual([]);
  });
});
