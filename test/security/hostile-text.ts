import fc from 'fast-check';

/** Text an attacker can commit into a file name, an identifier, a YAML value or a suppression reason. */
export const hostileFragments = [
  '<img src=x onerror=alert(1)>', '<script>', '</details>', '<!--', '**bold**', '[link](javascript:alert(1))', '![x](http://e.example/x.png)',
  '@octocat', '@acme/security', '#1', '|', '`', '```', '\\', '::error::injected', '::add-mask::x', '%0A', '%25', '%0D', '\n::warning::x', '\r',
  '\r\n', '\u001b[31m', '\u001b]8;;http://evil.example\u0007', '\u0007', '\u0000', '\u202E', '\u2066', '\u2028', '\u0085', '&amp;', '&#x3C;', '%',
  ':', ',', '$(rm -rf /)', '${{ secrets.GITHUB_TOKEN }}', ' ', '\t',
];

/** Hostile fragments mixed with arbitrary code units. */
export const hostileTextArbitrary: fc.Arbitrary<string> = fc
  .array(fc.oneof(fc.constantFrom(...hostileFragments), fc.string({ unit: 'binary', maxLength: 8 })), { maxLength: 8 })
  .map((parts) => parts.join(''));

/** A repository path whose file name is hostile text. */
export const hostileFileNameArbitrary: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('src/', 'specs/', '', 'a b/'), hostileTextArbitrary, fc.constantFrom('.ts', '.yaml', '.js'))
  .map(([folder, name, extension]) => `${folder}${name}${extension}`);

/** Controls, DEL, C1, line/paragraph separators and bidi overrides, except tab and line feed. */
export const rawControlCharacter = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
