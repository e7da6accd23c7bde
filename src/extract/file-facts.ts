import { createHash } from 'node:crypto';
import type { Catalogs } from '../catalogs.js';
import { parseDirectives } from '../directives.js';
import { readSpecs } from '../specs/read.js';
import type { FileFacts } from '../types.js';
import { languageOf } from '../language.js';

export { languageOf } from '../language.js';

/** The content hash FileFacts carry and the facts cache is keyed by. */
export function hashText(text: string): string {
  // The id git gives the same content (a blob's), so a file git knows to be unchanged needs no reading to be looked up.
  return createHash('sha1').update(`blob ${Buffer.byteLength(text)}\0`).update(text).digest('hex');
}

/** The facts of a code file that is not parsed and holds no directive: its identity alone, as `extractFacts` gives. */
export function unparsedCodeFacts(file: string, hash: string): FileFacts {
  return { file, language: languageOf(file) ?? 'typescript', hash, directives: [], notices: [] };
}

/**
 * Extracts every fact from one file. Pure and serializable, so it can run in a worker and be cached.
 * A code file the prefilter ruled out (`parseCode` false) keeps only its directives: no rule can fire on it.
 */
export async function extractFacts(file: string, text: string, catalogs: Catalogs, parseCode = true, hash = hashText(text)): Promise<FileFacts> {
  const language = languageOf(file) ?? 'typescript';
  const facts: FileFacts = {
    file,
    language,
    hash,
    // Most files hold no directive; the comment scanner need not walk them.
    directives: text.includes('profilint-') ? parseDirectives(text, language) : [],
    notices: [],
  };
  if (language === 'yaml') {
    const { specs, notices } = readSpecs(file, text);
    facts.specs = specs;
    facts.notices.push(...notices);
    return facts;
  }
  if (!parseCode) return facts;
  // Loaded on first use: most runs parse few code files, and the compiler is most of profilint's start-up.
  const { extractCode } = await import('./typescript.js');
  const { code, notices } = extractCode(file, text, catalogs);
  if (code) facts.code = code;
  facts.notices.push(...notices);
  return facts;
}
