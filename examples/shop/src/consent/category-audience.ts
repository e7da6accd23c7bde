// Shows `missing-consent` for the wrong purpose: the shop checks the visitor's Cookiebot *statistics*
// consent, then sends their browsing to the ad platform's audience. Statistics consent covers
// analytics only; the finding points at this check as the related location.
declare function fbq(command: 'trackCustom', event: string, parameters: Record<string, unknown>): void;
declare const Cookiebot: { consent: { statistics: boolean; marketing: boolean } };

export function shareViewedCategory(category: string): void {
  if (!Cookiebot.consent.statistics) return;
  fbq('trackCustom', 'ViewedCategory', { category });
}
