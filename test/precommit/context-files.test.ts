import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findContextFiles, type ContentSource } from '../../src/context-files.js';
import { createTempRepo, type TempRepo } from '../helpers/temp-repo.js';
import { crossFileRepository } from './cross-file-repository.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.remove());

function contextOf(targets: string[], options: { source?: ContentSource; isScanned?: (file: string) => boolean; files?: string[] } = {}): string[] {
  const root = repo!.root;
  return findContextFiles({
    root,
    source: options.source ?? 'working-tree',
    targets: targets.map((file) => ({ file, text: readFileSync(path.join(root, file), 'utf8') })),
    isScanned: options.isScanned ?? (() => true),
    listScannedFiles: () => options.files ?? Object.keys(crossFileRepository),
  });
}

describe('findContextFiles', () => {
  it('finds the spec a @profiling tag names and every caller up the import graph', () => {
    repo = createTempRepo(crossFileRepository, { git: true });
    repo.commitAll('a cross-file repository');
    // routes/churn.ts imports pipeline.ts, which imports model.ts; consent.ts is imported by, not importing, them.
    expect(contextOf(['src/scoring/model.ts'])).toEqual(['specs/churn.profiling.yaml', 'src/routes/churn.ts', 'src/scoring/pipeline.ts']);
    expect(contextOf(['src/features/rows.ts'])).toEqual(['src/features/train.ts']);
  });

  it('needs no context for files nothing imports, nor for YAML', () => {
    repo = createTempRepo(crossFileRepository, { git: true });
    repo.commitAll('a cross-file repository');
    expect(contextOf(['src/routes/churn.ts'])).toEqual([]);
    expect(contextOf(['specs/churn.profiling.yaml'])).toEqual([]);
  });

  it('matches pipeline names as the link does, ignoring case, and leaves other specs out', () => {
    repo = createTempRepo(
      {
        'src/model.ts': '/** @profiling Churn-Propensity */\nexport const model = 1;\n',
        'specs/churn.profiling.yaml': 'profilint: 1\npipeline: churn-propensity\n',
        'specs/upsell.profiling.yaml': 'profilint: 1\npipeline: upsell\n',
        '.github/workflows/ci.yml': 'on: push\n',
      },
      { git: true },
    );
    expect(contextOf(['src/model.ts'])).toEqual(['specs/churn.profiling.yaml']);
  });

  it('includes the native specs that claim code by profiling.paths, whatever the code says', () => {
    repo = createTempRepo(
      {
        'services/churn/cache.ts': 'export const cache = 1;\n',
        'specs/churn.profiling.yaml': "profilint: 1\npipeline: churn-propensity\nprofiling:\n  paths: ['services/churn/**']\n",
        'specs/quoted.profiling.yaml': '"profilint": 1\npipeline: upsell\nprofiling: { "paths": ["services/upsell/**"] }\n',
        'specs/untagged.profiling.yaml': 'profilint: 1\npipeline: segments\n',
        '.github/workflows/ci.yml': "on:\n  push:\n    paths: ['src/**']\n",
        'config/profilint-notes.yaml': "notes:\n  profilint: installed\n  paths: ['src/**']\n",
      },
      { git: true },
    );
    expect(contextOf(['services/churn/cache.ts'])).toEqual(['specs/churn.profiling.yaml', 'specs/quoted.profiling.yaml']);
  });

  it('tells an import of a file from a mere mention of its name, and resolves folder index files', () => {
    repo = createTempRepo(
      {
        'src/scoring/index.ts': 'export function score() { return 1; }\n',
        'src/app.ts': "import { score } from './scoring';\nexport const run = () => score();\n",
        'src/lazy.js': "export const load = () => import('./scoring/index.js');\n",
        'src/legacy.cjs': "const { score } = require('./scoring');\nmodule.exports = score;\n",
        'src/notes.ts': "// the scoring module is tested elsewhere\nexport const scoring = 'scoring';\n",
        'src/other/scoring.ts': 'export const other = 1;\n',
        'src/uses-other.ts': "import { other } from './other/scoring';\nexport const x = other;\n",
      },
      { git: true },
    );
    expect(contextOf(['src/scoring/index.ts'])).toEqual(['src/app.ts', 'src/lazy.js', 'src/legacy.cjs']);
  });

  it('includes files declaring MongoDB TTL indexes, which bound writes to their collection anywhere', () => {
    repo = createTempRepo(
      {
        'src/write.ts': "export async function save(db: any, score: number) { await db.collection('scores').insertOne({ score }); }\n",
        'src/indexes.ts': "export async function setup(db: any) { await db.collection('scores').createIndex({ at: 1 }, { expireAfterSeconds: 86400 }); }\n",
      },
      { git: true },
    );
    expect(contextOf(['src/write.ts'])).toEqual(['src/indexes.ts']);
  });

  it('leaves out files a full scan would not read (excluded, ignored) and does not follow imports through them', () => {
    repo = createTempRepo(
      {
        ...crossFileRepository,
        '.gitignore': 'generated/\n',
        'generated/caller.ts': "import { predictChurn } from '../src/scoring/model';\nexport const run = predictChurn;\n",
      },
      { git: true },
    );
    const isScanned = (file: string): boolean => !file.startsWith('src/scoring/pipeline');
    expect(contextOf(['src/scoring/model.ts'], { isScanned })).toEqual(['specs/churn.profiling.yaml']);
  });

  it('reads the staged content with --staged and the working tree otherwise', () => {
    repo = createTempRepo(crossFileRepository, { git: true });
    repo.commitAll('a cross-file repository');
    repo.write({ 'src/new-caller.ts': "import { predictChurn } from './scoring/model';\nexport const again = predictChurn;\n" });
    expect(contextOf(['src/scoring/model.ts'], { source: 'index' })).not.toContain('src/new-caller.ts');
    expect(contextOf(['src/scoring/model.ts'])).toContain('src/new-caller.ts');
    repo.git('add', 'src/new-caller.ts');
    repo.write({ 'src/new-caller.ts': 'export const again = 1;\n' });
    expect(contextOf(['src/scoring/model.ts'], { source: 'index' })).toContain('src/new-caller.ts');
    expect(contextOf(['src/scoring/model.ts'])).not.toContain('src/new-caller.ts');
  });

  it('searches a plain folder outside git', () => {
    repo = createTempRepo(crossFileRepository);
    expect(contextOf(['src/scoring/model.ts'], { source: 'folder' })).toEqual([
      'specs/churn.profiling.yaml',
      'src/routes/churn.ts',
      'src/scoring/pipeline.ts',
    ]);
  });
});
