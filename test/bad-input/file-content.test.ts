import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempRepo, type TempRepo } from '../helpers/temp-repo.js';
import { findingKeys, noticesFor, onlySensitiveAttributeConfig, readJsonReport, requireBuiltCli, runCli, scoringSource, type CliRun, type JsonReport } from './run-cli.js';

// One repository holds every odd file next to good pipelines, scanned once (a CLI run costs seconds on a
// loaded CI machine); each test then checks how one class of bad input was handled.
const utf8Pipeline = scoringSource('scoreUtf8');

function encodeUtf16(text: string, endianness: 'le' | 'be'): Buffer {
  const littleEndian = Buffer.from(`\uFEFF${text}`, 'utf16le');
  return endianness === 'le' ? littleEndian : littleEndian.swap16();
}

/** About 10 MB of valid TypeScript. */
function tenMegabyteSource(): string {
  const line = 'export const customerLifetimeValueBucket0000000 = computeBucket(customerSegmentInput, 12345);\n';
  return line.repeat(Math.ceil((10 * 1024 * 1024) / line.length));
}

let repo: TempRepo;
let outside: TempRepo;
let run: CliRun;
let report: JsonReport;
let stylish: CliRun;

beforeAll(() => {
  requireBuiltCli();
  repo = createTempRepo(
    {
      'profilint.config.yaml': onlySensitiveAttributeConfig,
      'src/score.ts': utf8Pipeline,
      'src/binary.ts': Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00]), Buffer.alloc(64, 0xff)]),
      'src/latin1.ts': Buffer.from(`// Kundenprofil f\u00fcr die Preisgestaltung\n${scoringSource('scoreLatin1')}`, 'latin1'),
      'src/utf16le.ts': encodeUtf16(scoringSource('scoreUtf16le'), 'le'),
      'src/utf16be.ts': encodeUtf16(scoringSource('scoreUtf16be'), 'be'),
      'src/bom.ts': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(scoringSource('scoreBom'))]),
      'src/crlf.ts': scoringSource('scoreCrlf').replace(/\n/g, '\r\n'),
      'src/huge.ts': tenMegabyteSource(),
      'src/x.ts/inner.ts': scoringSource('scoreInner'),
    },
    { git: true },
  );
  mkdirSync(path.join(repo.root, 'src/empty.ts'));
  outside = createTempRepo({ 'secret.ts': scoringSource('scoreOutside') });
  symlinkSync(path.join(outside.root, 'secret.ts'), path.join(repo.root, 'src/outside.ts'));
  symlinkSync('loop-b.ts', path.join(repo.root, 'src/loop-a.ts'));
  symlinkSync('loop-a.ts', path.join(repo.root, 'src/loop-b.ts'));
  run = runCli(['--format', 'json'], { cwd: repo.root });
  report = readJsonReport(run);
  stylish = runCli([], { cwd: repo.root });
}, 600_000);
afterAll(() => {
  repo?.remove();
  outside?.remove();
});

