/** Week 1 of the fixture repository: a native spec, code linked to it, and an untagged file with an ad sink. */
export const weekOneFiles: Record<string, string> = {
  'specs/churn.profiling.yaml': `profilint: 1
pipeline: churn-propensity
owner: growth-analytics@acme.example
purpose: Offer retention discounts to customers likely to cancel.
lawfulBasis: legitimate-interests
consent: { required: true, purpose: profiling }
retention: P180D
decision:
  automated: true
  legalEffect: false
  humanReview: true
  redress: https://acme.example/privacy/contest
fairnessAudit:
  report: docs/fairness/churn.md
  lastRun: 2026-06-10
  every: P180D
features:
  - name: tenure_months
    source: billing.subscriptions.tenure
  - name: age_band
    justification: Age-restricted products must not be offered to minors.
`,
  'docs/fairness/churn.md': '# Churn fairness audit\n',
  'src/churn/model.ts': `/**
 * Churn scoring.
 * @profiling churn-propensity
 */
import * as tf from '@tensorflow/tfjs';

export function scoreChurn(model: tf.LayersModel, customer: { age: number; tenureMonths: number; consent: { profiling: boolean } }) {
  if (!customer.consent.profiling) return undefined;
  return model.predict(tf.tensor([[customer.age, customer.tenureMonths]]));
}
`,
  'src/marketing/audience.ts': `declare const fbq: (...args: unknown[]) => void;

export function trackPurchase(user: { postcode: string; religion: string }) {
  // profilint-disable-next-line sensitive-data-shared -- <b>reviewed</b> by the DPO in ticket PRIV-12
  fbq('track', 'Purchase', { postcode: user.postcode, religion: user.religion });
  // profilint-disable-next-line missing-consent
  fbq('track', 'ViewContent', { postcode: user.postcode });
}
`,
};

/** Week 2 adds code tagged with a pipeline that has no spec, which keeps a segment in Redis. */
export const weekTwoFiles: Record<string, string> = {
  'src/offers/next-offer.ts': `/**
 * Next best offer.
 * @profiling next-best-offer
 */
import { createClient } from 'redis';

const redis = createClient();

export async function rememberSegment(customerId: string, segment: string) {
  await redis.set(\`segment:\${customerId}\`, segment);
}
`,
};
