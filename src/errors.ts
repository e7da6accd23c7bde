/**
 * A mistake the user can fix (a bad config, an unknown ref, a wrong flag): printed as one message
 * without a stack, exit code 2.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
  /** The file at fault, when there is one. */
  readonly file?: string;
  /** Where in that file, as a dotted key path (`rules.sensitive-attribute`). */
  readonly keyPath?: string;
  /** What would have been accepted. */
  readonly expected?: string;

  constructor(message: string, details: { file?: string; keyPath?: string; expected?: string } = {}) {
    super(message);
    this.file = details.file;
    this.keyPath = details.keyPath;
    this.expected = details.expected;
  }

  /** The message as printed: `file: key: message (expected …)`. */
  describe(): string {
    const where = [this.file, this.keyPath].filter((part) => part !== undefined && part !== '').join(': ');
    const expected = this.expected === undefined ? '' : ` Expected ${this.expected}.`;
    return `${where === '' ? '' : `${where}: `}${this.message}${expected}`;
  }
}
