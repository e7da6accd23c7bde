import { runRuleTests } from '../helpers/rule-tester.js';

runRuleTests('proxy-attribute', {
  valid: [
    {
      name: 'a check that a surname was given before converting a sales target validates, it does not decide',
      code: `export async function convertTarget(target) {
  if (!target.company && !target.last_name) {
    return { error: 'Target needs a company name or last name to convert' };
  }
  return { ok: true };
}
`,
    },
    {
      name: 'a ternary on whether both names are present builds a display name',
      code: `export function targetContact(parsed) {
  return { personalName: parsed?.firstName && parsed?.lastName ? parsed.firstName + ' ' + parsed.lastName : undefined };
}
`,
    },
    {
      name: 'an address form saves a postcode',
      code: `export async function saveAddress(repo, form) {
  await repo.save({ line1: form.line1, postcode: form.postcode, firstName: form.firstName });
}
`,
    },
    {
      name: 'a shipping price from a postcode is logistics',
      code: `export function shippingPriceFor(address) {
  return address.postcode.startsWith('BT') ? 12 : 5;
}
`,
    },
    {
      name: 'a tax rate from a zip code is a tax rule',
      code: `export function quoteTax(zip, total) {
  const taxRate = zip.startsWith('9') ? 0.0725 : 0.06;
  return total * taxRate;
}
`,
    },
    {
      name: 'a display name joins first and last names',
      code: `export function displayName(c) {
  return \`\${c.firstName} \${c.lastName}\`;
}
`,
    },
    {
      name: 'first names sent to product analytics are not profiling inputs',
      code: `export function identify(analytics, user) {
  analytics.identify(user.id, { firstName: user.firstName, locale: user.locale });
}
`,
    },
    {
      name: 'a postcode sent to Mixpanel is analytics',
      code: `export function track(mixpanel, order) {
  mixpanel.track('Order placed', { postcode: order.shippingAddress.postcode });
}
`,
    },
    {
      name: 'a locale choosing a translation bundle is i18n',
      code: `export function messagesFor(locale, de, en) {
  const messages = locale === 'de' ? de : en;
  return messages;
}
`,
    },
    {
      name: 'editor language ids stay silent',
      code: `export function highlight(model, document) {
  return model.predict([document.languageId, document.lineCount]);
}
`,
    },
    {
      name: 'zip archives stay silent',
      code: `import { zip } from 'fflate';
export function bundle(model, files) {
  return model.predict([zip(files).length]);
}
`,
    },
    {
      name: 'layout heights in a model are not body measurements',
      code: `export function layoutModel(model, element) {
  return model.predict([element.height, element.fontWeight]);
}
`,
    },
    {
      name: 'product weights in a shipping model are not body measurements',
      code: `export function shipping(model, products) {
  return model.predict(products.map((product) => [product.weight]));
}
`,
    },
    {
      name: 'a DTO declares proxies without profiling',
      code: `export interface AddressDto {
  firstName: string;
  lastName: string;
  postcode: string;
  language: string;
}
`,
    },
    {
      name: 'a fairness audit may group outcomes by postcode',
      filename: 'src/fairness/postcode-disparity.ts',
      code: `export function rates(model, rows) {
  return model.predict(rows.map((row) => [row.postcode]));
}
`,
    },
    {
      name: 'a proxy ignored by option stays silent',
      options: { ignoreProxies: ['language'] },
      code: `export function score(model, c) {
  return model.predict([c.preferredLanguage]);
}
`,
    },
    {
      name: 'a name the user ignores stays silent',
      config: { vocabulary: { ignore: ['schoolDistrictRank'] } },
      code: `export function score(model, listing) {
  return model.predict([listing.schoolDistrictRank]);
}
`,
    },
    {
      name: 'a first name in a transactional email is not profiling',
      code: `export async function welcome(mailer, user) {
  await mailer.send({ to: user.email, template: 'welcome', data: { firstName: user.firstName } });
}
`,
    },
    {
      name: 'logging a postcode is not profiling',
      code: `export function created(logger, address) {
  logger.info('address created', { postcode: address.postcode });
}
`,
    },
    {
      name: 'a lookup by zip returns rows, not the zip',
      code: `export async function score(repo, model, zip) {
  const stores = await repo.find({ where: { zip } });
  return model.predict(stores.map((store) => [store.revenue]));
}
`,
    },
    {
      name: 'an exported builder no sink uses stays silent',
      code: `export function addressLine(address) {
  return [address.street, address.city, address.postcode].join(', ');
}
`,
    },
    {
      name: 'a school year in a model is a calendar',
      code: `export function enrolment(model, term) {
  return model.predict([term.schoolYear, term.weeks]);
}
`,
    },
    {
      name: 'a device type choosing a layout is presentation',
      code: `export function layoutFor(deviceType) {
  const layout = deviceType === 'mobile' ? 'stack' : 'grid';
  return layout;
}
`,
    },
    {
      name: 'Intercom boot with a first name is analytics',
      code: `export function boot(user) {
  Intercom('boot', { name: user.firstName, language_override: user.language });
}
`,
    },
    {
      name: 'people.set with a surname is analytics',
      code: `export function people(mixpanel, user) {
  mixpanel.people.set({ $last_name: user.lastName });
}
`,
    },
    {
      name: 'design-token accents stay silent',
      code: `export function theme(model, palette) {
  return model.predict([palette.accentColor, palette.accentForeground]);
}
`,
    },
    {
      name: 'an income statement in accounting stays silent',
      code: `export function forecast(model, ledger) {
  return model.predict([ledger.incomeStatement.total]);
}
`,
    },
    {
      name: 'translating content by language code is not profiling',
      code: `export function translated(items, ctx) {
  return items.map((item) => translateDeep(item, ctx.languageCode));
}
`,
    },
    {
      name: 'a locale switching the UI language decides nothing about the person',
      code: `export function applyLocale(i18n, user) {
  if (user.locale) i18n.changeLanguage(user.locale);
}
`,
    },
    {
      name: 'a shipping eligibility check by postcode is logistics',
      code: `export function canShip(address) {
  return checkEligibilityByShippingMethod(address.postcode);
}
`,
    },
    {
      name: 'the names of CRM fields sent to an LLM to map CSV headers are text, not a person\'s data',
      code: `const TARGET_FIELDS = ['last_name', 'first_name', 'email', 'city'];
export async function suggestMapping(openai, headers) {
  return openai.chat.completions.create({
    messages: [{ role: 'user', content: \`CSV headers: \${JSON.stringify(headers)}\\nCRM fields: \${JSON.stringify(TARGET_FIELDS)}\` }],
  });
}
`,
    },
    {
      name: 'field names joined into a prompt are text too',
      code: `const FIELDS = ['first_name', 'last_name'];
export async function describeForm(openai) {
  return openai.chat.completions.create({ messages: [{ role: 'user', content: 'Fields: ' + FIELDS.join(', ') }] });
}
`,
    },
    {
      name: 'a translation prompt names the target language',
      code: `export async function translate(openai, text, targetLanguage) {
  return openai.chat.completions.create({ messages: [{ role: 'user', content: \`Translate to \${targetLanguage}: \${text}\` }] });
}
`,
    },
    {
      name: 'a sensitive attribute is not a proxy finding',
      code: `export function score(model, c) {
  return model.predict([c.age]);
}
`,
    },
    {
      name: 'hashing a surname for de-duplication is not profiling',
      code: `export function dedupeKey(hash, person) {
  return hash(person.lastName.toLowerCase());
}
`,
    },
    {
      name: 'sorting by surname for a table is display',
      code: `export function bySurname(people) {
  return [...people].sort((a, b) => a.surname.localeCompare(b.surname));
}
`,
    },
    {
      name: 'a zod schema validates a first name',
      code: `import { z } from 'zod';
export const Signup = z.object({ firstName: z.string().min(1), postcode: z.string() });
`,
    },
    {
      name: 'a pinned flag and PIN code input stay silent',
      code: `export function score(model, ui) {
  return model.predict([ui.pinned ? 1 : 0]);
}
`,
    },
    {
      name: 'a JavaScript address mapper stays silent',
      filename: 'src/account/address.js',
      code: `exports.toAddress = (form) => ({ zip: form.zip, city: form.city });
`,
    },
    {
      name: 'a user agent parsed for support stays silent',
      code: `export function supportInfo(model, request) {
  return model.predict([request.userAgent.length]);
}
`,
    },
    {
      name: 'a postcode checked for format is validation',
      code: `export function validPostcode(postcode) {
  if (!/^[A-Z0-9 ]+$/.test(postcode)) throw new Error('Invalid postcode');
  return postcode;
}
`,
    },
    {
      name: 'a proxy sent to a segment of an analytics CDP is analytics',
      code: `export function group(analytics, account) {
  analytics.group(account.id, { postcode: account.postcode });
}
`,
    },
    {
      name: 'a model output deciding a price carries no proxy',
      code: `export function price(model, features, base) {
  const churn = model.predict(features);
  const discountedPrice = churn > 0.8 ? base * 0.9 : base;
  return discountedPrice;
}
`,
    },
    {
      name: 'a language list for a picker stays silent',
      code: `export const languageOptions = ['en', 'de', 'fr'];
export function picker(model) {
  return model.predict([languageOptions.length]);
}
`,
    },
    {
      name: 'a name fallback in an approval helper is not a judgement',
      code: `export const getApprovalRequestUserName = (user) => {
  const firstLastName = [user?.details?.firstName, user?.details?.lastName].filter(Boolean).join(' ');
  return user?.details?.fullName || firstLastName || user?.email || '-';
};
`,
    },
    {
      name: 'counting travellers before pricing says nothing about who they are',
      code: `const EMPTY_TRAVELER = { firstName: '', lastName: '' };
export function quote(travelers, calculatePrice) {
  const all = [{ ...EMPTY_TRAVELER }, ...travelers];
  if (all.length > 0) {
    calculatePrice({ travelerCount: all.length });
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'a postcode fed to predict',
      code: `export function score(model, c) {
  return model.predict([c.postcode, c.tenure]);
}
`,
      errors: [{ messageId: 'proxyInput', line: 2, column: 27, data: { category: 'postcode', name: 'postcode' } }],
    },
    {
      name: 'the message names what the proxy stands in for',
      code: `export function score(model, c) {
  return model.predict({ zip: c.address.zip });
}
`,
      errors: [
        {
          messageId: 'proxyInput',
          line: 2,
          column: 26,
          data: {
            label: 'postcode or small-area geography',
            standsFor: 'racial or ethnic origin, national origin, citizenship or immigration status, public-assistance income',
            target: '`model.predict` (a machine-learning model)',
          },
        },
      ],
    },
    {
      name: 'the values a list of field names picks from a lead, serialized into an LLM prompt',
      code: `const FIELDS = ['first_name', 'last_name'];
export async function persona(openai, lead) {
  return openai.chat.completions.create({ messages: [{ role: 'user', content: JSON.stringify(FIELDS.map((field) => lead[field])) }] });
}
`,
      errors: [
        { messageId: 'proxyInput', line: 1, column: 17, data: { category: 'first-name' } },
        { messageId: 'proxyInput', line: 1, column: 31, data: { category: 'surname' } },
      ],
    },
    {
      name: 'a first name placed in an LLM prompt',
      code: `export async function persona(openai, c) {
  return openai.chat.completions.create({ messages: [{ role: 'user', content: \`Pick an offer for \${c.firstName}\` }] });
}
`,
      errors: [{ messageId: 'proxyInput', line: 2, column: 102, data: { category: 'first-name' } }],
    },
    {
      name: 'a surname in a risk score',
      code: `export function assess(a) {
  return computeRiskScore({ surname: a.lastName, debt: a.debt });
}
`,
      errors: [{ messageId: 'proxyInput', line: 2, column: 29, data: { category: 'surname', name: 'surname' } }],
    },
    {
      name: 'a branch on postcode assigns a segment',
      code: `export function assign(c) {
  let segment = 'suburban';
  if (c.postalCode.startsWith('SE1')) segment = 'urban';
  return segment;
}
`,
      errors: [{ messageId: 'proxyDecision', line: 3, column: 9, data: { category: 'postcode', selects: 'segment' } }],
    },
    {
      name: 'a filter on neighbourhood selects an audience',
      code: `export function audienceFor(customers, area) {
  const audience = customers.filter((c) => c.neighbourhood === area);
  return audience;
}
`,
      errors: [{ messageId: 'proxyDecision', line: 2, column: 46, data: { category: 'postcode', selects: 'audience' } }],
    },
    {
      name: 'a ternary on device model sets a price',
      code: `export function quote(c, base) {
  const price = c.deviceModel === 'iPhone 15 Pro' ? base * 1.1 : base;
  return price;
}
`,
      errors: [{ messageId: 'proxyDecision', line: 2, column: 19, data: { category: 'device', selects: 'price' } }],
    },
    {
      name: 'a model column list names a zip code',
      code: `export const FEATURE_COLUMNS = ['zip_code', 'tenure'];
`,
      errors: [{ messageId: 'proxyColumn', line: 1, column: 33, data: { category: 'postcode', list: 'FEATURE_COLUMNS' } }],
    },
    {
      name: 'an imported feature builder returns a first name',
      files: {
        'src/score.ts': `import { toRow } from './rows';
export function scoreAll(model, people) {
  return model.predict(people.map(toRow));
}
`,
        'src/rows.ts': `export function toRow(p) {
  return { givenName: p.firstName, visits: p.visits };
}
`,
      },
      errors: [{ messageId: 'proxyInput', file: 'src/rows.ts', line: 2, column: 12, data: { category: 'first-name' } }],
    },
    {
      name: 'a default-exported feature builder is followed through a default import',
      files: {
        'src/score.ts': `import toRow from './rows.js';
export function scoreAll(model, people) {
  return model.predict(people.map((p) => toRow(p)));
}
`,
        'src/rows.ts': `export default function toRow(p) {
  return [p.surname, p.visits];
}
`,
      },
      errors: [{ messageId: 'proxyInput', file: 'src/rows.ts', line: 2, column: 13, data: { category: 'surname' } }],
    },
    {
      name: 'a class method builds features from school attended',
      code: `export class HiringModel {
  features(candidate) {
    return [candidate.almaMater, candidate.skills.length];
  }
  rank(model, candidate) {
    return model.predict([this.features(candidate)]);
  }
}
`,
      errors: [{ messageId: 'proxyInput', line: 3, column: 23, data: { category: 'school' } }],
    },
    {
      name: 'element access with a string key',
      code: `export function score(model, row) {
  return model.predict([row['postal_code']]);
}
`,
      errors: [{ messageId: 'proxyInput', line: 2, column: 29, data: { category: 'postcode' } }],
    },
    {
      name: 'a JavaScript model file',
      filename: 'src/score.js',
      code: `exports.score = (model, c) => model.predict([c.zipCode]);
`,
      errors: [{ messageId: 'proxyInput', line: 1, column: 48, data: { category: 'postcode' } }],
    },
    {
      name: 'an exported builder under profiling.paths is profiling code',
      filename: 'src/profiling/features.ts',
      config: { profilingPaths: ['src/profiling/**'] },
      code: `export const features = (a) => ({ school: a.school, years: a.experience });
`,
      errors: [{ messageId: 'proxyInProfilingCode', line: 1, column: 35, data: { category: 'school', function: 'features' } }],
    },
    {
      name: 'a zip code in Meta Pixel advanced matching is an ad input',
      code: `export function initPixel(pixelId, c) {
  fbq('init', pixelId, { zp: c.zip });
}
`,
      errors: [{ messageId: 'proxyInput', line: 2, column: 26, data: { category: 'postcode' } }],
    },
    {
      name: 'analytics sinks count when the option says so',
      options: { includeAnalytics: true },
      code: `export function identify(analytics, user) {
  analytics.identify(user.id, { postcode: user.postcode });
}
`,
      errors: [{ messageId: 'proxyInput', line: 2, column: 33, data: { category: 'postcode' } }],
    },
    {
      name: 'k-means clusters on income',
      code: `import { kmeans } from 'ml-kmeans';
export function clusters(customers) {
  return kmeans(customers.map((c) => [c.householdIncome, c.spend]), 5);
}
`,
      errors: [{ messageId: 'proxyInput', line: 3, column: 41, data: { category: 'income' } }],
    },
    {
      name: 'a preferred language chooses the next best offer',
      code: `export function offer(c) {
  return nextBestOffer({ language: c.preferredLanguage, spend: c.spend });
}
`,
      errors: [{ messageId: 'proxyInput', line: 2, column: 26, data: { category: 'language' } }],
    },
    {
      name: 'an email domain in a fraud score',
      code: `export function fraud(order) {
  return fraudScore([order.emailDomain, order.total]);
}
`,
      errors: [{ messageId: 'proxyInput', line: 2, column: 28, data: { category: 'email-domain' } }],
    },
    {
      name: 'a customer weight in an insurance model',
      code: `export function quote(model, customer) {
  return model.predict([customer.weight, customer.smokerYears]);
}
`,
      errors: [{ messageId: 'proxyInput', line: 2, column: 34, data: { category: 'body-measurement' } }],
    },
    {
      name: 'a graduation year in a candidate score',
      code: `export function rank(candidate) {
  const { graduationYear } = candidate;
  return scoreCandidate({ graduationYear, skills: candidate.skills });
}
`,
      errors: [{ messageId: 'proxyInput', line: 3, column: 27, data: { category: 'graduation-year' } }],
    },
    {
      name: 'browsing history in a personal recommendation',
      code: `export function feed(user) {
  return recommendForUser(user.id, user.browsingHistory);
}
`,
      errors: [{ messageId: 'proxyInput', line: 2, column: 41, data: { category: 'behavioural-history' } }],
    },
    {
      name: 'a salutation in a segmentation function',
      code: `export function segmentOf(c) {
  return assignSegment({ salutation: c.salutation, orders: c.orders });
}
`,
      errors: [{ messageId: 'proxyInput', line: 2, column: 26, data: { category: 'title-honorific' } }],
    },
    {
      name: 'area demographics joined into the feature vector',
      code: `export function score(model, c, census) {
  const area = census[c.tract];
  return model.predict([area.medianHouseholdIncome, c.tenure]);
}
`,
      errors: [{ messageId: 'proxyInput', line: 3, column: 30, data: { category: 'area-demographics' } }],
    },
    {
      name: 'a switch on locale assigns a campaign',
      code: `export function campaignFor(c) {
  let campaign = 'global';
  switch (c.locale) {
    case 'es-MX':
      campaign = 'latam-credit';
      break;
  }
  return campaign;
}
`,
      errors: [{ messageId: 'proxyDecision', line: 3, column: 13, data: { category: 'language', selects: 'campaign' } }],
    },
    {
      name: 'an eligibility rule on income',
      code: `export function isEligible(applicant) {
  return applicant.annualIncome > 50000;
}
`,
      errors: [{ messageId: 'proxyDecision', line: 2, column: 20, data: { category: 'income', selects: 'eligible' } }],
    },
    {
      name: 'a user proxy term',
      config: { vocabulary: { proxies: { postcode: ['delivery area'] } } },
      code: `export function score(model, c) {
  return model.predict([c.deliveryArea]);
}
`,
      errors: [{ messageId: 'proxyInput', line: 2, column: 27, data: { category: 'postcode' } }],
    },
    {
      name: 'optional chaining reaches the model',
      code: `export function score(model, c) {
  return model.predict([c?.address?.postcode]);
}
`,
      errors: [{ messageId: 'proxyInput', line: 2, column: 37, data: { category: 'postcode' } }],
    },
    {
      name: 'a destructured zip reaches the model',
      code: `export function score(model, address) {
  const { zip, city } = address;
  return model.predict([zip, city.length]);
}
`,
      errors: [{ messageId: 'proxyInput', line: 3, column: 25, data: { category: 'postcode' } }],
    },
    {
      name: 'a local variable is one finding at the input',
      code: `export function score(model, c) {
  const zip = c.zip;
  return model.predict({ zip });
}
`,
      errors: [{ messageId: 'proxyInput', line: 3, column: 26, data: { category: 'postcode' } }],
    },
    {
      name: 'a proxy pushed into the inputs',
      code: `export function score(model, c) {
  const inputs = [c.tenure];
  inputs.push(c.surname);
  return model.predict(inputs);
}
`,
      errors: [{ messageId: 'proxyInput', line: 3, column: 17, data: { category: 'surname' } }],
    },
    {
      name: 'a personalisation service receives a device type',
      code: `import { GetRecommendationsCommand } from '@aws-sdk/client-personalize-runtime';
export async function recommend(client, user) {
  return client.send(new GetRecommendationsCommand({ userId: user.id, context: { deviceType: user.deviceType } }));
}
`,
      errors: [{ messageId: 'proxyInput', line: 3, column: 82, data: { category: 'device' } }],
    },
    {
      name: 'a feature-flag targeting context carries a locale',
      code: `export async function flags(ldClient, user) {
  await ldClient.identify({ key: user.id, locale: user.locale });
}
`,
      errors: [{ messageId: 'proxyInput', line: 2, column: 43, data: { category: 'language' } }],
    },
    {
      name: 'a TSX component scores on an operating system',
      filename: 'src/Upsell.tsx',
      code: `export function Upsell({ model, visitor }) {
  const score = model.predict([visitor.isIOS ? 1 : 0]);
  return <div>{score}</div>;
}
`,
      errors: [{ messageId: 'proxyInput', line: 2, column: 40, data: { category: 'device' } }],
    },
    {
      name: 'an async arrow scoring a census tract',
      code: `export const score = async (session, c) => session.run({ tract: c.census_tract });
`,
      errors: [{ messageId: 'proxyInput', line: 1, column: 67, data: { category: 'postcode' } }],
    },
    {
      name: 'two proxies on one line are two findings',
      code: `export function score(model, c) {
  return model.predict([c.firstName, c.postcode]);
}
`,
      errors: [
        { messageId: 'proxyInput', line: 2, column: 27, data: { category: 'first-name' } },
        { messageId: 'proxyInput', line: 2, column: 40, data: { category: 'postcode' } },
      ],
    },
    {
      name: 'a feature-store write of a geohash',
      code: `export async function materialize(featureStore, c) {
  await featureStore.put({ id: c.id, geohash: c.location.geohash });
}
`,
      errors: [{ messageId: 'proxyInput', line: 2, column: 38, data: { category: 'postcode' } }],
    },
    {
      name: 'Object.assign merges a proxy into the input',
      code: `export function score(model, c) {
  const input = {};
  Object.assign(input, { emailProvider: c.emailProvider });
  return model.predict(input);
}
`,
      errors: [{ messageId: 'proxyInput', line: 3, column: 26, data: { category: 'email-domain' } }],
    },
    {
      name: 'an operating system decides a price',
      code: `export function priceFor(ctx, base) {
  let price = base;
  if (ctx.isIOS) price = base * 1.05;
  return price;
}
`,
      errors: [{ messageId: 'proxyDecision', line: 3, column: 11, data: { category: 'device', selects: 'price' } }],
    },
    {
      name: 'an enrichment API receives a surname',
      code: `export async function enrich(c) {
  return fetch('https://person.clearbit.com/v2/combined/find', { method: 'POST', body: JSON.stringify({ family_name: c.surname }) });
}
`,
      errors: [{ messageId: 'proxyInput', line: 2, column: 105, data: { category: 'surname' } }],
    },
    {
      name: 'an argument reaches a sink through a local helper',
      code: `function run(model, inputs) {
  return model.predict(inputs);
}
export function score(model, c) {
  return run(model, [c.neighborhood]);
}
`,
      errors: [{ messageId: 'proxyInput', line: 5, column: 24, data: { category: 'postcode' } }],
    },
    {
      name: 'a filter chained into a map feeds the model',
      code: `export function score(model, people) {
  return model.predict(people.filter((p) => p.isHomeowner).map((p) => [p.visits]));
}
`,
      errors: [{ messageId: 'proxyInput', line: 2, column: 47, data: { category: 'income' } }],
    },
  ],
});
