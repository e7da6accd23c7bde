import { describe, expect, it } from 'vitest';
import { maxAnnotationsPerLevel } from '../../src/report/github.js';
import { formatReport } from '../../src/report/index.js';
import type { Finding } from '../../src/types.js';
import { cleanResult, fixtureFindings, fixtureResult } from './scan-result.fixture.js';

function toGithub(result = fixtureResult): string[] {
  const output = formatReport('github', result, { color: false });
  expect(output.endsWith('\n')).toBe(true);
  return output.slice(0, -1).split('\n');
}

describe('github reporter', () => {
  it('matches the snapshot', async () => {
    await expect(formatReport('github', fixtureResult, { color: false })).toMatchFileSnapshot('__snapshots__/github.txt');
  });

  it('annotates each reported finding with its position, rule and documentation link', () => {
    const lines = toGithub();
    expect(lines[0]).toBe(
      "::error file=specs/churn.profiling.yaml,line=12,col=5,endLine=12,endColumn=18,title=sensitive-attribute::Feature 'age_band' is a special category (age) with no justification. Add a justification and a fairness audit. (https://github.com/profilint/profilint/blob/v0.1.0/rules/sensitive-attribute.md)",
    );
    // Columns are left out when the finding spans lines, as GitHub requires.
    expect(lines[2]).toMatch(/^::error file=src\/pipeline\.ts,line=5,endLine=7,title=proxy-attribute::/);
    expect(lines[3]).toMatch(/^::warning file=src\/pipeline\.ts,line=13,col=1,endLine=13,endColumn=45,title=unjustified-suppression::/);
  });

  it('leaves suppressed findings out and counts them in the summary', () => {
    const output = toGithub().join('\n');
    expect(output).not.toContain('gender');
    expect(output).not.toContain('language');
    expect(toGithub().at(-1)).toBe('profilint: 4 errors, 1 warning, 0 notes; 2 suppressed; 3 notices; 12 files scanned.');
  });

  it("escapes data and properties the way GitHub's runner decodes them", () => {
    const hostile = toGithub()[4] ?? '';
    expect(hostile).toBe(
      '::error file=src/we!rd dir/%250A%3A%3Ax%2Cy%3Az <b>|`.ts,line=1,col=1,endLine=1,endColumn=7,title=sensitive-attribute::' +
        "'<img src=x onerror=alert(1)> **bold** [click](javascript:alert(1)) @octocat | `tick` %250A::error::fake %2525%0A::warning file=x::injected%0D\\u001B[31mred\\u001B[0m \\u202Eevil' is an input to score(). Remove it. (https://github.com/profilint/profilint/blob/v0.1.0/rules/sensitive-attribute.md)",
    );
  });

  it('never lets scanned text start a command: every line is one of ours', () => {
    for (const line of toGithub()) {
      expect(line).toMatch(/^(::(error|warning|notice) [^\r\n]*::[^\r\n]*|profilint: [^\r\n]*)$/);
      expect(line).not.toMatch(/[\u0000-\u001f]/);
    }
  });

  it('annotates notices, with their file and line when they have one', () => {
    const lines = toGithub();
    expect(lines).toContain("::error file=src/broken.ts,line=4,title=profilint parse-error::Unexpected token '}'; the file was not analysed.");
    expect(lines).toContain('::warning file=data/huge \\u001B[2Jfile.yaml,title=profilint skipped::Larger than 1 MiB (maxFileSize); not scanned.');
    expect(lines.some((line) => line.startsWith('::notice title=profilint git::Not a git repository'))).toBe(true);
  });

  it('writes paths relative to the repository root with forward slashes and no ./', () => {
    const finding: Finding = { ...(fixtureFindings[1] as Finding), file: '.\\src\\win\\model.ts', related: [] };
    expect(toGithub({ ...cleanResult, findings: [finding] })[0]).toMatch(/^::error file=src\/win\/model\.ts,line=3,/);
  });

  it(`annotates at most ${maxAnnotationsPerLevel} findings per level and lists the rest in the log`, () => {
    const errors: Finding[] = Array.from({ length: 25 }, (_, index) => ({ ...(fixtureFindings[1] as Finding), line: index + 1, endLine: index + 1 }));
    const lines = toGithub({ ...cleanResult, findings: errors });
    expect(lines.filter((line) => line.startsWith('::error '))).toHaveLength(maxAnnotationsPerLevel);
    expect(lines[maxAnnotationsPerLevel]).toBe(
      '::notice title=profilint::15 problems not annotated: GitHub shows at most 10 annotations of each level per step. The log lists them all.',
    );
    const logged = lines.filter((line) => line.startsWith('profilint: src/pipeline.ts:'));
    expect(logged).toHaveLength(15);
    expect(logged[0]).toBe(
      "profilint: src/pipeline.ts:11:10: error: 'birthYear' (age) is an input to model.predict(). Remove it or justify it in the pipeline's spec. [sensitive-attribute]",
    );
  });

  it('prints only the summary for a clean scan', () => {
    expect(toGithub(cleanResult)).toEqual(['profilint: 0 errors, 0 warnings, 0 notes; 0 suppressed; 0 notices; 12 files scanned.']);
  });
});
