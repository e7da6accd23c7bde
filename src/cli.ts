import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CliCommand, FailOn } from './cli-options.js';
import type { ScanResult, Severity } from './index.js';
import { requireWithCodeCache } from './code-cache.js';
import { tool } from './report/tool.js';
import { defaultColor, quickScan, scansDefaultFiles, writeConfigDigest, type QuickAnswer } from './quick-scan.js';

// The engine and the option parser load only when the quick path cannot answer: loading them is most of a
// pre-commit run that touches no profiling code.
type Engine = typeof import('./index.js');
let engine: Engine;

const severityRank: Record<Severity, number> = { note: 1, warning: 2, error: 3 };

function exitCodeFor(result: ScanResult, failOn: FailOn): number {
  if (failOn === 'never') return 0;
  const threshold = severityRank[failOn];
  return result.findings.some((finding) => finding.suppression === undefined && severityRank[finding.severity] >= threshold) ? 1 : 0;
}

function wantsColor(requested: boolean | undefined, toFile: boolean): boolean {
  if (requested !== undefined) return requested;
  return !toFile && defaultColor(process.env);
}

function listRules(configFile: string | undefined): string {
  const cwd = process.cwd();
  const root = engine.findGitRoot(cwd) ?? cwd;
  const config = engine.loadConfig(root, configFile === undefined ? engine.findConfigFile(root) : path.resolve(cwd, configFile));
  const rows = Object.values(engine.rules).map((rule) => [rule.id, config.rules[rule.id]?.level ?? rule.severity, rule.description]);
  const idWidth = Math.max(...rows.map((row) => row[0]!.length));
  const levelWidth = Math.max(...rows.map((row) => row[1]!.length));
  return rows.map(([id, level, description]) => `${id!.padEnd(idWidth)}  ${level!.padEnd(levelWidth)}  ${description}`).join('\n') + '\n';
}

async function run(command: CliCommand): Promise<number> {
  switch (command.command) {
    case 'help':
      process.stdout.write((await import('./cli-options.js')).helpText);
      return 0;
    case 'version':
      process.stdout.write(`${engine.tool.version}\n`);
      return 0;
    case 'rules':
      process.stdout.write(listRules(command.configFile));
      return 0;
    case 'init': {
      const cwd = process.cwd();
      for (const file of engine.writeStarterFiles(engine.findGitRoot(cwd) ?? cwd)) {
        process.stdout.write(`Wrote ${path.relative(cwd, file) || file}\n`);
      }
      process.stdout.write(`\n${engine.hookSnippets()}`);
      return 0;
    }
    case 'scan': {
      const result = await engine.scan({
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
        // The reports read findings and notices only.
        includeFacts: false,
        onProgress: command.quiet ? undefined : progressLine(),
      });
      const shown: ScanResult = command.quiet
        ? {
            ...result,
            findings: result.findings.filter((finding) => finding.severity === 'error'),
            notices: result.notices.filter((notice) => notice.level === 'error'),
          }
        : result;
      const report = engine.formatReport(command.format, shown, { color: wantsColor(command.color, command.outputFile !== undefined) });
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

function rememberConfig(configFile: string, digestFile: string): void {
  try {
    const config = engine.loadConfig(path.dirname(configFile), configFile);
    writeConfigDigest(digestFile, {
      configText: readFileSync(configFile, 'utf8'),
      defaultFiles: scansDefaultFiles(config),
      maxFileSize: config.maxFileSize,
      candidateTest: engine.candidateTestFor(engine.loadCatalogs(config.vocabulary)),
    });
  } catch {
    // Changed since the scan read it: the next run looks at it afresh.
  }
}

async function main(): Promise<void> {
  try {
    const argv = process.argv.slice(2);
    // From source (tests) there is no bundle folder with the build's candidate test: every run takes the engine.
    const quick: QuickAnswer = typeof __dirname === 'string' ? quickScan(argv, process.cwd(), process.env, __dirname) : {};
    if (quick.report !== undefined) {
      process.stdout.write(quick.report);
      process.exitCode = 0;
      return;
    }
    // The engine's compiled code is cached like the compiler's (src/code-cache.ts): half its load time.
    const saveEngineCodeCache = typeof __dirname === 'string' ? requireWithCodeCache(path.join(__dirname, 'profilint.js'), tool.version) : undefined;
    engine = await import('./index.js');
    const { parseCommandLine } = await import('./cli-options.js');
    process.exitCode = argv[0] === 'report' ? await engine.runReportCommand(argv.slice(1)) : await run(parseCommandLine(argv));
    saveEngineCodeCache?.();
    // The scan accepted the config file: remember what the quick answer needs to know of it.
    if (quick.configDigest !== undefined) rememberConfig(quick.configDigest.configFile, quick.configDigest.digestFile);
  } catch (error) {
    const debug = (process.env.DEBUG ?? '').split(',').some((name) => name.trim() === 'profilint' || name.trim() === '*');
    if (engine !== undefined && error instanceof engine.ConfigError) {
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
