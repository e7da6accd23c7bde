import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { configFileNames } from './config.js';
import { ConfigError } from './errors.js';

const starterConfig = `# profilint configuration: https://github.com/profilint/profilint#configuration
# yaml-language-server: $schema=https://raw.githubusercontent.com/profilint/profilint/main/schema/config.schema.json

# recommended: every rule at its default severity; strict: every rule at error.
extends: recommended

# Per rule: off | note | warning | error, or { level, options }. \`npx profilint rules\` lists them.
# rules:
#   proxy-attribute: warning
#   unjustified-suppression: error
#   missing-bias-audit: { level: warning, options: {} }

# Globs relative to the repository root. node_modules, dist, build, coverage, vendor and minified
# files are excluded already; "!vendor/our-sdk/**" would scan that folder again.
# include: ["src/**", "specs/**"]
# exclude: ["**/*.test.ts", "fixtures/**"]

# Terms the built-in catalogs (rules/catalog) do not know.
# vocabulary:
#   sensitive: { health: [bmi_score] }
#   proxies: { postcode: [zip_area] }
#   ignore: [ageOfAccount]          # identifiers never to flag
#   sinks: [scoreCustomer]          # your own profiling functions
#   consent: [canProfile]           # your own consent checks
#   stores: [profileCache.put]      # your own store writes

# Files that are profiling code whatever they contain.
# profiling:
#   paths: ["src/scoring/**"]

# Files over this many bytes are skipped with a note (default 1 MiB).
# maxFileSize: 1048576
`;

/**
 * Writes a commented starter config at the repository root and returns the files written.
 * An existing config is never overwritten.
 */
export function writeStarterConfig(root: string): string[] {
  const existing = configFileNames.map((name) => path.join(root, name)).find((file) => existsSync(file));
  if (existing !== undefined) {
    throw new ConfigError(`${path.basename(existing)} already exists; edit it or delete it first.`, { file: existing });
  }
  const file = path.join(root, configFileNames[0]!);
  writeFileSync(file, starterConfig);
  return [file];
}
