import { defineRule, emptyOptionsSchema } from './define-rule.js';
import { reportCodeAttributes } from './from-code/attributes.js';
import { reportSpecFeatures } from './from-specs/features.js';

export default defineRule({
  id: 'proxy-attribute',
  description: 'Disallow known proxies for protected attributes as unjustified profiling inputs',
  rationale: 'TODO',
  severity: 'warning',
  tags: [],
  messages: {},
  defaultOptions: {},
  optionsSchema: emptyOptionsSchema,
  check(context) {
    reportCodeAttributes(context, 'proxy');
    reportSpecFeatures(context, 'proxy');
  },
});
