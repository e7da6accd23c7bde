import { CST, Lexer } from 'yaml';

/** A comment found in source text, with its offsets (end exclusive) and its text without the markers. */
export interface SourceComment {
  start: number;
  end: number;
  body: string;
}

/** Characters after which a `/` starts a regular expression rather than a division. */
const regexPrecedingPunctuation = new Set('(,=:[!&|?{};+-*%<>~^'.split(''));
const regexPrecedingKeywords = new Set([
  'return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'yield', 'await', 'instanceof',
]);

function isLineTerminator(char: string | undefined): boolean {
  return char === '\n' || char === '\r' || char === '\u2028' || char === '\u2029';
}

function isIdentifierChar(char: string): boolean {
  return /[\p{ID_Continue}$]/u.test(char);
}

/**
 * Finds the comments of a TypeScript/JavaScript file without parsing it: a small lexer that knows strings,
 * template literals (with nested `${}`), regular expressions and comments, so `"// x"` is not a comment.
 * Directives must be found in every file, also those the prefilter never hands to the parser.
 */
export function findCodeComments(text: string): SourceComment[] {
  const comments: SourceComment[] = [];
  // One entry per open template literal: the depth of `{` inside its current `${ … }`.
  const templateBraceDepths: number[] = [];
  let lastSignificant = '';
  let lastWord = '';
  let index = 0;

  const skipQuoted = (quote: string): void => {
    index += 1;
    while (index < text.length && text[index] !== quote && !isLineTerminator(text[index])) {
      index += text[index] === '\\' ? 2 : 1;
    }
    index += 1;
  };

  // Reads template text from `index` until the closing backtick or a `${`.
  const skipTemplateText = (): void => {
    while (index < text.length) {
      const char = text[index];
      if (char === '\\') {
        index += 2;
      } else if (char === '`') {
        index += 1;
        return;
      } else if (char === '$' && text[index + 1] === '{') {
        index += 2;
        templateBraceDepths.push(0);
        return;
      } else {
        index += 1;
      }
    }
  };

  const skipRegex = (): void => {
    index += 1;
    let inClass = false;
    while (index < text.length && !isLineTerminator(text[index])) {
      const char = text[index];
      if (char === '\\') {
        index += 2;
        continue;
      }
      index += 1;
      if (char === '[') inClass = true;
      else if (char === ']') inClass = false;
      else if (char === '/' && !inClass) break;
    }
    while (index < text.length && isIdentifierChar(text[index]!)) index += 1;
  };

  while (index < text.length) {
    const char = text[index]!;
    const next = text[index + 1];
    if (char === '/' && next === '/') {
      const start = index;
      while (index < text.length && !isLineTerminator(text[index])) index += 1;
      comments.push({ start, end: index, body: text.slice(start + 2, index) });
      continue;
    }
    if (char === '/' && next === '*') {
      const start = index;
      const close = text.indexOf('*/', index + 2);
      index = close === -1 ? text.length : close + 2;
      comments.push({ start, end: index, body: text.slice(start + 2, close === -1 ? text.length : close) });
      continue;
    }
    if (/\s/.test(char)) {
      index += 1;
      continue;
    }
    if (char === '"' || char === "'") {
      skipQuoted(char);
      lastSignificant = char;
      lastWord = '';
      continue;
    }
    if (char === '`') {
      index += 1;
      skipTemplateText();
      lastSignificant = '`';
      lastWord = '';
      continue;
    }
    if (char === '/') {
      const startsRegex =
        lastSignificant === '' || regexPrecedingPunctuation.has(lastSignificant) || regexPrecedingKeywords.has(lastWord);
      if (startsRegex) {
        skipRegex();
        lastSignificant = '/';
        lastWord = '';
      } else {
        index += 1;
        lastSignificant = '/';
        lastWord = '';
      }
      continue;
    }
    if (templateBraceDepths.length > 0 && (char === '{' || char === '}')) {
      const depth = templateBraceDepths.length - 1;
      if (char === '{') {
        templateBraceDepths[depth]! += 1;
      } else if (templateBraceDepths[depth] === 0) {
        templateBraceDepths.pop();
        index += 1;
        skipTemplateText();
        lastSignificant = '`';
        lastWord = '';
        continue;
      } else {
        templateBraceDepths[depth]! -= 1;
      }
    }
    if (isIdentifierChar(char)) {
      const start = index;
      while (index < text.length && isIdentifierChar(text[index]!)) index += 1;
      lastWord = text.slice(start, index);
      // `)` and identifiers end an operand: a `/` after them divides.
      lastSignificant = regexPrecedingKeywords.has(lastWord) ? '(' : 'a';
      continue;
    }
    lastSignificant = char;
    lastWord = '';
    index += 1;
  }
  return comments;
}

// The YAML lexer emits these one-character markers that are not part of the source text.
const syntheticYamlTokens = new Set(['\x02', '\x18', '\x1f']);

/** Finds the `#` comments of a YAML file with the `yaml` package's lexer, so `#` inside strings and block scalars is not one. */
export function findYamlComments(text: string): SourceComment[] {
  const comments: SourceComment[] = [];
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (syntheticYamlTokens.has(token)) continue;
    if (CST.tokenType(token) === 'comment') {
      comments.push({ start: offset, end: offset + token.length, body: token.slice(1) });
    }
    offset += token.length;
  }
  return comments;
}
