// The churn model: scores only customers who consented to profiling. The findings it causes are in
// churn-features.ts, where the features are named.
import type { Customer } from './customer.js';
import { toFeatureRow } from './churn-features.js';

declare const model: { predict(rows: Array<Record<string, number | string>>): number[] };

export function scoreChurn(customers: Customer[]): number[] {
  return model.predict(customers.filter((customer) => customer.consents.profiling).map(toFeatureRow));
}
