import { parseArgs } from 'node:util';
import { ConfigError, isReportFormat, parseRuleOverride, reportFormats, type ReportFormat, type RuleLevel } from './index.js';

/** The threshold at or above which findings make the exit code 1. */
export type FailOn = 'error' | 'warning' | 'note' | 'never';

/** What the command line asks for. */
export type CliCommand =
  | { command: 'help' }
  | { command: 'version' }
  | { command: 'rules'; configFile?: string }
  | { command: 'init' }
  | {
      command: 'scan';
      paths: string[];
      configFile?: string;
      format: ReportFormat;
      outputFile?: string;
      failOn: FailOn;
      changedSince?: string;
      staged: boolean;
      baselineFile?: string;
      writeBaselineFile?: string;
      ruleOverrides: Record<string, RuleLevel>;
      jobs?: number;
      cache: boolean;
      cacheLocation?: string;
      prefilter: boolean;
      color: boolean | undefined;
      quiet: boolean;
    };

export const helpText = `Usage: profilint [options] [paths...]
       profilint rules         list the rules with their severity
       profilint init          write a starter config and a sample profiling spec; print the pre-commit and lint-staged setup
       profilint report        the repository-wide report (profilint report --help)

Scans TypeScript/JavaScript and YAML profiling specs for profiling without a lawful input,
consent, retention, owner, redress or bias audit. Paths are files or folders, relative or
absolute; none means the whole repository.

Options:
  -c, --config <file>          config file (default: profilint.config.{yaml,yml,json} at the repository root)
  -f, --format <format>        ${reportFormats.join(' | ')} (default: stylish)
  -o, --output <file>          write the report to a file instead of stdout
      --fail-on <level>        error | warning | note | never: exit 1 at or above it (default: error)
      --changed-since <ref>    report only findings on lines changed since the merge-base with <ref>
      --staged                 scan the staged content of staged files (pre-commit)
      --baseline <file>        hide findings recorded in <file>; stale entries are listed as notes
      --write-baseline <file>  record the current findings in <file>
      --rule <id>=<level>      override a rule's level (off | note | warning | error); repeatable
      --jobs <n>               worker threads for parsing (default: one less than the number of cores, at least 1)
      --cache                  keep per-file facts between runs in node_modules/.cache/profilint
      --cache-location <dir>   keep them in <dir> instead (implies --cache)
      --no-prefilter           parse every code file, not only those that can produce a finding (slower; for checking)
      --no-color               no ANSI colours (also NO_COLOR=1)
  -q, --quiet                  report errors only
  -v, --version                print the version
  -h, --help                   print this help

Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it, 2 usage, config or internal error.
Set DEBUG=profilint to print stack traces of internal errors.
`;

const failOnLevels: FailOn[] = ['error', 'warning', 'note', 'never'];

/** Parses argv (without `node` and the script); usage mistakes throw ConfigError. */
export function parseCommandLine(argv: string[]): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        config: { type: 'string', short: 'c' },
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        'fail-on': { type: 'string' },
        'changed-since': { type: 'string' },
        staged: { type: 'boolean' },
        baseline: { type: 'string' },
        'write-baseline': { type: 'string' },
        rule: { type: 'string', multiple: true },
        jobs: { type: 'string' },
        cache: { type: 'boolean' },
        'cache-location': { type: 'string' },
        'no-prefilter': { type: 'boolean' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        quiet: { type: 'boolean', short: 'q' },
        version: { type: 'boolean', short: 'v' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new ConfigError(`${(error as Error).message.replace(/\.$/, '')}. Run profilint --help for the options.`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help' };
  if (values.version) return { command: 'version' };
  const [first, ...rest] = positionals;
  if (first === 'rules' || first === 'init') {
    if (rest.length > 0) throw new ConfigError(`profilint ${first} takes no paths (got "${rest.join(' ')}").`);
    return first === 'rules' ? { command: 'rules', configFile: values.config } : { command: 'init' };
  }

  const format = values.format ?? 'stylish';
  if (!isReportFormat(format)) {
    throw new ConfigError(`--format "${format}" is not a format.`, { expected: reportFormats.join(', ') });
  }
  const failOn = (values['fail-on'] ?? 'error') as FailOn;
  if (!failOnLevels.includes(failOn)) {
    throw new ConfigError(`--fail-on "${values['fail-on']}" is not a level.`, { expected: failOnLevels.join(', ') });
  }
  let jobs: number | undefined;
  if (values.jobs !== undefined) {
    jobs = Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs < 1) throw new ConfigError(`--jobs "${values.jobs}" is not a positive whole number.`);
  }
  if (values.baseline !== undefined && values['write-baseline'] !== undefined && values.baseline !== values['write-baseline']) {
    throw new ConfigError('--baseline and --write-baseline name different files; give one of them.');
  }
  const ruleOverrides = Object.fromEntries((values.rule ?? []).map(parseRuleOverride));
  let color: boolean | undefined;
  if (values['no-color']) color = false;
  else if (values.color) color = true;
  return {
    command: 'scan',
    paths: positionals,
    configFile: values.config,
    format,
    outputFile: values.output,
    failOn,
    changedSince: values['changed-since'],
    staged: values.staged ?? false,
    baselineFile: values.baseline,
    writeBaselineFile: values['write-baseline'],
    ruleOverrides,
    jobs,
    cache: values.cache === true || values['cache-location'] !== undefined,
    cacheLocation: values['cache-location'],
    prefilter: values['no-prefilter'] !== true,
    color,
    quiet: values.quiet ?? false,
  };
}
