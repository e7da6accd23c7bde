import { runRuleTests } from '../helpers/rule-tester.js';

// Line 1 of every `code` is the empty line after the opening backtick.
runRuleTests('missing-consent', {
  valid: [
    {
      name: 'an LLM asked to map CSV headers onto a list of CRM field names profiles nobody',
      code: `const TARGET_FIELDS = ['last_name', 'first_name', 'email', 'company'];
export async function suggestMapping(openai, headers) {
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: \`CSV headers: \${JSON.stringify(headers)}\\n\\nCRM fields: \${JSON.stringify(TARGET_FIELDS)}\` }],
  });
  return completion.choices[0]?.message?.content;
}
`,
    },
    {
      name: 'an LLM that summarises a document profiles nobody',
      filename: 'src/documents/summarise.ts',
      code: `export async function summariseDocument(openai, document) {
  return openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: document.text }] });
}
`,
    },
    {
      name: 'early return on a negated hasConsent for ads',
      code: `
export function trackPurchase(user: User) {
  if (!hasConsent(user, 'ads')) return;
  fbq('track', 'Purchase', { em: user.email });
}`,
    },
    {
      name: 'sink on the consented branch of an if',
      code: `
export function trackPurchase(user: User) {
  if (hasConsent(user, 'marketing')) {
    fbq('track', 'Purchase', { em: user.email });
  }
}`,
    },
    {
      name: 'throw on missing consent.isGranted',
      code: `
export function trackPurchase(user: User, consent: ConsentState) {
  if (!consent.isGranted('advertising')) throw new ConsentError('advertising');
  fbq('track', 'Purchase', { em: user.email });
}`,
    },
    {
      name: 'throwing assertConsent before the sink',
      code: `
export function trackPurchase(user: User) {
  assertConsent(user, 'ads');
  fbq('track', 'Purchase', { em: user.email });
}`,
    },
    {
      name: 'awaited requireConsent before the sink',
      code: `
export async function trackPurchase(user: User) {
  await consentService.require(user.id, 'ads');
  fbq('track', 'Purchase', { em: user.email });
}`,
    },
    {
      name: 'consents.includes short-circuit with &&',
      code: `
export function trackPurchase(user: User) {
  return user.consents.includes('ads') && fbq('track', 'Purchase', { em: user.email });
}`,
    },
    {
      name: 'ternary with the sink on the consented side',
      code: `
export function trackPurchase(user: User) {
  return user.marketingOptIn ? fbq('track', 'Purchase', { em: user.email }) : undefined;
}`,
    },
    {
      name: 'negated check or-ed before the sink',
      code: `
export function trackPurchase(user: User) {
  return !user.consents.ads || fbq('track', 'Purchase', { em: user.email });
}`,
    },
    {
      name: 'continue on a missing opt-in inside a loop',
      code: `
export function trackAll(users: User[]) {
  for (const user of users) {
    if (!user.marketingOptIn) continue;
    fbq('track', 'Purchase', { em: user.email });
  }
}`,
    },
    {
      name: 'filter on a consent field before forEach',
      code: `
export function trackAll(users: User[]) {
  users
    .filter((user) => user.marketingOptIn)
    .forEach((user) => fbq('track', 'Purchase', { em: user.email }));
}`,
    },
    {
      name: 'const holding a consent-filtered collection, iterated with for-of',
      code: `
export function trackAll(users: User[]) {
  const consented = users.filter((user) => hasConsent(user, 'ads'));
  for (const user of consented) {
    fbq('track', 'Purchase', { em: user.email });
  }
}`,
    },
    {
      name: 'consent-filtered collection passed to the sink',
      code: `
export function scoreAll(model: Model, users: User[]) {
  const consented = users.filter((user) => user.consents.profiling);
  return model.predict(consented);
}`,
    },
    {
      name: 'express route behind requireConsent middleware',
      code: `
router.post('/checkout', requireConsent('ads'), (req, res) => {
  fbq('track', 'Purchase', { em: req.user.email });
  res.sendStatus(204);
});`,
    },
    {
      name: 'fastify preHandler with a consent hook',
      code: `
fastify.post('/checkout', { preHandler: [authenticate, requireConsent('ads')] }, async (request) => {
  fbq('track', 'Purchase', { em: request.user.email });
});`,
    },
    {
      name: 'router.use(consent middleware) before the route',
      code: `
router.use(requireConsent('marketing'));
router.post('/checkout', async (req, res) => {
  fbq('track', 'Purchase', { em: req.user.email });
  res.sendStatus(204);
});`,
    },
    {
      name: 'next.js handler wrapped in withConsent',
      code: `
export const POST = withConsent('ads', async (request: Request) => {
  const user = await readUser(request);
  fbq('track', 'Purchase', { em: user.email });
});`,
    },
    {
      name: 'nest method decorated with RequiresConsent',
      code: `
@Controller('churn')
export class ChurnController {
  @Post()
  @RequiresConsent('profiling')
  async score(@Body() customer: Customer) {
    return this.model.predict(customer.features);
  }
}`,
    },
    {
      name: 'nest controller behind UseGuards(ConsentGuard)',
      code: `
@Controller('churn')
@UseGuards(AuthGuard, ConsentGuard)
export class ChurnController {
  @Post()
  async score(@Body() customer: Customer) {
    return this.model.predict(customer.features);
  }
}`,
    },
    {
      name: 'TCF callback testing purposes 3 and 4',
      code: `
__tcfapi('addEventListener', 2, (tcData, success) => {
  if (success && tcData.purpose.consents[3] && tcData.purpose.consents[4]) {
    fbq('init', pixelId, { em: customer.email });
  }
});`,
    },
    {
      name: 'Google Consent Mode ad_user_data and ad_personalization granted',
      code: `
export function tagConversion(user: User) {
  if (isConsentGranted('ad_user_data') && isConsentGranted('ad_personalization')) {
    gtag('set', 'user_data', { email: user.email });
  }
}`,
    },
    {
      name: 'OneTrust targeting group C0004 active',
      code: `
function OptanonWrapper() {
  if (window.OnetrustActiveGroups.includes('C0004')) {
    fbq('track', 'PageView');
  }
}`,
    },
    {
      name: 'Cookiebot marketing consent',
      code: `
window.addEventListener('CookiebotOnAccept', () => {
  if (Cookiebot.consent.marketing) {
    fbq('track', 'PageView');
  }
});`,
    },
    {
      name: 'Didomi purpose status for advertising',
      code: `
window.didomiOnReady.push((Didomi) => {
  if (Didomi.getUserConsentStatusForPurpose('advertising')) {
    fbq('track', 'PageView');
  }
});`,
    },
    {
      name: 'Usercentrics service consent status (unclassified purpose covers)',
      code: `
export function loadPixel() {
  const service = UC_UI.getServicesBaseInfo().find((entry) => entry.name === 'Facebook Pixel');
  if (!service?.consent.status) return;
  fbq('track', 'PageView');
}`,
    },
    {
      name: 'Osano marketing consent',
      code: `
export function loadPixel() {
  if (Osano.cm.marketing) fbq('track', 'PageView');
}`,
    },
    {
      name: 'Segment Advertising category preference',
      code: `
export function forward(ctx: Context) {
  if (!ctx.consent.categoryPreferences.Advertising) return;
  fbq('track', ctx.event.name);
}`,
    },
    {
      name: 'Global Privacy Control honoured as an opt-out before an ad pixel',
      code: `
export function loadPixel() {
  if (navigator.globalPrivacyControl) return;
  fbq('track', 'PageView');
}`,
    },
    {
      name: 'Sec-GPC header honoured on the server',
      code: `
app.post('/events', (req, res) => {
  if (req.headers['sec-gpc'] === '1') return res.sendStatus(204);
  fbq('track', req.body.event);
  res.sendStatus(202);
});`,
    },
    {
      name: 'helper only called inside a consent check in the same file',
      code: `
function sendPurchase(user: User) {
  fbq('track', 'Purchase', { em: user.email });
}
export function checkout(user: User) {
  if (hasConsent(user, 'ads')) sendPurchase(user);
}`,
    },
    {
      name: 'exported helper guarded by its only caller in another file',
      files: {
        'src/tracking.ts': `
export function sendPurchase(user: User) {
  fbq('track', 'Purchase', { em: user.email });
}`,
        'src/checkout.ts': `
import { sendPurchase } from './tracking.js';
export function checkout(user: User) {
  if (!user.consents.includes('ads')) return;
  sendPurchase(user);
}`,
      },
    },
    {
      name: 'namespace import called behind consent',
      files: {
        'src/tracking.ts': `
export function sendPurchase(user: User) {
  fbq('track', 'Purchase', { em: user.email });
}`,
        'src/checkout.ts': `
import * as tracking from './tracking';
export function checkout(user: User) {
  if (user.marketingOptIn) tracking.sendPurchase(user);
}`,
      },
    },
    {
      name: 'private method called through this behind a consent check',
      code: `
export class Checkout {
  private track(user: User) {
    fbq('track', 'Purchase', { em: user.email });
  }
  complete(user: User) {
    if (!this.consents.isGranted(user.id, 'ads')) return;
    this.track(user);
  }
}`,
    },
    {
      name: 'awaited consent result in a local variable',
      code: `
export async function trackPurchase(user: User) {
  const allowed = await consentService.isGranted(user.id, 'ads');
  if (!allowed) return;
  fbq('track', 'Purchase', { em: user.email });
}`,
    },
    {
      name: 'then callback tests the consent result',
      code: `
export function trackPurchase(user: User) {
  hasConsent(user, 'ads').then((granted) => {
    if (granted) fbq('track', 'Purchase', { em: user.email });
  });
}`,
    },
    {
      name: 'try with assertConsent and a catch that returns',
      code: `
export async function trackPurchase(user: User) {
  try {
    await assertConsent(user, 'ads');
  } catch {
    return;
  }
  fbq('track', 'Purchase', { em: user.email });
}`,
    },
    {
      name: 'sink in a nested callback inside the consented branch',
      code: `
export function trackItems(user: User, items: Item[]) {
  if (hasConsent(user, 'ads')) {
    items.forEach((item) => fbq('track', 'AddToCart', { content_ids: [item.id] }));
  }
}`,
    },
    {
      name: 'purpose profilint cannot classify counts as covering',
      code: `
export async function summarise(user: User) {
  const { hasConsent } = await checkUserConsent(db, user.id, 'openai_processing');
  if (!hasConsent) return;
  return openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: user.notes }] });
}`,
    },
    {
      name: 'consent check without a purpose covers',
      code: `
export function trackPurchase(user: User) {
  if (!hasConsent(user)) return;
  fbq('track', 'Purchase', { em: user.email });
}`,
    },
    {
      name: 'consent not withdrawn (withdrawnAt == null)',
      code: `
export function scoreCustomer(model: Model, customer: Customer) {
  if (customer.consent.withdrawnAt == null) {
    return model.predict(customer.features);
  }
}`,
    },
    {
      name: 'profiling consent covers an ad sink',
      code: `
export function trackPurchase(user: User) {
  if (!user.consents.profiling) return;
  fbq('track', 'Purchase', { em: user.email });
}`,
    },
    {
      name: 'personalisation consent before a LaunchDarkly identify',
      code: `
export function identify(user: User) {
  if (!user.consents.personalization) return;
  ldClient.identify({ kind: 'user', key: user.id, country: user.country });
}`,
    },
    {
      name: 'Cookiebot statistics consent before a Segment identify',
      code: `
export function identify(user: User) {
  if (Cookiebot.consent.statistics) analytics.identify(user.id, { plan: user.plan });
}`,
    },
    {
      name: "user's own consent check from vocabulary.consent",
      code: `
export function trackPurchase(user: User) {
  if (!privacy.allows(user, 'ads')) return;
  fbq('track', 'Purchase', { em: user.email });
}`,
      config: { vocabulary: { consent: ['privacy.allows'] } },
    },
    {
      name: 'requirePurposeMatch off accepts a check for another purpose',
      code: `
export function trackPurchase(user: User) {
  if (!hasConsent(user, 'analytics')) return;
  fbq('track', 'Purchase', { em: user.email });
}`,
      options: { requirePurposeMatch: false },
    },
    {
      name: 'ignoreKinds skips a sink kind',
      code: `
export function score(model: Model, customer: Customer) {
  return model.predict(customer.features);
}`,
      options: { ignoreKinds: ['ml-inference'] },
    },
    {
      name: 'a governing spec that does not rest on consent',
      files: {
        'src/churn.ts': `
/** @profiling churn-propensity */
export function scoreChurn(model: Model, customer: Customer) {
  return model.predict(customer.features);
}`,
        'specs/churn.profiling.yaml': `profilint: 1
pipeline: churn-propensity
owner: growth@acme.example
purpose: Offer retention discounts to customers likely to cancel.
lawfulBasis: legitimate-interests
consent: { required: false }
`,
      },
    },
    {
      name: 'switch on the consent status',
      code: `
export function trackPurchase(user: User) {
  switch (user.consent.ads) {
    case 'granted':
      fbq('track', 'Purchase', { em: user.email });
      break;
  }
}`,
    },
    {
      name: 'block that answers 403 and returns',
      code: `
app.post('/events', async (req, res) => {
  if (!(await hasConsent(req.user, 'ads'))) {
    res.status(403).json({ error: 'CONSENT_REQUIRED' });
    return;
  }
  fbq('track', req.body.event);
});`,
    },
    {
      name: 'in-app TCF purpose consent string, purpose 3',
      code: `
export function trackInstall(prefs: Preferences) {
  const IABTCF_PurposeConsents = prefs.getString('IABTCF_PurposeConsents');
  if (IABTCF_PurposeConsents.charAt(2) === '1') fbq('track', 'Install');
}`,
    },
    {
      name: 'consent check in the caller of a callee in a nested function',
      code: `
export function checkout(user: User) {
  const send = () => fbq('track', 'Purchase', { em: user.email });
  if (!hasConsent(user, 'ads')) return;
  send();
}`,
    },
    {
      name: 'named route handler passed after consent middleware',
      code: `
async function trackCheckout(req: Request, res: Response) {
  fbq('track', 'Purchase', { em: req.user.email });
  res.sendStatus(204);
}
router.post('/checkout', requireConsent('ads'), trackCheckout);`,
    },
    {
      name: 'imported handler wrapped in withConsent in another file',
      files: {
        'src/handlers/checkout.ts': `
export async function trackCheckout(request: Request) {
  fbq('track', 'Purchase', { em: (await readUser(request)).email });
}`,
        'src/app/api/checkout/route.ts': `
import { trackCheckout } from '../../../handlers/checkout';
export const POST = withConsent('advertising', trackCheckout);`,
      },
    },
    {
      name: 'Shopify customer privacy marketingAllowed',
      code: `
export function reportView(productId: string) {
  if (!window.Shopify.customerPrivacy.marketingAllowed()) return;
  fbq('track', 'ViewContent', { content_ids: [productId] });
}`,
    },
    {
      name: 'Mixpanel opt-out state checked before tracking',
      code: `
export function trackSignup(user: User) {
  if (mixpanel.has_opted_out_tracking()) return;
  mixpanel.identify(user.id);
}`,
    },
    {
      name: 'vanilla-cookieconsent accepted category',
      code: `
export function loadPixel() {
  if (CookieConsent.acceptedCategory('marketing')) fbq('track', 'PageView');
}`,
    },
    {
      name: 'Klaro service consent',
      code: `
export function loadPixel() {
  const manager = klaro.getManager();
  if (manager.getConsent('facebook-pixel')) fbq('track', 'PageView');
}`,
    },
    {
      name: 'koa route behind consent middleware',
      code: `
router.post('/events', requireConsent('advertising'), async (ctx) => {
  fbq('track', ctx.request.body.event);
  ctx.status = 202;
});`,
    },
    {
      name: 'purpose passed as an enum member',
      code: `
export class Scoring {
  async score(customer: Customer) {
    if (!(await this.consents.has(customer.id, ConsentPurpose.Profiling))) return undefined;
    return this.model.predict(customer.features);
  }
}`,
    },
    {
      name: 'Cloudflare Zaraz consent for analytics',
      code: `
export function trackPage() {
  if (zaraz.consent.get('analytics')) analytics.page();
}`,
    },
    {
      name: 'a test calling the helper directly does not make it unguarded',
      files: {
        'src/tracking.ts': `
export function sendPurchase(user: User) {
  fbq('track', 'Purchase', { em: user.email });
}`,
        'src/checkout.ts': `
import { sendPurchase } from './tracking';
export function checkout(user: User) {
  if (hasConsent(user, 'ads')) sendPurchase(user);
}`,
        'src/tracking.test.ts': `
import { sendPurchase } from './tracking';
it('sends', () => sendPurchase(testUser));`,
      },
    },
    {
      name: 'nest service method called only from a consent-decorated controller',
      files: {
        'src/tracking/tracking.service.ts': `
@Injectable()
export class TrackingService {
  sendPurchase(user: User) {
    fbq('track', 'Purchase', { em: user.email });
  }
}`,
        'src/checkout/checkout.controller.ts': `
import { TrackingService } from '../tracking/tracking.service';
@Controller('checkout')
export class CheckoutController {
  constructor(private readonly tracking: TrackingService) {}
  @Post()
  @RequiresConsent('advertising')
  complete(@Body() user: User) {
    this.tracking.sendPurchase(user);
  }
}`,
      },
    },
    {
      name: 'Segment loaded through the OneTrust consent wrapper in another file',
      files: {
        'src/analytics.ts': `
import { AnalyticsBrowser } from '@segment/analytics-next';
import { withOneTrust } from '@segment/analytics-consent-wrapper-onetrust';
export const analytics = new AnalyticsBrowser();
withOneTrust(analytics).load({ writeKey: WRITE_KEY });`,
        'src/signup.ts': `
import { analytics } from './analytics';
export function onSignup(user: User) {
  analytics.identify(user.id, { plan: user.plan });
}`,
      },
    },
    {
      name: 'Mixpanel initialised opted out by default',
      code: `
mixpanel.init(TOKEN, { opt_out_tracking_by_default: true });
export function onSignup(user: User) {
  mixpanel.identify(user.id);
}`,
    },
    {
      name: 'scoring function that checks consent itself before scoring',
      code: `
function scoreCustomer(customer: Customer) {
  if (!customer.consents.profiling) return undefined;
  return customer.orders.length * 2;
}
export function nightly(customers: Customer[]) {
  return customers.map((customer) => scoreCustomer(customer));
}`,
    },
    {
      name: 'recursive walker called behind consent, recursing from a callback',
      code: `
function sendTree(node: TreeNode) {
  fbq('trackCustom', 'Node', { id: node.id });
  node.children.forEach((child) => sendTree(child));
}
export function start(root: TreeNode, user: User) {
  if (hasConsent(user, 'ads')) sendTree(root);
}`,
    },
  ],
  invalid: [
    {
      name: 'an LLM asked about a customer profiles that customer',
      filename: 'src/documents/summarise.ts',
      code: `export async function summariseCustomer(openai, customer) {
  return openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: customer.notes }] });
}
`,
      errors: [{ messageId: 'missingConsent', line: 2, data: { kind: 'llm' } }],
    },
    {
      name: 'ad pixel with no check at all',
      code: `
export function trackPurchase(user: User) {
  fbq('track', 'Purchase', { em: user.email });
}`,
      errors: [{ messageId: 'missingConsent', line: 3, column: 3, data: { sink: 'fbq', kind: 'ads', purpose: 'advertising' } }],
    },
    {
      name: 'analytics consent before an ad sink',
      code: `
export function trackPurchase(user: User) {
  if (!hasConsent(user, 'analytics')) return;
  fbq('track', 'Purchase', { em: user.email });
}`,
      errors: [{ messageId: 'wrongPurpose', line: 4, data: { checked: 'analytics', purpose: 'advertising', kind: 'ads' } }],
    },
    {
      name: 'consent checked after the sink',
      code: `
export function trackPurchase(user: User) {
  fbq('track', 'Purchase', { em: user.email });
  if (!hasConsent(user, 'ads')) return;
  saveOrder(user);
}`,
      errors: [{ messageId: 'missingConsent', line: 3 }],
    },
    {
      name: 'feature flag is not a consent check',
      code: `
export function trackPurchase(user: User) {
  if (!flags.enableTracking) return;
  fbq('track', 'Purchase', { em: user.email });
}`,
      errors: [{ messageId: 'missingConsent', line: 4 }],
    },
    {
      name: 'user.isActive is not a consent check',
      code: `
export function scoreCustomer(model: Model, user: User) {
  if (user.isActive) {
    return model.predict(user.features);
  }
}`,
      errors: [{ messageId: 'missingConsent', line: 4, data: { kind: 'ml-inference', purpose: 'profiling' } }],
    },
    {
      name: 'consent or-ed with an unrelated condition can be bypassed',
      code: `
export function trackPurchase(user: User) {
  if (hasConsent(user, 'ads') || user.isAdmin) {
    fbq('track', 'Purchase', { em: user.email });
  }
}`,
      errors: [{ messageId: 'missingConsent', line: 4 }],
    },
    {
      name: 'sink in the else branch of a consent check',
      code: `
export function trackPurchase(user: User) {
  if (hasConsent(user, 'ads')) {
    showThanks(user);
  } else {
    fbq('track', 'Purchase', { em: user.email });
  }
}`,
      errors: [{ messageId: 'missingConsent', line: 6 }],
    },
    {
      name: 'sink on the refused side of a ternary',
      code: `
export function trackPurchase(user: User) {
  return hasConsent(user, 'ads') ? undefined : fbq('track', 'Purchase', { em: user.email });
}`,
      errors: [{ messageId: 'missingConsent', line: 3 }],
    },
    {
      name: 'sink after || on a granted consent runs without it',
      code: `
export function trackPurchase(user: User) {
  return hasConsent(user, 'ads') || fbq('track', 'Purchase', { em: user.email });
}`,
      errors: [{ messageId: 'missingConsent', line: 3 }],
    },
    {
      name: 'continue after the sink in a loop',
      code: `
export function trackAll(users: User[]) {
  for (const user of users) {
    fbq('track', 'Purchase', { em: user.email });
    if (!user.marketingOptIn) continue;
  }
}`,
      errors: [{ messageId: 'missingConsent', line: 4 }],
    },
    {
      name: 'continue in a loop does not guard a sink after the loop',
      code: `
export function trackAll(users: User[], owner: User) {
  for (const user of users) {
    if (!user.marketingOptIn) continue;
    notify(user);
  }
  fbq('track', 'Batch', { em: owner.email });
}`,
      errors: [{ messageId: 'missingConsent', line: 7 }],
    },
    {
      name: 'a catch that swallows a failed assert',
      code: `
export async function trackPurchase(user: User) {
  try {
    await assertConsent(user, 'ads');
  } catch (error) {
    logger.warn(error);
  }
  fbq('track', 'Purchase', { em: user.email });
}`,
      errors: [{ messageId: 'missingConsent', line: 8 }],
    },
    {
      name: 'assert for analytics before an ad sink',
      code: `
export function trackPurchase(user: User) {
  ensureConsent(user, 'analytics');
  fbq('track', 'Purchase', { em: user.email });
}`,
      errors: [{ messageId: 'wrongPurpose', line: 4, data: { checked: 'analytics' } }],
    },
    {
      name: 'early return inside a callback does not guard the outer function',
      code: `
export function trackAll(users: User[], owner: User) {
  users.forEach((user) => {
    if (!user.marketingOptIn) return;
  });
  fbq('track', 'Batch', { em: owner.email });
}`,
      errors: [{ messageId: 'missingConsent', line: 6 }],
    },
    {
      name: 'Cookiebot statistics consent before an ad pixel',
      code: `
export function loadPixel() {
  if (Cookiebot.consent.statistics) fbq('track', 'PageView');
}`,
      errors: [{ messageId: 'wrongPurpose', line: 3, data: { checked: 'analytics' } }],
    },
    {
      name: 'TCF measurement purpose 7 before an ad profile',
      code: `
__tcfapi('addEventListener', 2, (tcData, success) => {
  if (success && tcData.purpose.consents[7]) {
    fbq('init', pixelId, { em: customer.email });
  }
});`,
      errors: [{ messageId: 'wrongPurpose', line: 4, data: { checked: 'analytics' } }],
    },
    {
      name: 'TCF purpose 1 (device storage) alone',
      code: `
__tcfapi('addEventListener', 2, (tcData) => {
  if (tcData.purpose.consents[1]) fbq('track', 'PageView');
});`,
      errors: [{ messageId: 'wrongPurpose', line: 3, data: { checked: 'storing information on the device' } }],
    },
    {
      name: 'OneTrust performance group before a targeting pixel',
      code: `
function OptanonWrapper() {
  if (OnetrustActiveGroups.indexOf('C0002') > -1) {
    fbq('track', 'PageView');
  }
}`,
      errors: [{ messageId: 'wrongPurpose', line: 4, data: { checked: 'analytics' } }],
    },
    {
      name: 'OneTrust banner closed is not consent for ads',
      code: `
export function loadPixel() {
  if (OneTrust.IsAlertBoxClosed()) fbq('track', 'PageView');
}`,
      errors: [{ messageId: 'wrongPurpose', line: 3, data: { checked: 'the consent banner having been answered' } }],
    },
    {
      name: 'Consent Mode analytics_storage before an ads tag',
      code: `
export function tagConversion(user: User, consentState: ConsentState) {
  if (consentState.analytics_storage === 'granted') {
    gtag('set', 'user_data', { email: user.email });
  }
}`,
      errors: [{ messageId: 'wrongPurpose', line: 4, data: { checked: 'analytics' } }],
    },
    {
      name: 'sink on the denied branch of a consent status',
      code: `
export function trackPurchase(user: User) {
  if (user.consent.status === 'denied') {
    fbq('track', 'Purchase', { em: user.email });
  }
}`,
      errors: [{ messageId: 'missingConsent', line: 4 }],
    },
    {
      name: 'sink when Global Privacy Control is on',
      code: `
export function loadPixel() {
  if (navigator.globalPrivacyControl) {
    fbq('track', 'PageView');
  }
}`,
      errors: [{ messageId: 'missingConsent', line: 4 }],
    },
    {
      name: 'GPC opt-out alone does not cover analytics',
      code: `
export function identify(user: User) {
  if (navigator.globalPrivacyControl) return;
  analytics.identify(user.id, { plan: user.plan });
}`,
      errors: [{ messageId: 'wrongPurpose', line: 4, data: { kind: 'cdp', purpose: 'analytics' } }],
    },
    {
      name: 'filter on a field that is not consent',
      code: `
export function trackAll(users: User[]) {
  users
    .filter((user) => user.isActive)
    .forEach((user) => fbq('track', 'Purchase', { em: user.email }));
}`,
      errors: [{ messageId: 'missingConsent', line: 5 }],
    },
    {
      name: 'consent-filtered collection whose elements do not reach the sink',
      code: `
export function trackAll(users: User[], owner: User) {
  const consented = users.filter((user) => user.marketingOptIn);
  consented.forEach(() => fbq('track', 'Batch', { em: owner.email }));
}`,
      errors: [{ messageId: 'missingConsent', line: 4 }],
    },
    {
      name: 'route with auth middleware only',
      code: `
router.post('/checkout', authenticate, (req, res) => {
  fbq('track', 'Purchase', { em: req.user.email });
  res.sendStatus(204);
});`,
      errors: [{ messageId: 'missingConsent', line: 3 }],
    },
    {
      name: 'route behind analytics consent middleware running an ad sink',
      code: `
router.post('/checkout', requireConsent('analytics'), (req, res) => {
  fbq('track', 'Purchase', { em: req.user.email });
  res.sendStatus(204);
});`,
      errors: [{ messageId: 'wrongPurpose', line: 3 }],
    },
    {
      name: 'nest method without a consent guard',
      code: `
@Controller('churn')
@UseGuards(AuthGuard)
export class ChurnController {
  @Post()
  async score(@Body() customer: Customer) {
    return this.model.predict(customer.features);
  }
}`,
      errors: [{ messageId: 'missingConsent', line: 7 }],
    },
    {
      name: 'nest decorator for analytics before a model prediction',
      code: `
@Controller('churn')
export class ChurnController {
  @Post()
  @RequiresConsent('analytics')
  async score(@Body() customer: Customer) {
    return this.model.predict(customer.features);
  }
}`,
      errors: [{ messageId: 'wrongPurpose', line: 7, data: { checked: 'analytics', purpose: 'profiling' } }],
    },
    {
      name: 'helper called once with and once without consent',
      code: `
function sendPurchase(user: User) {
  fbq('track', 'Purchase', { em: user.email });
}
export function checkout(user: User) {
  if (hasConsent(user, 'ads')) sendPurchase(user);
}
export function retry(user: User) {
  sendPurchase(user);
}`,
      errors: [{ messageId: 'missingConsent', line: 3 }],
    },
    {
      name: 'caller in another file without a check',
      files: {
        'src/tracking.ts': `
export function sendPurchase(user: User) {
  fbq('track', 'Purchase', { em: user.email });
}`,
        'src/checkout.ts': `
import { sendPurchase } from './tracking.js';
export function checkout(user: User) {
  sendPurchase(user);
}`,
      },
      errors: [{ file: 'src/tracking.ts', messageId: 'missingConsent', line: 3 }],
    },
    {
      name: 'caller in another file checks consent for analytics',
      files: {
        'src/tracking.ts': `
export function sendPurchase(user: User) {
  fbq('track', 'Purchase', { em: user.email });
}`,
        'src/checkout.ts': `
import { sendPurchase } from './tracking';
export function checkout(user: User) {
  if (!Cookiebot.consent.statistics) return;
  sendPurchase(user);
}`,
      },
      errors: [{ file: 'src/tracking.ts', messageId: 'wrongPurpose', line: 3, data: { checked: 'analytics' } }],
    },
    {
      name: 'awaited analytics consent in a local before an ad sink',
      code: `
export async function trackPurchase(user: User) {
  const ok = await consentService.isGranted(user.id, 'analytics');
  if (!ok) return;
  fbq('track', 'Purchase', { em: user.email });
}`,
      errors: [{ messageId: 'wrongPurpose', line: 5 }],
    },
    {
      name: 'then callback that ignores the consent result',
      code: `
export function trackPurchase(user: User) {
  hasConsent(user, 'ads').then(() => {
    fbq('track', 'Purchase', { em: user.email });
  });
}`,
      errors: [{ messageId: 'missingConsent', line: 4 }],
    },
    {
      name: 'while loop on a queue is not a consent check',
      code: `
export function drain(queue: Event[]) {
  while (queue.length > 0) {
    const event = queue.shift();
    analytics.track(event);
  }
}`,
      errors: [{ messageId: 'missingConsent', line: 5 }],
    },
    {
      name: 'switch case for a denied status',
      code: `
export function trackPurchase(user: User) {
  switch (user.consent.ads) {
    case 'denied':
      fbq('track', 'Purchase', { em: user.email });
      break;
  }
}`,
      errors: [{ messageId: 'missingConsent', line: 5 }],
    },
    {
      name: 'email marketing consent before an ad profile',
      code: `
export function trackPurchase(user: User) {
  if (!user.consents.includes('MARKETING_EMAIL')) return;
  fbq('track', 'Purchase', { em: user.email });
}`,
      errors: [{ messageId: 'wrongPurpose', line: 4, data: { checked: 'email or SMS marketing' } }],
    },
    {
      name: 'second sink after the consented block',
      code: `
export function trackPurchase(user: User) {
  if (hasConsent(user, 'ads')) {
    fbq('track', 'Purchase', { em: user.email });
  }
  fbq('track', 'Lead', { em: user.email });
}`,
      errors: [{ messageId: 'missingConsent', line: 6 }],
    },
    {
      name: 'a consent banner being visible is not consent',
      code: `
export function loadPixel(consentBanner: Banner) {
  if (!consentBanner.isVisible()) fbq('track', 'PageView');
}`,
      errors: [{ messageId: 'missingConsent', line: 3 }],
    },
    {
      name: 'setting consent is not checking it',
      code: `
export function acceptAll(user: User) {
  setConsent(user, 'ads', true);
  fbq('track', 'Purchase', { em: user.email });
}`,
      errors: [{ messageId: 'missingConsent', line: 4 }],
    },
    {
      name: 'consent change listener that does not test the purpose',
      code: `
OneTrust.OnConsentChanged(() => {
  fbq('track', 'PageView');
});`,
      errors: [{ messageId: 'missingConsent', line: 3 }],
    },
    {
      name: 'analytics consent before a model prediction',
      code: `
export function scoreCustomer(model: Model, customer: Customer) {
  if (!customer.consents.analytics) return;
  return model.predict(customer.features);
}`,
      errors: [{ messageId: 'wrongPurpose', line: 4, data: { purpose: 'profiling' } }],
    },
    {
      name: 'marketing opt-in before an analytics identify',
      code: `
export function identify(user: User) {
  if (user.marketingOptIn) analytics.identify(user.id, { plan: user.plan });
}`,
      errors: [{ messageId: 'wrongPurpose', line: 3, data: { checked: 'advertising', purpose: 'analytics' } }],
    },
    {
      name: 'TCF vendor consent names no purpose',
      code: `
__tcfapi('addEventListener', 2, (tcData) => {
  if (tcData.vendor.consents[89]) fbq('track', 'PageView');
});`,
      errors: [{ messageId: 'wrongPurpose', line: 3 }],
    },
    {
      name: 'local helper whose call comes before the consent check',
      code: `
export function checkout(user: User) {
  const send = () => fbq('track', 'Purchase', { em: user.email });
  send();
  if (!hasConsent(user, 'ads')) return;
  notify(user);
}`,
      errors: [{ messageId: 'missingConsent', line: 3 }],
    },
    {
      name: 'two unguarded sinks, each a finding at its own line',
      code: `
export function onSignup(user: User, model: Model) {
  analytics.identify(user.id, { plan: user.plan });
  return model.predict(user.features);
}`,
      errors: [
        { messageId: 'missingConsent', line: 3, data: { kind: 'cdp' } },
        { messageId: 'missingConsent', line: 4, data: { kind: 'ml-inference' } },
      ],
    },
    {
      name: 'javascript file with an unguarded identify',
      filename: 'src/identify.js',
      code: `
module.exports.identify = function identify(user) {
  mixpanel.identify(user.id);
};`,
      errors: [{ messageId: 'missingConsent', line: 3, data: { kind: 'analytics' } }],
    },
    {
      name: 'named handler registered on a route without consent, though also called behind a check',
      code: `
function trackCheckout(req: Request) {
  fbq('track', 'Purchase', { em: req.user.email });
}
router.post('/checkout', authenticate, trackCheckout);
export function replay(req: Request) {
  if (hasConsent(req.user, 'ads')) trackCheckout(req);
}`,
      errors: [{ messageId: 'missingConsent', line: 3 }],
    },
    {
      name: 'exported function with no caller in the project stays unguarded',
      files: {
        'src/tracking.ts': `
export function sendPurchase(user: User) {
  fbq('track', 'Purchase', { em: user.email });
}`,
        'src/checkout.ts': `
export function checkout(user: User) {
  if (hasConsent(user, 'ads')) notify(user);
}`,
      },
      errors: [{ file: 'src/tracking.ts', messageId: 'missingConsent', line: 3 }],
    },
    {
      name: 'fetching a user with their consents is not checking them',
      code: `
export async function trackPurchase(id: string) {
  const user = await getUserWithConsents(id);
  if (!user) return;
  fbq('track', 'Purchase', { em: user.email });
}`,
      errors: [{ messageId: 'missingConsent', line: 5 }],
    },
    {
      name: 'nest service method also called from a controller without consent',
      files: {
        'src/tracking/tracking.service.ts': `
@Injectable()
export class TrackingService {
  sendPurchase(user: User) {
    fbq('track', 'Purchase', { em: user.email });
  }
}`,
        'src/checkout/checkout.controller.ts': `
import { TrackingService } from '../tracking/tracking.service';
@Controller('checkout')
export class CheckoutController {
  constructor(private readonly tracking: TrackingService) {}
  @Post()
  @RequiresConsent('advertising')
  complete(@Body() user: User) {
    this.tracking.sendPurchase(user);
  }
  @Post('retry')
  retry(@Body() user: User) {
    this.tracking.sendPurchase(user);
  }
}`,
      },
      errors: [{ file: 'src/tracking/tracking.service.ts', messageId: 'missingConsent', line: 5 }],
    },
    {
      name: 'Mixpanel initialised opted in does not gate its calls',
      code: `
mixpanel.init(TOKEN, { opt_out_tracking_by_default: false });
export function onSignup(user: User) {
  mixpanel.identify(user.id);
}`,
      errors: [{ messageId: 'missingConsent', line: 4 }],
    },
    {
      name: 'scoring function whose own check is for analytics',
      code: `
function scoreCustomer(customer: Customer) {
  if (!customer.consents.analytics) return undefined;
  return customer.orders.length * 2;
}
export function nightly(customers: Customer[]) {
  return customers.map((customer) => scoreCustomer(customer));
}`,
      errors: [{ messageId: 'missingConsent', line: 7, data: { kind: 'scoring' } }],
    },
  ],
});
