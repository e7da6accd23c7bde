// Shows `sensitive-attribute` for a decision: the customer's birth year picks their marketing segment
// (line 13), which is age discrimination in who gets which offer. The tenure rule below it is fine.
import type { Customer } from './customer.js';

declare function hasConsent(customer: Customer, purpose: 'profiling'): boolean;

export function assignSegment(customer: Customer): string {
  if (!hasConsent(customer, 'profiling')) return 'unsegmented';
  let segment = 'standard';
  if (customer.tenureMonths > 24) {
    segment = 'loyal';
  }
  if (new Date().getFullYear() - customer.birthYear > 60) {
    segment = 'silver';
  }
  return segment;
}
