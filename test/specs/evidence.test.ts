import { describe, expect, it } from 'vitest';
import { marksPersonalData, profilingEvidenceOf, wordsOf } from '../../src/specs/formats/evidence.js';

describe('wordsOf', () => {
  it('splits camelCase, acronyms, snake, kebab and dots into lowercase words', () => {
    expect(wordsOf('customerSegments')).toEqual(['customer', 'segments']);
    expect(wordsOf('HTTPRequestScore_v2')).toEqual(['http', 'request', 'score', 'v2']);
    expect(wordsOf('user.demographic.race_ethnicity')).toEqual(['user', 'demographic', 'race', 'ethnicity']);
  });
});

describe('profilingEvidenceOf', () => {
  const fromName = (name: string): string | undefined => profilingEvidenceOf([{ label: 'name', text: name }]);
  const fromProse = (text: string): string | undefined => profilingEvidenceOf([{ label: 'description', text, prose: true }]);

  it.each([
    ['customer_segments', 'customer segments'],
    ['churn_scores', 'churn scores'],
    ['lead_score', 'lead score'],
    ['user_features', 'user features'],
    ['churn_features', 'churn features'],
    ['feature_store_daily', 'feature store'],
    ['ad_targeting', 'targeting'],
    ['lookalike_seed', 'lookalike'],
    ['marketing.advertising.profiling', 'profiling'],
    ['marketing.advertising.first_party.targeted', 'targeted'],
    ['purchase_propensity', 'propensity'],
    ['rfm_segments', 'rfm segments'],
  ])('takes the name %j as profiling (%s)', (name, word) => {
    expect(fromName(name)).toBe(`name "${name}" says ${word}`);
  });

  it.each(['orders', 'feature_flags', 'product_features', 'nps_score', 'segment', 'forecast_by_segment', 'user_profiles', 'config_feature_flags', 'target_schema'])(
    'does not take the name %j as profiling',
    (name) => expect(fromName(name)).toBeUndefined(),
  );

  it('reads prose only for unambiguous words', () => {
    expect(fromProse('Used for personalised recommendations.')).toBe('description "Used for personalised recommendations." says personalised');
    expect(fromProse('Daily customer segments for campaigns.')).toBe('description "Daily customer segments for campaigns." says customer segments');
    expect(fromProse('Specifically targeting page load events for dev team reporting.')).toBeUndefined();
    expect(fromProse('Events sent from Segment, one row per event.')).toBeUndefined();
    expect(fromProse('The audience for this report is finance.')).toBeUndefined();
  });

  it('shortens long texts in the evidence and takes the first text that says profiling', () => {
    const long = `${'x'.repeat(70)} propensity`;
    expect(profilingEvidenceOf([{ label: 'name', text: 'orders' }, { label: 'usage', text: long, prose: true }])).toBe(
      `usage "${'x'.repeat(57)}..." says propensity`,
    );
  });
});

describe('marksPersonalData', () => {
  it.each(['pii', 'PII', 'PII.Sensitive', 'PII.NonSensitive', 'personal_data', 'PersonalData.SpecialCategory', 'gdpr_special_category', 'sensitive', 'phi'])(
    'takes %j as personal data',
    (label) => expect(marksPersonalData(label)).toBe(true),
  );
  it.each(['public', 'internal', 'confidential', 'restricted', 'PII.None', 'non_pii', 'not-personal', 'finance'])(
    'does not take %j as personal data',
    (label) => expect(marksPersonalData(label)).toBe(false),
  );
});
