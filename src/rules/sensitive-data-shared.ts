import { defineRule } from './define-rule.js';
import { attributeMessages, reportCodeAttributes, type AttributeRuleOptions } from './from-code/attributes.js';

export default defineRule<AttributeRuleOptions, string>({
  id: 'sensitive-data-shared',
  description: 'Disallow sending sensitive attributes to third-party SDKs and APIs',
  rationale:
    'Handing special-category or protected attributes to ad, analytics and marketing vendors lets them build profiles and target on them: prohibited without explicit consent (GDPR Art. 9; CJEU C-252/21 Meta v Bundeskartellamt), a sale or share of sensitive personal information (CCPA 1798.121), and the mechanism behind discriminatory ad delivery (HUD v. Facebook).',
  severity: 'error',
  tags: ['privacy', 'third-party', 'gdpr-art-9', 'ccpa'],
  messages: {
    ...attributeMessages.shared,
  },
  defaultOptions: { ignoreCategories: [], allowSinks: [] },
  optionsSchema: {
    type: 'object',
    properties: {
      ignoreCategories: {
        type: 'array',
        items: { type: 'string' },
        description: 'Sensitive category ids never to report.',
      },
      allowSinks: {
        type: 'array',
        items: { type: 'string' },
        description: 'Sink catalog ids (rules/catalog/sinks.yaml, e.g. `braze`) contracted to receive sensitive data with explicit consent.',
      },
    },
    additionalProperties: false,
  },
  check(context) {
    reportCodeAttributes(context, 'shared');
  },
});
