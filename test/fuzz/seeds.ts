import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { Node, Project, ScriptKind } from 'ts-morph';

const repositoryRoot = path.resolve(import.meta.dirname, '../..');

/** Seeds for one language: the rule fixtures' inputs, which reach every extractor and rule. */
export interface SeedCorpus {
  typescript: string[];
  yaml: string[];
}

function listFiles(folder: string, keep: (file: string) => boolean): string[] {
  const found: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(folder).sort();
  } catch {
    return found;
  }
  for (const entry of entries) {
    const absolute = path.join(folder, entry);
    if (statSync(absolute).isDirectory()) found.push(...listFiles(absolute, keep));
    else if (keep(absolute)) found.push(absolute);
  }
  return found;
}

/** The text a template literal in a test stands for; `${…}` parts become an identifier, enough for a seed. */
function literalText(node: Node): string | undefined {
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return node.getLiteralValue();
  if (Node.isTemplateExpression(node)) {
    return [node.getHead().getLiteralText(), ...node.getTemplateSpans().map((span) => `value${span.getLiteral().getLiteralText()}`)].join('');
  }
  return undefined;
}

function languageOfProperty(name: string): 'typescript' | 'yaml' | undefined {
  const unquoted = name.replace(/^['"`]|['"`]$/g, '');
  if (unquoted === 'code' || /\.[cm]?[jt]sx?$/.test(unquoted)) return 'typescript';
  if (/\.ya?ml$/.test(unquoted)) return 'yaml';
  return undefined;
}

/**
 * Every code and YAML input of the rule and extractor tests (`code:` and `files:` entries), plus the
 * fixture and example files: real inputs that reach deep into the extractors and rules.
 */
export function loadSeedCorpus(): SeedCorpus {
  const corpus: SeedCorpus = { typescript: [], yaml: [] };
  const project = new Project({ useInMemoryFileSystem: true });
  const testFiles = [
    ...listFiles(path.join(repositoryRoot, 'test/rules'), (file) => file.endsWith('.ts')),
    ...listFiles(path.join(repositoryRoot, 'test/extract'), (file) => file.endsWith('.ts')),
  ];
  for (const testFile of testFiles) {
    const source = project.createSourceFile(`/${path.basename(testFile)}`, readFileSync(testFile, 'utf8'), { overwrite: true, scriptKind: ScriptKind.TS });
    for (const property of source.getDescendants().filter(Node.isPropertyAssignment)) {
      const language = languageOfProperty(property.getName());
      const initializer = property.getInitializer();
      const text = language === undefined || initializer === undefined ? undefined : literalText(initializer);
      if (language !== undefined && text !== undefined && text.trim() !== '') corpus[language].push(text);
    }
  }
  for (const folder of ['test/fixtures', 'examples']) {
    for (const file of listFiles(path.join(repositoryRoot, folder), (name) => /\.(ya?ml|[cm]?[jt]sx?)$/.test(name))) {
      corpus[/\.ya?ml$/.test(file) ? 'yaml' : 'typescript'].push(readFileSync(file, 'utf8'));
    }
  }
  corpus.typescript = [...new Set(corpus.typescript)];
  corpus.yaml = [...new Set(corpus.yaml)];
  return corpus;
}

/** Fragments that break parsers and tokenizers in interesting ways: syntax, encodings, invisible characters. */
const nastyFragments = [
  '{', '}', '(', ')', '[', ']', '<', '>', '`', '${', '"', "'", '/*', '*/', '//', '#', ':', ': ', '- ', '? ', '|', '>-', '&a ', '*a', '!!binary ',
  '!!python/object ', '<<: *a', '---\n', '...\n', '\t', '\n', '\r\n', '\r', '\u2028', '\u2029', '\u0000', '\uFEFF', '\uD800', '\uDFFF', '\u202E',
  '\u001b[31m', '%0A::error::x', '@octocat', '<img src=x onerror=alert(1)>', 'age', 'birthYear', 'ethnicity', 'postcode', 'model.predict(',
  'hasConsent(', 'redis.set(', 'profilint-disable-next-line', ' -- reason', '@profiling ', '@retention P30D', 'profilint: 1', 'retention: ',
  'x'.repeat(5000), '9'.repeat(400), '\u{1F600}', 'e\u0301', 'async ', 'yield ', 'await ', 'export default ', '=>', '...', '?.', '??=', '#private',
];

type Mutation =
  | { kind: 'insert'; at: number; fragment: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'swapLines'; first: number; second: number };

const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    fragment: fc.oneof(fc.constantFrom(...nastyFragments), fc.string({ unit: 'binary', maxLength: 12 })),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swapLines' as const), first: fc.nat(), second: fc.nat() }),
);

function applyMutation(text: string, mutation: Mutation): string {
  const position = (value: number): number => (text.length === 0 ? 0 : value % (text.length + 1));
  switch (mutation.kind) {
    case 'insert': {
      const at = position(mutation.at);
      return text.slice(0, at) + mutation.fragment + text.slice(at);
    }
    case 'delete': {
      const at = position(mutation.at);
      return text.slice(0, at) + text.slice(at + mutation.length);
    }
    case 'duplicate': {
      const at = position(mutation.at);
      const slice = text.slice(at, at + mutation.length);
      return text.slice(0, at) + slice + slice + text.slice(at);
    }
    case 'truncate':
      return text.slice(0, position(mutation.at));
    case 'swapLines': {
      const lines = text.split('\n');
      const first = mutation.first % lines.length;
      const second = mutation.second % lines.length;
      [lines[first], lines[second]] = [lines[second]!, lines[first]!];
      return lines.join('\n');
    }
  }
}

/**
 * Inputs for a parser: a seed as it is, a seed with one to six mutations (the malformed variants), or
 * text made only of nasty fragments and arbitrary characters.
 */
export function mutatedText(seeds: string[]): fc.Arbitrary<string> {
  if (seeds.length === 0) throw new Error('No seeds: the rule fixtures were not found');
  const seed = fc.constantFrom(...seeds);
  return fc.oneof(
    { weight: 1, arbitrary: seed },
    {
      weight: 6,
      arbitrary: fc
        .tuple(seed, fc.array(mutationArbitrary, { minLength: 1, maxLength: 6 }))
        .map(([text, mutations]) => mutations.reduce(applyMutation, text)),
    },
    {
      weight: 1,
      arbitrary: fc
        .array(fc.oneof(fc.constantFrom(...nastyFragments), fc.string({ unit: 'binary', maxLength: 20 })), { maxLength: 40 })
        .map((parts) => parts.join('')),
    },
  );
}

/** Number of lines as profilint counts them for positions (`\n`, `\r\n`, lone `\r`, U+2028, U+2029). */
export function countLines(text: string): number {
  return text.split(/\r\n|[\n\r\u2028\u2029]/).length;
}
