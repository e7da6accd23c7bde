// ASCII characters other than letters and digits: `tokenize` splits a text at each of them, and no accent it strips
// or letter it lower-cases turns one into a letter, so the tokens of a text are the tokens of its words between them.
const asciiSeparators = /[\x00-\x2F\x3A-\x40\x5B-\x60\x7B-\x7F]+/;

/**
 * A text's distinct words, one space apart: `tokenize` gives the same set of tokens for it as for the text, at a
 * fraction of the work, since a file repeats its names.
 */
export function distinctWords(text: string): string {
  return [...new Set(text.split(asciiSeparators))].join(' ');
}
