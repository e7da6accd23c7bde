import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as core from '@actions/core';
import * as github from '@actions/github';
import { ConfigError, formatReport, renderWeeklyMarkdown, scan, weeklyReportFromScan } from '../index.js';
import type { Finding, ScanResult } from '../types.js';
import { findChangedFiles, isOnChangedLine } from './changed-lines.js';
import { checkRunName, publishCheckRun } from './check-run.js';
import { readRepository, resolveReviewTarget, type ReviewTarget } from './event.js';
import { truncateToBytes } from './markdown.js';
import { upsertPullRequestComment } from './pull-request-comment.js';
import { countBySeverity, describeCounts, failsVerdict } from './reported-findings.js';
import { describeRequestError, retryRateLimited, type RepositoryRef, type RestRequest } from './rest.js';
import { buildReviewMarkdown } from './review-markdown.js';
import { InputError, readSettings, type ActionSettings } from './settings.js';
import { upsertTrackingIssue } from './tracking-issue.js';
import { selectWorkflowAnnotations, type AnnotationCommand } from './workflow-annotations.js';

// GitHub drops a step summary over 1 MiB entirely; stay well below it.
const summaryByteBudget = 900 * 1024;
// Check-run summaries, comments and issue bodies are capped near 65,536 characters; bytes are never fewer.
const bodyByteBudget = 60_000;
const trackingIssueTitle = 'profilint: profiling review of the repository';

/** Everything one run of the Action works from, once the scan is done. */
interface Review {
  settings: ActionSettings;
  target: ReviewTarget;
  repository: RepositoryRef;
  request: RestRequest | undefined;
  result: ScanResult;
  /** Where the repository is checked out (GITHUB_WORKSPACE). */
  workspace: string;
  /** Unsuppressed findings, on a pull request only those on its changed lines. */
  reported: Finding[];
  failing: boolean;
  /** `on lines changed by pull request #12` or `in the repository`. */
  scope: string;
  /** The commit findings link to and the check run is attached to: a pull request's head, never its merge commit. */
  sha: string;
}

/** Warnings and errors the Action itself emitted: they use up GitHub's per-step annotation slots too. */
const emittedByAction: Record<AnnotationCommand, number> = { error: 0, warning: 0, notice: 0 };

function warn(message: string): void {
  emittedByAction.warning += 1;
  core.warning(message);
}

function createRequest(token: string): RestRequest | undefined {
  if (token === '') return undefined;
  const octokit = github.getOctokit(token);
  return retryRateLimited((route, parameters) => octokit.request(route, parameters));
}

async function writeWorkspaceFile(workspace: string, file: string, content: string): Promise<void> {
  const target = path.resolve(workspace, file);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, content);
}

async function selectReported(
  result: ScanResult,
  target: ReviewTarget,
  settings: ActionSettings,
  request: RestRequest | undefined,
  repository: RepositoryRef,
): Promise<Finding[]> {
  const unsuppressed = result.findings.filter((finding) => finding.suppression === undefined);
  if (target.kind === 'full' || settings.filterMode === 'nofilter') return unsuppressed;
  const changed = await findChangedFiles(result.root, target, request, repository);
  for (const message of changed.warnings) warn(message);
  core.info(`Changed lines of pull request #${target.number} read from ${changed.source === 'git' ? 'git' : 'the REST API'}.`);
  return unsuppressed.filter((finding) => isOnChangedLine(changed.files, settings.filterMode, finding.file, finding.line));
}

function renderMarkdown(review: Review, byteBudget: number, maxListed: number, whereToSeeAll: string): string {
  const serverUrl = process.env['GITHUB_SERVER_URL'] ?? 'https://github.com';
  return buildReviewMarkdown({
    result: review.result,
    reported: review.reported,
    scope: review.scope,
    blobUrl: `${serverUrl}/${review.repository.owner}/${review.repository.repo}/blob/${review.sha}/`,
    maxListed,
    byteBudget,
    whereToSeeAll,
  });
}

