import { defineRule } from './define-rule.js';
import type { RelatedLocation } from '../types.js';
import type { ConsentCatalog } from '../extract/consent.js';
import { consentPurposeLabel } from '../extract/consent-catalog.js';
import type { SinkCall } from '../extract/sinks.js';
import type { CodeFacts } from '../extract/code-facts.js';
import { resolveSinkGuard, type GuardVerdict } from '../link-calls.js';
import { governanceOf } from './from-code/governing-spec.js';
import type { Project } from '../link.js';
import { containsSequence, tokenize } from '../vocabulary.js';

interface MissingConsentOptions {
  /** When false, a consent check for any purpose guards every sink. */
  requirePurposeMatch: boolean;
  /** Sink kinds (`scoring`, `ml-inference`…) that run under another lawful basis and need no consent check. */
  ignoreKinds: string[];
}

function describePurposes(catalog: ConsentCatalog, purposes: string[]): string {
  if (purposes.length === 0) return 'an unnamed purpose';
  return purposes.map((purpose) => consentPurposeLabel(catalog, purpose)).join(' and ');
}

/**
 * Whether an LLM call is about a person: a sensitive or proxy attribute reaches it, or its function or file
 * is named for people (`summariseCustomer`, `leads/enrich.ts`). Summarising a document or embedding a page
 * profiles nobody.
 */
function concernsAPerson(project: Project, file: string, code: CodeFacts, sink: SinkCall): boolean {
  const reached = code.attributes.some((reference) =>
    reference.flows.some((flow) => (flow.kind === 'sink' || flow.kind === 'llm-inference') && flow.sinkId === sink.id),
  );
  if (reached) return true;
  const owner = code.module.functions.find((fn) => fn.id === sink.enclosingFunctionId);
  const tokens = tokenize(`${file} ${owner?.qualifiedName ?? ''}`);
  return project.catalogs.vocabulary.personWords.some((word) => containsSequence(tokens, word));
}

/** The consent checks in the sink's own function that only run after it: they do not protect it. */
function checksAfter(code: CodeFacts, sink: SinkCall, file: string): RelatedLocation[] {
  return code.consentChecks
    .filter((check) => check.gatedSink === undefined && check.enclosingFunctionId === sink.enclosingFunctionId && check.span.line > sink.span.endLine)
    .slice(0, 1)
    .map((check) => ({
      file,
      line: check.span.line,
      column: check.span.column,
      message: 'Consent is checked here, after the sink has already run.',
    }));
}

function relatedOf(verdict: GuardVerdict, catalog: ConsentCatalog): RelatedLocation[] {
  if (verdict.wrongCheck !== undefined) {
    const { file, span, purposes } = verdict.wrongCheck;
    return [{ file, line: span.line, column: span.column, message: `Consent is checked here for ${describePurposes(catalog, purposes)}.` }];
  }
  if (verdict.unguardedCall !== undefined) {
    const { file, span } = verdict.unguardedCall;
    return [{ file, line: span.line, column: span.column, message: 'The sink is reached from this call, which has no consent check.' }];
  }
  return [];
}

export default defineRule<MissingConsentOptions, 'missingConsent' | 'wrongPurpose'>({
  id: 'missing-consent',
  description: 'Require a consent check for a covering purpose before every profiling sink',
  rationale:
    'Profiling for advertising, personalisation or analytics needs consent that is specific to that purpose: ' +
    'GDPR Art. 6(1)(a) and 7, ePrivacy Directive Art. 5(3) for reading and storing data on a device, and IAB TCF v2.2, ' +
    'where ad and content profiles (purposes 3–6) may only rest on consent. A sink reachable on a path without a ' +
    'check, or behind a check for another purpose, processes people who said no. Under CCPA §1798.135 a Global ' +
    'Privacy Control signal must be honoured as an opt-out of sale and sharing.',
  severity: 'error',
  tags: ['privacy', 'consent', 'gdpr', 'eprivacy', 'ccpa'],
  messages: {
    missingConsent:
      '`{{sink}}` ({{kind}}) {{effect}}, and no consent check for {{purpose}} stands on every path to it; check consent for {{purpose}} before the call (a condition, an early return, consent middleware, or in every caller).',
    wrongPurpose:
      'Consent is checked for {{checked}}, but `{{sink}}` ({{kind}}) {{effect}}, which needs consent for {{purpose}}; check consent for {{purpose}} before the call.',
  },
  defaultOptions: { requirePurposeMatch: true, ignoreKinds: [] },
  optionsSchema: {
    type: 'object',
    properties: {
      requirePurposeMatch: { type: 'boolean' },
      ignoreKinds: { type: 'array', items: { type: 'string' }, uniqueItems: true },
    },
    additionalProperties: false,
  },
  check({ project, options, report }) {
    const catalog = project.catalogs.consent;
    const gatedSinks = new Set(
      project.files.flatMap((facts) => (facts.code?.consentChecks ?? []).flatMap((check) => (check.gatedSink === undefined ? [] : [check.gatedSink]))),
    );
    for (const facts of project.files) {
      const code = facts.code;
      if (code === undefined) continue;
      for (const sink of code.sinks) {
        // Exempted kinds; and SDKs loaded behind the consent platform, which send nothing until the person agrees.
        if (options.ignoreKinds.includes(sink.kind) || gatedSinks.has(sink.catalogId)) continue;
        if (sink.kind === 'llm' && !concernsAPerson(project, facts.file, code, sink)) continue;
        // A spec that says this pipeline does not rest on consent settles the question for its code.
        const spec = governanceOf(project, facts.file, code.module, sink.enclosingFunctionId).profiling?.spec;
        if (spec?.subject.consent?.required === false) continue;
        let verdict = resolveSinkGuard(project, facts.file, sink);
        if (verdict.status === 'wrong-purpose' && !options.requirePurposeMatch) verdict = { status: 'guarded' };
        if (verdict.status === 'guarded') continue;
        const purpose = catalog.sinkPurposes[sink.purpose];
        const data = {
          sink: sink.calleeText,
          kind: sink.kind,
          effect: purpose?.effect ?? 'profiles a person',
          purpose: purpose?.label ?? sink.purpose,
        };
        const location = { file: facts.file, ...sink.span };
        if (verdict.status === 'wrong-purpose' && verdict.wrongCheck !== undefined) {
          report({
            messageId: 'wrongPurpose',
            data: { ...data, checked: describePurposes(catalog, verdict.wrongCheck.purposes) },
            location,
            category: sink.kind,
            related: relatedOf(verdict, catalog),
          });
          continue;
        }
        report({
          messageId: 'missingConsent',
          data,
          location,
          category: sink.kind,
          related: [...checksAfter(code, sink, facts.file), ...relatedOf(verdict, catalog)],
        });
      }
    }
  },
});
