import type { Directive, FileFacts, Finding } from './types.js';
import { findCodeComments, findYamlComments, type SourceComment } from './comments.js';

const directivePattern = /^profilint-(disable-next-line|disable-line|disable|enable)(?=\s|$)(.*)$/s;
// ESLint's convention: the reason follows two or more dashes set apart by whitespace.
const reasonSeparator = /(?:^|\s)-{2,}(?:\s|$)/;

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (char === '\n' || (char === '\r' && text[index + 1] !== '\n') || char === '\u2028' || char === '\u2029') {
      starts.push(index + 1);
    }
  }
  return starts;
}

function positionAt(lineStarts: number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (lineStarts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - lineStarts[low]! + 1 };
}

function parseDirectiveComment(comment: SourceComment, lineStarts: number[]): Directive | undefined {
  // `/** profilint-disable … */` and continuation stars of block comments are decoration, not text.
  const body = comment.body.replace(/^[\s*]+/, '').replace(/\n\s*\*/g, '\n').trim();
  const match = directivePattern.exec(body);
  if (match === null) return undefined;
  const kind = match[1] as Directive['kind'];
  const rest = match[2]!;
  const separator = reasonSeparator.exec(rest);
  const ruleText = separator === null ? rest : rest.slice(0, separator.index);
  const reason = separator === null ? '' : rest.slice(separator.index + separator[0].length).replace(/\s+/g, ' ').trim();
  const ruleIds = [...new Set(ruleText.split(/[\s,]+/).filter((id) => id !== ''))];
  const start = positionAt(lineStarts, comment.start);
  const end = positionAt(lineStarts, comment.end);
  const span = { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  const coveredLine = kind === 'disable-next-line' ? end.line + 1 : start.line;
  return { kind, ruleIds, reason, span, fromLine: coveredLine, toLine: coveredLine };
}

/** Whether an `enable` directive ends a `disable` block: it names none of the rules (all), or one of them. */
function endsBlock(enable: Directive, disable: Directive): boolean {
  if (enable.ruleIds.length === 0 || disable.ruleIds.length === 0) return true;
  return enable.ruleIds.some((id) => disable.ruleIds.includes(id));
}

/**
 * Reads the `profilint-disable…`/`profilint-enable` comments of a file (DESIGN 3.3): `//` and `/* *\/`
 * comments in TypeScript/JavaScript, `#` comments in YAML. A `disable` block runs to the first later
 * `enable` that names one of its rules (or none), else to the end of the file.
 */
export function parseDirectives(text: string, language: FileFacts['language']): Directive[] {
  // Almost no file has a directive; skip the lexers for them.
  if (!text.includes('profilint-')) return [];
  const comments = language === 'yaml' ? findYamlComments(text) : findCodeComments(text);
  const lineStarts = lineStartsOf(text);
  const lastLine = lineStarts.length;
  const directives = comments
    .map((comment) => parseDirectiveComment(comment, lineStarts))
    .filter((directive): directive is Directive => directive !== undefined);
  for (const [index, directive] of directives.entries()) {
    if (directive.kind !== 'disable') continue;
    const enable = directives.slice(index + 1).find((later) => later.kind === 'enable' && endsBlock(later, directive));
    directive.fromLine = directive.span.line;
    directive.toLine = enable === undefined ? lastLine : enable.span.line;
  }
  return directives;
}

/** Whether a directive may suppress findings at all: it disables something and gives a reason. */
export function isEffective(directive: Directive): boolean {
  return directive.kind !== 'enable' && directive.reason !== '';
}

/** Whether a directive covers a finding of `ruleId` that starts on `line`. */
export function covers(directive: Directive, ruleId: string, line: number): boolean {
  return (
    isEffective(directive) &&
    line >= directive.fromLine &&
    line <= directive.toLine &&
    (directive.ruleIds.length === 0 || directive.ruleIds.includes(ruleId))
  );
}

/** A directive that suppressed nothing, with the rule ids among those it names that matched no finding. */
export interface UnusedDirective {
  file: string;
  directive: Directive;
  /** Empty when the directive names no rules (it disables every rule and matched nothing). */
  unusedRuleIds: string[];
}

/** What applying directives produced: findings with `suppression` set where covered, and directives that covered nothing. */
export interface DirectiveOutcome {
  findings: Finding[];
  unused: UnusedDirective[];
}

/**
 * Marks each finding covered by an effective directive of its file as suppressed (it stays in the result,
 * with the reason as justification), and lists directives that suppressed nothing. Findings of
 * `unjustified-suppression` are never suppressed by directives, so a directive cannot hide its own report.
 * Rule ids in `activeRuleIds` are the ones that ran: a directive naming a rule that is off or unknown is
 * not "unused" (the unknown id is reported by the rule itself).
 */
export function applyDirectives(
  findings: Finding[],
  facts: FileFacts[],
  activeRuleIds: ReadonlySet<string>,
): DirectiveOutcome {
  const directivesByFile = new Map(facts.filter((file) => file.directives.length > 0).map((file) => [file.file, file.directives]));
  const usedRules = new Map<Directive, Set<string>>();
  const suppressed = findings.map((finding) => {
    if (finding.ruleId === 'unjustified-suppression' || finding.suppression !== undefined) return finding;
    const directive = directivesByFile.get(finding.file)?.find((candidate) => covers(candidate, finding.ruleId, finding.line));
    if (directive === undefined) return finding;
    const used = usedRules.get(directive) ?? new Set<string>();
    used.add(finding.ruleId);
    usedRules.set(directive, used);
    return {
      ...finding,
      suppression: { kind: 'inSource' as const, justification: directive.reason, file: finding.file, line: directive.span.line },
    };
  });
  const unused: UnusedDirective[] = [];
  for (const [file, directives] of directivesByFile) {
    for (const directive of directives) {
      if (!isEffective(directive)) continue;
      const used = usedRules.get(directive) ?? new Set<string>();
      if (directive.ruleIds.length === 0) {
        if (used.size === 0) unused.push({ file, directive, unusedRuleIds: [] });
        continue;
      }
      const unusedRuleIds = directive.ruleIds.filter((id) => activeRuleIds.has(id) && !used.has(id));
      if (unusedRuleIds.length > 0) unused.push({ file, directive, unusedRuleIds });
    }
  }
  return { findings: suppressed, unused };
}
