import { Project } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { loadCatalogs } from '../../src/catalogs.js';
import { findSinkCalls } from '../../src/extract/sinks.js';
import type { VocabularyExtension } from '../../src/types.js';

const noExtension: VocabularyExtension = { sensitive: {}, proxies: {}, ignore: [], sinks: [], consent: [], stores: [] };
const project = new Project({ useInMemoryFileSystem: true });

function sinksIn(code: string, extension: VocabularyExtension = noExtension) {
  const sourceFile = project.createSourceFile('/src/sinks-case.ts', code, { overwrite: true });
  return findSinkCalls(sourceFile, loadCatalogs(extension)).map(({ fact }) => ({
    line: fact.span.line,
    catalogId: fact.catalogId,
    kind: fact.kind,
    purpose: fact.purpose,
    thirdParty: fact.thirdParty,
    ...(fact.host === undefined ? {} : { host: fact.host }),
  }));
}

describe('findSinkCalls', () => {
  it.each([
    ['model.predict(x);', 'model.predict', 'ml-inference', 'profiling', false],
    ['await model.fit(xs, ys);', 'model.train', 'ml-training', 'profiling', false],
    ['await session.run(feeds);', 'model.predict', 'ml-inference', 'profiling', false],
    ['client.send(new InvokeEndpointCommand({ Body }));', 'aws.sagemaker-runtime', 'ml-inference', 'profiling', false],
    ['client.send(new GetRecommendationsCommand({ userId }));', 'aws.personalize', 'targeting', 'personalisation', false],
    ['openai.chat.completions.create({ messages });', 'openai.chat', 'llm', 'profiling', false],
    ['anthropic.messages.create({ messages });', 'anthropic.messages', 'llm', 'profiling', false],
    ['await generateText({ model, prompt });', 'ai-sdk', 'llm', 'profiling', false],
    ['computeChurnScore(customer);', 'scoring-function', 'scoring', 'profiling', false],
    ['assignSegment(customer);', 'segmentation-function', 'segmentation', 'profiling', false],
    ['nextBestOffer(customer);', 'targeting-function', 'targeting', 'personalisation', false],
    ["fbq('track', 'Purchase', {});", 'meta.pixel', 'ads', 'ads', true],
    ["gtag('set', 'user_data', data);", 'google.gtag', 'ads', 'ads', true],
    ['window.analytics?.identify(id, traits);', 'segment', 'cdp', 'analytics', true],
    ['mixpanel.people.set({ plan });', 'mixpanel', 'analytics', 'analytics', true],
    ["new Identify().set('plan', plan);", 'amplitude', 'analytics', 'analytics', true],
    ['posthog.capture(event, props);', 'posthog', 'analytics', 'analytics', true],
    ['braze.getUser().setGender(g);', 'braze', 'cdp', 'ads', true],
    ["_learnq.push(['identify', traits]);", 'klaviyo', 'cdp', 'ads', true],
    ["Intercom('update', traits);", 'intercom', 'cdp', 'analytics', true],
    ['ldClient.identify(context);', 'launchdarkly', 'targeting', 'personalisation', true],
    ['await featureStore.put(row);', 'feature-store.write', 'feature-store', 'profiling', false],
  ])('%s is %s', (code, catalogId, kind, purpose, thirdParty) => {
    expect(sinksIn(code)).toEqual([{ line: 1, catalogId, kind, purpose, thirdParty }]);
  });

  it.each([
    ["gtag('consent', 'update', { ad_storage: 'granted' });"],
    ["Intercom('show');"],
    ['twilio.messages.create({ body, to });'],
    ['predict(x);'],
    ['zip(files);'],
    ['checkEligibilityByShippingMethod(order);'],
    ['const [gender, setGender] = useState(); setGender(value);'],
    ["fetch('https://api.example.com/profile', { body });"],
    ['repo.find({ where });'],
  ])('%s is not a sink', (code) => {
    expect(sinksIn(code)).toEqual([]);
  });

  it('recognises every setter of a builder chain', () => {
    expect(sinksIn('new UserData().setEmail(e).setGender(g);').map((sink) => sink.catalogId)).toEqual([
      'meta.conversions-api',
      'meta.conversions-api',
    ]);
  });

  it('recognises outbound HTTP to known hosts and paths, through templates, constants and URL bases', () => {
    const code = `const SEGMENT = 'https://api.segment.io/v1';
fetch(\`\${SEGMENT}/identify\`, { method: 'POST' });
axios.post('https://graph.facebook.com/v19.0/123/events', {});
fetch(new URL('/engage', 'https://api.mixpanel.com'), {});
got.post('https://rest.iad-01.braze.com/users/track', { json });
fetch('https://not-graph.facebook.com.example.org/x');
fetch(\`https://graph.facebook.com/me?fields=id,email&access_token=\${token}\`);
fetch(\`https://graph.facebook.com/debug_token?input_token=\${token}\`);
axios.post(\`https://graph.facebook.com/v19.0/\${audienceId}/users\`, payload);
`;
    expect(sinksIn(code)).toEqual([
      { line: 2, catalogId: 'http.analytics', kind: 'analytics', purpose: 'analytics', thirdParty: true, host: 'api.segment.io' },
      { line: 3, catalogId: 'http.ads', kind: 'ads', purpose: 'ads', thirdParty: true, host: 'graph.facebook.com' },
      { line: 4, catalogId: 'http.analytics', kind: 'analytics', purpose: 'analytics', thirdParty: true, host: 'api.mixpanel.com' },
      { line: 5, catalogId: 'http.marketing', kind: 'cdp', purpose: 'ads', thirdParty: true, host: 'rest.iad-01.braze.com' },
      { line: 9, catalogId: 'http.ads', kind: 'ads', purpose: 'ads', thirdParty: true, host: 'graph.facebook.com' },
    ]);
  });

  it("adds the user's own sinks, with or without a receiver", () => {
    const code = `scoreApplicant(a);
this.scoreApplicant(a);
audiences.push(c);
other.push(c);
`;
    expect(sinksIn(code, { ...noExtension, sinks: ['scoreApplicant', 'audiences.push'] }).map((sink) => [sink.line, sink.catalogId])).toEqual([
      [1, 'user:scoreApplicant'],
      [2, 'user:scoreApplicant'],
      [3, 'user:audiences.push'],
    ]);
  });

  it('gives each sink a file-unique id, its callee and its enclosing function', () => {
    const sourceFile = project.createSourceFile(
      '/src/ids.ts',
      `export class ChurnModel {
  score(c) {
    return this.model.predict([c.tenure]);
  }
}
analytics.track('x');
`,
      { overwrite: true },
    );
    const facts = findSinkCalls(sourceFile, loadCatalogs(noExtension)).map(({ fact }) => fact);
    expect(facts.map((fact) => [fact.id, fact.calleeText, fact.enclosingFunctionId, fact.vendor])).toEqual([
      ['sink-1', 'this.model.predict', 'ChurnModel.score@2:3', 'a machine-learning model'],
      ['sink-2', 'analytics.track', undefined, 'Segment'],
    ]);
  });
});
