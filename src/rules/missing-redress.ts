import { defineRule, emptyOptionsSchema } from './define-rule.js';

export default defineRule({
  id: 'missing-redress',
  description: 'Require human review or a redress channel for automated decisions with legal effect',
  rationale: 'TODO',
  severity: 'error',
  tags: [],
  messages: {},
  defaultOptions: {},
  optionsSchema: emptyOptionsSchema,
  check() {},
});
