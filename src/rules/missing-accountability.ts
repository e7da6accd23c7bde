import { defineRule, emptyOptionsSchema } from './define-rule.js';

export default defineRule({
  id: 'missing-accountability',
  description: 'Require an owner, purpose and lawful basis for every profiling dataset',
  rationale: 'TODO',
  severity: 'warning',
  tags: [],
  messages: {},
  defaultOptions: {},
  optionsSchema: emptyOptionsSchema,
  check() {},
});
