// Shows `sensitive-attribute` and `proxy-attribute` reached through an import: this feature builder is
// passed to the churn model in churn-model.ts, so what it returns is a model input. `gender` is a
// protected attribute (sensitive-attribute, line 10); `postcode` stands in for ethnic origin and income
// (proxy-attribute, line 11). Tenure, orders and tickets are ordinary behaviour and stay silent.
import type { Customer } from './customer.js';

export function toFeatureRow(customer: Customer): Record<string, number | string> {
  return {
    tenure: customer.tenureMonths,
    gender: customer.gender,
    postcode: customer.address.postcode,
    orders: customer.ordersLast90Days,
    tickets: customer.supportTickets,
  };
}
