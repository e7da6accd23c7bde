// The in-memory pipeline behind scan(): per-file extraction, link, rules, directives, fingerprints.
// Unused directives are reported through the `unjustified-suppression` rule's `unusedDirective` message ({{rules}}).
import type { FileFacts, Finding, ResolvedConfig, ScanNotice, Severity } from './types.js';
import { loadCatalogs, type Catalogs } from './catalogs.js';
import { linkProject, type Project } from './link.js';
import { rules } from './rules/index.js';
import type { AnyRule, RuleReport } from './rules/define-rule.js';
import { applyDirectives } from './directives.js';
import { extractFacts, hashText, languageOf } from './extract/file-facts.js';
import { createPrefilter, looksMinified, type PrefilterMemo } from './prefilter.js';
import { computeFingerprint } from './fingerprint.js';

export { extractFacts, languageOf } from './extract/file-facts.js';

/** A file's path (POSIX, repository-relative) and decoded text. */
export interface SourceText {
  file: string;
  text: string;
  /** Content hash (`hashText`), computed once per run and shared by the prefilter, the cache and the facts. */
  hash?: string;
}

export interface AnalyzeInput {
  root: string;
  config: ResolvedConfig;
  sources: SourceText[];
  fileExists(relativePath: string): boolean;
  now: Date;
  catalogs?: Catalogs;
  /**
   * Turn an extractor's exception on one file into a notice instead of rethrowing it: scans do, so one
   * file that trips a bug does not cost the whole run; tests do not, so the bug fails them.
   */
  extractionErrorsAsNotices?: boolean;
  /** Parse only the code files the prefilter selects (default); off, every code file is parsed. */
  prefilter?: boolean;
  /** Extracts one file's facts; scans pass one backed by worker threads and the cache. */
  extract?: FactsExtractor;
  /** The prefilter's verdicts from an earlier run (the cache). */
  prefilterMemo?: PrefilterMemo;
}

/** Extracts one file's facts; `parseCode` false when the prefilter ruled a code file out. */
export type FactsExtractor = (source: SourceText, parseCode: boolean, catalogs: Catalogs) => Promise<FileFacts>;

const extractInProcess: FactsExtractor = (source, parseCode, catalogs) => extractFacts(source.file, source.text, catalogs, parseCode, source.hash);

export interface AnalyzeOutput {
  /** Sorted; suppressed findings included with `suppression` set. */
  findings: Finding[];
  notices: ScanNotice[];
  project: Project;
}

function renderMessage(template: string, data: Record<string, string>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (placeholder, name: string) => data[name] ?? placeholder);
}

interface RuleRun {
  rule: AnyRule;
  severity: Severity;
  options: Record<string, unknown>;
}

function activeRules(config: ResolvedConfig): RuleRun[] {
  const runs: RuleRun[] = [];
  for (const rule of Object.values(rules) as AnyRule[]) {
    const configured = config.rules[rule.id];
    const level = configured?.level ?? rule.severity;
    if (level === 'off') continue;
    runs.push({ rule, severity: level, options: { ...rule.defaultOptions, ...configured?.options } });
  }
  return runs;
}

type UnfingerprintedFinding = Omit<Finding, 'fingerprint'>;

function toFinding(run: RuleRun, report: RuleReport<string>): UnfingerprintedFinding {
  const data = report.data ?? {};
  const template = run.rule.messages[report.messageId] as string | undefined;
  if (template === undefined) {
    throw new Error(`Rule "${run.rule.id}" reported unknown messageId "${report.messageId}"`);
  }
  const finding: UnfingerprintedFinding = {
    ruleId: run.rule.id,
    severity: run.severity,
    messageId: report.messageId,
    message: renderMessage(template, data),
    data,
    ...report.location,
  };
  if (report.category !== undefined) finding.category = report.category;
  if (report.related !== undefined && report.related.length > 0) finding.related = report.related;
  return finding;
}

function compareFindings(a: Omit<Finding, 'fingerprint'>, b: Omit<Finding, 'fingerprint'>): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId) || a.message.localeCompare(b.message);
}

/** Sorts findings and gives each its fingerprint, from the text of the line it points at. */
function fingerprintFindings(findings: UnfingerprintedFinding[], lines: (file: string) => string[]): Finding[] {
  const sorted = [...findings].sort(compareFindings);
  const seen = new Map<string, number>();
  return sorted.map((finding) => {
    const lineText = lines(finding.file)[finding.line - 1] ?? '';
    const key = `${finding.ruleId}\0${finding.file}\0${lineText.replace(/\s+/g, '')}`;
    const ordinal = seen.get(key) ?? 0;
    seen.set(key, ordinal + 1);
    return { ...finding, fingerprint: computeFingerprint(finding.ruleId, finding.file, lineText, ordinal) };
  });
}

