import { runRuleTests } from '../helpers/rule-tester.js';

runRuleTests('sensitive-data-shared', {
  valid: [
    {
      name: 'proxies alone sent to analytics are not sensitive data',
      code: `export function identify(analytics, user) {
  analytics.identify(user.id, { firstName: user.firstName, postcode: user.postcode, language: user.language });
}
`,
    },
    {
      name: 'ordinary traits sent to Segment',
      code: `export function identify(analytics, user) {
  analytics.identify(user.id, { plan: user.plan, createdAt: user.createdAt });
}
`,
    },
    {
      name: 'gender posted to the application own API',
      code: `export async function save(user) {
  await fetch('/api/profile', { method: 'POST', body: JSON.stringify({ gender: user.gender }) });
}
`,
    },
    {
      name: 'gender posted to an unknown host',
      code: `export async function save(user) {
  await fetch('https://api.example.com/profile', { method: 'POST', body: JSON.stringify({ gender: user.gender }) });
}
`,
    },
    {
      name: 'a Consent Mode update is a consent call, not a payload',
      code: `export function grant(gtag, choices) {
  gtag('consent', 'update', { ad_storage: choices.ads ? 'granted' : 'denied', age: choices.age });
}
`,
    },
    {
      name: 'a sink the option allows is contracted',
      options: { allowSinks: ['segment'] },
      code: `export function identify(analytics, user) {
  analytics.identify(user.id, { gender: user.gender });
}
`,
    },
    {
      name: 'a category ignored by option stays silent',
      options: { ignoreCategories: ['age'] },
      code: `export function identify(analytics, user) {
  analytics.identify(user.id, { age: user.age });
}
`,
    },
    {
      name: 'a fairness audit file may report rates to an analytics dashboard',
      filename: 'src/bias-audit/report.ts',
      code: `export function report(analytics, rates) {
  analytics.track('fairness-audit', { gender: rates.gender });
}
`,
    },
    {
      name: 'a model input is sensitive-attribute, not shared',
      code: `export function score(model, c) {
  return model.predict([c.gender]);
}
`,
    },
    {
      name: 'an event name mentioning age is not a payload field',
      code: `export function shown(analytics) {
  analytics.track('Age verification shown');
  analytics.track('age_verification_shown');
}
`,
    },
    {
      name: 'a disabled flag in an event stays silent',
      code: `export function clicked(analytics, button) {
  analytics.track('clicked', { disabled: button.disabled, id: button.id });
}
`,
    },
    {
      name: 'usage metrics sent to Mixpanel stay silent',
      code: `export function usage(mixpanel, account) {
  mixpanel.track('usage', { usageMinutes: account.usageMinutes, pageViews: account.pageViews, storageUsedMb: account.storageUsedMb });
}
`,
    },
    {
      name: 'grammatical gender in i18n code is not a third-party call',
      code: `export function greet(intl, user) {
  return intl.formatMessage({ id: 'hello' }, { gender: user.gender });
}
`,
    },
    {
      name: 'a health check reported to an analytics SDK stays silent',
      code: `export function probe(posthog, service) {
  posthog.capture('health', { healthCheck: service.healthCheck, healthz: service.ok });
}
`,
    },
    {
      name: 'an error tracker user is not an ad or analytics SDK',
      code: `export function setUser(Sentry, user) {
  Sentry.setUser({ id: user.id, gender: user.gender });
}
`,
    },
    {
      name: 'an age deciding whether to track sends no age',
      code: `export function trackAdult(analytics, user) {
  if (user.age >= 18) analytics.track('adult_session');
}
`,
    },
    {
      name: 'gtag setup call carries no person data',
      code: `export function setup(gtag) {
  gtag('js', new Date());
  gtag('config', 'G-123');
}
`,
    },
    {
      name: 'Intercom show is not a payload call',
      code: `export function openChat(user) {
  Intercom('show', { gender: user.gender });
}
`,
    },
    {
      name: 'race-condition metrics in an event stay silent',
      code: `export function metrics(analytics, stats) {
  analytics.track('retries', { raceConditionRetries: stats.raceConditionRetries });
}
`,
    },
    {
      name: 'a running race id in a Heap event stays silent',
      code: `export function viewed(heap, race) {
  heap.track('race viewed', { raceId: race.id, raceResults: race.results.length });
}
`,
    },
    {
      name: 'a hashed email in advanced matching is not a sensitive category',
      code: `export function init(pixelId, hashedEmail) {
  fbq('init', pixelId, { em: hashedEmail });
}
`,
    },
    {
      name: 'a sensitive field read but left out of the payload',
      code: `export function identify(analytics, user) {
  const { gender, plan } = user;
  console.log(gender);
  analytics.identify(user.id, { plan });
}
`,
    },
    {
      name: 'PostHog capture with page properties',
      code: `export function page(posthog, location) {
  posthog.capture('$pageview', { $current_url: location.href });
}
`,
    },
    {
      name: 'a Meta Pixel purchase event',
      code: `export function purchase(order) {
  fbq('track', 'Purchase', { value: order.total, currency: order.currency });
}
`,
    },
    {
      name: 'a zip code sent to Segment is a proxy, not sensitive data',
      code: `export function identify(analytics, user) {
  analytics.identify(user.id, { address: { postalCode: user.zip } });
}
`,
    },
    {
      name: 'a sensitive value in an LLM prompt is sensitive-attribute',
      code: `export async function ask(openai, c) {
  return openai.chat.completions.create({ messages: [{ role: 'user', content: \`Religion: \${c.religion}\` }] });
}
`,
    },
    {
      name: 'a feature-store write is first-party',
      code: `export async function materialize(featureStore, c) {
  await featureStore.write({ id: c.id, gender: c.gender });
}
`,
    },
    {
      name: 'a plain track function of the application is not an SDK',
      code: `export function onSignup(track, user) {
  track('signup', { gender: user.gender });
}
`,
    },
    {
      name: 'a dashboard query on an analytics service is not a payload',
      code: `export async function dashboard(analyticsService, filters) {
  return analyticsService.getDashboard({ age: filters.age });
}
`,
    },
    {
      name: 'setting the Amplitude user id',
      code: `export function login(amplitude, user) {
  amplitude.setUserId(user.id);
}
`,
    },
    {
      name: 'building a Segment URL without sending',
      code: `export function endpoint() {
  return new URL('https://api.segment.io/v1/identify');
}
`,
    },
    {
      name: 'reading gender fields from the Graph API is not sending them',
      code: `export async function me(axios, token) {
  return axios.get('https://graph.facebook.com/me', { params: { fields: 'gender,birthday', access_token: token } });
}
`,
    },
    {
      name: 'a name the user ignores stays silent',
      config: { vocabulary: { ignore: ['ageTier'] } },
      code: `export function identify(analytics, account) {
  analytics.identify(account.id, { ageTier: account.ageTier });
}
`,
    },
    {
      name: 'Braze email setter carries no sensitive category',
      code: `export function email(braze, user) {
  braze.getUser().setEmail(user.email);
}
`,
    },
    {
      name: 'RudderStack page call with no payload',
      code: `export function page(rudderanalytics) {
  rudderanalytics.page();
}
`,
    },
    {
      name: 'a JavaScript tracker with ordinary traits',
      filename: 'src/tracking.js',
      code: `window.analytics.identify(window.user.id, { plan: window.user.plan });
`,
    },
    {
      name: 'a user-declared sink is first-party',
      config: { vocabulary: { sinks: ['scoreCustomer'] } },
      code: `export function run(c) {
  return scoreCustomer({ gender: c.gender });
}
`,
    },
    {
      name: 'a Klaviyo event with order data only',
      code: `export function ordered(klaviyo, order) {
  klaviyo.track('Placed Order', { value: order.total, items: order.items.length });
}
`,
    },
    {
      name: 'a dataLayer push with consent state',
      code: `export function consentState(dataLayer, state) {
  dataLayer.push({ event: 'consent_update', analytics_storage: state.analytics });
}
`,
    },
    {
      name: 'a LaunchDarkly context with a plan',
      code: `export async function flags(ldClient, user) {
  await ldClient.identify({ key: user.id, plan: user.plan });
}
`,
    },
  ],
  invalid: [
    {
      name: 'gender in a Segment identify',
      code: `export function identify(analytics, user) {
  analytics.identify(user.id, { gender: user.gender });
}
`,
      errors: [{ messageId: 'sharedWithThirdParty', line: 2, column: 33, data: { category: 'sex-or-gender', vendor: 'Segment', callee: 'analytics.identify' } }],
    },
    {
      name: 'age in a window.analytics track with optional chaining',
      code: `export function signup(user) {
  window.analytics?.track('Signed up', { age: user.age });
}
`,
      errors: [{ messageId: 'sharedWithThirdParty', line: 2, column: 42, data: { category: 'age' } }],
    },
    {
      name: 'religion in Mixpanel people.set',
      code: `export function people(mixpanel, user) {
  mixpanel.people.set({ religion: user.religion });
}
`,
      errors: [{ messageId: 'sharedWithThirdParty', line: 2, column: 25, data: { category: 'religion', vendor: 'Mixpanel' } }],
    },
    {
      name: 'a string property name in Mixpanel people.set',
      code: `export function people(mixpanel, value) {
  mixpanel.people.set('gender', value);
}
`,
      errors: [{ messageId: 'sharedWithThirdParty', line: 2, column: 23, data: { category: 'sex-or-gender', name: 'gender' } }],
    },
    {
      name: 'an Amplitude Identify set with a health flag',
      code: `import { Identify } from '@amplitude/analytics-browser';
export function identify(amplitude, user) {
  amplitude.identify(new Identify().set('pregnant', user.pregnant));
}
`,
      errors: [{ messageId: 'sharedWithThirdParty', line: 3, column: 41, data: { category: 'health', vendor: 'Amplitude' } }],
    },
    {
      name: 'ethnicity in a PostHog identify',
      code: `export function identify(posthog, user) {
  const ethnicity = user.ethnicity;
  posthog.identify(user.id, { ethnicity });
}
`,
      errors: [{ messageId: 'sharedWithThirdParty', line: 3, column: 31, data: { category: 'racial-or-ethnic-origin', vendor: 'PostHog' } }],
    },
    {
      name: 'a diagnosis in a PostHog capture',
      code: `export function viewed(posthog, visit) {
  posthog.capture('viewed_results', { diagnosis: visit.diagnosisCode });
}
`,
      errors: [{ messageId: 'sharedWithThirdParty', line: 2, column: 39, data: { category: 'health' } }],
    },
    {
      name: 'Braze setGender names the attribute itself',
      code: `export function profile(braze, user) {
  braze.getUser().setGender(user.gender);
}
`,
      errors: [{ messageId: 'sharedWithThirdParty', line: 2, column: 19, data: { category: 'sex-or-gender', vendor: 'Braze', name: 'setGender' } }],
    },
    {
      name: 'Braze setDateOfBirth',
      code: `export function profile(braze, y, m, d) {
  braze.getUser().setDateOfBirth(y, m, d);
}
`,
      errors: [{ messageId: 'sharedWithThirdParty', line: 2, column: 19, data: { category: 'age' } }],
    },
    {
      name: 'a Braze custom attribute named for sexual orientation',
      code: `export function profile(braze, value) {
  braze.getUser().setCustomUserAttribute('sexual_orientation', value);
}
`,
      errors: [{ messageId: 'sharedWithThirdParty', line: 2, column: 42, data: { category: 'sex-life-or-sexual-orientation' } }],
    },
    {
      name: 'a date of birth in Meta Pixel advanced matching',
      code: `export function init(pixelId, c) {
  fbq('init', pixelId, { db: c.dateOfBirth, em: c.hashedEmail });
}
`,
      errors: [{ messageId: 'sharedWithThirdParty', line: 2, column: 32, data: { category: 'age', vendor: 'Meta Pixel' } }],
    },
    {
      name: 'an age group in Google tag user properties',
      code: `export function props(gtag, c) {
  gtag('set', 'user_properties', { age_group: c.ageGroup });
}
`,
      errors: [{ messageId: 'sharedWithThirdParty', line: 2, column: 36, data: { category: 'age' } }],
    },
    {
      name: 'a gender pushed to the data layer',
      code: `export function purchase(dataLayer, c) {
  dataLayer.push({ event: 'purchase', customerGender: c.gender });
}
`,
      errors: [{ messageId: 'sharedWithThirdParty', line: 2, column: 39, data: { category: 'sex-or-gender' } }],
    },
    {
      name: 'an age in a TikTok identify',
      code: `export function identify(ttq, c) {
  ttq.identify({ age: c.age });
}
`,
      errors: [{ messageId: 'sharedWithThirdParty', line: 2, column: 18, data: { category: 'age', vendor: 'TikTok Pixel' } }],
    },
    {
      name: 'a pregnancy flag in a Klaviyo identify',
      code: `export function identify(klaviyo, c) {
  klaviyo.identify({ email: c.email, isPregnant: c.isPregnant });
}
`,
      errors: [{ messageId: 'sharedWithThirdParty', line: 2, column: 38, data: { category: 'health', vendor: 'Klaviyo' } }],
    },
    {
      name: 'a religion in a legacy Klaviyo queue push',
      code: `export function identify(c) {
  _learnq.push(['identify', { $email: c.email, religion: c.religion }]);
}
`,
      errors: [{ messageId: 'sharedWithThirdParty', line: 2, column: 48, data: { category: 'religion' } }],
    },
    {
      name: 'a disability in a RudderStack identify',
      code: `export function identify(rudderanalytics, c) {
  rudderanalytics.identify(c.id, { disability: c.disability });
}
`,
      errors: [{ messageId: 'sharedWithThirdParty', line: 2, column: 36, data: { category: 'disability' } }],
    },
    {
      name: 'a sexual orientation in Heap user properties',
      code: `export function props(heap, c) {
  heap.addUserProperties({ sexualOrientation: c.sexualOrientation });
}
`,
      errors: [{ messageId: 'sharedWithThirdParty', line: 2, column: 28, data: { category: 'sex-life-or-sexual-orientation', vendor: 'Heap' } }],
    },
    {
      name: 'a health status in an Intercom update',
      code: `export function update(c) {
  Intercom('update', { health_status: c.healthStatus });
}
`,
      errors: [{ messageId: 'sharedWithThirdParty', line: 2, column: 24, data: { category: 'health', vendor: 'Intercom' } }],
    },
    {
      name: 'an ethnicity in a LaunchDarkly context',
      code: `export async function flags(ldClient, c) {
  await ldClient.identify({ key: c.id, custom: { ethnicity: c.ethnicity } });
}
`,
      errors: [{ messageId: 'sharedWithThirdParty', line: 2, column: 50, data: { category: 'racial-or-ethnic-origin', vendor: 'LaunchDarkly' } }],
    },
    {
      name: 'a gender posted to the Segment HTTP API',
      code: `export async function identify(c) {
  await fetch('https://api.segment.io/v1/identify', { method: 'POST', body: JSON.stringify({ traits: { gender: c.gender } }) });
}
`,
      errors: [{ messageId: 'sharedWithThirdParty', line: 2, column: 104, data: { category: 'sex-or-gender', vendor: 'an analytics API' } }],
    },
    {
      name: 'a hashed gender posted to the Conversions API',
      code: `export async function send(axios, c, hash) {
  await axios.post('https://graph.facebook.com/v19.0/123/events', { data: [{ user_data: { ge: hash(c.gender) } }] });
}
`,
      errors: [{ messageId: 'sharedWithThirdParty', line: 2, column: 102, data: { category: 'sex-or-gender', vendor: 'an advertising API' } }],
    },
    {
      name: 'a Segment URL held in a constant',
      code: `const SEGMENT_IDENTIFY = 'https://api.segment.io/v1/identify';
export async function identify(c) {
  await fetch(SEGMENT_IDENTIFY, { method: 'POST', body: JSON.stringify({ userId: c.id, traits: { age: c.age } }) });
}
`,
      errors: [{ messageId: 'sharedWithThirdParty', line: 3, column: 98, data: { category: 'age' } }],
    },
    {
      name: 'a Mixpanel URL built with new URL and a base',
      code: `export async function engage(c) {
  await fetch(new URL('/engage', 'https://api.mixpanel.com'), { method: 'POST', body: JSON.stringify({ $set: { religion: c.religion } }) });
}
`,
      errors: [{ messageId: 'sharedWithThirdParty', line: 2, column: 112, data: { category: 'religion' } }],
    },
    {
      name: 'a veteran flag in a Customer.io identify',
      code: `export function identify(c) {
  _cio.identify({ id: c.id, veteran: c.isVeteran });
}
`,
      errors: [{ messageId: 'sharedWithThirdParty', line: 2, column: 29, data: { category: 'veteran-status', vendor: 'Customer.io' } }],
    },
    {
      name: 'a gender in the Meta Conversions API UserData builder',
      code: `import { UserData } from 'facebook-nodejs-business-sdk';
export function userData(c) {
  return new UserData().setEmail(c.email).setGender(c.gender);
}
`,
      errors: [{ messageId: 'sharedWithThirdParty', line: 3, column: 43, data: { category: 'sex-or-gender', vendor: 'Meta Conversions API' } }],
    },
    {
      name: 'an age range uploaded to Google Ads Customer Match',
      code: `export async function upload(customer, jobName, c) {
  await customer.offlineUserDataJobs.addOperations(jobName, [{ create: { userAttribute: { ageRange: c.ageRange } } }]);
}
`,
      errors: [{ messageId: 'sharedWithThirdParty', line: 2, column: 91, data: { category: 'age', vendor: 'Google Ads Customer Match' } }],
    },
    {
      name: 'an Optimizely user context with religion',
      code: `export function context(optimizely, c) {
  return optimizely.createUserContext(c.id, { religion: c.religion });
}
`,
      errors: [{ messageId: 'sharedWithThirdParty', line: 2, column: 47, data: { category: 'religion', vendor: 'Optimizely' } }],
    },
    {
      name: 'traits built in a local before identify',
      code: `export function identify(analytics, u) {
  const traits = { gender: u.gender, plan: u.plan };
  analytics.identify(u.id, traits);
}
`,
      errors: [{ messageId: 'sharedWithThirdParty', line: 2, column: 20, data: { category: 'sex-or-gender' } }],
    },
    {
      name: 'a spread base with a nationality',
      code: `export function identify(analytics, u, base) {
  analytics.identify(u.id, { ...base, nationality: u.nationality });
}
`,
      errors: [{ messageId: 'sharedWithThirdParty', line: 2, column: 39, data: { category: 'national-origin' } }],
    },
    {
      name: 'a local traits builder returns an orientation',
      code: `function traitsFor(u) {
  return { isGay: u.isGay, plan: u.plan };
}
export function identify(analytics, u) {
  analytics.identify(u.id, traitsFor(u));
}
`,
      errors: [{ messageId: 'sharedWithThirdParty', line: 2, column: 12, data: { category: 'sex-life-or-sexual-orientation' } }],
    },
    {
      name: 'an imported traits builder is followed across files',
      files: {
        'src/track.ts': `import { toTraits } from './traits.js';
export function identify(analytics, u) {
  analytics.identify(u.id, toTraits(u));
}
`,
        'src/traits.ts': `export function toTraits(u) {
  return { criminalRecord: u.criminalRecord };
}
`,
      },
      errors: [{ messageId: 'sharedWithThirdParty', file: 'src/traits.ts', line: 2, column: 12, data: { category: 'criminal-record', vendor: 'Segment' } }],
    },
    {
      name: 'a helper parameter carries the payload to the SDK',
      code: `function send(analytics, id, traits) {
  analytics.identify(id, traits);
}
export function onProfile(analytics, u) {
  send(analytics, u.id, { maritalStatus: u.maritalStatus });
}
`,
      errors: [{ messageId: 'sharedWithThirdParty', line: 5, column: 27, data: { category: 'marital-or-family-status' } }],
    },
    {
      name: 'a class method builds the traits another method sends',
      code: `export class ProfileSync {
  traits(user) {
    return { plan: user.plan, religion: user.religion };
  }
  sync(analytics, user) {
    analytics.identify(user.id, this.traits(user));
  }
}
`,
      errors: [{ messageId: 'sharedWithThirdParty', line: 3, column: 31, data: { category: 'religion' } }],
    },
    {
      name: 'a JavaScript tracking snippet',
      filename: 'src/tracking.js',
      code: `window.analytics.identify(window.user.id, { age: window.user.age });
`,
      errors: [{ messageId: 'sharedWithThirdParty', line: 1, column: 45, data: { category: 'age' } }],
    },
    {
      name: 'a TSX effect identifies with PostHog',
      filename: 'src/Identify.tsx',
      code: `export function Identify({ posthog, user }) {
  useEffect(() => posthog.identify(user.id, { pronouns: user.pronouns }), [user]);
  return <></>;
}
`,
      errors: [{ messageId: 'sharedWithThirdParty', line: 2, column: 47, data: { category: 'sex-or-gender' } }],
    },
    {
      name: 'an awaited profile sent to Segment',
      code: `export async function sync(analytics, loadProfile, id) {
  const profile = await loadProfile(id);
  analytics.identify(id, { diagnosis: profile?.diagnosis });
}
`,
      errors: [{ messageId: 'sharedWithThirdParty', line: 3, column: 28, data: { category: 'health' } }],
    },
    {
      name: 'a trait written with a string key before identify',
      code: `export function identify(analytics, u) {
  const traits = {};
  traits['religion'] = u.faithGroup;
  analytics.identify(u.id, traits);
}
`,
      errors: [{ messageId: 'sharedWithThirdParty', line: 3, column: 10, data: { category: 'religion' } }],
    },
    {
      name: 'two sensitive traits on one line are two findings',
      code: `export function identify(analytics, u) {
  analytics.identify(u.id, { age: u.age, gender: u.gender });
}
`,
      errors: [
        { messageId: 'sharedWithThirdParty', line: 2, column: 30, data: { category: 'age' } },
        { messageId: 'sharedWithThirdParty', line: 2, column: 42, data: { category: 'sex-or-gender' } },
      ],
    },
    {
      name: 'a value sent to both a model and an SDK is reported as shared',
      code: `export function both(model, analytics, c) {
  const gender = c.gender;
  model.predict([gender]);
  analytics.identify(c.id, { gender });
}
`,
      errors: [{ messageId: 'sharedWithThirdParty', line: 4, column: 30, data: { category: 'sex-or-gender' } }],
    },
    {
      name: 'the message names the laws',
      code: `export function identify(analytics, u) {
  analytics.identify(u.id, { ethnicity: u.ethnicity });
}
`,
      errors: [
        {
          messageId: 'sharedWithThirdParty',
          line: 2,
          column: 30,
          endLine: 2,
          endColumn: 39,
          data: { laws: 'GDPR Art. 9, EU Charter Art. 21, ECOA, FHA, Title VII, CCPA SPI, Colorado AI Act, Equality Act 2010 s.9', label: 'racial or ethnic origin' },
        },
      ],
    },
    {
      name: 'an Amplitude HTTP API call with got',
      code: `import got from 'got';
export async function send(c) {
  await got.post('https://api2.amplitude.com/2/httpapi', { json: { events: [{ user_properties: { disabilityStatus: c.disabilityStatus } }] } });
}
`,
      errors: [{ messageId: 'sharedWithThirdParty', line: 3, column: 98, data: { category: 'disability' } }],
    },
  ],
});
