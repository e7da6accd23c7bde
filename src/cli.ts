import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { helpText, parseCommandLine, type CliCommand, type FailOn } from './cli-options.js';
import {
  ConfigError,
  findConfigFile,
  findGitRoot,
  formatReport,
  loadConfig,
  rules,
  runReportCommand,
  scan,
  tool,
  hookSnippets,
  writeStarterFiles,
  type ScanResult,
  type Severity,
} from './index.js';

const severityRank: Record<Severity, number> = { note: 1, warning: 2, error: 3 };

function exitCodeFor(result: ScanResult, failOn: FailOn): number {
  if (failOn === 'never') return 0;
  const threshold = severityRank[failOn];
  return result.findings.some((finding) => finding.suppression === undefined && severityRank[finding.severity] >= threshold) ? 1 : 0;
}

function wantsColor(requested: boolean | undefined, toFile: boolean): boolean {
  if (requested !== undefined) return requested;
  if (toFile || 'NO_COLOR' in process.env) return false;
  if (process.env.FORCE_COLOR !== undefined) return process.env.FORCE_COLOR !== '0';
  return process.stdout.isTTY === true;
}

function listRules(configFile: string | undefined): string {
  const cwd = process.cwd();
  const root = findGitRoot(cwd) ?? cwd;
  const config = loadConfig(root, configFile === undefined ? findConfigFile(root) : path.resolve(cwd, configFile));
  const rows = Object.values(rules).map((rule) => [rule.id, config.rules[rule.id]?.level ?? rule.severity, rule.description]);
  const idWidth = Math.max(...rows.map((row) => row[0]!.length));
  const levelWidth = Math.max(...rows.map((row) => row[1]!.length));
  return rows.map(([id, level, description]) => `${id!.padEnd(idWidth)}  ${level!.padEnd(levelWidth)}  ${description}`).join('\n') + '\n';
}

async function run(command: CliCommand): Promise<number> {
  switch (command.command) {
    case 'help':
      process.stdout.write(helpText);
      return 0;
    case 'version':
      process.stdout.write(`${tool.version}\n`);
      return 0;
    case 'rules':
      process.stdout.write(listRules(command.configFile));
      return 0;
    case 'init': {
      const cwd = process.cwd();
      for (const file of writeStarterFiles(findGitRoot(cwd) ?? cwd)) {
        process.stdout.write(`Wrote ${path.relative(cwd, file) || file}\n`);
      }
      process.stdout.write(`\n${hookSnippets()}`);
      return 0;
    }
    case 'scan': {
      const result = await scan({
        cwd: process.cwd(),
        paths: command.paths,
        configFile: command.configFile,
        changedSince: command.changedSince,
        staged: command.staged,
        baselineFile: command.baselineFile,
        writeBaselineFile: command.writeBaselineFile,
        ruleOverrides: command.ruleOverrides,
        jobs: command.jobs,
        cache: command.cache,
        cacheLocation: command.cacheLocation,
        prefilter: command.prefilter,
        onProgress: command.quiet ? undefined : progressLine(),
      });
      const shown: ScanResult = command.quiet
        ? {
            ...result,
            findings: result.findings.filter((finding) => finding.severity === 'error'),
            notices: result.notices.filter((notice) => notice.level === 'error'),
          }
        : result;
      const report = formatReport(command.format, shown, { color: wantsColor(command.color, command.outputFile !== undefined) });
      if (command.outputFile === undefined) {
        process.stdout.write(report);
      } else {
        const outputFile = path.resolve(command.outputFile);
        mkdirSync(path.dirname(outputFile), { recursive: true });
        writeFileSync(outputFile, report);
      }
      return exitCodeFor(result, command.failOn);
    }
  }
}

/** A progress line on stderr for long scans, only when a person is watching it. */
function progressLine(): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  const started = Date.now();
  let shown = false;
  return (done, total) => {
    const elapsed = Date.now() - started;
    // Short scans finish before anyone could read a progress line.
    if (elapsed < 1000 && !shown) return;
    shown = true;
    process.stderr.write(`\r\x1b[Kprofilint: ${done}/${total} files, ${(elapsed / 1000).toFixed(1)} s`);
    if (done === total) process.stderr.write('\r\x1b[K');
  };
}

async function main(): Promise<void> {
  try {
    const argv = process.argv.slice(2);
    process.exitCode = argv[0] === 'report' ? await runReportCommand(argv.slice(1)) : await run(parseCommandLine(argv));
  } catch (error) {
    const debug = (process.env.DEBUG ?? '').split(',').some((name) => name.trim() === 'profilint' || name.trim() === '*');
    if (error instanceof ConfigError) {
      process.stderr.write(`profilint: ${error.describe()}\n`);
      if (debug && error.stack) process.stderr.write(`${error.stack}\n`);
    } else {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`profilint: internal error: ${message}\n`);
      process.stderr.write(
        debug && error instanceof Error && error.stack
          ? `${error.stack}\n`
          : 'Run again with DEBUG=profilint for the stack trace, and report it at https://github.com/profilint/profilint/issues.\n',
      );
    }
    process.exitCode = 2;
  }
}

void main();
