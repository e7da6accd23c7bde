import { defineRule, emptyOptionsSchema } from './define-rule.js';

export default defineRule({
  id: 'unjustified-suppression',
  description: 'Require a written reason on every suppression directive',
  rationale: 'TODO',
  severity: 'warning',
  tags: [],
  messages: {},
  defaultOptions: {},
  optionsSchema: emptyOptionsSchema,
  check() {},
});
