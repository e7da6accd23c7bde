// The build id of the sources in `root`: a hash of every file the bundles are built from (src/, the
// catalogs, package.json). The build defines it in every bundle; the engine salts its caches with it.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** Every file under `folder` of `root`, relative to `root` with forward slashes, sorted. */
async function filesUnder(root, folder) {
  const entries = await readdir(path.join(root, folder), { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/** Hashes the sources of the bundles under `root`. */
export async function computeBuildId(root) {
  const hash = createHash('sha1');
  for (const file of [...(await filesUnder(root, 'src')), ...(await filesUnder(root, 'rules/catalog')), 'package.json']) {
    hash.update(`${file}\0`).update(await readFile(path.join(root, file))).update('\0');
  }
  return hash.digest('hex');
}
