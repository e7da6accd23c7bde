import { defineRule, emptyOptionsSchema } from './define-rule.js';
import { reportSpecRetention } from './from-specs/retention.js';
import { reportCodeRetention } from './from-code/retention.js';

export default defineRule({
  id: 'undocumented-retention',
  description: 'Require a documented retention limit for personal and profile data',
  rationale: 'TODO',
  severity: 'warning',
  tags: [],
  messages: {},
  defaultOptions: {},
  optionsSchema: emptyOptionsSchema,
  check(context) {
    reportSpecRetention(context);
    reportCodeRetention(context);
  },
});
