import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { configFileNames } from './config.js';
import { ConfigError } from './errors.js';
import { tool } from './report/tool.js';

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

/** Where `profilint init` puts its sample spec, relative to the repository root. */
export const starterSpecFile = 'specs/example.profiling.yaml';

const starterSpec = `# A profiling spec: one per pipeline, named <pipeline>.profiling.yaml. Rename this one after your pipeline
# and describe it; code links to it with a \`@profiling example-churn\` JSDoc tag on the function or file.
# yaml-language-server: $schema=https://raw.githubusercontent.com/profilint/profilint/main/schema/profiling-spec.schema.json
profilint: 1
pipeline: example-churn
owner: growth-analytics@example.com      # the person or team who answers for it
purpose: Offer retention discounts to customers likely to cancel.
lawfulBasis: consent                     # consent | contract | legal-obligation | vital-interests | public-task | legitimate-interests
consent: { required: true, purpose: profiling }
retention: P180D                         # ISO 8601 duration ("180d" and "6 months" work too)
decision:
  automated: true
  legalEffect: false                     # a legal or similarly significant effect (GDPR Art. 22) needs human review or redress
  humanReview: true
  redress: https://example.com/privacy/contest
# A sensitive or proxy feature needs a justification here and a fresh fairness audit:
# fairnessAudit: { report: docs/fairness/example-churn.md, lastRun: 2026-01-15, every: P180D }
features:
  - name: tenure_months
    source: billing.subscriptions.tenure
  - name: support_tickets_90d
    source: support.tickets
`;

/**
 * Writes the starter config and, unless one is there already, a sample profiling spec at the repository root;
 * returns the files written. An existing config is never overwritten.
 */
export function writeStarterFiles(root: string): string[] {
  const written = writeStarterConfig(root);
  const spec = path.join(root, starterSpecFile);
  if (!existsSync(spec)) {
    mkdirSync(path.dirname(spec), { recursive: true });
    writeFileSync(spec, starterSpec);
    written.push(spec);
  }
  return written;
}

/** How to run profilint before each commit: the pre-commit and the husky + lint-staged setups. */
export function hookSnippets(): string {
  return `Run profilint before each commit with pre-commit (https://pre-commit.com), in .pre-commit-config.yaml:

repos:
  - repo: ${tool.informationUri}
    rev: v${tool.version}
    hooks:
      - id: profilint

or with husky and lint-staged (lint-staged 16 on Node 20; 17 needs Node 22):

npm install --save-dev profilint husky lint-staged@16
npx husky init && echo "npx lint-staged" > .husky/pre-commit

and in package.json:

"lint-staged": {
  "*.{ts,tsx,mts,cts,js,jsx,mjs,cjs,yaml,yml}": "profilint"
}
`;
}
