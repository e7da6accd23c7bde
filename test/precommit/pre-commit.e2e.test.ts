import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTempRepo, type TempRepo } from '../helpers/temp-repo.js';
import { preCommitConfig, requirePreCommit, snapshotHookRepository, type HookRepository } from './hook-repository.js';

// The real pre-commit installs this repository as a `language: node` hook (npm install, npm pack, npm install -g)
// and runs it from `git commit`, the way users meet profilint first.
let hook: HookRepository;
let repo: TempRepo | undefined;
afterEach(() => repo?.remove());

const gitIdentity = {
  GIT_AUTHOR_NAME: 'profilint tests',
  GIT_AUTHOR_EMAIL: 'tests@profilint.example',
  GIT_COMMITTER_NAME: 'profilint tests',
  GIT_COMMITTER_EMAIL: 'tests@profilint.example',
  GIT_CONFIG_NOSYSTEM: '1',
};

function run(command: string, args: string[], cwd: string): { status: number | null; output: string } {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...gitIdentity, PRE_COMMIT_HOME: hook.preCommitHome, NO_COLOR: '1', FORCE_COLOR: '' },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const consentCheck = "export function hasConsent(userId: string, purpose: string): boolean {\n  return userId !== '' && purpose !== '';\n}\n";

/** A consented churn score whose feature vector ends with `extraFeatures` (lines 8 on). */
function churnScore(extraFeatures = ''): string {
  return `import * as tf from '@tensorflow/tfjs';
import { hasConsent } from '../consent';

export function scoreChurn(model: tf.LayersModel, customer: { id: string; age: number; tenureMonths: number }) {
  if (!hasConsent(customer.id, 'profiling')) return undefined;
  return model.predict(tf.tensor2d([[
    customer.tenureMonths,
${extraFeatures}  ]]));
}
`;
}

/** A repository with profilint installed as its pre-commit hook and one commit made without it. */
function repositoryWithHook(): TempRepo {
  const created = createTempRepo(
    // A loaded CI machine can take longer than the default 10 s over one file; a skipped file would pass the commit.
    { '.pre-commit-config.yaml': preCommitConfig(hook), 'profilint.config.yaml': 'fileTimeout: 120000\n', 'src/consent.ts': consentCheck },
    { git: true },
  );
  created.commitAll('start');
  const install = run('pre-commit', ['install'], created.root);
  expect(install.status, install.output).toBe(0);
  return created;
}

function commit(message: string): { status: number | null; output: string } {
  repo!.git('add', '--all');
  return run('git', ['commit', '-m', message], repo!.root);
}

function commitCount(): number {
  return Number(repo!.git('rev-list', '--count', 'HEAD').trim());
}

