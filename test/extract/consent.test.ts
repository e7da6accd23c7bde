import { describe, expect, it } from 'vitest';
import { findingsOf } from '../helpers/rule-tester.js';
import { extractFacts } from '../../src/analyze.js';
import { loadCatalogs } from '../../src/catalogs.js';
import type { VocabularyExtension } from '../../src/types.js';

const emptyVocabularyExtension: VocabularyExtension = { sensitive: {}, proxies: {}, ignore: [], sinks: [], consent: [], stores: [] };

describe('missing-consent related locations', () => {
  it('points a wrong-purpose finding at the check that does not cover the sink', async () => {
    const [finding] = await findingsOf('missing-consent', {
      name: 'wrong purpose',
      code: `
export function trackPurchase(user: User) {
  if (!Cookiebot.consent.statistics) return;
  fbq('track', 'Purchase', { em: user.email });
}`,
    });
    expect(finding?.message).toBe(
      'Consent is checked for analytics, but `fbq` (ads) builds or uses an ad profile, which needs consent for advertising; check consent for advertising before the call.',
    );
    expect(finding?.related).toEqual([
      { file: 'src/pipeline.ts', line: 3, column: 8, message: 'Consent is checked here for analytics.' },
    ]);
  });

  it('points at a check that only runs after the sink', async () => {
    const [finding] = await findingsOf('missing-consent', {
      name: 'after',
      code: `
export function trackPurchase(user: User) {
  fbq('track', 'Purchase', { em: user.email });
  if (!hasConsent(user, 'ads')) return;
}`,
    });
    expect(finding?.related).toEqual([
      { file: 'src/pipeline.ts', line: 4, column: 8, message: 'Consent is checked here, after the sink has already run.' },
    ]);
  });

  it('points at the unguarded call in another file', async () => {
    const findings = await findingsOf('missing-consent', {
      name: 'caller',
      files: {
        'src/tracking.ts': `
export function sendPurchase(user: User) {
  fbq('track', 'Purchase', { em: user.email });
}`,
        'src/checkout.ts': `
import { sendPurchase } from './tracking.js';
export function checkout(user: User) {
  if (hasConsent(user, 'ads')) sendPurchase(user);
}
export function retry(user: User) {
  sendPurchase(user);
}`,
      },
    });
    expect(findings.map((finding) => [finding.file, finding.line, finding.related])).toEqual([
      [
        'src/tracking.ts',
        3,
        [{ file: 'src/checkout.ts', line: 7, column: 3, message: 'The sink is reached from this call, which has no consent check.' }],
      ],
    ]);
  });
});

describe('consent checks inventory', () => {
  it('lists each check with its purposes and enclosing function', async () => {
    const catalogs = loadCatalogs(emptyVocabularyExtension);
    const facts = await extractFacts(
      'src/consent.ts',
      `
export function a(user: User) {
  if (!hasConsent(user, 'ads')) return;
  if (tcData.purpose.consents[7]) track(user);
}
export const b = (users: User[]) => users.filter((user) => user.consents.includes('profiling'));
export function c() {
  if (user.isActive && setConsent(user, 'ads')) return;
}`,
      catalogs,
    );
    expect(facts.code?.consentChecks.map((check) => [check.span.line, check.purposes, check.enclosingFunctionId])).toEqual([
      [3, ['ads'], 'a@2:1'],
      [4, ['analytics'], 'a@2:1'],
      [6, ['profiling'], '<anonymous>@6:50'],
    ]);
  });

  it("adds the user's own check names from vocabulary.consent", async () => {
    const catalogs = loadCatalogs({ ...emptyVocabularyExtension, consent: ['privacy.allows'] });
    const facts = await extractFacts('src/a.ts', `if (privacy.allows(user, 'personalization')) show();\n`, catalogs);
    expect(facts.code?.consentChecks.map((check) => check.purposes)).toEqual([['personalisation']]);
  });

  it('only names sink purposes the sink catalog uses', () => {
    const { consent, sinks } = loadCatalogs(emptyVocabularyExtension);
    const sinkPurposes = new Set(sinks.entries.map((entry) => entry.purpose));
    expect([...sinkPurposes].sort()).toEqual(Object.keys(consent.sinkPurposes).sort());
    for (const purpose of consent.purposes) {
      for (const covered of purpose.covers) expect(sinkPurposes, `${purpose.id} covers ${covered}`).toContain(covered);
    }
  });
});
