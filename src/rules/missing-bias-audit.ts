import { defineRule, emptyOptionsSchema } from './define-rule.js';

export default defineRule({
  id: 'missing-bias-audit',
  description: 'Require a fresh fairness audit for models that use sensitive or proxy features',
  rationale: 'TODO',
  severity: 'warning',
  tags: [],
  messages: {},
  defaultOptions: {},
  optionsSchema: emptyOptionsSchema,
  check() {},
});
