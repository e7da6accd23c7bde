import { defineRule, emptyOptionsSchema } from './define-rule.js';
import { reportCodeAttributes } from './from-code/attributes.js';

export default defineRule({
  id: 'sensitive-data-shared',
  description: 'Disallow sending sensitive attributes to third-party SDKs and APIs',
  rationale: 'TODO',
  severity: 'error',
  tags: [],
  messages: {},
  defaultOptions: {},
  optionsSchema: emptyOptionsSchema,
  check(context) {
    reportCodeAttributes(context, 'shared');
  },
});
