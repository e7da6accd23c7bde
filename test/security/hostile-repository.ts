import { scoringSource } from '../bad-input/run-cli.js';

/**
 * A file name an attacker can commit (Linux and git allow every byte but `/` and NUL): a real line
 * break followed by a workflow command that would annotate README.md, percent-encoded breaks the runner
 * decodes, HTML, a mention and an ANSI colour escape.
 */
export const hostileFileName =
  'src/x\n::error file=README.md,line=1::pwned by file name %0A::warning::encoded <img src=x onerror=alert(1)> @octocat \u001b[31mred.ts';

/** A suppression reason and a spec feature name carrying the same payloads through other channels. */
export const hostileReason = '<img src=x onerror=alert(2)> @octocat ::error::pwned by reason %0A::notice::pwned again \u001b]8;;http://evil.example\u0007link';
export const hostileFeature = 'age ::error file=README.md::pwned by yaml <script>alert(3)</script> @acme/security';

/** The files of a repository in which every scanned text that reaches a report is hostile. */
export function hostileRepositoryFiles(): Record<string, string> {
  return {
    'profilint.config.yaml': 'rules:\n  missing-consent: off\n',
    [hostileFileName]: scoringSource('scoreHostile'),
    'src/suppressed.ts': `import * as tf from '@tensorflow/tfjs';
export function scoreSuppressed(model: tf.LayersModel, customer: { age: number }) {
  // profilint-disable-next-line sensitive-attribute -- ${hostileReason}
  return model.predict(tf.tensor2d([[customer.age]]));
}
`,
    'specs/churn.profiling.yaml': `profilint: 1
pipeline: churn
owner: growth@acme.example
purpose: Offer retention discounts.
lawfulBasis: legitimate-interests
retention: P180D
features:
  - name: ${JSON.stringify(hostileFeature)}
`,
  };
}

/** One `::command properties::message` line of workflow-command output, split where the runner splits it. */
export interface WorkflowCommandLine {
  command: string;
  properties: string;
  message: string;
}

/** Every line of `output` the runner would read as a workflow command. */
export function readWorkflowCommands(output: string): WorkflowCommandLine[] {
  return output
    .split(/\r?\n/)
    .map((line) => /^::([a-zA-Z-]+)(?: ([^:]*))?::(.*)$/.exec(line))
    .filter((match) => match !== null)
    .map((match) => ({ command: match[1]!, properties: match[2] ?? '', message: match[3]! }));
}

/**
 * The commands a payload managed to start: every payload's message begins with "pwned" or "encoded",
 * and the file-name payload would annotate README.md.
 */
export function injectedCommands(output: string): WorkflowCommandLine[] {
  return readWorkflowCommands(output).filter(
    (line) => /^(pwned|encoded)/.test(line.message) || line.properties.split(',').some((property) => property === 'file=README.md'),
  );
}
