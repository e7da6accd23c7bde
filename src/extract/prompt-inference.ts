import { Node } from './ts-morph-bindings.js';
import type { Vocabulary, VocabularyMatch } from '../vocabulary.js';
import { matchNameCached, tokenizeCached } from './name-cache.js';
import { resolveLocal } from './flow-tracer.js';

// Words that ask a model to infer something about the person.
const inferenceVerbs =
  /\b(infer|inferring|guess|guessing|predict|predicting|estimate|estimating|determine|determining|deduce|classify|classifying|detect|detecting|identify|identifying|assess|judge|what is (?:the|their|his|her)|tell me)\b/i;

/** A piece of literal prompt text and where it starts in the file. */
export interface PromptFragment {
  node: Node;
  /** Offset of the fragment's text in the file. */
  start: number;
  text: string;
}

/** The literal text pieces of a prompt expression, following same-file constants. */
export function promptFragments(node: Node, seen: Set<Node>, depth = 0): PromptFragment[] {
  if (seen.has(node) || depth > 8) return [];
  seen.add(node);
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) {
    return [{ node, start: node.getStart() + 1, text: node.getText().slice(1, -1) }];
  }
  if (Node.isTemplateExpression(node)) {
    const pieces: PromptFragment[] = [];
    const head = node.getHead();
    pieces.push({ node: head, start: head.getStart() + 1, text: head.getText().slice(1, -2) });
    for (const span of node.getTemplateSpans()) {
      const literal = span.getLiteral();
      const closing = Node.isTemplateTail(literal) ? 1 : 2;
      pieces.push({ node: literal, start: literal.getStart() + 1, text: literal.getText().slice(1, -closing) });
      pieces.push(...promptFragments(span.getExpression(), seen, depth + 1));
    }
    return pieces;
  }
  if (Node.isIdentifier(node)) {
    const declaration = resolveLocal(node);
    const initializer = Node.isVariableDeclaration(declaration) ? declaration.getInitializer() : undefined;
    return initializer === undefined ? [] : promptFragments(initializer, seen, depth + 1);
  }
  const children: Node[] = [];
  node.forEachChild((child) => {
    children.push(child);
  });
  return children.flatMap((child) => promptFragments(child, seen, depth + 1));
}

/** Words of a prompt that name a sensitive category, when the same text asks the model to infer something. */
export function inferredCategories(fragment: PromptFragment, vocabulary: Vocabulary): Array<{ start: number; end: number; word: string; match: VocabularyMatch }> {
  if (!inferenceVerbs.test(fragment.text)) return [];
  const words = [...fragment.text.matchAll(/[A-Za-z][A-Za-z'-]*/g)];
  const hits: Array<{ start: number; end: number; word: string; match: VocabularyMatch }> = [];
  for (let index = 0; index < words.length; index++) {
    for (let width = 4; width >= 1; width--) {
      const window = words.slice(index, index + width);
      if (window.length < width) continue;
      const phrase = window.map((word) => word[0]).join(' ');
      const match = matchNameCached(vocabulary, phrase);
      if (match === undefined || match.kind !== 'sensitive') continue;
      if (tokenizeCached(match.term).length !== tokenizeCached(phrase).length) continue;
      const first = window[0] as RegExpMatchArray;
      const last = window[window.length - 1] as RegExpMatchArray;
      hits.push({
        start: fragment.start + (first.index ?? 0),
        end: fragment.start + (last.index ?? 0) + last[0].length,
        word: phrase,
        match,
      });
      index += width - 1;
      break;
    }
  }
  return hits;
}