/** Runs the rules over linked facts; a rule that throws is a profilint bug and is rethrown with context. */
export function runRules(project: Project, active: RuleRun[] = activeRules(project.config)): UnfingerprintedFinding[] {
  const findings: UnfingerprintedFinding[] = [];
  for (const run of active) {
    try {
      run.rule.check({
        project,
        options: run.options,
        report: (report: RuleReport<string>) => findings.push(toFinding(run, report)),
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`Internal error in rule "${run.rule.id}": ${reason}`, { cause: error });
    }
  }
  return findings;
}

/** The in-memory pipeline: extract each file, link, run rules, apply directives, fingerprint and sort. */
export async function analyze(input: AnalyzeInput): Promise<AnalyzeOutput> {
  const catalogs = input.catalogs ?? loadCatalogs(input.config.vocabulary);
  const extract = input.extract ?? extractInProcess;
  const extractOne = async (source: SourceText, parseCode: boolean): Promise<FileFacts> => {
    try {
      return await extract(source, parseCode, catalogs);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (!input.extractionErrorsAsNotices) throw new Error(`Internal error while extracting ${source.file}: ${reason}`, { cause: error });
      return {
        file: source.file,
        language: languageOf(source.file) ?? 'typescript',
        hash: source.hash ?? hashText(source.text),
        directives: [],
        notices: [
          {
            kind: 'parse-error',
            level: 'error',
            file: source.file,
            message: `profilint could not analyse this file (internal error: ${reason}); please report it with DEBUG=profilint output.`,
          },
        ],
      };
    }
  };
  const sources = input.sources.map((source) => (source.hash === undefined ? { ...source, hash: hashText(source.text) } : source));
  const yamlSources = sources.filter((source) => languageOf(source.file) === 'yaml');
  const codeSources = sources.filter((source) => languageOf(source.file) !== 'yaml');
  // Specs first: the code their `profiling.paths` claim is profiling code, whatever its text says.
  const specFacts = await Promise.all(yamlSources.map((source) => extractOne(source, false)));
  const claimedPaths = specFacts.flatMap((facts) => facts.specs ?? []).flatMap((document) => document.codePaths ?? []);
  // Seeds go to the workers as soon as the prefilter finds them, so parsing overlaps judging the other files.
  const started = new Map<string, Promise<FileFacts>>();
  // The prefilter's verdicts say which files are build output; without it every file is judged here.
  const selection =
    input.prefilter === false
      ? undefined
      : await createPrefilter(catalogs, { ...input.config, profilingPaths: [...input.config.profilingPaths, ...claimedPaths] }).selectFilesToParse(
          codeSources,
          input.prefilterMemo,
          (source) => {
            const facts = extractOne(source, true);
            // Awaited below with the others; until then a failure must not count as unhandled.
            facts.catch(() => undefined);
            started.set(source.file, facts);
          },
        );
  const toParse = selection?.toParse ?? new Set(codeSources.map((source) => source.file));
  const minifiedNotices: ScanNotice[] = [];
  for (const source of codeSources) {
    if (!toParse.has(source.file)) continue;
    if (!(selection?.verdicts.get(source.file)?.minified ?? looksMinified(source.text))) continue;
    toParse.delete(source.file);
    minifiedNotices.push({
      kind: 'skipped',
      level: 'note',
      file: source.file,
      message: 'Skipped: this file looks minified or bundled (its lines average over 250 characters); profilint reads the source it was built from. Exclude it in the config to silence this note.',
    });
  }
  // The rest started together so a worker pool stays busy; merged in input order so the result never depends on timing.
  const codeFacts = await Promise.all(codeSources.map((source) => started.get(source.file) ?? extractOne(source, toParse.has(source.file))));
  const byFile = new Map([...specFacts, ...codeFacts].map((facts) => [facts.file, facts]));
  const facts = input.sources.map((source) => byFile.get(source.file) as FileFacts);
  const project = linkProject({
    root: input.root,
    config: input.config,
    catalogs,
    files: facts,
    fileExists: input.fileExists,
    now: input.now,
  });
  const active = activeRules(input.config);
  // Directives only read rule, file and line, so they apply before fingerprints, which must count
  // the unused-directive findings they add.
  const raw: Finding[] = runRules(project, active).map((finding) => ({ ...finding, fingerprint: '' }));
  const { findings: directed, unused } = applyDirectives(raw, facts, new Set(active.map((run) => run.rule.id)));
  const unusedRun = active.find((run) => run.rule.id === 'unjustified-suppression');
  const withUnused: UnfingerprintedFinding[] = [...directed];
  if (unusedRun !== undefined) {
    for (const { file, directive, unusedRuleIds } of unused) {
      withUnused.push(
        toFinding(unusedRun, {
          messageId: 'unusedDirective',
          data: { rules: unusedRuleIds.join(', ') || 'every rule' },
          location: { file, ...directive.span },
        }),
      );
    }
  }
  // Texts are read only for the files findings point at: a warm scan may not have read the others at all.
  const sourceByFile = new Map(input.sources.map((source) => [source.file, source]));
  const linesCache = new Map<string, string[]>();
  const lines = (file: string): string[] => {
    let cached = linesCache.get(file);
    if (cached === undefined) {
      cached = (sourceByFile.get(file)?.text ?? '').split(/\r?\n/);
      linesCache.set(file, cached);
    }
    return cached;
  };
  return {
    findings: fingerprintFindings(withUnused, lines),
    notices: [...facts.flatMap((fileFacts) => fileFacts.notices), ...minifiedNotices],
    project,
  };
}
