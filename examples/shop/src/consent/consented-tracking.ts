// Correctly guarded profiling: profilint stays silent on every sink in this file.
declare function fbq(command: 'track', event: string, parameters?: Record<string, unknown>): void;
declare function hasConsent(visitor: Visitor, purpose: 'ads' | 'analytics'): boolean;
declare function requireConsent(purpose: string): (request: unknown, response: unknown, next: () => void) => void;
declare const analytics: { identify(userId: string, traits: Record<string, unknown>): void };
declare const router: { post(path: string, ...handlers: Array<(request: any, response: any, next: () => void) => void>): void };
declare function __tcfapi(
  command: 'addEventListener',
  version: 2,
  callback: (tcData: { purpose: { consents: Record<number, boolean> } }, success: boolean) => void,
): void;

export interface Visitor {
  id: string;
  plan: string;
  marketingOptIn: boolean;
}

/** An early return on the consent for the sink's own purpose. */
export function identifyVisitor(visitor: Visitor): void {
  if (!hasConsent(visitor, 'analytics')) return;
  analytics.identify(visitor.id, { plan: visitor.plan });
}

/** Only visitors who opted in to marketing reach the pixel. */
export function reportCartViews(visitors: Visitor[]): void {
  visitors
    .filter((visitor) => visitor.marketingOptIn)
    .forEach((visitor) => fbq('track', 'ViewContent', { external_id: visitor.id }));
}

/** Consent middleware in front of the route handler. */
router.post('/checkout/complete', requireConsent('ads'), (request, response) => {
  fbq('track', 'Purchase', { value: request.body.total, currency: request.body.currency });
  response.sendStatus(204);
});

/** The IAB TCF listener tests purposes 3 and 4 (ad profiles) before the pixel loads. */
__tcfapi('addEventListener', 2, (tcData, success) => {
  if (success && tcData.purpose.consents[3] && tcData.purpose.consents[4]) fbq('track', 'PageView');
});
