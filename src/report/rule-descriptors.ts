import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../package-root.js';
import { rules } from '../rules/index.js';
import type { AnyRule } from '../rules/define-rule.js';
import type { RuleDescriptor, Severity } from '../types.js';
import { tool } from './tool.js';

const registry: Record<string, AnyRule> = rules;
const pageMarkdownByFile = new Map<string, string>();

/** The rule's documentation page at the released tag, so a link never points at newer behaviour. */
export function ruleHelpUri(ruleId: string): string {
  return `${tool.informationUri}/blob/v${tool.version}/rules/${ruleId}.md`;
}

function readRulePage(rule: AnyRule, helpUri: string, pagesDirectory: string): string {
  const file = path.join(pagesDirectory, `${rule.id}.md`);
  const cached = pageMarkdownByFile.get(file);
  if (cached !== undefined) return cached;
  let markdown: string;
  try {
    const page = readFileSync(file, 'utf8');
    markdown = page.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, '').trim();
  } catch {
    // A rule without its page is caught by the docs test; the report still needs help text.
    markdown = `${rule.description}.\n\n${rule.rationale}`;
  }
  markdown = `${markdown}\n\n[Full documentation](${helpUri})`;
  pageMarkdownByFile.set(file, markdown);
  return markdown;
}

/**
 * Describes every enabled rule for reporters, sorted by id. `levels` maps each enabled rule id to the
 * severity in force for this run; each rule's help is its page in `pagesDirectory` without front matter.
 */
export function describeRules(
  levels: Record<string, Severity>,
  pagesDirectory: string = path.join(packageRoot, 'rules'),
): RuleDescriptor[] {
  return Object.keys(levels)
    .sort()
    .map((id) => {
      const rule = registry[id];
      if (rule === undefined) throw new Error(`describeRules: no rule is registered with id "${id}"`);
      const helpUri = ruleHelpUri(id);
      return {
        id,
        description: rule.description,
        rationale: rule.rationale,
        defaultSeverity: rule.severity,
        severity: levels[id] ?? rule.severity,
        tags: [...rule.tags],
        helpUri,
        helpMarkdown: readRulePage(rule, helpUri, pagesDirectory),
      };
    });
}
