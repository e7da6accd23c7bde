import { defineRule, emptyOptionsSchema } from './define-rule.js';
// The registry imports this rule too; the cycle is safe because the registry is read only inside check().
import { rules } from './index.js';

export default defineRule({
  id: 'unjustified-suppression',
  description: 'Require a written reason on every suppression directive',
  rationale:
    'A suppression hides a privacy finding from review. GDPR Art. 5(2) (accountability) and Art. 30 records ' +
    'expect the controller to be able to show why a processing choice is acceptable; a directive without a ' +
    'reason, one naming a rule that does not exist, or one that no longer suppresses anything leaves auditors ' +
    'with an unexplained exception or a silent gap.',
  severity: 'warning',
  tags: ['privacy', 'accountability', 'suppression'],
  messages: {
    missingReason:
      'This profilint-{{kind}} directive gives no reason, so it suppresses nothing; write why the finding is acceptable after " -- ".',
    unknownRule:
      'The directive names "{{ruleId}}", which is not a profilint rule; use an id listed by `profilint rules` and put the reason after " -- ".',
    unusedDirective:
      'This directive suppresses nothing ({{rules}}); remove it, or move it next to the finding it is meant for.',
  },
  defaultOptions: {},
  optionsSchema: emptyOptionsSchema,
  check({ project, report }) {
    for (const facts of project.files) {
      for (const directive of facts.directives) {
        const location = { file: facts.file, ...directive.span };
        if (directive.kind !== 'enable' && directive.reason === '') {
          report({ messageId: 'missingReason', data: { kind: directive.kind }, location });
        }
        for (const ruleId of directive.ruleIds) {
          if (!Object.hasOwn(rules, ruleId)) report({ messageId: 'unknownRule', data: { ruleId }, location });
        }
      }
    }
  },
});