describe('odd files next to good ones', { timeout: 300_000 }, () => {
  it('exits 1 for the good files’ findings whatever else the repository holds', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(stylish.status).toBe(1);
    expect(findingKeys(report)).toContain('src/score.ts:3 sensitive-attribute');
  });

  it('skips a binary file with a .ts name, saying so with its path', () => {
    expect(noticesFor(report, 'src/binary.ts')).toEqual([
      expect.objectContaining({ kind: 'skipped', message: expect.stringMatching(/binary/i) }),
    ]);
    expect(stylish.stdout).toMatch(/src\/binary\.ts\n.*binary/i);
    expect(findingKeys(report).filter((key) => key.startsWith('src/binary.ts'))).toEqual([]);
  });

  it('reads a file that is not UTF-8, and says where its first undecodable byte is', () => {
    expect(findingKeys(report)).toContain('src/latin1.ts:4 sensitive-attribute');
    expect(noticesFor(report, 'src/latin1.ts')).toEqual([
      expect.objectContaining({ file: 'src/latin1.ts', line: 1, message: expect.stringMatching(/UTF-8/) }),
    ]);
  });

  it('decodes UTF-16 files with a byte-order mark, little- and big-endian, at the right lines', () => {
    expect(findingKeys(report)).toContain('src/utf16le.ts:3 sensitive-attribute');
    expect(findingKeys(report)).toContain('src/utf16be.ts:3 sensitive-attribute');
    expect(noticesFor(report, 'src/utf16le.ts')).toEqual([]);
    expect(noticesFor(report, 'src/utf16be.ts')).toEqual([]);
  });

  it('ignores a UTF-8 byte-order mark: same lines and columns as without it', () => {
    const columnOf = (file: string): number | undefined => report.findings.find((finding) => finding.file === file)?.column;
    expect(findingKeys(report)).toContain('src/bom.ts:3 sensitive-attribute');
    expect(columnOf('src/bom.ts')).toBe(columnOf('src/score.ts'));
    expect(noticesFor(report, 'src/bom.ts')).toEqual([]);
  });

  it('counts CRLF line endings as one line break', () => {
    const finding = report.findings.find((candidate) => candidate.file === 'src/crlf.ts');
    const reference = report.findings.find((candidate) => candidate.file === 'src/score.ts');
    expect(finding).toMatchObject({ line: 3, column: reference?.column, ruleId: 'sensitive-attribute' });
    expect(noticesFor(report, 'src/crlf.ts')).toEqual([]);
  });

  it('skips a 10 MB source file over maxFileSize with its size and the setting to raise', () => {
    expect(noticesFor(report, 'src/huge.ts')).toEqual([
      expect.objectContaining({ kind: 'skipped', level: 'warning', message: expect.stringMatching(/10\.\d MiB.*maxFileSize/) }),
    ]);
    expect(stylish.stdout).toMatch(/src\/huge\.ts\n.*maxFileSize/);
  });

  it('treats a folder named x.ts as a folder: its files are scanned, the folder is not read as a file', () => {
    expect(findingKeys(report)).toContain('src/x.ts/inner.ts:3 sensitive-attribute');
    expect(report.notices.filter((notice) => notice.file === 'src/x.ts' || notice.file === 'src/empty.ts')).toEqual([]);
  });

  it('reports a symbolic link loop once per link and carries on', () => {
    expect(noticesFor(report, 'src/loop-a.ts')).toEqual([
      expect.objectContaining({ kind: 'skipped', message: expect.stringMatching(/symbolic link loop/) }),
    ]);
    expect(noticesFor(report, 'src/loop-b.ts')).toHaveLength(1);
  });

  it('does not follow a symbolic link out of the repository: a pull request must not make it read runner files', () => {
    expect(findingKeys(report).filter((key) => key.startsWith('src/outside.ts'))).toEqual([]);
    expect(noticesFor(report, 'src/outside.ts')).toEqual([
      expect.objectContaining({ kind: 'skipped', message: expect.stringMatching(/symbolic link .*outside the repository/i) }),
    ]);
  });

  it('reports exactly the findings of the readable pipelines', () => {
    expect(findingKeys(report).sort()).toEqual(
      [
        'src/bom.ts:3 sensitive-attribute',
        'src/crlf.ts:3 sensitive-attribute',
        'src/latin1.ts:4 sensitive-attribute',
        'src/score.ts:3 sensitive-attribute',
        'src/utf16be.ts:3 sensitive-attribute',
        'src/utf16le.ts:3 sensitive-attribute',
        'src/x.ts/inner.ts:3 sensitive-attribute',
      ].sort(),
    );
  });
});

describe('a 10 MB source file within maxFileSize', { timeout: 300_000 }, () => {
  it('is parsed within the time bound, and the pipeline next to it is still reported', () => {
    const big = createTempRepo(
      {
        'profilint.config.yaml': `${onlySensitiveAttributeConfig}maxFileSize: 20000000\n`,
        'src/score.ts': utf8Pipeline,
        'src/huge.ts': tenMegabyteSource(),
      },
      { git: true },
    );
    try {
      const started = Date.now();
      const bigRun = runCli(['--format', 'json'], { cwd: big.root, timeoutMs: 240_000 });
      expect(bigRun.signal).toBeNull();
      expect(Date.now() - started).toBeLessThan(240_000);
      expect(bigRun.stderr).toBe('');
      expect(bigRun.status).toBe(1);
      const bigReport = readJsonReport(bigRun);
      expect(findingKeys(bigReport)).toEqual(['src/score.ts:3 sensitive-attribute']);
      // Either analysed or skipped for the per-file time budget, but never dropped silently.
      expect(noticesFor(bigReport, 'src/huge.ts').every((notice) => notice.kind === 'timeout' || notice.kind === 'skipped')).toBe(true);
    } finally {
      big.remove();
    }
  });
});
