import { defineRule, emptyOptionsSchema } from './define-rule.js';
import { reportSpecRetention, specRetentionMessages } from './from-specs/retention.js';
import { codeRetentionMessages, reportCodeRetention } from './from-code/retention.js';

export default defineRule({
  id: 'undocumented-retention',
  description: 'Require a documented retention limit for personal and profile data',
  rationale:
    'Personal data may be kept no longer than its purpose needs (GDPR Art. 5(1)(e) storage limitation; CCPA/CPRA §1798.100(a)(3)), and the records of processing must state the time limits for erasure (GDPR Art. 30(1)(f)); profiles kept forever outlive the consent and the context they were built in.',
  severity: 'warning',
  tags: ['privacy', 'retention', 'gdpr-art-5'],
  messages: {
    ...specRetentionMessages,
    ...codeRetentionMessages,
  },
  defaultOptions: {},
  optionsSchema: emptyOptionsSchema,
  check(context) {
    reportSpecRetention(context);
    reportCodeRetention(context);
  },
});
