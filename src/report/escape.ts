// Text in a report comes partly from scanned code (identifiers, file names, YAML values): anything an
// attacker can commit. These functions keep such text inert in a terminal and in GitHub Markdown.

// C0 and C1 controls, DEL, line/paragraph separators and the bidirectional overrides behind "Trojan Source".
const invisibleCharacters = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Replaces control and bidi characters with a visible `\uXXXX`, so text cannot move the cursor, recolour or reorder a line. */
export function showInvisibleCharacters(text: string): string {
  return text.replace(
    invisibleCharacters,
    (character) => `\\u${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}

// JSON.stringify already escapes C0 controls; the newlines left are the document's own indentation.
const invisibleCharactersJsonKeeps = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Pretty-prints `value` as JSON with a final newline. Invisible characters inside strings are written as
 * `\uXXXX` escapes (the same value to a parser), so a report opened in an editor or a diff hides nothing.
 */
export function stringifyJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2).replace(
    invisibleCharactersJsonKeeps,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )}\n`;
}

// Every ASCII punctuation character may be backslash-escaped in CommonMark; escaping them all turns off
// emphasis, links, images, raw HTML, entities, autolinks and table cell breaks at once.
const markdownPunctuation = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;

/**
 * Makes text safe as inline GitHub Markdown (also inside a table cell): no HTML, no formatting, no links,
 * no @mentions, one line.
 */
export function escapeMarkdownText(text: string): string {
  return (
    showInvisibleCharacters(text.replace(/\r\n|\r|\n|\t/g, ' '))
      .replace(markdownPunctuation, (character) => `\\${character}`)
      // GitHub links @mentions and #123 references after rendering, where escapes are gone; a zero-width
      // space keeps the name from notifying a user or team and the number from cross-referencing an issue.
      .replace(/@/g, '@\u200b')
      .replace(/#(?=\d)/g, '#\u200b')
  );
}
