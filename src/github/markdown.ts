/**
 * Makes text from scanned files (paths, identifiers, messages) inert in GitHub Markdown: HTML is
 * entity-encoded, Markdown punctuation backslash-escaped (so no links, images, emphasis or table cells),
 * `@` followed by a zero-width space (GitHub links mentions after Markdown is rendered, so a backslash
 * would not stop a ping), and line breaks folded so a table row stays one row.
 */
export function escapeMarkdown(text: string): string {
  return text
    // Controls and the bidirectional overrides behind "Trojan Source" would hide or reorder what a reviewer reads.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]()#+\-.!|~]/g, (character) => `\\${character}`)
    .replace(/@/g, '@\u200b');
}

/** Percent-encodes each segment of a repository path for use in a URL. */
export function encodePathForUrl(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

/** A Markdown link whose visible text is escaped; the URL must be one profilint built. */
export function markdownLink(text: string, url: string): string {
  return `[${escapeMarkdown(text)}](${url.replace(/[()\s]/g, encodeURIComponent)})`;
}

/**
 * Cuts `text` to at most `budget` bytes of UTF-8 at a line boundary, appending `note` (which must fit
 * in the budget) when anything was cut.
 */
export function truncateToBytes(text: string, budget: number, note: string): string {
  if (Buffer.byteLength(text, 'utf8') <= budget) return text;
  const room = budget - Buffer.byteLength(note, 'utf8') - 2;
  let kept = Buffer.from(text, 'utf8').subarray(0, Math.max(room, 0)).toString('utf8');
  // A cut inside a multi-byte character leaves U+FFFD; a cut inside a line leaves half a table row.
  const lastNewline = kept.lastIndexOf('\n');
  kept = lastNewline === -1 ? '' : kept.slice(0, lastNewline + 1);
  return `${kept}\n${note}\n`;
}
