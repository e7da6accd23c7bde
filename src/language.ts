import type { FileFacts } from './types.js';

const codeExtensions = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/i;
const yamlExtensions = /\.ya?ml$/i;

/** The language profilint reads a file as, from its extension; undefined for files it does not read. */
export function languageOf(file: string): FileFacts['language'] | undefined {
  if (yamlExtensions.test(file)) return 'yaml';
  if (!codeExtensions.test(file)) return undefined;
  return /\.(ts|tsx|mts|cts)$/i.test(file) ? 'typescript' : 'javascript';
}
