import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { privateCacheFolder } from './private-cache.js';

/**
 * Requires a CommonJS bundle through V8's code cache (what Node 22's module.enableCompileCache does, on
 * Node 20 too). Compiling the 10 MB TypeScript bundle is most of the time before a worker parses its first
 * file; with the cache it drops to about a third. The cache is keyed by the bundle's version, size and
 * modification time, and V8 rejects one built by another V8. Returns a function that saves the cache, to
 * call once the bundle has done some work, so the functions that work compiled are saved too.
 */
export function requireWithCodeCache(file: string, version: string): () => void {
  const load = createRequire(file);
  const folder = privateCacheFolder();
  if (folder === undefined) {
    load(file);
    return () => undefined;
  }
  const info = statSync(file);
  const cacheName = `${path.basename(file, '.js')}-${version}-${info.size}-${Math.trunc(info.mtimeMs)}.v8cache`;
  const cacheFile = path.join(folder, cacheName);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
  const loaded = new Module(file);
  loaded.filename = file;
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  run.call(loaded.exports, loaded.exports, load, loaded, file, path.dirname(file));
  loaded.loaded = true;
  // Later `require`s of the bundle (from the code that uses it) get this module.
  load.cache[file] = loaded;
  if (cachedData !== undefined && !script.cachedDataRejected) return () => undefined;
  let saved = false;
  return () => {
    if (saved) return;
    saved = true;
    try {
      const temporary = `${cacheFile}.${process.pid}.${Math.random().toString(36).slice(2)}`;
      writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
      renameSync(temporary, cacheFile);
      // Caches of other builds of this bundle are dead weight (about 9 MB each).
      const prefix = `${path.basename(file, '.js')}-`;
      for (const name of readdirSync(folder)) {
        if (name !== cacheName && name.startsWith(prefix) && name.endsWith('.v8cache')) rmSync(path.join(folder, name), { force: true });
      }
    } catch {
      // A cache that cannot be written only costs the next run its compile time.
    }
  };
}
