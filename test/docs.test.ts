import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findingsOf } from './helpers/rule-tester.js';

interface Example {
  ruleId: string;
  kind: 'bad' | 'good';
  language: 'ts' | 'yaml';
  code: string;
  /** Line of the opening fence in the page, to name the example. */
  line: number;
}

const defaultFiles = { ts: 'src/example.ts', yaml: 'specs/example.profiling.yaml' };

function examplesOf(ruleId: string, page: string): Example[] {
  const examples: Example[] = [];
  const fence = /^```(ts|yaml) (bad|good)\n([\s\S]*?)^```$/gm;
  for (const match of page.matchAll(fence)) {
    examples.push({
      ruleId,
      language: match[1] as Example['language'],
      kind: match[2] as Example['kind'],
      code: match[3]!,
      line: page.slice(0, match.index).split('\n').length,
    });
  }
  return examples;
}

/** `// file: src/x.ts` or `# file: specs/x.yaml` on the first line names the file the example lives in. */
function fileOf(example: Example): string {
  const named = /^(?:\/\/|#)\s*file:\s*(\S+)/.exec(example.code);
  return named?.[1] ?? defaultFiles[example.language];
}

const pages = readdirSync(new URL('../rules/', import.meta.url)).filter((name) => name.endsWith('.md'));
const examples = pages.flatMap((name) =>
  examplesOf(name.replace(/\.md$/, ''), readFileSync(new URL(`../rules/${name}`, import.meta.url), 'utf8')),
);

describe('rule page examples', () => {
  it.each(examples.map((example) => [`${example.ruleId}.md:${example.line} ${example.language} ${example.kind}`, example] as const))(
    '%s',
    async (name, example) => {
      const findings = await findingsOf(example.ruleId, { name, files: { [fileOf(example)]: example.code } });
      if (example.kind === 'bad') expect(findings.length, 'a bad example must fire').toBeGreaterThan(0);
      else expect(findings.map((finding) => `${finding.line}: ${finding.message}`), 'a good example must stay silent').toEqual([]);
    },
  );
});
