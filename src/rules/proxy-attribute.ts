import { defineRule } from './define-rule.js';
import { attributeMessages, reportCodeAttributes, type AttributeRuleOptions } from './from-code/attributes.js';
import { reportSpecFeatures, specFeatureMessages } from './from-specs/features.js';

export default defineRule<AttributeRuleOptions, string>({
  id: 'proxy-attribute',
  description: 'Disallow known proxies for protected attributes as unjustified profiling inputs',
  rationale:
    'A model that never sees race finds it again in postcode, surname or school (Barocas & Selbst 2016; HUD v. Facebook 2019); using such proxies without a disparate-impact test produces indirect discrimination (Griggs v. Duke Power; EU Charter Art. 21; Equality Act 2010 s.19).',
  severity: 'warning',
  tags: ['fairness', 'proxy-discrimination', 'disparate-impact'],
  messages: {
    ...attributeMessages.proxy,
    ...specFeatureMessages.proxy,
  },
  defaultOptions: { ignoreProxies: [], includeAnalytics: false },
  optionsSchema: {
    type: 'object',
    properties: {
      ignoreProxies: {
        type: 'array',
        items: { type: 'string' },
        description: 'Proxy ids (rules/catalog/proxies.yaml) never to report, e.g. `language` for a translation service.',
      },
      includeAnalytics: {
        type: 'boolean',
        description: 'Also report proxies sent to product-analytics SDKs, which do not profile by themselves.',
      },
    },
    additionalProperties: false,
  },
  check(context) {
    reportCodeAttributes(context, 'proxy');
    reportSpecFeatures(context, 'proxy');
  },
});
