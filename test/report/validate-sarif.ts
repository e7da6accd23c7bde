import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const require = createRequire(import.meta.url);

/** The Multitool binary for this platform, as @microsoft/sarif-multitool's own bin finds it. */
const multitoolBinary: string = require('@microsoft/sarif-multitool');

/** One problem the SARIF Multitool found in a log. */
export interface MultitoolProblem {
  ruleId: string;
  level: 'error' | 'warning' | 'note' | 'none';
  message: string;
}

function ensureExecutable(file: string): void {
  try {
    accessSync(file, constants.X_OK);
  } catch {
    // npm does not keep the execute bit of files that are not declared as bins.
    chmodSync(file, 0o755);
  }
}

/**
 * Runs Microsoft's SARIF Multitool `validate` with GitHub's and the SARIF spec's rules on `sarif` and returns
 * every problem it reports. The binary is called directly: the package's bin.js passes arguments through
 * a shell, which splits `Gh;Sarif` at the semicolon. The Multitool exits 0 even when it finds errors, so
 * its own SARIF output is read instead of its exit code.
 */
export function validateWithMultitool(sarif: string): MultitoolProblem[] {
  ensureExecutable(multitoolBinary);
  const directory = mkdtempSync(path.join(tmpdir(), 'profilint-sarif-'));
  try {
    const input = path.join(directory, 'input.sarif');
    const output = path.join(directory, 'validation.sarif');
    writeFileSync(input, sarif);
    const run = spawnSync(multitoolBinary, ['validate', '--rule-kind', 'Gh;Sarif', '--output', output, input], {
      encoding: 'utf8',
      // Invariant globalization: the .NET runtime inside then needs no ICU library on the machine.
      env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
      timeout: 120_000,
    });
    if (run.status !== 0) {
      throw new Error(`sarif-multitool exited with ${run.status ?? run.signal}: ${run.stdout}${run.stderr}`);
    }
    const validation = JSON.parse(readFileSync(output, 'utf8')) as {
      runs: Array<{ results?: Array<{ ruleId: string; level?: MultitoolProblem['level']; message: { text?: string } }> }>;
    };
    return (validation.runs[0]?.results ?? []).map((result) => ({
      ruleId: result.ruleId,
      level: result.level ?? 'warning',
      message: result.message.text ?? '',
    }));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

const schemaFile = path.join(path.dirname(multitoolBinary), 'sarif-2.1.0.json');
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
const validateSchema = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);

/** Validates `sarif` against the SARIF 2.1.0 JSON Schema that ships with the Multitool; returns the violations. */
export function validateWithSchema(sarif: string): string[] {
  if (validateSchema(JSON.parse(sarif))) return [];
  return (validateSchema.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`);
}
