import type { RuleContext } from '../define-rule.js';
import { describeSubject, listSpecSubjects, locationOf, personalDataEvidenceOf } from './subjects.js';

/** Message templates for retention declared (or not) in specs; undocumented-retention spreads them into its `messages`. */
export const specRetentionMessages = {
  noSpecRetention:
    'The {{subject}} holds personal data ({{evidence}}) but declares no retention. Add `{{key}}` with how long the data is kept, e.g. P180D, and delete it after that.',
  unlimitedSpecRetention:
    'The {{subject}} keeps personal data without limit (`{{text}}`). Set `{{key}}` to a bounded period, e.g. P2Y, and delete data older than that.',
  unparseableSpecRetention:
    'The retention `{{text}}` of {{subject}} is not a period profilint can read. Write it as ISO 8601 (P180D, P1Y6M) or as `180 days`, `6 months`, `3 years`.',
  ttlIsNotRetention:
    'The {{subject}} declares only a feature-store `ttl` ({{ttl}}), which bounds lookups, not how long the data is stored. Add `{{key}}` with how long the data itself is kept.',
} as const;

/** Reports specs and datasets that hold personal data with no retention, or an unlimited or unparseable one. */
export function reportSpecRetention(context: RuleContext<Record<string, unknown>, string>): void {
  const { project } = context;
  for (const located of listSpecSubjects(project)) {
    const { subject, file } = located;
    // Formats without a place for retention (Fides datasets) keep it on what uses them.
    if (subject.retentionKey === undefined) continue;
    const evidence = personalDataEvidenceOf(project, located);
    if (evidence === undefined) continue;
    const data = { subject: describeSubject(located), key: subject.retentionKey, evidence };
    const retention = subject.retention;
    if (retention === undefined) {
      if (subject.ttl !== undefined) {
        context.report({ messageId: 'ttlIsNotRetention', data: { ...data, ttl: subject.ttl.value }, location: locationOf(file, subject.ttl.span) });
      } else {
        context.report({ messageId: 'noSpecRetention', data, location: locationOf(file, subject.anchor) });
      }
      continue;
    }
    if (retention.duration.kind === 'unlimited') {
      context.report({ messageId: 'unlimitedSpecRetention', data: { ...data, text: retention.text }, location: locationOf(file, retention.span) });
    } else if (retention.duration.kind === 'unparseable') {
      context.report({ messageId: 'unparseableSpecRetention', data: { ...data, text: retention.text }, location: locationOf(file, retention.span) });
    }
  }
}
