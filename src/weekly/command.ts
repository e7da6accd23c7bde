import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
// Direct imports, not '../index.js': the public module re-exports this command, and the CLI reaches it there.
import { loadCatalogs } from '../catalogs.js';
import { applyRuleOverrides, findConfigFile, loadConfig, parseRuleOverride } from '../config.js';
import { ConfigError } from '../errors.js';
import { findGitRoot } from '../git.js';
import { tool } from '../report/tool.js';
import { scan } from '../scan.js';
import type { RuleLevel, ScanResult } from '../types.js';
import { matchName } from '../vocabulary.js';
import { buildWeeklyReport, type WeeklyReport } from './report.js';
import { renderWeeklyMarkdown } from './markdown.js';
import { renderWeeklyHtml } from './html.js';
import { parseSnapshot, serializeSnapshot, type ReportSnapshot } from './snapshot.js';

export const reportHelpText = `Usage: profilint report [options] [paths...]

Writes the repository-wide report: counts by rule with the change since the previous report,
the profiling inventory, a data-flow diagram, suppressions with their age, and bias audits due.

Options:
  -f, --format <format>     markdown | html (default: markdown)
  -o, --output <file>       write the report to a file instead of stdout
      --previous <file>     the snapshot the previous report wrote, for new/fixed and the trend
      --snapshot <file>     write this report's snapshot (for next week's --previous)
      --link <url>          where the full report is published; linked when Markdown must be shortened
  -c, --config <file>       config file (default: profilint.config.{yaml,yml,json} at the repository root)
      --baseline <file>     hide findings recorded in <file>; stale entries are listed
      --rule <id>=<level>   override a rule's level; repeatable
      --jobs <n>            parallel workers for parsing
  -h, --help                print this help
`;

type ReportFormat = 'markdown' | 'html';

interface ReportCommand {
  paths: string[];
  format: ReportFormat;
  outputFile?: string;
  previousFile?: string;
  snapshotFile?: string;
  link?: string;
  configFile?: string;
  baselineFile?: string;
  ruleOverrides: Record<string, RuleLevel>;
  jobs?: number;
  help: boolean;
}

/** What the caller provides besides argv; tests fix the clock and capture the output. */
export interface ReportContext {
  cwd?: string;
  now?: Date;
  writeStdout?: (text: string) => void;
}

function parseReportArguments(args: string[]): ReportCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        previous: { type: 'string' },
        snapshot: { type: 'string' },
        link: { type: 'string' },
        config: { type: 'string', short: 'c' },
        baseline: { type: 'string' },
        rule: { type: 'string', multiple: true },
        jobs: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new ConfigError(`${(error as Error).message.replace(/\.$/, '')}. Run profilint report --help for the options.`);
  }
  const { values, positionals } = parsed;
  const format = values.format ?? 'markdown';
  if (format !== 'markdown' && format !== 'html') {
    throw new ConfigError(`--format "${format}" is not a report format.`, { expected: 'markdown or html' });
  }
  if (values.link !== undefined && !/^https?:\/\/[^\s]+$/i.test(values.link)) {
    throw new ConfigError(`--link "${values.link}" is not an http(s) URL.`, { expected: 'a URL such as https://github.com/owner/repo/actions/runs/1' });
  }
  let jobs: number | undefined;
  if (values.jobs !== undefined) {
    jobs = Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs < 1) throw new ConfigError(`--jobs "${values.jobs}" is not a positive whole number.`);
  }
  return {
    paths: positionals,
    format,
    outputFile: values.output,
    previousFile: values.previous,
    snapshotFile: values.snapshot,
    link: values.link,
    configFile: values.config,
    baselineFile: values.baseline,
    ruleOverrides: Object.fromEntries((values.rule ?? []).map(parseRuleOverride)),
    jobs,
    help: values.help ?? false,
  };
}

/** Reads the previous snapshot; a missing or broken one is a note in the report, never a failure. */
function readPrevious(file: string | undefined, root: string): { previous?: ReportSnapshot; note?: string } {
  if (file === undefined) return { note: 'no previous snapshot was given (--previous).' };
  const relative = path.relative(root, file);
  const shown = relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
  if (!existsSync(file)) return { note: `there is no previous snapshot at ${shown} (the first report starts the trend).` };
  try {
    return { previous: parseSnapshot(readFileSync(file, 'utf8')) };
  } catch (error) {
    return { note: `the previous snapshot ${shown} could not be read: ${error instanceof Error ? error.message : String(error)}.` };
  }
}