describe('profilint as a pre-commit hook', { timeout: 300_000 }, () => {
  beforeAll(() => {
    requirePreCommit();
    const cli = process.env.PROFILINT_CLI;
    hook = snapshotHookRepository(cli === undefined ? undefined : path.dirname(path.resolve(cli)));
    // Installing the hook environment once here keeps its cost (npm install in the hook clone, npm pack,
    // npm install -g) out of the commits below; an unchanged build reuses the environment from an earlier run.
    run('pre-commit', ['gc'], hook.path);
    const consumer = createTempRepo({ '.pre-commit-config.yaml': preCommitConfig(hook) }, { git: true });
    try {
      const started = Date.now();
      const installed = run('pre-commit', ['install-hooks'], consumer.root);
      expect(installed.status, installed.output).toBe(0);
      console.log(`pre-commit install-hooks: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } finally {
      consumer.remove();
    }
  }, 600_000);

  it('has a hook manifest that pre-commit accepts', () => {
    const validated = run('pre-commit', ['validate-manifest', path.join(hook.path, '.pre-commit-hooks.yaml')], hook.path);
    expect(validated.status, validated.output).toBe(0);
  });

  it('blocks a commit that adds a sensitive feature to a model, naming the file, line and rule', () => {
    repo = repositoryWithHook();
    repo.write({ 'src/scoring/churn.ts': churnScore('    customer.age,\n') });
    const blocked = commit('score churn with age');
    expect(blocked.status, blocked.output).not.toBe(0);
    expect(blocked.output).toMatch(/profilint\.+Failed/);
    expect(blocked.output).toContain('src/scoring/churn.ts');
    expect(blocked.output).toMatch(/^\s*8:14\s+error\s.*\bsensitive-attribute$/m);
    expect(commitCount()).toBe(1);
  });

  it('passes a clean commit', () => {
    repo = repositoryWithHook();
    repo.write({ 'src/scoring/churn.ts': churnScore() });
    const passed = commit('score churn on tenure');
    expect(passed.status, passed.output).toBe(0);
    expect(passed.output).toMatch(/profilint\.+Passed/);
    expect(commitCount()).toBe(2);
  });

  it('passes once the sensitive feature carries a justified suppression, and not with a reasonless one', () => {
    repo = repositoryWithHook();
    repo.write({
      'src/scoring/churn.ts': churnScore('    // profilint-disable-next-line sensitive-attribute\n    customer.age,\n'),
    });
    const reasonless = commit('suppress without a reason');
    expect(reasonless.status, reasonless.output).not.toBe(0);
    expect(reasonless.output).toMatch(/^\s*9:14\s+error\s.*\bsensitive-attribute$/m);
    expect(reasonless.output).toMatch(/^\s*8:5\s+warning\s.*\bunjustified-suppression$/m);
    expect(commitCount()).toBe(1);

    repo.write({
      'src/scoring/churn.ts': churnScore(
        '    // profilint-disable-next-line sensitive-attribute -- Age-restricted offers must exclude minors; audited in docs/fairness.md\n    customer.age,\n',
      ),
    });
    const justified = commit('suppress with a reason');
    expect(justified.status, justified.output).toBe(0);
    expect(commitCount()).toBe(2);
  });

  it('judges a staged file with the callers and spec that decide its verdict, as CI does', () => {
    repo = repositoryWithHook();
    repo.write({
      'specs/churn.profiling.yaml':
        'profilint: 1\npipeline: churn-propensity\nowner: growth@acme.example\npurpose: Retention offers.\nlawfulBasis: consent\nconsent: { required: true, purpose: profiling }\nretention: P180D\ndecision: { automated: true, legalEffect: false, humanReview: true, redress: https://acme.example/contest }\n',
      'src/routes/churn.ts': `import type * as tf from '@tensorflow/tfjs';
import { predictChurn } from '../scoring/model';
import { hasConsent } from '../consent';

export function handleChurn(model: tf.LayersModel, user: { id: string; tenureMonths: number }) {
  if (!hasConsent(user.id, 'profiling')) return undefined;
  return predictChurn(model, user);
}
`,
      'src/scoring/model.ts': `import * as tf from '@tensorflow/tfjs';

/** @profiling churn-propensity */
export function predictChurn(model: tf.LayersModel, customer: { tenureMonths: number }) {
  return model.predict(tf.tensor2d([[customer.tenureMonths]]));
}
`,
    });
    expect(commit('the churn pipeline').status).toBe(0);
    // Only the model changes now: its consent check lives in the caller and its retention in the spec,
    // neither of them staged.
    repo.write({
      'src/scoring/model.ts': `import * as tf from '@tensorflow/tfjs';

/** @profiling churn-propensity */
export function predictChurn(model: tf.LayersModel, customer: { tenureMonths: number; plan: string }) {
  return model.predict(tf.tensor2d([[customer.tenureMonths, customer.plan === 'pro' ? 1 : 0]]));
}
`,
    });
    const passed = commit('add the plan to the churn model');
    expect(passed.status, passed.output).toBe(0);
    expect(commitCount()).toBe(3);
  });
});
