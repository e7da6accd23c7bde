import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findContextFiles, type ContentSource } from '../../src/context-files.js';
import { scan } from '../../src/scan.js';
import { createTempRepo, type TempRepo } from '../helpers/temp-repo.js';

let repo: TempRepo | undefined;
let outside: string | undefined;
afterEach(() => {
  repo?.remove();
  repo = undefined;
  if (outside !== undefined) rmSync(outside, { recursive: true, force: true });
  outside = undefined;
});

const now = new Date('2026-11-30T12:00:00Z');
const target = 'src/scoring/model.ts';
const targetText = 'export function score(customer: { tenureMonths: number }) { return customer.tenureMonths; }\n';
const importerText = "import { score } from './scoring/model';\nexport const run = (customer: { tenureMonths: number }) => score(customer);\n";

/** A folder outside the repository holding one file, as a committed symbolic link might point to. */
function outsideFile(name: string, text: string): string {
  outside = mkdtempSync(path.join(tmpdir(), 'profilint-outside-'));
  const file = path.join(outside, name);
  writeFileSync(file, text);
  return file;
}

function contextOf(source: ContentSource, maxFileSize?: number): string[] {
  const root = repo!.root;
  return findContextFiles({
    root,
    source,
    targets: [{ file: target, text: readFileSync(path.join(root, target), 'utf8') }],
    isScanned: () => true,
    listScannedFiles: () => [target, 'src/linked.ts', 'src/large.ts', 'src/small.ts'],
    ...(maxFileSize === undefined ? {} : { maxFileSize }),
  });
}

describe('files read only as context for a partial scan', () => {
  // `git grep` never lists a symbolic link, so only a folder outside git, searched file by file, can meet one.
  it('are never read through a symbolic link out of the repository (folder outside git)', () => {
    repo = createTempRepo({ [target]: targetText, 'src/small.ts': importerText });
    symlinkSync(outsideFile('importer.ts', importerText), path.join(repo.root, 'src/linked.ts'));
    // The same text inside the repository makes an importer; behind the link it is not read at all.
    expect(contextOf('folder')).toEqual(['src/small.ts']);
  });

  it.each<ContentSource>(['working-tree', 'folder', 'index'])('are not read when larger than maxFileSize (%s)', (source) => {
    const padding = `// ${'x'.repeat(400)}\n`;
    repo = createTempRepo({ [target]: targetText, 'src/small.ts': importerText, 'src/large.ts': importerText + padding }, { git: source !== 'folder' });
    if (source === 'index') repo.git('add', '--all');
    expect(contextOf(source, 300)).toEqual(['src/small.ts']);
    expect(contextOf(source)).toEqual(['src/large.ts', 'src/small.ts']);
  });

  it('are skipped with a notice in a partial scan, as a full scan skips them, and the scanned file is still reported', async () => {
    const tagged = `export function score(customer: { age: number }) {\n  return model.predict([customer.age]);\n}\ndeclare const model: { predict(x: unknown): number };\n`;
    repo = createTempRepo(
      {
        'profilint.config.yaml': 'maxFileSize: 2000\n',
        [target]: tagged,
        // A TTL index bounds writes from any file, so this file is context for every partial scan.
        'src/large-ttl.ts': `export const ttl = { expireAfterSeconds: 60 };\n// ${'x'.repeat(3000)}\n`,
      },
      { git: true },
    );
    const result = await scan({ cwd: repo.root, paths: [target], now });
    expect(result.findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`)).toContain(`${target}:2 sensitive-attribute`);
    expect(result.notices).toEqual([
      { kind: 'skipped', level: 'warning', file: 'src/large-ttl.ts', message: 'Skipped: 3 KiB is over maxFileSize (2 KiB); raise maxFileSize in the config to scan it.' },
    ]);
  });
});