/** Where a reader finds every finding, naming only the places this run actually wrote. */
function describeDestinations(settings: ActionSettings, checkRunPublished: boolean): string {
  const destinations = [
    settings.summary ? 'the job summary' : undefined,
    checkRunPublished ? `the "${checkRunName}" check run` : undefined,
    settings.sarifFile === undefined ? undefined : `the SARIF file ${settings.sarifFile}`,
  ].filter((destination) => destination !== undefined);
  return destinations.length === 0 ? 'the step log' : destinations.join(', ');
}

/** Publishes the check run; true when it carries every annotation. */
async function publishChecks(review: Review): Promise<boolean> {
  if (review.request === undefined) {
    warn('check-run is on but no github-token is set; annotations are sent as workflow commands instead.');
    return false;
  }
  const { reported } = review;
  const outcome = await publishCheckRun(review.request, review.repository, {
    headSha: review.sha,
    title: reported.length === 0 ? 'No findings' : describeCounts(countBySeverity(reported)),
    summary: renderMarkdown(review, bodyByteBudget, 50, describeDestinations(review.settings, false)),
    conclusion: review.failing ? 'failure' : reported.length === 0 ? 'success' : 'neutral',
    findings: reported,
    rules: review.result.rules,
  });
  if (outcome.status === 'published') {
    core.info(`Check run "${checkRunName}" published with ${reported.length} annotations in ${outcome.requests} requests.`);
    return true;
  }
  warn(
    outcome.status === 'forbidden'
      ? `The token cannot create the "${checkRunName}" check run (${outcome.reason}): a pull request from a fork gets a read-only token; elsewhere grant "checks: write". Annotations are sent as workflow commands instead.`
      : `The "${checkRunName}" check run could not be published (${outcome.reason}); annotations are sent as workflow commands instead.`,
  );
  return false;
}

async function publishComment(review: Review, pullNumber: number, whereToSeeAll: string): Promise<void> {
  if (review.request === undefined) {
    warn('comment is on but no github-token is set; no pull-request comment was written.');
    return;
  }
  try {
    const body = renderMarkdown(review, bodyByteBudget, 50, whereToSeeAll);
    const outcome = await upsertPullRequestComment(review.request, review.repository, pullNumber, body, review.reported.length > 0);
    core.info(`Pull-request comment ${outcome.action}.`);
  } catch (error) {
    warn(
      `The pull-request comment could not be written (${describeRequestError(error)}); it needs "pull-requests: write", which a fork's token never has.`,
    );
  }
}

async function publishTrackingIssue(review: Review, label: string, whereToSeeAll: string): Promise<void> {
  if (review.request === undefined) {
    warn('tracking-issue is set but no github-token is set; the tracking issue was not updated.');
    return;
  }
  try {
    const weekly = weeklyReportFromScan(review.result, {
      cwd: review.workspace,
      configFile: review.settings.configFile,
      now: new Date(),
      fullReportUrl: whereToSeeAll,
    });
    const body = truncateToBytes(
      renderWeeklyMarkdown(weekly),
      bodyByteBudget,
      `*This report was cut to fit in an issue: see ${whereToSeeAll}.*`,
    );
    const outcome = await upsertTrackingIssue(review.request, review.repository, {
      label,
      title: trackingIssueTitle,
      body,
      hasFindings: review.reported.length > 0,
    });
    core.info(outcome.action === 'skipped' ? 'No tracking issue needed.' : `Tracking issue #${outcome.number} ${outcome.action}.`);
  } catch (error) {
    warn(`The tracking issue could not be updated (${describeRequestError(error)}); it needs "issues: write".`);
  }
}

