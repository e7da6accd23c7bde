import type { AnyRule } from './define-rule.js';
import missingAccountability from './missing-accountability.js';
import missingBiasAudit from './missing-bias-audit.js';
import missingConsent from './missing-consent.js';
import missingRedress from './missing-redress.js';
import proxyAttribute from './proxy-attribute.js';
import retentionMismatch from './retention-mismatch.js';
import sensitiveAttribute from './sensitive-attribute.js';
import sensitiveDataShared from './sensitive-data-shared.js';
import undocumentedRetention from './undocumented-retention.js';
import unjustifiedSuppression from './unjustified-suppression.js';

/** Every rule, by id, in alphabetical order. */
export const rules = {
  'missing-accountability': missingAccountability,
  'missing-bias-audit': missingBiasAudit,
  'missing-consent': missingConsent,
  'missing-redress': missingRedress,
  'proxy-attribute': proxyAttribute,
  'retention-mismatch': retentionMismatch,
  'sensitive-attribute': sensitiveAttribute,
  'sensitive-data-shared': sensitiveDataShared,
  'undocumented-retention': undocumentedRetention,
  'unjustified-suppression': unjustifiedSuppression,
} satisfies Record<string, AnyRule>;

export type RuleId = keyof typeof rules;
