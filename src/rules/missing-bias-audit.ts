import { defineRule, emptyOptionsSchema } from './define-rule.js';
import { assessFairnessAudit } from './from-specs/fairness-audit.js';
import { classifyField, describeSubject, listSpecSubjects, locationOf } from './from-specs/subjects.js';

export default defineRule({
  id: 'missing-bias-audit',
  description: 'Require a fresh fairness audit for models that use sensitive or proxy features',
  rationale:
    'High-risk AI must be examined for possible biases in its data (EU AI Act Art. 10(2)(f)-(g)); automated employment decision tools need an independent bias audit no older than a year (NYC Local Law 144); Colorado SB 24-205 asks for annual impact assessments. Without a current audit, disparate impact through sensitive or proxy features goes unmeasured.',
  severity: 'warning',
  tags: ['fairness', 'bias-audit', 'ai-act'],
  messages: {
    noAudit:
      'The {{subject}} uses sensitive or proxy features ({{features}}) but records no fairness audit. Audit outcomes across the groups these features stand for, and add `fairnessAudit` with its `report` and `lastRun`.',
    noAuditReport:
      'The fairness audit of the {{subject}} names no report. Add `report` with the path or URL of the audit\'s results.',
    auditReportMissing:
      'The fairness audit report `{{report}}` of the {{subject}} does not exist in the repository. Commit the report at that path, or point `report` at where it is.',
    noAuditDate:
      'The fairness audit of the {{subject}} has no valid `lastRun` date (found: {{lastRun}}). Add the date the audit ran, as YYYY-MM-DD.',
    badAuditInterval:
      'The fairness audit interval `{{every}}` of the {{subject}} is not a duration. Write it as ISO 8601 (P180D, P1Y) or as `180 days`, `1 year`.',
    staleAudit:
      'The fairness audit of the {{subject}} ran on {{lastRun}} and was due again on {{due}}. Re-run it on current data and update `lastRun`.',
  },
  defaultOptions: {},
  optionsSchema: emptyOptionsSchema,
  check(context) {
    const { project } = context;
    for (const located of listSpecSubjects(project)) {
      const { subject, file } = located;
      if (subject.profilingEvidence === undefined) continue;
      const features = subject.fields.filter((field) => classifyField(project, field) !== undefined).map((field) => field.name);
      if (features.length === 0) continue;
      const assessment = assessFairnessAudit(project, subject);
      const data = { subject: describeSubject(located) };
      switch (assessment.status) {
        case 'fresh':
          break;
        case 'missing':
          context.report({ messageId: 'noAudit', data: { ...data, features: features.join(', ') }, location: locationOf(file, subject.anchor) });
          break;
        case 'noReport':
          context.report({ messageId: 'noAuditReport', data, location: locationOf(file, assessment.span) });
          break;
        case 'reportMissing':
          context.report({ messageId: 'auditReportMissing', data: { ...data, report: assessment.report }, location: locationOf(file, assessment.span) });
          break;
        case 'noDate':
          context.report({ messageId: 'noAuditDate', data: { ...data, lastRun: assessment.lastRun }, location: locationOf(file, assessment.span) });
          break;
        case 'badInterval':
          context.report({ messageId: 'badAuditInterval', data: { ...data, every: assessment.every }, location: locationOf(file, assessment.span) });
          break;
        case 'stale':
          context.report({
            messageId: 'staleAudit',
            data: { ...data, lastRun: assessment.lastRun, due: assessment.due },
            location: locationOf(file, assessment.span),
          });
          break;
      }
    }
  },
});
