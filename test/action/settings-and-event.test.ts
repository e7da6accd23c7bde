import { describe, expect, it } from 'vitest';
import { readRepository, resolveReviewTarget } from '../../src/github/event.js';
import { InputError, readSettings } from '../../src/github/settings.js';
import { readEventPayload } from './run-action.js';

const inputs = (values: Record<string, string>) => (name: string) => values[name] ?? '';

describe('readSettings', () => {
  it('reads paths separated by spaces or newlines and choices in any case', () => {
    const settings = readSettings(inputs({ paths: 'src\n  specs  lib/x.ts', 'fail-on': 'Warning', 'check-run': 'false' }));
    expect(settings).toMatchObject({ paths: ['src', 'specs', 'lib/x.ts'], failOn: 'warning', checkRun: false });
  });

  it.each([
    ['filter-mode', 'changed', 'Input "filter-mode" is "changed"; use one of: added, diff_context, file, nofilter.'],
    ['comment', 'yes', 'Input "comment" is "yes"; use one of: true, false.'],
    ['mode', 'weekly', 'Input "mode" is "weekly"; use one of: auto, pull-request, full.'],
  ])('rejects %s: %s with the accepted values', (name, value, message) => {
    expect(() => readSettings(inputs({ [name]: value }))).toThrow(new InputError(message));
  });
});

describe('resolveReviewTarget', () => {
  const pullRequest = readEventPayload('pull_request', { baseSha: 'b'.repeat(40), headSha: 'h'.repeat(40) });

  it('reviews the pull request of a pull_request event at its head commit, not the merge commit', () => {
    expect(resolveReviewTarget({ eventName: 'pull_request', sha: 'm'.repeat(40), payload: pullRequest }, 'auto')).toEqual({
      kind: 'pull-request',
      number: 42,
      baseSha: 'b'.repeat(40),
      headSha: 'h'.repeat(40),
      fromFork: false,
    });
  });

  it('recognises a fork, including one whose repository was deleted', () => {
    const fork = readEventPayload('pull_request_fork');
    expect(resolveReviewTarget({ eventName: 'pull_request', sha: 'm', payload: fork }, 'auto')).toMatchObject({ fromFork: true });
    fork['pull_request'].head.repo = null;
    expect(resolveReviewTarget({ eventName: 'pull_request', sha: 'm', payload: fork }, 'auto')).toMatchObject({ fromFork: true });
  });

  it('scans everything on a schedule, or when mode is full', () => {
    const schedule = readEventPayload('schedule');
    expect(resolveReviewTarget({ eventName: 'schedule', sha: 's', payload: schedule }, 'auto')).toEqual({ kind: 'full', sha: 's' });
    expect(resolveReviewTarget({ eventName: 'pull_request', sha: 's', payload: pullRequest }, 'full')).toEqual({ kind: 'full', sha: 's' });
  });

  it('refuses pull-request mode on an event without a pull request', () => {
    expect(() => resolveReviewTarget({ eventName: 'schedule', sha: 's', payload: readEventPayload('schedule') }, 'pull-request')).toThrow(
      'mode is "pull-request" but the schedule event has no pull request; run on pull_request or set mode: full.',
    );
  });
});

describe('readRepository', () => {
  it('prefers GITHUB_REPOSITORY and falls back to the payload', () => {
    expect(readRepository({}, 'acme/shop')).toEqual({ owner: 'acme', repo: 'shop' });
    expect(readRepository(readEventPayload('schedule'), undefined)).toEqual({ owner: 'acme', repo: 'shop' });
    expect(() => readRepository({}, undefined)).toThrow(/GITHUB_REPOSITORY/);
  });
});
