import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { packageRoot } from './package-root.js';

let bundled: Record<string, unknown> | undefined;

/**
 * The data of one of rules/catalog/*.yaml. The bundle reads it from dist/catalogs.json, which the build
 * writes from the same files, because parsing the YAML took longer than the rest of the CLI's start-up;
 * from source (tests) the YAML itself is read.
 */
export function readCatalogFile<T>(fileName: string): T {
  if (bundled === undefined && typeof __dirname === 'string' && existsSync(path.join(__dirname, 'catalogs.json'))) {
    bundled = JSON.parse(readFileSync(path.join(__dirname, 'catalogs.json'), 'utf8')) as Record<string, unknown>;
  }
  const data = bundled?.[fileName];
  return (data ?? parse(readFileSync(path.join(packageRoot, 'rules', 'catalog', fileName), 'utf8'))) as T;
}
