import type { Finding, RuleDescriptor, Severity } from '../types.js';
import { showInvisibleCharacters } from '../report/escape.js';
import { pluralize, rankByImportance } from './reported-findings.js';

/** The workflow command a finding becomes: `::error`, `::warning` or `::notice`. */
export type AnnotationCommand = 'error' | 'warning' | 'notice';

/** One workflow-command annotation, in the shape of @actions/core's `error(message, properties)`. */
export interface WorkflowAnnotation {
  command: AnnotationCommand;
  message: string;
  properties: {
    title?: string;
    file?: string;
    startLine?: number;
    endLine?: number;
    startColumn?: number;
    endColumn?: number;
  };
}

const commandBySeverity: Record<Severity, AnnotationCommand> = { error: 'error', warning: 'warning', note: 'notice' };

/** GitHub shows at most this many annotations of each kind per step and drops the rest silently. */
export const annotationsPerKindPerStep = 10;

/**
 * @actions/core percent-encodes only `%`, CR and LF (and `:` `,` in properties); any other control or
 * bidirectional character from a scanned file name or message would reach the log as it is.
 */
function showControlCharacters(text: string): string {
  return text.replace(/[^\r\n]+/g, showInvisibleCharacters);
}

function toAnnotation(finding: Finding, helpUri: string | undefined): WorkflowAnnotation {
  const sameLine = finding.line === finding.endLine;
  const message = showControlCharacters(finding.message);
  return {
    command: commandBySeverity[finding.severity],
    message: helpUri === undefined ? message : `${message}\nDocs: ${helpUri}`,
    properties: {
      title: finding.ruleId,
      file: showControlCharacters(finding.file),
      startLine: finding.line,
      endLine: finding.endLine,
      // GitHub rejects columns on annotations that span several lines.
      ...(sameLine ? { startColumn: finding.column, endColumn: finding.endColumn } : {}),
    },
  };
}

/**
 * Chooses the workflow-command annotations for a step: the most important findings first, at most
 * 10 errors, 10 warnings and 10 notices including the `alreadyUsed` ones the step emitted itself, and
 * when some findings do not fit, one notice saying how many and where they are. That notice takes a
 * notice slot, so then at most 9 notes are shown.
 */
export function selectWorkflowAnnotations(
  findings: readonly Finding[],
  rules: readonly RuleDescriptor[],
  whereToSeeAll: string,
  alreadyUsed: Record<AnnotationCommand, number> = { error: 0, warning: 0, notice: 0 },
): WorkflowAnnotation[] {
  const helpUris = new Map(rules.map((rule) => [rule.id, rule.helpUri]));
  const ranked = rankByImportance(findings, rules);
  const remaining = {} as Record<AnnotationCommand, number>;
  for (const command of ['error', 'warning', 'notice'] as const) {
    remaining[command] = Math.max(annotationsPerKindPerStep - alreadyUsed[command], 0);
  }
  const overflows = (['error', 'warning', 'notice'] as const).some(
    (command) => ranked.filter((finding) => commandBySeverity[finding.severity] === command).length > remaining[command],
  );
  if (overflows) remaining.notice = Math.max(remaining.notice - 1, 0);
  const chosen: WorkflowAnnotation[] = [];
  for (const finding of ranked) {
    const command = commandBySeverity[finding.severity];
    if (remaining[command] === 0) continue;
    remaining[command] -= 1;
    chosen.push(toAnnotation(finding, helpUris.get(finding.ruleId)));
  }
  const hidden = findings.length - chosen.length;
  if (hidden > 0) {
    chosen.push({
      command: 'notice',
      message: `${pluralize(hidden, 'more finding')} not shown as annotations (GitHub shows at most ${annotationsPerKindPerStep} of each kind per step): see ${whereToSeeAll}.`,
      properties: { title: 'profilint' },
    });
  }
  return chosen;
}
