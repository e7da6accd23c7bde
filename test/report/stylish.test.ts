import { describe, expect, it } from 'vitest';
import { formatReport } from '../../src/report/index.js';
import { cleanResult, fixtureResult } from './scan-result.fixture.js';

const ansiEscape = /\u001b\[[0-9;]*m/g;

describe('stylish reporter', () => {
  it('matches the snapshot without colour', async () => {
    await expect(formatReport('stylish', fixtureResult, { color: false })).toMatchFileSnapshot('__snapshots__/stylish.txt');
  });

  it('matches the snapshot with colour', async () => {
    await expect(formatReport('stylish', fixtureResult, { color: true })).toMatchFileSnapshot('__snapshots__/stylish-color.txt');
  });

  it('groups findings and notices under their file, sorted, with notices without a file last', () => {
    const lines = formatReport('stylish', fixtureResult, { color: false }).split('\n');
    const headings = lines.filter((line) => line !== '' && !line.startsWith('  ') && !/^[✖✔]/.test(line));
    expect(headings).toEqual([
      'data/huge \\u001B[2Jfile.yaml',
      'specs/churn.profiling.yaml',
      'src/broken.ts',
      'src/pipeline.ts',
      'src/we!rd dir/%0A::x,y:z <b>|`.ts',
      '(scan)',
    ]);
    const pipeline = lines.slice(lines.indexOf('src/pipeline.ts') + 1, lines.indexOf('', lines.indexOf('src/pipeline.ts')));
    expect(pipeline.map((line) => line.trim().split(/\s{2,}/))).toEqual([
      ['3:10', 'error', "'birthYear' (age) is an input to model.predict(). Remove it or justify it in the pipeline's spec.", 'sensitive-attribute'],
      ['5:3', 'error', "'postcode' stands in for ethnicity. Justify it in the spec or drop it.", 'proxy-attribute'],
      ['13:1', 'warning', 'This directive gives no reason. Add one after `--`.', 'unjustified-suppression'],
    ]);
    expect(lines).toContain('  4:2  error  Unexpected token \'}\'; the file was not analysed.  parse-error');
  });

  it('hides suppressed findings but counts them in the summary line', () => {
    const output = formatReport('stylish', fixtureResult, { color: false });
    expect(output).not.toContain('gender');
    expect(output).not.toContain("'language'");
    expect(output.trimEnd().split('\n').at(-1)).toBe(
      '✖ 5 problems (4 errors, 1 warning, 0 notes); 2 suppressed, 3 notices, 12 files scanned',
    );
  });

  it('uses colour only when asked, and the text is the same without it', () => {
    const plain = formatReport('stylish', fixtureResult, { color: false });
    const coloured = formatReport('stylish', fixtureResult, { color: true });
    expect(plain).not.toMatch(ansiEscape);
    expect(coloured).toMatch(ansiEscape);
    expect(coloured.replace(ansiEscape, '')).toBe(plain);
  });

  it('shows escape sequences from scanned files as text instead of sending them to the terminal', () => {
    const plain = formatReport('stylish', fixtureResult, { color: false });
    expect(plain).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(plain).toContain('\\u001B[31mred\\u001B[0m \\u202Eevil');
    // Every problem is one line: a line break in a message cannot fake another row.
    expect(plain.split('\n').filter((line) => line.startsWith('::'))).toEqual([]);
  });

  it('says so when there is nothing to report', () => {
    expect(formatReport('stylish', cleanResult, { color: false })).toBe('✔ No problems (0 suppressed, 0 notices, 12 files scanned)\n');
  });
});
