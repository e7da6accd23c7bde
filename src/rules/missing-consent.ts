import { defineRule, emptyOptionsSchema } from './define-rule.js';

export default defineRule({
  id: 'missing-consent',
  description: 'Require a consent check for a covering purpose before every profiling sink',
  rationale: 'TODO',
  severity: 'error',
  tags: [],
  messages: {},
  defaultOptions: {},
  optionsSchema: emptyOptionsSchema,
  check() {},
});
