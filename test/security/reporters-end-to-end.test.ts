import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempRepo, type TempRepo } from '../helpers/temp-repo.js';
import { readJsonReport, requireBuiltCli, runCli, type CliRun } from '../bad-input/run-cli.js';
import { rawControlCharacter } from './hostile-text.js';
import { hostileFeature, hostileFileName, hostileReason, hostileRepositoryFiles, injectedCommands, readWorkflowCommands } from './hostile-repository.js';


let repo: TempRepo;
const runs = new Map<string, CliRun>();

beforeAll(() => {
  requireBuiltCli();
  repo = createTempRepo(hostileRepositoryFiles(), { git: true });
  repo.commitAll('hostile content');
  for (const format of ['json', 'stylish', 'github', 'markdown', 'sarif']) runs.set(format, runCli(['--format', format], { cwd: repo.root }));
  runs.set('stylish-color', runCli(['--color'], { cwd: repo.root, env: { NO_COLOR: '' } }));
}, 600_000);
afterAll(() => repo?.remove());

function output(format: string): string {
  const run = runs.get(format);
  if (run === undefined) throw new Error(`no run for ${format}`);
  expect(run.stderr, `${format} stderr`).toBe('');
  expect(run.status, `${format} exit code`).toBe(1);
  return run.stdout;
}

describe('hostile file names, identifiers, YAML values and reasons in every report', { timeout: 300_000 }, () => {
  it('finds what it should in the hostile files (so the payloads really reach the reports)', () => {
    const report = readJsonReport(runs.get('json')!);
    expect(report.findings.map((finding) => finding.file)).toContain(hostileFileName);
    expect(report.findings.some((finding) => finding.message.includes(hostileFeature))).toBe(true);
    const suppressed = report.findings.find((finding) => finding.suppression != null) as { suppression?: { justification: string } } | undefined;
    expect(suppressed?.suppression?.justification).toBe(hostileReason);
  });

  it('github: a file name cannot start a workflow command, and the annotation names the real file', () => {
    // Printed raw, the payloads would be commands: the check below can fail.
    expect(injectedCommands(`${hostileFileName}\n${hostileReason}`.replace(/%0A/g, '\n'))).toHaveLength(3);
    const text = output('github');
    expect(injectedCommands(text)).toEqual([]);
    expect(text).not.toMatch(rawControlCharacter);
    const commands = readWorkflowCommands(text);
    expect(text.split('\n').filter((line) => line.startsWith('::'))).toHaveLength(commands.length);
    for (const command of commands) expect(['error', 'warning', 'notice']).toContain(command.command);
    const decode = (value: string): string =>
      value.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
    const files = commands.map((command) => /(?:^|,)file=([^,]*)/.exec(command.properties)?.[1]).filter((file) => file !== undefined).map((file) => decode(file!));
    // The ESC byte is shown as \u001B, so the decoded name differs from the real one only there.
    expect(files).toContain(hostileFileName.replace('\u001b', '\\u001B'));
  });

  it('stylish: no escape sequence from scanned text reaches the terminal, with or without colours', () => {
    const plain = output('stylish');
    expect(plain).not.toMatch(rawControlCharacter);
    expect(plain).not.toMatch(/^::/m);
    const coloured = output('stylish-color');
    expect(coloured).toContain('\u001b[');
    expect(coloured.replace(/\u001b\[\d+m/g, '')).not.toMatch(rawControlCharacter);
  });

  it('markdown: no HTML, no mentions, no command lines', () => {
    const text = output('markdown');
    expect(text).not.toMatch(/(^|[^\\])<(img|script)/im);
    expect(text).not.toMatch(/@(?!\u200b)(octocat|acme)/);
    expect(text).not.toMatch(/^::/m);
    expect(text).not.toMatch(rawControlCharacter);
  });

  it('sarif and json: hostile text round-trips exactly as data', () => {
    const sarif = JSON.parse(output('sarif')) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[]; suppressions?: { justification: string }[] }[] }[] };
    const uris = sarif.runs[0]!.results.map((result) => decodeURIComponent(result.locations[0]!.physicalLocation.artifactLocation.uri));
    expect(uris).toContain(hostileFileName);
    const justifications = sarif.runs[0]!.results.flatMap((result) => result.suppressions ?? []).map((suppression) => suppression.justification);
    expect(justifications).toContain(hostileReason.replace(/\s+/g, ' '));
    const json = output('json');
    expect(json).not.toMatch(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    expect(readJsonReport(runs.get('json')!).findings.map((finding) => finding.file)).toContain(hostileFileName);
  });
});
