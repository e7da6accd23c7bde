import { runRuleTests } from '../helpers/rule-tester.js';

const spec = (audit: string): string => `profilint: 1
pipeline: churn
owner: growth@acme.example
features:
  - name: tenure_months
  - name: age_band
    justification: Age-restricted offers.
${audit}`;

const report = { 'docs/fairness/churn-2026-q3.md': '# Churn fairness audit\n' };

runRuleTests('missing-bias-audit', {
  valid: [
    {
      name: 'fresh audit with an existing report',
      files: { ...report, 'specs/churn.profiling.yaml': spec('fairnessAudit:\n  report: docs/fairness/churn-2026-q3.md\n  lastRun: 2026-10-15\n  every: P180D\n') },
    },
    {
      name: 'audit report given as a URL',
      filename: 'specs/churn.profiling.yaml',
      code: spec('fairnessAudit:\n  report: https://audits.acme.example/churn\n  lastRun: 2026-06-01\n'),
    },
    {
      name: 'audit within the configured default age',
      filename: 'specs/churn.profiling.yaml',
      code: spec('fairnessAudit:\n  report: https://audits.acme.example/churn\n  lastRun: 2025-01-01\n'),
      config: { auditMaxAgeDays: 730 },
    },
    {
      name: 'an audit due today is not stale yet',
      filename: 'specs/churn.profiling.yaml',
      code: spec('fairnessAudit:\n  report: https://audits.acme.example/churn\n  lastRun: 2026-06-03\n  every: P180D\n'),
    },
    {
      name: 'no sensitive or proxy feature needs no audit',
      filename: 'specs/upsell.profiling.yaml',
      code: 'profilint: 1\npipeline: upsell\nfeatures:\n  - name: tenure_months\n  - name: orders_last_90d\n',
    },
    {
      name: 'dbt model with a proxy column that is not used for profiling',
      filename: 'models/customers.yml',
      code: 'models:\n  - name: customers\n    columns:\n      - name: first_name\n',
    },
  ],
  invalid: [
    {
      name: 'no audit at all, reported at the first key',
      filename: 'specs/churn.profiling.yaml',
      code: spec(''),
      errors: [{ messageId: 'noAudit', line: 1, column: 1, data: { subject: 'profiling spec `churn`', features: 'age_band' } }],
    },
    {
      name: 'an audit past its own interval',
      files: { ...report, 'specs/churn.profiling.yaml': spec('fairnessAudit:\n  report: docs/fairness/churn-2026-q3.md\n  lastRun: 2026-03-01\n  every: P180D\n') },
      errors: [{ messageId: 'staleAudit', line: 10, column: 3, file: 'specs/churn.profiling.yaml', data: { lastRun: '2026-03-01', due: '2026-08-28' } }],
    },
    {
      name: 'an audit due yesterday',
      filename: 'specs/churn.profiling.yaml',
      code: spec('fairnessAudit:\n  report: https://audits.acme.example/churn\n  lastRun: 2026-06-02\n  every: P180D\n'),
      errors: [{ messageId: 'staleAudit', line: 10, data: { due: '2026-11-29' } }],
    },
    {
      name: 'an audit older than the default 365 days',
      filename: 'specs/churn.profiling.yaml',
      code: spec('fairnessAudit:\n  report: https://audits.acme.example/churn\n  lastRun: 2025-11-01\n'),
      errors: [{ messageId: 'staleAudit', line: 10, data: { due: '2026-11-01' } }],
    },
    {
      name: 'a report path that is not in the repository',
      filename: 'specs/churn.profiling.yaml',
      code: spec('fairnessAudit:\n  report: docs/fairness/churn-2026-q3.md\n  lastRun: 2026-10-15\n'),
      errors: [{ messageId: 'auditReportMissing', line: 9, column: 3, data: { report: 'docs/fairness/churn-2026-q3.md' } }],
    },
    {
      name: 'an audit without a report',
      filename: 'specs/churn.profiling.yaml',
      code: spec('fairnessAudit:\n  lastRun: 2026-10-15\n'),
      errors: [{ messageId: 'noAuditReport', line: 8, column: 1 }],
    },
    {
      name: 'an impossible audit date',
      filename: 'specs/churn.profiling.yaml',
      code: spec('fairnessAudit:\n  report: https://audits.acme.example/churn\n  lastRun: 2026-02-30\n'),
      errors: [{ messageId: 'noAuditDate', line: 10, data: { lastRun: '2026-02-30' } }],
    },
    {
      name: 'an interval that is not a duration',
      filename: 'specs/churn.profiling.yaml',
      code: spec('fairnessAudit:\n  report: https://audits.acme.example/churn\n  lastRun: 2026-10-15\n  every: quarterly\n'),
      errors: [{ messageId: 'badAuditInterval', line: 11, data: { every: 'quarterly' } }],
    },
    {
      name: 'dbt segmentation model with sensitive columns and no audit',
      filename: 'models/marts/segments.yml',
      code: `models:
  - name: customer_segments
    config:
      meta:
        owner: growth
    columns:
      - name: customer_id
      - name: gender
      - name: zip_code
`,
      errors: [{ messageId: 'noAudit', line: 2, column: 5, data: { subject: 'dbt model `customer_segments`', features: 'gender, zip_code' } }],
    },
    {
      name: 'dbt model with a stale audit in meta',
      filename: 'models/marts/segments.yml',
      code: `models:
  - name: customer_segments
    meta:
      fairness_audit:
        report: https://audits.acme.example/segments
        last_run: 2024-05-01
    columns:
      - name: gender
`,
      errors: [{ messageId: 'staleAudit', line: 6, column: 9 }],
    },
  ],
});
