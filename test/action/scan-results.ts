import type { Finding, RuleDescriptor, ScanResult, Severity } from '../../src/types.js';

/** A rule as reporters see it, for hand-built scan results. */
export function describeRule(id: string, defaultSeverity: Severity, severity: Severity = defaultSeverity): RuleDescriptor {
  return {
    id,
    description: `Disallow what ${id} reports`,
    rationale: 'It harms people.',
    defaultSeverity,
    severity,
    tags: ['privacy'],
    helpUri: `https://github.com/profilint/profilint/blob/v0.1.0/rules/${id}.md`,
    helpMarkdown: `# ${id}`,
  };
}

/** A finding at `file:line`, with enough fields for every consumer. */
export function makeFinding(ruleId: string, severity: Severity, file: string, line: number, message = `Problem at line ${line}.`): Finding {
  return {
    ruleId,
    severity,
    messageId: 'problem',
    message,
    data: {},
    file,
    line,
    column: 3,
    endLine: line,
    endColumn: 9,
    fingerprint: `${ruleId}:${file}:${line}`,
  };
}

/** A scan result around `findings`, with the rules they name. */
export function makeScanResult(findings: Finding[], rules: RuleDescriptor[]): ScanResult {
  return { root: '/repo', toolVersion: '0.1.0', findings, notices: [], rules, filesScanned: 12, filesParsed: 4 };
}
