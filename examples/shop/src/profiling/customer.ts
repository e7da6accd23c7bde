// The customer record the profiling code reads: declaring sensitive fields is not a finding.
export interface Customer {
  id: string;
  tenureMonths: number;
  ordersLast90Days: number;
  supportTickets: number;
  gender: 'female' | 'male' | 'other' | 'undisclosed';
  birthYear: number;
  isPregnant: boolean;
  address: { postcode: string; city: string };
  consents: { profiling: boolean; analytics: boolean };
}
