import { afterEach, describe, expect, it } from 'vitest';
import { scan } from '../../src/scan.js';
import { createTempRepo, type TempRepo } from '../helpers/temp-repo.js';

const now = new Date('2026-11-30T12:00:00Z');
const specRules = new Set(['missing-accountability', 'undocumented-retention', 'sensitive-attribute', 'proxy-attribute', 'missing-bias-audit', 'missing-redress']);
let repo: TempRepo | undefined;
afterEach(() => repo?.remove());

// A spec with one finding (no retention), so each case can show that findings elsewhere survive.
const goodSpec = 'profilint: 1\npipeline: churn\nowner: growth@acme.example\npurpose: Retention offers.\nlawfulBasis: consent\n';

describe('bad spec files in a real scan', () => {
  it.each([
    ['a syntax error', 'profilint: 1\npipeline: a: b\nowner: x\n', 2],
    ['tabs as indentation', 'profilint: 1\npipeline: broken\ndecision:\n\tautomated: true\n', 4],
    ['a list at the top level', '- profilint: 1\n  pipeline: broken\n', 1],
    ['an alias bomb', `profilint: 1\npipeline: bomb\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [${Array(10).fill('*a').join(', ')}]\nc: &c [${Array(10).fill('*b').join(', ')}]\nd: [${Array(10).fill('*c').join(', ')}]\n`, 1],
  ])('reports %s once, with file and line, and keeps the findings of other files', async (_, text, line) => {
    repo = createTempRepo({ 'specs/broken.profiling.yaml': text, 'specs/churn.profiling.yaml': goodSpec });
    const result = await scan({ cwd: repo.root, paths: [], now });
    const notices = result.notices.filter((notice) => notice.file === 'specs/broken.profiling.yaml');
    expect(notices).toEqual([expect.objectContaining({ kind: 'parse-error', level: 'error', line })]);
    const findings = result.findings.filter((finding) => specRules.has(finding.ruleId)).map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`);
    expect(findings).toEqual(['specs/churn.profiling.yaml:1 undocumented-retention']);
  });

  it('skips a 5 MB spec with one notice and keeps the findings of other files', async () => {
    const features = Array.from({ length: 230_000 }, (_, index) => `  - name: feature_${index}\n`).join('');
    repo = createTempRepo({ 'specs/huge.profiling.yaml': `profilint: 1\npipeline: huge\nfeatures:\n${features}`, 'specs/churn.profiling.yaml': goodSpec });
    const result = await scan({ cwd: repo.root, paths: [], now });
    expect(result.notices.filter((notice) => notice.file === 'specs/huge.profiling.yaml')).toEqual([
      expect.objectContaining({ kind: 'skipped', file: 'specs/huge.profiling.yaml' }),
    ]);
    expect(result.findings.filter((finding) => specRules.has(finding.ruleId)).map((finding) => finding.file)).toEqual(['specs/churn.profiling.yaml']);
  });

  it('reads a spec with a byte-order mark and CRLF line endings at the right lines', async () => {
    repo = createTempRepo({ 'specs/churn.profiling.yaml': `\uFEFF${goodSpec.replace('lawfulBasis: consent\n', 'retention: forever\n').replace(/\n/g, '\r\n')}` });
    const result = await scan({ cwd: repo.root, paths: [], now });
    const findings = result.findings.filter((finding) => specRules.has(finding.ruleId)).map((finding) => `${finding.line}:${finding.column} ${finding.ruleId}`);
    expect(findings).toEqual(['1:1 missing-accountability', '5:1 undocumented-retention']);
    expect(result.notices).toEqual([]);
  });
});
