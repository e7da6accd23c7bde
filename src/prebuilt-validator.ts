import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ValidateFunction } from 'ajv';

/**
 * A JSON Schema validator the build compiled (ajv's standalone code, bundled beside the CLI), or undefined when
 * running from source, where the caller compiles the schema. Compiling a schema took 50-100 ms of a run.
 */
export function prebuiltValidator<T>(fileName: string): ValidateFunction<T> | undefined {
  if (typeof __dirname !== 'string') return undefined;
  const file = path.join(__dirname, fileName);
  return existsSync(file) ? (createRequire(file)(file) as ValidateFunction<T>) : undefined;
}
