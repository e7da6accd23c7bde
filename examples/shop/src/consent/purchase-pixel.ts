// Shows `missing-consent`: the Meta Pixel purchase event runs for every visitor, whether or not they
// agreed to advertising. The check in `consented-tracking.ts` is what this call is missing.
declare function fbq(command: 'track', event: string, parameters: Record<string, unknown>): void;

export interface PaidOrder {
  id: string;
  total: number;
  currency: string;
}

export function reportPurchase(order: PaidOrder): void {
  fbq('track', 'Purchase', { value: order.total, currency: order.currency, content_ids: [order.id] });
}
