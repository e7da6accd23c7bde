import { defineRule } from './define-rule.js';
import { attributeMessages, reportCodeAttributes, type AttributeRuleOptions } from './from-code/attributes.js';
import { reportSpecFeatures, specFeatureMessages } from './from-specs/features.js';

export default defineRule<AttributeRuleOptions, string>({
  id: 'sensitive-attribute',
  description: 'Disallow special-category and protected attributes as inputs to profiling',
  rationale:
    'Profiling on racial or ethnic origin, religion, health, sexual orientation and the other special categories is prohibited without explicit consent or a specific legal ground (GDPR Art. 9, 22(4)), and deciding on sex, age, disability, national origin or marital status is discrimination (EU Charter Art. 21, ECOA, FHA, Title VII, ADEA, Equality Act 2010).',
  severity: 'error',
  tags: ['privacy', 'fairness', 'gdpr-art-9', 'discrimination'],
  messages: {
    ...attributeMessages.sensitive,
    ...specFeatureMessages.sensitive,
  },
  defaultOptions: { ignoreCategories: [] },
  optionsSchema: {
    type: 'object',
    properties: {
      ignoreCategories: {
        type: 'array',
        items: { type: 'string' },
        description: 'Sensitive category ids (rules/catalog/sensitive.yaml) never to report, e.g. `age` in an age-verification service.',
      },
    },
    additionalProperties: false,
  },
  check(context) {
    reportCodeAttributes(context, 'sensitive');
    reportSpecFeatures(context, 'sensitive');
  },
});
