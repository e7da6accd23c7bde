import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(): string {
  // Source runs as ESM (tests), dist runs as CommonJS: each has only one of these.
  let dir = typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'rules', 'catalog'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('profilint is installed without its rules/catalog folder');
    dir = parent;
  }
  return dir;
}

/** Absolute path of the installed profilint package (where rules/, schema/ and dist/ live). */
export const packageRoot = findPackageRoot();
