import { defineRule, emptyOptionsSchema } from './define-rule.js';

export default defineRule({
  id: 'retention-mismatch',
  description: 'Disallow keeping data longer than the governing spec allows',
  rationale: 'TODO',
  severity: 'error',
  tags: [],
  messages: {},
  defaultOptions: {},
  optionsSchema: emptyOptionsSchema,
  check() {},
});
