import { runRuleTests } from '../helpers/rule-tester.js';

runRuleTests('sensitive-attribute', {
  valid: [
    {
      name: 'a DTO interface declares gender and date of birth without profiling',
      code: `export interface CustomerDto {
  id: string;
  gender: 'female' | 'male' | 'other';
  dateOfBirth: string;
}
`,
    },
    {
      name: 'a zod schema validates sensitive fields',
      code: `import { z } from 'zod';
export const PatientSchema = z.object({
  diagnosis: z.string(),
  religion: z.string().optional(),
  dateOfBirth: z.string().date(),
});
`,
    },
    {
      name: 'a patient intake saves what was typed',
      code: `export async function saveIntake(db, form) {
  await db.patients.insert({ diagnosis: form.diagnosis, medications: form.medications, isPregnant: form.isPregnant });
}
`,
    },
    {
      name: 'a display helper formats a birthday',
      code: `export function birthdayLabel(customer) {
  return new Date(customer.dateOfBirth).toLocaleDateString();
}
`,
    },
    {
      name: 'a form component keeps gender in state',
      filename: 'src/account/ProfileForm.tsx',
      code: `export function ProfileForm({ customer, onSave }) {
  const [gender, setGender] = useState(customer.gender);
  return <select value={gender} onChange={(event) => setGender(event.target.value)} disabled={!onSave} />;
}
`,
    },
    {
      name: 'false friends in a feature vector stay silent',
      code: `export function score(model, c) {
  return model.predict([c.usageMinutes, c.pageViews, c.messageCount, c.averageOrderValue, c.storageUsedMb]);
}
`,
    },
    {
      name: 'more false friends in an object fed to a model stay silent',
      code: `export function score(model, c) {
  return model.predict({ mileagePoints: c.mileagePoints, coveragePercentage: c.coveragePercentage, stageOfFunnel: c.stageOfFunnel, leverageRatio: c.leverageRatio });
}
`,
    },
    {
      name: 'race conditions and user agents fed to an anomaly model stay silent',
      code: `export function detect(model, stats, request) {
  return model.predict([stats.raceConditionRetries, request.userAgent.length, stats.imageUploads]);
}
`,
    },
    {
      name: 'TypeScript union types in compiler code stay silent',
      code: `import ts from 'typescript';
export function unionMembers(node) {
  if (ts.isUnionTypeNode(node)) return node.types.map((member) => member.getText());
  return [];
}
`,
    },
    {
      name: 'a disabled UI prop next to a model call stays silent',
      code: `export function predictChurnButton(model, form) {
  const disabled = form.disabled;
  return { disabled, result: model.predict([form.tenureMonths]) };
}
`,
    },
    {
      name: 'grammatical gender in i18n code stays silent',
      code: `export function greet(intl, user) {
  return intl.formatMessage({ id: 'greeting' }, { gender: user.gender, name: user.firstName });
}
`,
    },
    {
      name: 'zip() archives stay silent',
      code: `import { zip } from 'fflate';
export function exportFiles(files, upload) {
  const archive = zip(files);
  return upload(archive);
}
`,
    },
    {
      name: 'an age gate that throws decides nothing about a profile',
      code: `export function checkout(customer, cart) {
  if (customer.age < 18) throw new Error('Adults only');
  return cart.total;
}
`,
    },
    {
      name: 'logging a sensitive attribute is not profiling',
      code: `export function created(logger, c) {
  logger.info('customer created', { gender: c.gender, age: c.age });
}
`,
    },
    {
      name: 'a query keyed by an attribute returns rows, not the attribute',
      code: `export async function score(repo, model, gender) {
  const rows = await repo.find({ where: { gender } });
  return model.predict(rows.map((row) => [row.spend]));
}
`,
    },
    {
      name: 'a model output choosing a segment carries no sensitive input',
      code: `export function assign(model, features, customer) {
  const churn = model.predict(features);
  if (churn > 0.5) customer.segment = 'at-risk';
  return customer;
}
`,
    },
    {
      name: 'an exported builder that no sink uses is not profiling',
      code: `export function toRow(c) {
  return { age: c.age, gender: c.gender };
}
`,
    },
    {
      name: 'a fairness audit file groups predictions by a protected attribute',
      filename: 'src/fairness/disparity.ts',
      code: `export function selectionRates(model, rows) {
  const predictions = model.predict(rows.map((row) => [row.tenure]));
  const groups = rows.map((row) => row.gender);
  return { predictions, groups };
}
`,
    },
    {
      name: 'a function named for disparity metrics may read the attribute it audits',
      code: `export function computeDisparityByRace(model, rows) {
  return model.predict(rows.map((row) => [row.race, row.tenure]));
}
`,
    },
    {
      name: 'Fairlearn-style sensitive features are evaluation, not profiling',
      code: `export function audit(metricFrame, model, rows) {
  return new MetricFrame({ yPred: model.predict(rows), sensitiveFeatures: rows.map((row) => row.ethnicity) });
}
`,
    },
    {
      name: 'a bias-audit class method may read the attribute it audits',
      code: `export class BiasAudit {
  run(model, rows) {
    return model.predict(rows.map((row) => [row.age]));
  }
}
`,
    },
    {
      name: 'sending a sensitive attribute to an analytics SDK is sensitive-data-shared only',
      code: `export function identify(analytics, user) {
  analytics.identify(user.id, { gender: user.gender });
}
`,
    },
    {
      name: 'a category ignored by option stays silent',
      options: { ignoreCategories: ['age'] },
      code: `export function score(model, c) {
  return model.predict([c.age, c.tenure]);
}
`,
    },
    {
      name: 'a name the user ignores stays silent',
      config: { vocabulary: { ignore: ['riskClassOfDisease'] } },
      code: `export function score(model, policy) {
  return model.predict([policy.riskClassOfDisease]);
}
`,
    },
    {
      name: 'a JavaScript DTO mapper stays silent',
      filename: 'src/account/mapper.js',
      code: `module.exports.toDto = function toDto(user) {
  return { id: user.id, gender: user.gender, birthday: user.birthday };
};
`,
    },
    {
      name: 'an LLM prompt without a sensitive request stays silent',
      code: `export async function summarize(openai, order) {
  return openai.chat.completions.create({ messages: [{ role: 'user', content: \`Summarise this order: \${order.id}\` }] });
}
`,
    },
    {
      name: 'a birthday greeting prompt asks nothing to be inferred',
      code: `export async function greeting(openai, customer) {
  return openai.chat.completions.create({ messages: [{ role: 'user', content: 'Write a short birthday greeting.' }], user: customer.id });
}
`,
    },
    {
      name: 'a vehicle age deciding an insurance premium is about the car',
      code: `export function quote(vehicle, base) {
  let premium = base;
  if (vehicle.age > 10) premium = base * 1.5;
  return premium;
}
`,
    },
    {
      name: 'product weights in a model are not body measurements',
      code: `export function shippingModel(model, products) {
  return model.predict(products.map((product) => [product.weight, product.price]));
}
`,
    },
    {
      name: 'sorting customers by age for a table is display',
      code: `export function byAge(customers) {
  return [...customers].sort((a, b) => a.age - b.age);
}
`,
    },
    {
      name: 'a pronoun chosen from gender is not a decision about the person',
      code: `export function pronounFor(user) {
  if (user.gender === 'female') return 'she';
  return 'they';
}
`,
    },
    {
      name: 'a tax relief computed from seniority is a tax rule',
      code: `export function taxRateFor(customer) {
  return customer.isSenior ? 0 : 0.2;
}
`,
    },
    {
      name: 'a health check deciding whether to call a model is not about a person',
      code: `export async function scoreIfUp(model, serviceHealth, features) {
  if (serviceHealth.healthy) return model.predict(features);
  return null;
}
`,
    },
    {
      name: 'a cache age deciding a refresh stays silent',
      code: `export function refresh(entry, maxAge) {
  let offer;
  if (entry.cacheAge > maxAge) offer = entry.reload();
  return offer;
}
`,
    },
    {
      name: 'sensitive fields spread into a save call are storage',
      code: `export async function update(repo, customer, form) {
  await repo.save({ ...customer, gender: form.gender, dateOfBirth: form.dateOfBirth });
}
`,
    },
    {
      name: 'a local helper that no sink reaches stays silent',
      code: `function ageOf(c) {
  return c.age;
}
export function score(model, c) {
  console.log(ageOf(c));
  return model.predict([c.tenure]);
}
`,
    },
    {
      name: 'a profiling path with only a DTO stays silent',
      filename: 'src/profiling/types.ts',
      config: { profilingPaths: ['src/profiling/**'] },
      code: `export interface ScoringInput {
  age: number;
  gender: string;
}
`,
    },
    {
      name: 'a literal compared with a sensitive-looking value is not a column',
      code: `export function score(model, c) {
  return model.predict([c.plan === 'female-founders' ? 1 : 0]);
}
`,
    },
    {
      name: 'running-event race results stay silent',
      code: `export function podium(model, raceResults, raceId) {
  return model.predict(raceResults.filter((result) => result.raceId === raceId).map((result) => [result.raceTime]));
}
`,
    },
    {
      name: 'the sensitive attribute of a different, unprofiled variable stays silent',
      code: `export function score(model, c, other) {
  const label = other.gender;
  console.log(label);
  return model.predict([c.tenure]);
}
`,
    },
    {
      name: 'deeply nested generated code is walked without overflowing',
      code: `export function score(model, c) {
  return model.predict([${'c.tenure + '.repeat(1200)}1]);
}
`,
    },
  ],
  invalid: [
    {
      name: 'a boolean sensitive attribute tested for truth decides the segment',
      code: `export function segmentFor(customer) {
  if (customer.isPregnant) {
    return 'maternity';
  }
  return 'general';
}
`,
      errors: [{ messageId: 'sensitiveDecision', line: 2 }],
    },
    {
      name: 'a syntax error later in the file does not hide a finding',
      code: `export function score(model, c) {
  return model.predict([c.age]);
}
export function broken( {
`,
      errors: [{ messageId: 'sensitiveInput', line: 2, column: 27, data: { category: 'age' } }],
    },
    {
      name: 'age and gender in a feature vector fed to predict',
      code: `export async function score(model, customer) {
  const features = [
    customer.age,
    customer.gender === 'female' ? 1 : 0,
    customer.tenureMonths,
  ];
  return model.predict(tf.tensor2d([features]));
}
`,
      errors: [
        { messageId: 'sensitiveInput', line: 3, column: 14, data: { category: 'age', name: 'age' } },
        { messageId: 'sensitiveInput', line: 4, column: 14, data: { category: 'sex-or-gender', name: 'gender' } },
      ],
    },
    {
      name: 'keys of an object literal name what the model receives',
      code: `export function score(model, c) {
  return model.predict({
    ethnicity: c.ethnicityCode,
    tenure: c.tenure,
  });
}
`,
      errors: [{ messageId: 'sensitiveInput', line: 3, column: 5, data: { category: 'racial-or-ethnic-origin', name: 'ethnicity' } }],
    },
    {
      name: 'a value reaches the model through a local variable',
      code: `export function score(model, c) {
  const years = c.dateOfBirth;
  return model.predict([years]);
}
`,
      errors: [{ messageId: 'sensitiveInput', line: 2, column: 19, data: { category: 'age', name: 'dateOfBirth' } }],
    },
    {
      name: 'destructured names reach the model',
      code: `export function score(model, customer) {
  const { religion, tenure } = customer;
  return model.predict([religion, tenure]);
}
`,
      errors: [{ messageId: 'sensitiveInput', line: 3, column: 25, data: { category: 'religion' } }],
    },
    {
      name: 'a spread carries a sensitive key into the model',
      code: `export function score(model, c) {
  const base = { disability: c.hasDisability };
  return model.predict({ ...base, tenure: c.tenure });
}
`,
      errors: [{ messageId: 'sensitiveInput', line: 2, column: 18, data: { category: 'disability' } }],
    },
    {
      name: 'a .map callback builds the rows the model scores',
      code: `export function scoreAll(model, customers) {
  return model.predict(customers.map((c) => [c.age, c.spend]));
}
`,
      errors: [{ messageId: 'sensitiveInput', line: 2, column: 48, data: { category: 'age' } }],
    },
    {
      name: 'a feature builder passed to .map is followed into its return',
      code: `function toRow(c) {
  return { religion: c.religion, spend: c.spend };
}
export function scoreAll(model, customers) {
  return model.predict(customers.map(toRow));
}
`,
      errors: [{ messageId: 'sensitiveInput', line: 2, column: 12, data: { category: 'religion' } }],
    },
    {
      name: 'a feature builder called before the model is followed',
      code: `const toFeatureRow = (c) => [c.nationality, c.spend];
export function score(model, c) {
  const row = toFeatureRow(c);
  return model.predict([row]);
}
`,
      errors: [{ messageId: 'sensitiveInput', line: 1, column: 32, data: { category: 'national-origin' } }],
    },
    {
      name: 'a features() method used by score() is followed',
      code: `export class ChurnModel {
  constructor(model) {
    this.model = model;
  }
  features(c) {
    return [c.maritalStatus, c.tenure];
  }
  score(c) {
    return this.model.predict([this.features(c)]);
  }
}
`,
      errors: [{ messageId: 'sensitiveInput', line: 6, column: 15, data: { category: 'marital-or-family-status' } }],
    },
    {
      name: 'a feature builder imported from another file is followed through the import',
      files: {
        'src/score.ts': `import { toFeatureRow } from './features.js';
export function scoreAll(model, customers) {
  return model.predict(customers.map(toFeatureRow));
}
`,
        'src/features.ts': `export function toFeatureRow(c) {
  return [c.tenure, c.isPregnant ? 1 : 0];
}
`,
      },
      errors: [{ messageId: 'sensitiveInput', file: 'src/features.ts', line: 2, column: 23, data: { category: 'health' } }],
    },
    {
      name: 'a namespace-imported builder is followed',
      files: {
        'src/score.ts': `import * as features from './features';
export function score(model, c) {
  return model.predict([features.build(c)]);
}
`,
        'src/features/index.ts': `export const build = (c) => ({ sexualOrientation: c.sexualOrientation, spend: c.spend });
`,
      },
      errors: [{ messageId: 'sensitiveInput', file: 'src/features/index.ts', line: 1, column: 32, data: { category: 'sex-life-or-sexual-orientation' } }],
    },
    {
      name: 'async code awaiting a profile before an ONNX session run',
      code: `export async function infer(session, loadProfile, id) {
  const profile = await loadProfile(id);
  const feeds = { input: profile?.criminalRecord };
  return await session.run(feeds);
}
`,
      errors: [{ messageId: 'sensitiveInput', line: 3, column: 35, data: { category: 'criminal-record' } }],
    },
    {
      name: 'optional chaining reaches the model',
      code: `export function score(model, c) {
  return model.predict([c?.profile?.ageBand]);
}
`,
      errors: [{ messageId: 'sensitiveInput', line: 2, column: 37, data: { category: 'age' } }],
    },
    {
      name: 'element access with a string key reaches the model',
      code: `export function score(model, row) {
  return model.predict([row['gender'], row['tenure']]);
}
`,
      errors: [{ messageId: 'sensitiveInput', line: 2, column: 29, data: { category: 'sex-or-gender', name: 'gender' } }],
    },
    {
      name: 'a JavaScript file with require and predict',
      filename: 'src/model.js',
      code: `const tf = require('@tensorflow/tfjs-node');
module.exports.score = function score(model, c) {
  return model.predict(tf.tensor2d([[c.isVeteran ? 1 : 0, c.tenure]]));
};
`,
      errors: [{ messageId: 'sensitiveInput', line: 3, column: 40, data: { category: 'veteran-status' } }],
    },
    {
      name: 'a model column list names sensitive columns',
      code: `export const FEATURE_COLUMNS = ['tenure', 'age', 'marital_status'];
`,
      errors: [
        { messageId: 'sensitiveColumn', line: 1, column: 43, data: { category: 'age', list: 'FEATURE_COLUMNS' } },
        { messageId: 'sensitiveColumn', line: 1, column: 50, data: { category: 'marital-or-family-status' } },
      ],
    },
    {
      name: 'training on a sensitive column with fit',
      code: `export async function train(model, rows, labels) {
  await model.fit(tf.tensor2d(rows.map((r) => [r.yearOfBirth, r.spend])), labels);
}
`,
      errors: [{ messageId: 'sensitiveInput', line: 2, column: 50, data: { category: 'age' } }],
    },
    {
      name: 'a dataframe column selection fed to the model',
      code: `export function score(model, df) {
  return model.predict(df.loc({ columns: ['gender', 'tenure'] }).values);
}
`,
      errors: [{ messageId: 'sensitiveInput', line: 2, column: 43, data: { category: 'sex-or-gender' } }],
    },
    {
      name: 'a prompt asking an LLM to infer ethnicity',
      code: `export async function enrich(openai, customer) {
  return openai.chat.completions.create({
    model: 'gpt-4o',
    messages: [{ role: 'user', content: \`Infer the likely ethnicity of this customer from their name: \${customer.fullName}\` }],
  });
}
`,
      errors: [{ messageId: 'sensitiveInferred', line: 4, column: 59, data: { category: 'racial-or-ethnic-origin' } }],
    },
    {
      name: 'a prompt built in a variable asking to guess sexual orientation',
      code: `const prompt = 'Guess the sexual orientation of the shopper from these purchases.';
export async function classify(anthropic, purchases) {
  return anthropic.messages.create({ messages: [{ role: 'user', content: prompt + purchases.join(', ') }] });
}
`,
      errors: [{ messageId: 'sensitiveInferred', line: 1, column: 27, data: { category: 'sex-life-or-sexual-orientation' } }],
    },
    {
      name: 'a sensitive value placed in an LLM prompt',
      code: `export async function nextOffer(openai, c) {
  return openai.chat.completions.create({ messages: [{ role: 'user', content: \`Suggest an offer. Religion: \${c.religion}\` }] });
}
`,
      errors: [{ messageId: 'sensitiveInput', line: 2, column: 112, data: { category: 'religion' } }],
    },
    {
      name: 'a branch on age assigns a segment',
      code: `export function assign(customer) {
  let segment = 'standard';
  if (customer.age > 60) segment = 'silver';
  return segment;
}
`,
      errors: [{ messageId: 'sensitiveDecision', line: 3, column: 16, data: { category: 'age', selects: 'segment' } }],
    },
    {
      name: 'a ternary on pregnancy sets a price',
      code: `export function quote(c, base) {
  const price = c.isPregnant ? base * 1.2 : base;
  return price;
}
`,
      errors: [{ messageId: 'sensitiveDecision', line: 2, column: 19, data: { category: 'health', selects: 'price' } }],
    },
    {
      name: 'a filter predicate selects an audience',
      code: `export function buildList(customers) {
  const audience = customers.filter((c) => c.religion === 'muslim');
  return audience;
}
`,
      errors: [{ messageId: 'sensitiveDecision', line: 2, column: 46, data: { category: 'religion', selects: 'audience' } }],
    },
    {
      name: 'a decision-named function returns a judgement on age',
      code: `export function isEligible(applicant) {
  return applicant.age >= 25 && applicant.income > 1000;
}
`,
      errors: [{ messageId: 'sensitiveDecision', line: 2, column: 20, data: { category: 'age', selects: 'eligible' } }],
    },
    {
      name: 'a switch on marital status assigns a tier',
      code: `export function tierFor(c) {
  let tier = 'basic';
  switch (c.maritalStatus) {
    case 'married':
      tier = 'family';
      break;
  }
  return tier;
}
`,
      errors: [{ messageId: 'sensitiveDecision', line: 3, column: 13, data: { category: 'marital-or-family-status', selects: 'tier' } }],
    },
    {
      name: 'a branch on nationality decides an ad audience upload',
      code: `export async function sync(ads, customer, operations) {
  if (customer.nationality !== 'FR') {
    await ads.offlineUserDataJobs.addOperations(operations);
  }
}
`,
      errors: [{ messageId: 'sensitiveDecision', line: 2, column: 16, data: { category: 'national-origin', selects: 'a profiling call' } }],
    },
    {
      name: 'a scoring function found by its name',
      code: `export function assess(c) {
  return computeRiskScore({ age: c.age, debt: c.debt });
}
`,
      errors: [{ messageId: 'sensitiveInput', line: 2, column: 29, data: { category: 'age' } }],
    },
    {
      name: 'a sink the user declares in the configuration',
      config: { vocabulary: { sinks: ['rankApplicants'] } },
      code: `export function shortlistAll(applicants) {
  return rankApplicants(applicants.map((a) => ({ record: a.criminalRecord })));
}
`,
      errors: [{ messageId: 'sensitiveInput', line: 2, column: 60, data: { category: 'criminal-record' } }],
    },
    {
      name: 'an argument reaches a sink inside a local helper',
      code: `function runModel(model, features) {
  return model.predict(features);
}
export function score(model, c) {
  return runModel(model, [c.birthYear, c.tenure]);
}
`,
      errors: [{ messageId: 'sensitiveInput', line: 5, column: 29, data: { category: 'age' } }],
    },
    {
      name: 'a property written on a local before the model reads it',
      code: `export function score(model, c) {
  const row = {};
  row.gender = c.sex;
  return model.predict(row);
}
`,
      errors: [{ messageId: 'sensitiveInput', line: 3, column: 7, data: { category: 'sex-or-gender', name: 'gender' } }],
    },
    {
      name: 'a value pushed into the feature list',
      code: `export function score(model, c) {
  const inputs = [];
  inputs.push(c.ethnicity);
  return model.predict(inputs);
}
`,
      errors: [{ messageId: 'sensitiveInput', line: 3, column: 17, data: { category: 'racial-or-ethnic-origin' } }],
    },
    {
      name: 'Object.assign merges a sensitive key into the input',
      code: `export function score(model, c) {
  const input = { tenure: c.tenure };
  Object.assign(input, { disabilityStatus: c.disabilityStatus });
  return model.predict(input);
}
`,
      errors: [{ messageId: 'sensitiveInput', line: 3, column: 26, data: { category: 'disability' } }],
    },
    {
      name: 'an exported builder under profiling.paths is profiling code',
      filename: 'src/profiling/features.ts',
      config: { profilingPaths: ['src/profiling/**'] },
      code: `export function features(c) {
  return { age: c.age, tenure: c.tenure };
}
`,
      errors: [{ messageId: 'sensitiveInProfilingCode', line: 2, column: 12, data: { category: 'age', function: 'features' } }],
    },
    {
      name: 'an async arrow function scoring a birth year',
      code: `export const score = async (model, c) => model.predict([c.birthYear]);
`,
      errors: [{ messageId: 'sensitiveInput', line: 1, column: 59, data: { category: 'age' } }],
    },
    {
      name: 'a SageMaker endpoint receives an ethnicity',
      code: `import { InvokeEndpointCommand } from '@aws-sdk/client-sagemaker-runtime';
export async function score(client, c) {
  return client.send(new InvokeEndpointCommand({ EndpointName: 'churn', Body: JSON.stringify({ ethnicity: c.ethnicity }) }));
}
`,
      errors: [{ messageId: 'sensitiveInput', line: 3, column: 96, data: { category: 'racial-or-ethnic-origin' } }],
    },
    {
      name: 'a model inside an analytics call keeps its input to itself',
      code: `export function track(analytics, model, c) {
  analytics.track('scored', { churn: model.predict([c.age]) });
}
`,
      errors: [{ messageId: 'sensitiveInput', line: 2, column: 55, data: { category: 'age' } }],
    },
    {
      name: 'a feature-store write of a religion',
      code: `export async function materialize(featureStore, c) {
  const religion = c.religiousAffiliation;
  await featureStore.write({ customerId: c.id, religion });
}
`,
      errors: [{ messageId: 'sensitiveInput', line: 3, column: 48, data: { category: 'religion', name: 'religion' } }],
    },
    {
      name: 'two categories on one line are two findings',
      code: `export function score(model, c) {
  return model.predict([c.age, c.gender]);
}
`,
      errors: [
        { messageId: 'sensitiveInput', line: 2, column: 27, data: { category: 'age' } },
        { messageId: 'sensitiveInput', line: 2, column: 34, data: { category: 'sex-or-gender' } },
      ],
    },
    {
      name: 'a TSX file scoring in a component handler',
      filename: 'src/Offer.tsx',
      code: `export function Offer({ model, customer }) {
  const onClick = () => model.predict([customer.isSmoker ? 1 : 0]);
  return <button onClick={onClick}>Quote</button>;
}
`,
      errors: [{ messageId: 'sensitiveInput', line: 2, column: 49, data: { category: 'health' } }],
    },
    {
      name: 'k-means clusters customers on age',
      code: `import { kmeans } from 'ml-kmeans';
export function clusters(customers) {
  return kmeans(customers.map((c) => [c.ageGroup, c.spend]), 4);
}
`,
      errors: [{ messageId: 'sensitiveInput', line: 3, column: 41, data: { category: 'age' } }],
    },
    {
      name: 'a method call on a sensitive value still carries it',
      code: `export function score(model, c) {
  return model.predict([c.birthDate.getFullYear()]);
}
`,
      errors: [{ messageId: 'sensitiveInput', line: 2, column: 27, data: { category: 'age' } }],
    },
    {
      name: 'an inferred trait is sensitive too',
      code: `export function score(model, c) {
  return model.predict([c.predictedGender]);
}
`,
      errors: [{ messageId: 'sensitiveInput', line: 2, column: 27, data: { category: 'sex-or-gender' } }],
    },
    {
      name: 'a decision-named arrow function returns a judgement',
      code: `export const isEligible = (applicant) => !applicant.hasConviction;
`,
      errors: [{ messageId: 'sensitiveDecision', line: 1, column: 53, data: { category: 'criminal-record' } }],
    },
    {
      name: 'a filter chained into a map feeds the model',
      code: `export function score(model, customers) {
  return model.predict(customers.filter((c) => c.isVeteran).map((c) => [c.spend]));
}
`,
      errors: [{ messageId: 'sensitiveInput', line: 2, column: 50, data: { category: 'veteran-status' } }],
    },
    {
      name: 'optional element access with a string key',
      code: `export function score(model, row) {
  return model.predict([row?.['date_of_birth']]);
}
`,
      errors: [{ messageId: 'sensitiveInput', line: 2, column: 31, data: { category: 'age' } }],
    },
    {
      name: 'a local variable covers the same category further back',
      code: `export function score(model, c) {
  const age = c.age;
  return model.predict({ age });
}
`,
      errors: [{ messageId: 'sensitiveInput', line: 3, column: 26, data: { category: 'age', name: 'age' } }],
    },
    {
      name: 'a user term extends a category',
      config: { vocabulary: { sensitive: { health: ['glucose reading'] } } },
      code: `export function score(model, c) {
  return model.predict([c.glucoseReading]);
}
`,
      errors: [{ messageId: 'sensitiveInput', line: 2, column: 27, data: { category: 'health' } }],
    },
    {
      name: 'the message names the law, the label and the sink',
      code: `export function score(model, c) {
  return model.predict([c.ethnicity]);
}
`,
      errors: [
        {
          messageId: 'sensitiveInput',
          line: 2,
          column: 27,
          endLine: 2,
          endColumn: 36,
          data: {
            label: 'racial or ethnic origin',
            laws: 'GDPR Art. 9, EU Charter Art. 21, ECOA, FHA, Title VII, CCPA SPI, Colorado AI Act, Equality Act 2010 s.9',
            target: '`model.predict` (a machine-learning model)',
          },
        },
      ],
    },
  ],
});
