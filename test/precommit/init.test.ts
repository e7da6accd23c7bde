import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { hookSnippets, starterSpecFile, writeStarterFiles } from '../../src/init.js';
import { scan } from '../../src/scan.js';
import { createTempRepo, type TempRepo } from '../helpers/temp-repo.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.remove());

const now = new Date('2026-11-30T12:00:00Z');
const repositoryRoot = path.resolve(import.meta.dirname, '../..');

describe('profilint init', { timeout: 120_000 }, () => {
  it('writes a config and a sample spec that scan clean, and that code links to by its pipeline name', async () => {
    repo = createTempRepo({}, { git: true });
    const written = writeStarterFiles(repo.root).map((file) => path.relative(repo!.root, file));
    expect(written).toEqual(['profilint.config.yaml', starterSpecFile]);
    repo.write({
      'src/churn.ts': `import * as tf from '@tensorflow/tfjs';
import { hasConsent } from './consent';

/** @profiling example-churn */
export function scoreChurn(model: tf.LayersModel, customer: { id: string; tenureMonths: number }) {
  if (!hasConsent(customer.id, 'profiling')) return undefined;
  return model.predict(tf.tensor2d([[customer.tenureMonths]]));
}
`,
      'src/consent.ts': 'export const hasConsent = (id: string, purpose: string): boolean => id !== purpose;\n',
    });
    const result = await scan({ cwd: repo.root, paths: [], now });
    expect(result.findings).toEqual([]);
    expect(result.notices).toEqual([]);
    // The same code linked to a pipeline no spec describes is a finding: the sample spec is what silences it.
    repo.write({ 'src/churn.ts': readFileSync(path.join(repo.root, 'src/churn.ts'), 'utf8').replace('@profiling example-churn', '@profiling other') });
    const unlinked = await scan({ cwd: repo.root, paths: [], now });
    expect(unlinked.findings.map((finding) => `${finding.file}:${finding.line} ${finding.messageId}`)).toEqual(['src/churn.ts:4 unknownPipeline']);
  });

  it('writes a sample spec that its JSON Schema accepts', () => {
    repo = createTempRepo({}, { git: true });
    writeStarterFiles(repo.root);
    const schema = JSON.parse(readFileSync(path.join(repositoryRoot, 'schema/profiling-spec.schema.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    const valid = validate(parse(readFileSync(path.join(repo.root, starterSpecFile), 'utf8')));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('refuses to overwrite a config, and keeps a spec that is already there', () => {
    repo = createTempRepo({ [starterSpecFile]: 'profilint: 1\npipeline: ours\n' }, { git: true });
    expect(writeStarterFiles(repo.root).map((file) => path.relative(repo!.root, file))).toEqual(['profilint.config.yaml']);
    expect(readFileSync(path.join(repo.root, starterSpecFile), 'utf8')).toBe('profilint: 1\npipeline: ours\n');
    expect(() => writeStarterFiles(repo!.root)).toThrow(ConfigError);
  });

  it('prints a pre-commit config for the hook this repository defines, and a lint-staged glob covering its files', () => {
    const snippets = hookSnippets();
    const [hook] = parse(readFileSync(path.join(repositoryRoot, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; files: string }[];
    const packageVersion = (JSON.parse(readFileSync(path.join(repositoryRoot, 'package.json'), 'utf8')) as { version: string }).version;
    const preCommit = parse(/^repos:\n(?: {2}.*\n)+/m.exec(snippets)![0]) as { repos: { repo: string; rev: string; hooks: { id: string }[] }[] };
    expect(preCommit.repos).toEqual([{ repo: 'https://github.com/profilint/profilint', rev: `v${packageVersion}`, hooks: [{ id: hook!.id }] }]);

    const lintStaged = JSON.parse(`{${/^"lint-staged": \{\n[\s\S]*?\n\}/m.exec(snippets)![0]}}`) as { 'lint-staged': Record<string, string> };
    const [glob, command] = Object.entries(lintStaged['lint-staged'])[0]!;
    expect(command).toBe('profilint');
    const extensions = /^\*\.\{(.+)\}$/.exec(glob)![1]!.split(',');
    const hookFiles = new RegExp(hook!.files);
    for (const extension of extensions) expect(hookFiles.test(`src/a.${extension}`), extension).toBe(true);
    for (const extension of ['ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs', 'yaml', 'yml']) expect(extensions).toContain(extension);
  });
});
