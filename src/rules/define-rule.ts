import type { Project } from '../link.js';
import type { RelatedLocation, Severity, Location } from '../types.js';

/** What a rule hands to `report`: the engine adds severity, message text and fingerprint. */
export interface RuleReport<MessageId extends string> {
  messageId: MessageId;
  data?: Record<string, string>;
  location: Location;
  category?: string;
  related?: RelatedLocation[];
}

export interface RuleContext<Options, MessageId extends string> {
  project: Project;
  options: Options;
  report(report: RuleReport<MessageId>): void;
}

export interface Rule<Options = Record<string, unknown>, MessageId extends string = string> {
  id: string;
  /** One imperative line: `Disallow …`, `Require …`. Feeds `profilint rules` and SARIF shortDescription. */
  description: string;
  /** Why it matters, naming the law or the harm. SARIF fullDescription. */
  rationale: string;
  severity: Severity;
  /** SARIF tags and report grouping. */
  tags: string[];
  /** Message templates by id, each saying what is wrong and how to fix it; `{{name}}` placeholders. */
  messages: Record<MessageId, string>;
  defaultOptions: Options;
  /** JSON Schema of the options object; unknown keys are rejected. */
  optionsSchema: Record<string, unknown>;
  check(context: RuleContext<Options, MessageId>): void;
}

/** Declares a rule; the identity function that gives rule files their types. */
export function defineRule<Options, MessageId extends string>(
  rule: Rule<Options, MessageId>,
): Rule<Options, MessageId> {
  return rule;
}

const emptyOptionsSchema = { type: 'object', properties: {}, additionalProperties: false } as const;
export { emptyOptionsSchema };

/** A rule with its option and message types erased, as the engine holds it. */
export type AnyRule = Rule<any, any>;
