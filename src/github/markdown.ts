import { escapeMarkdownText } from '../report/escape.js';

/** Percent-encodes each segment of a repository path for use in a URL. */
export function encodePathForUrl(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

/** A Markdown link whose visible text is escaped; the URL must be one profilint built. */
export function markdownLink(text: string, url: string): string {
  return `[${escapeMarkdownText(text)}](${url.replace(/[()\s]/g, encodeURIComponent)})`;
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
