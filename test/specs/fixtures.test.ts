import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { defaultConfig } from '../../src/config.js';
import { testNow } from '../helpers/rule-tester.js';

// Each folder is a small repository in one format; `# expect: <rule>[, <rule>]` beside a line lists
// every finding of the spec rules on that line, so lines without it (and `# ok` files) must stay silent.
const fixturesRoot = path.resolve(import.meta.dirname, '../fixtures/specs');
const specRules = new Set([
  'sensitive-attribute',
  'proxy-attribute',
  'undocumented-retention',
  'missing-accountability',
  'missing-redress',
  'missing-bias-audit',
]);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

function expectationsOf(file: string, text: string): string[] {
  return text.split(/\r?\n/).flatMap((line, index) => {
    const match = /#\s*expect:\s*([\w-]+(?:\s*,\s*[\w-]+)*)\s*$/.exec(line);
    return match === null ? [] : match[1]!.split(',').map((rule) => `${file}:${index + 1} ${rule.trim()}`);
  });
}

describe.each(readdirSync(fixturesRoot))('spec fixtures: %s', (format) => {
  const root = path.join(fixturesRoot, format);
  const sources = filesUnder(root)
    .filter((file) => /\.ya?ml$/.test(file))
    .map((file) => ({ file: path.relative(root, file).split(path.sep).join('/'), text: readFileSync(file, 'utf8') }));

  it('reports exactly the findings its comments expect, and no notices', async () => {
    const { findings, notices } = await analyze({
      root,
      config: defaultConfig(root),
      sources,
      fileExists: (relativePath) => existsSync(path.join(root, relativePath)),
      now: testNow,
    });
    const actual = findings
      .filter((finding) => specRules.has(finding.ruleId) && finding.suppression === undefined)
      .map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`);
    const expected = sources.flatMap((source) => expectationsOf(source.file, source.text));
    expect(actual.sort()).toEqual(expected.sort());
    expect(notices).toEqual([]);
    // Each justified `# profilint-disable-next-line` in a fixture hides a finding that would otherwise fire.
    const suppressed = findings
      .filter((finding) => specRules.has(finding.ruleId) && finding.suppression !== undefined)
      .map((finding) => `${finding.file}:${finding.line - 1}`);
    const directives = sources.flatMap((source) =>
      source.text.split(/\r?\n/).flatMap((line, index) => (/#\s*profilint-disable-next-line\b/.test(line) ? [`${source.file}:${index + 1}`] : [])),
    );
    expect(suppressed.sort()).toEqual(directives.sort());
  });
});
