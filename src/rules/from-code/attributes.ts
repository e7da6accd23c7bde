import type { RuleContext } from '../define-rule.js';

/** Reports sensitive or proxy references in code that are profiling inputs (or third-party payloads for `shared`). */
export function reportCodeAttributes(
  _context: RuleContext<Record<string, unknown>, string>,
  _kind: 'sensitive' | 'proxy' | 'shared',
): void {}