async function writeSummary(markdown: string): Promise<void> {
  try {
    await core.summary.addRaw(markdown).write({ overwrite: false });
  } catch (error) {
    core.info(`No job summary written: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function startReview(): Promise<Review> {
  const settings = readSettings((name) => core.getInput(name));
  const workspace = process.env['GITHUB_WORKSPACE'] ?? process.cwd();
  const payload = github.context.payload as Record<string, unknown>;
  const target = resolveReviewTarget({ eventName: github.context.eventName, sha: github.context.sha, payload }, settings.mode);
  const repository = readRepository(payload, process.env['GITHUB_REPOSITORY']);
  const request = createRequest(settings.token);
  const result = await scan({
    cwd: workspace,
    paths: settings.paths,
    configFile: settings.configFile,
    baselineFile: settings.baselineFile,
    cache: settings.cacheLocation !== undefined,
    cacheLocation: settings.cacheLocation === undefined ? undefined : path.resolve(workspace, settings.cacheLocation),
    // No report of the Action describes the facts: without them, a run over what an earlier run saw repeats its result.
    includeFacts: false,
  });
  if (settings.sarifFile !== undefined) {
    await writeWorkspaceFile(workspace, settings.sarifFile, formatReport('sarif', result, { color: false }));
  }
  if (settings.reportFile !== undefined) {
    await writeWorkspaceFile(workspace, settings.reportFile, formatReport('markdown', result, { color: false }));
  }
  const reported = await selectReported(result, target, settings, request, repository);
  return {
    settings,
    target,
    repository,
    request,
    result,
    workspace,
    reported,
    failing: failsVerdict(reported, settings.failOn),
    scope: target.kind === 'pull-request' ? `on lines changed by pull request #${target.number}` : 'in the repository',
    sha: target.kind === 'pull-request' ? target.headSha : target.sha,
  };
}

async function reviewAndPublish(): Promise<void> {
  const review = await startReview();
  const { settings, target, reported, result } = review;
  const counts = countBySeverity(reported);
  core.info(`profilint: ${reported.length} findings ${review.scope} (${describeCounts(counts)}).`);
  for (const notice of result.notices) {
    core.info(`${notice.level}: ${notice.file === undefined ? '' : `${notice.file}: `}${notice.message}`);
  }

  const checkRunPublished = settings.checkRun ? await publishChecks(review) : false;
  const whereToSeeAll = describeDestinations(settings, checkRunPublished);
  if (settings.summary) await writeSummary(renderMarkdown(review, summaryByteBudget, 100, whereToSeeAll));
  if (target.kind === 'pull-request' && settings.comment) await publishComment(review, target.number, whereToSeeAll);
  if (target.kind === 'full' && settings.trackingIssueLabel !== undefined) {
    await publishTrackingIssue(review, settings.trackingIssueLabel, whereToSeeAll);
  }

  // Annotations go last so every warning the Action emitted above is counted against GitHub's limit.
  if (settings.annotations === 'true' || (settings.annotations === 'auto' && !checkRunPublished)) {
    // The verdict's ::error comes after them and must not be the one GitHub drops.
    const used = { ...emittedByAction, error: emittedByAction.error + (review.failing ? 1 : 0) };
    for (const annotation of selectWorkflowAnnotations(reported, result.rules, whereToSeeAll, used)) {
      core[annotation.command](annotation.message, annotation.properties);
    }
  }

  core.setOutput('findings', reported.length);
  core.setOutput('errors', counts.error);
  core.setOutput('warnings', counts.warning);
  core.setOutput('notes', counts.note);
  core.setOutput('sarif-file', settings.sarifFile ?? '');
  core.setOutput('report-file', settings.reportFile ?? '');
  if (review.failing) {
    core.setFailed(`profilint found ${describeCounts(counts)} ${review.scope}; fail-on is "${settings.failOn}".`);
  }
}

function describeFailure(error: unknown): string {
  if (error instanceof InputError) return error.message;
  if (error instanceof ConfigError) return error.describe();
  return error instanceof Error ? error.message : String(error);
}

/** The Action: inputs → scan → check run, summary, comment, tracking issue, annotations, outputs and verdict. */
export async function run(): Promise<void> {
  try {
    await reviewAndPublish();
  } catch (error) {
    if (error instanceof Error && error.stack !== undefined) core.debug(error.stack);
    core.setFailed(describeFailure(error));
  }
}
