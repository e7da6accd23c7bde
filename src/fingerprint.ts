import { createHash } from 'node:crypto';

/** Whitespace-insensitive text of a line, so reformatting does not change a fingerprint. */
function normalizeLine(text: string): string {
  return text.replace(/\s+/g, '');
}

/**
 * A finding's identity across edits elsewhere in the file: rule, file, the offending line's
 * normalized text and its ordinal among equal (rule, file, text) findings — never the line number.
 */
export function computeFingerprint(ruleId: string, file: string, lineText: string, ordinal: number): string {
  return createHash('sha256')
    .update(`${ruleId}\0${file}\0${normalizeLine(lineText)}\0${ordinal}`)
    .digest('hex')
    .slice(0, 32);
}
