// Shows `sensitive-data-shared`: a pregnancy flag (health data, GDPR Art. 9) sent to Segment as a trait
// (line 11). The plan and city traits stay silent: they are not special-category data.
import type { Customer } from './customer.js';

declare const analytics: { identify(userId: string, traits: Record<string, unknown>): void };

export function syncTraits(customer: Customer): void {
  if (!customer.consents.analytics) return;
  analytics.identify(customer.id, {
    city: customer.address.city,
    expecting: customer.isPregnant,
  });
}
