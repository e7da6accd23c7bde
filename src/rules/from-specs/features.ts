import type { RuleContext } from '../define-rule.js';
import { assessFairnessAudit, type AuditAssessment } from './fairness-audit.js';
import { classifyField, describeSubject, fieldNoun, listSpecSubjects, locationOf, standsForLabel } from './subjects.js';

/** Message templates for features and columns in specs; the attribute rules spread them into their `messages`. */
export const specFeatureMessages = {
  sensitive: {
    sensitiveSpecFeature:
      'The {{noun}} `{{name}}` of the {{subject}} is {{label}} ({{laws}}) and has no justification. Remove it, or add a `justification` and a fresh fairness audit.',
    sensitiveSpecFeatureUnaudited:
      'The {{noun}} `{{name}}` of the {{subject}} is {{label}} ({{laws}}); its justification needs a fresh fairness audit, but {{auditProblem}}. Run the audit and record it, or remove the {{noun}}.',
  },
  proxy: {
    proxySpecFeature:
      'The {{noun}} `{{name}}` of the {{subject}} ({{label}}) is a known proxy for {{standsFor}} and has no justification. Remove it, or add a `justification` and a fairness audit that tests its disparate impact.',
    proxySpecFeatureUnaudited:
      'The {{noun}} `{{name}}` of the {{subject}} ({{label}}) is a known proxy for {{standsFor}}; its justification needs a fresh fairness audit, but {{auditProblem}}. Run the audit and record it, or remove the {{noun}}.',
  },
} as const;

/** Says what keeps an audit from backing a justification, for the `auditProblem` placeholder. */
export function describeAuditProblem(assessment: Exclude<AuditAssessment, { status: 'fresh' }>): string {
  switch (assessment.status) {
    case 'missing':
      return 'there is no `fairnessAudit`';
    case 'noReport':
      return 'the audit names no report';
    case 'reportMissing':
      return `its report \`${assessment.report}\` does not exist`;
    case 'noDate':
      return 'the audit has no valid `lastRun` date';
    case 'badInterval':
      return `its interval \`${assessment.every}\` is not a duration`;
    case 'stale':
      return `the audit of ${assessment.lastRun} was due again on ${assessment.due}`;
  }
}

/** Reports sensitive or proxy features and profiling columns in specs that lack a justification backed by an audit. */
export function reportSpecFeatures(context: RuleContext<Record<string, unknown>, string>, kind: 'sensitive' | 'proxy'): void {
  const { project } = context;
  const ignored = new Set((kind === 'sensitive' ? context.options.ignoreCategories : context.options.ignoreProxies) as string[] | undefined);
  for (const located of listSpecSubjects(project)) {
    if (located.subject.profilingEvidence === undefined) continue;
    let assessment: AuditAssessment | undefined;
    for (const field of located.subject.fields) {
      const match = classifyField(project, field);
      if (match === undefined || match.kind !== kind || ignored.has(match.category)) continue;
      const data: Record<string, string> = {
        noun: fieldNoun(located),
        name: field.name,
        subject: describeSubject(located),
        label: match.label,
        laws: match.laws.join(', '),
        standsFor: standsForLabel(project, match),
      };
      let messageId: string = kind === 'sensitive' ? 'sensitiveSpecFeature' : 'proxySpecFeature';
      if (field.justification !== undefined) {
        assessment ??= assessFairnessAudit(project, located.subject);
        if (assessment.status === 'fresh') continue;
        messageId = `${messageId}Unaudited`;
        data.auditProblem = describeAuditProblem(assessment);
      }
      context.report({ messageId, data, location: locationOf(located.file, field.span), category: match.category });
    }
  }
}
