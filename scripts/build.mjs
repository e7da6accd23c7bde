// Bundles the entry points into dist/ as CommonJS (ts-morph's compiler needs __filename; @actions/* are ESM-only).
// Each bundle keeps the others external so the 9 MB TypeScript compiler exists once, in dist/extract-code.js,
// and is loaded only when a file needs parsing.
import { build } from 'esbuild';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { computeBuildId } from './build-id.mjs';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist');

const bundles = {
  profilint: 'src/index.ts',
  'extract-code': 'src/extract/typescript.ts',
  cli: 'src/cli.ts',
  action: 'src/action.ts',
  worker: 'src/worker.ts',
};

const bundleBySource = new Map(
  Object.entries(bundles).map(([name, source]) => [path.join(root, source), `./${name}.js`]),
);

function keepOtherBundlesExternal(ownSource) {
  return {
    name: 'keep-other-bundles-external',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^\.\.?\// }, (args) => {
        const source = path.resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts'));
        const bundle = bundleBySource.get(source);
        if (bundle === undefined || source === ownSource) return undefined;
        return { path: bundle, external: true };
      });
    },
  };
}

// What the bundles are built from, hashed: the engine salts its caches with it (src/build-id.ts).
const buildId = await computeBuildId(root);

await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });
const { existsSync } = await import('node:fs');
for (const [name, source] of Object.entries(bundles)) {
  const entry = path.join(root, source);
  if (!existsSync(entry)) continue;
  await build({
    entryPoints: [entry],
    outfile: path.join(dist, `${name}.js`),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    legalComments: 'none',
    // import() of a sibling bundle becomes require(): Node would otherwise load it through the ESM loader and
    // run its CommonJS export scanner over the whole 14 MB compiler bundle.
    supported: { 'dynamic-import': false },
    // Whitespace and syntax only: a smaller bundle compiles faster at start-up, and names stay readable in stack traces.
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning',
    logOverride: { 'empty-import-meta': 'silent' },
    banner: name === 'cli' ? { js: '#!/usr/bin/env node' } : {},
    plugins: [keepOtherBundlesExternal(entry)],
    define: { PROFILINT_BUILD_ID: JSON.stringify(buildId) },
  });
}
await writeFile(path.join(dist, 'package.json'), '{\n  "type": "commonjs"\n}\n');

const engine = createRequire(import.meta.url)(path.join(dist, 'profilint.js'));

// The catalogs as JSON: parsing their YAML took longer than the rest of the CLI's start-up (src/catalog-files.ts).
const { parse } = await import('yaml');
const catalogFolder = path.join(root, 'rules', 'catalog');
const catalogs = {};
for (const fileName of (await readdir(catalogFolder)).filter((name) => name.endsWith('.yaml')).sort()) {
  catalogs[fileName] = parse(await readFile(path.join(catalogFolder, fileName), 'utf8'));
}
await writeFile(path.join(dist, 'catalogs.json'), `${JSON.stringify(catalogs)}\n`);

// The validators of the config and profiling-spec schemas, compiled here: compiling them at start-up took
// 50-100 ms of a run. The engine generates their code with the options it validates with.
for (const [fileName, source] of [
  ['config-validator.js', engine.configValidatorSource()],
  ['profiling-spec-validator.js', engine.profilingSpecValidatorSource()],
]) {
  await build({
    stdin: { contents: source, resolveDir: root, sourcefile: fileName, loader: 'js' },
    outfile: path.join(dist, fileName),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    legalComments: 'none',
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning',
  });
}

// What a file must contain to host a finding under the default config, for the CLI to test staged files
// without loading the engine (src/quick-scan.ts); built from the catalogs by the engine just bundled.
const candidateTest = engine.candidateTestFor(engine.loadCatalogs(engine.loadConfig(root, undefined).vocabulary));
await writeFile(path.join(dist, 'candidate-test.json'), `${JSON.stringify(candidateTest)}\n`);
