/** Splits a name or a sentence into lowercase words: `customerSegments`, `churn_score-v2`, `Churn scores.`. */
export function wordsOf(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

// Words that say a dataset feeds profiling wherever they appear in a name, a tag or a data use.
const profilingNameWords = new Set([
  'profiling', 'profiled',
  'segmentation', 'segmented',
  'scoring',
  'targeting', 'targeted', 'retargeting',
  'propensity', 'propensities',
  'audience', 'audiences', 'lookalike', 'lookalikes',
  'personalization', 'personalisation', 'personalized', 'personalised',
  'persona', 'personas',
]);

// In prose, "targeting page loads" and "the audience of this report" are common; only unambiguous words count.
const profilingProseWords = new Set([
  'profiling', 'profiled', 'segmentation', 'retargeting', 'propensity', 'propensities', 'lookalike', 'lookalikes',
  'personalization', 'personalisation', 'personalized', 'personalised',
]);

// "segment", "score" and "feature" mean profiling only about people: `customer_segments`, `churn_score`,
// `user_features`; not a product feature flag, an NPS score or a source tagged after Segment, the CDP.
const personWords = new Set([
  'customer', 'customers', 'user', 'users', 'member', 'members', 'subscriber', 'subscribers', 'client', 'clients',
  'visitor', 'visitors', 'shopper', 'shoppers', 'buyer', 'buyers', 'player', 'players', 'patient', 'patients',
  'applicant', 'applicants', 'employee', 'employees', 'candidate', 'candidates', 'consumer', 'consumers',
  'person', 'people', 'household', 'households', 'lead', 'leads', 'contact', 'contacts', 'behavioral', 'behavioural', 'rfm',
]);
// What a person is scored on, or what a model predicts about them: `churn_score`, `credit_features`.
const predictionWords = ['churn', 'credit', 'risk', 'fraud', 'engagement', 'affinity', 'intent', 'ltv', 'clv', 'propensity'];
const scoreQualifiers = new Set([...personWords, ...predictionWords]);
const featureQualifiers = new Set([...personWords, ...predictionWords, 'ml', 'model', 'training']);
const qualifiers: Record<string, Set<string>> = {
  segment: personWords,
  segments: personWords,
  score: scoreQualifiers,
  scores: scoreQualifiers,
  feature: featureQualifiers,
  features: featureQualifiers,
};
const featureStoreWords = new Set(['store', 'vector', 'vectors']);

function profilingWordIn(words: string[], prose: boolean): string | undefined {
  const strong = prose ? profilingProseWords : profilingNameWords;
  for (const [index, word] of words.entries()) {
    if (strong.has(word)) return word;
    const qualifying = qualifiers[word];
    if (qualifying === undefined) continue;
    const previous = words[index - 1];
    if (previous !== undefined && qualifying.has(previous)) return `${previous} ${word}`;
    if (word.startsWith('feature') && featureStoreWords.has(words[index + 1] ?? '')) return `${word} ${words[index + 1]}`;
  }
  return undefined;
}

/**
 * The first profiling word among labelled texts, as evidence for messages: `name "customer_segments" says
 * customer segments`. Texts marked `prose` (descriptions, usage notes) need unambiguous words.
 */
export function profilingEvidenceOf(texts: Array<{ label: string; text: string | undefined; prose?: boolean }>): string | undefined {
  for (const { label, text, prose } of texts) {
    if (text === undefined) continue;
    const word = profilingWordIn(wordsOf(text), prose === true);
    if (word !== undefined) return `${label} "${text.length > 60 ? `${text.slice(0, 57)}...` : text}" says ${word}`;
  }
  return undefined;
}

const personalWords = new Set(['pii', 'personal', 'sensitive', 'phi', 'spi', 'gdpr', 'special']);
const negations = new Set(['non', 'not', 'no']);

/**
 * Whether a classification or tag marks personal data: `pii`, `PII.Sensitive`, `PII.NonSensitive`,
 * `personal_data`, `gdpr_special_category`; `PII.None`, `non_pii` and `public` do not.
 */
export function marksPersonalData(label: string): boolean {
  const words = wordsOf(label);
  if (words.includes('none')) return false;
  return words.some((word, index) => personalWords.has(word) && !negations.has(words[index - 1] ?? ''));
}
