import type { RuleContext } from '../define-rule.js';

/** Reports sensitive or proxy features and profiling columns in specs that lack a justification backed by an audit. */
export function reportSpecFeatures(
  _context: RuleContext<Record<string, unknown>, string>,
  _kind: 'sensitive' | 'proxy',
): void {}