function writeFile(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** What a weekly report is made from: the scan's options, the previous snapshot and where the full report is published. */
export interface WeeklyReportRequest {
  cwd: string;
  paths: string[];
  configFile?: string;
  baselineFile?: string;
  ruleOverrides?: Record<string, RuleLevel>;
  jobs?: number;
  now: Date;
  /** Absolute path of the previous run's snapshot; a missing or broken file is noted in the report. */
  previousFile?: string;
  fullReportUrl?: string;
}

/** What a scan already done needs, besides its result, to become the weekly report. */
export interface WeeklyReportContext {
  cwd: string;
  configFile?: string;
  ruleOverrides?: Record<string, RuleLevel>;
  now: Date;
  /** Absolute path of the previous run's snapshot; a missing or broken file is noted in the report. */
  previousFile?: string;
  fullReportUrl?: string;
}

/** Builds the weekly report from a finished scan (the Action's scheduled run uses its own scan). */
export function weeklyReportFromScan(result: ScanResult, context: WeeklyReportContext): WeeklyReport {
  const configFile = context.configFile === undefined ? findConfigFile(result.root) : path.resolve(context.cwd, context.configFile);
  const config = applyRuleOverrides(loadConfig(result.root, configFile), context.ruleOverrides);
  const catalogs = loadCatalogs(config.vocabulary);
  const { previous, note } = readPrevious(context.previousFile, result.root);
  return buildWeeklyReport({
    root: result.root,
    repositoryName: path.basename(result.root),
    toolVersion: tool.version,
    filesScanned: result.filesScanned,
    findings: result.findings,
    notices: result.notices,
    rules: result.rules,
    facts: result.facts ?? [],
    now: context.now,
    auditMaxAgeDays: config.auditMaxAgeDays,
    previous,
    previousNote: note,
    fullReportUrl: context.fullReportUrl,
    useGit: findGitRoot(result.root) !== undefined,
    classifyName: (name) => matchName(catalogs.vocabulary, name),
  });
}

/** Scans the repository and builds the weekly report. */
export async function generateWeeklyReport(request: WeeklyReportRequest): Promise<WeeklyReport> {
  const result = await scan({
    cwd: request.cwd,
    paths: request.paths,
    configFile: request.configFile,
    baselineFile: request.baselineFile,
    ruleOverrides: request.ruleOverrides,
    jobs: request.jobs,
    now: request.now,
  });
  return weeklyReportFromScan(result, request);
}

/**
 * `profilint report [paths...]`: scans the repository, builds the weekly report and writes it as
 * Markdown (sized for a GitHub issue) or self-contained HTML, plus the snapshot the next run compares
 * with. Returns the exit code: 0, or throws ConfigError for usage mistakes (exit 2).
 */
export async function runReportCommand(args: string[], context: ReportContext = {}): Promise<number> {
  const command = parseReportArguments(args);
  const writeStdout = context.writeStdout ?? ((text: string) => process.stdout.write(text));
  if (command.help) {
    writeStdout(reportHelpText);
    return 0;
  }
  const cwd = path.resolve(context.cwd ?? process.cwd());
  const report = await generateWeeklyReport({
    cwd,
    paths: command.paths,
    configFile: command.configFile,
    baselineFile: command.baselineFile,
    ruleOverrides: command.ruleOverrides,
    jobs: command.jobs,
    now: context.now ?? new Date(),
    previousFile: command.previousFile === undefined ? undefined : path.resolve(cwd, command.previousFile),
    fullReportUrl: command.link,
  });
  const output = command.format === 'html' ? renderWeeklyHtml(report) : renderWeeklyMarkdown(report);
  if (command.outputFile === undefined) writeStdout(output);
  else writeFile(path.resolve(cwd, command.outputFile), output);
  if (command.snapshotFile !== undefined) writeFile(path.resolve(cwd, command.snapshotFile), serializeSnapshot(report.snapshot));
  return 0;
}
