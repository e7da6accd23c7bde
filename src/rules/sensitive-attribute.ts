import { defineRule, emptyOptionsSchema } from './define-rule.js';
import { reportCodeAttributes } from './from-code/attributes.js';
import { reportSpecFeatures } from './from-specs/features.js';

export default defineRule({
  id: 'sensitive-attribute',
  description: 'Disallow special-category and protected attributes as inputs to profiling',
  rationale: 'TODO',
  severity: 'error',
  tags: [],
  messages: {},
  defaultOptions: {},
  optionsSchema: emptyOptionsSchema,
  check(context) {
    reportCodeAttributes(context, 'sensitive');
    reportSpecFeatures(context, 'sensitive');
  },
});
