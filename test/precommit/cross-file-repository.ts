/**
 * A small repository whose verdicts cross files: a sink guarded only by a caller two imports away,
 * a feature builder whose sensitive column reaches a model in another file, and code linked to its spec.
 * Scanning any one of these files alone, without its context, reaches a different verdict than CI.
 */
export const crossFileRepository: Record<string, string> = {
  'src/scoring/model.ts': `import * as tf from '@tensorflow/tfjs';

/** @profiling churn-propensity */
export function predictChurn(model: tf.LayersModel, customer: { tenureMonths: number }) {
  return model.predict(tf.tensor2d([[customer.tenureMonths]]));
}
`,
  'src/scoring/pipeline.ts': `import type * as tf from '@tensorflow/tfjs';
import { predictChurn } from './model.js';

export function runChurn(model: tf.LayersModel, customer: { tenureMonths: number }) {
  return predictChurn(model, customer);
}
`,
  'src/routes/churn.ts': `import type * as tf from '@tensorflow/tfjs';
import { runChurn } from '../scoring/pipeline';
import { hasConsent } from '../consent';

export function handleChurn(model: tf.LayersModel, user: { id: string; tenureMonths: number }) {
  if (!hasConsent(user.id, 'profiling')) return undefined;
  return runChurn(model, user);
}
`,
  'src/consent.ts': `export function hasConsent(userId: string, purpose: string): boolean {
  return userId.length > 0 && purpose.length > 0;
}
`,
  'src/features/rows.ts': `export function toFeatureRow(customer: { tenureMonths: number; gender: string }) {
  return [customer.tenureMonths, customer.gender === 'f' ? 1 : 0];
}
`,
  'src/features/train.ts': `import * as tf from '@tensorflow/tfjs';
import { toFeatureRow } from './rows';

export function scoreAll(model: tf.LayersModel, customers: { tenureMonths: number; gender: string }[]) {
  return model.predict(tf.tensor2d(customers.map(toFeatureRow)));
}
`,
  'specs/churn.profiling.yaml': `profilint: 1
pipeline: churn-propensity
owner: growth-analytics@acme.example
purpose: Offer retention discounts to customers likely to cancel.
lawfulBasis: consent
consent: { required: true, purpose: profiling }
retention: P180D
decision:
  automated: true
  legalEffect: false
  humanReview: true
  redress: https://acme.example/privacy/contest
features:
  - name: tenure_months
    source: billing.subscriptions.tenure
`,
  'src/cart/total.ts': `export const total = (prices: number[]) => prices.reduce((sum, price) => sum + price, 0);
`,
};
