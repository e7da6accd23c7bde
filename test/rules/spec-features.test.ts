import { runRuleTests } from '../helpers/rule-tester.js';

const audited = `fairnessAudit:
  report: https://audits.acme.example/churn
  lastRun: 2026-10-15
`;

runRuleTests('sensitive-attribute', {
  valid: [
    {
      name: 'justified sensitive feature with a fresh audit',
      filename: 'specs/churn.profiling.yaml',
      code: `profilint: 1\npipeline: churn\nfeatures:\n  - name: age_band\n    justification: Age-restricted offers.\n${audited}`,
    },
    {
      name: 'features that are neither sensitive nor proxies',
      filename: 'specs/churn.profiling.yaml',
      code: 'profilint: 1\npipeline: churn\nfeatures:\n  - tenure_months\n  - name: orders_last_90d\n',
    },
    {
      name: 'sensitive column of a dbt model not used for profiling',
      filename: 'models/customers.yml',
      code: 'models:\n  - name: customers\n    columns:\n      - name: gender\n      - name: date_of_birth\n',
    },
    {
      name: 'ignored category',
      filename: 'specs/age-check.profiling.yaml',
      code: 'profilint: 1\npipeline: age-check\nfeatures:\n  - name: date_of_birth\n',
      options: { ignoreCategories: ['age'] },
    },
    {
      name: 'Fides declaration with a sensitive category but no profiling use',
      filename: '.fides/system.yml',
      code: `system:
  - fides_key: hr
    name: HR
    system_type: Service
    privacy_declarations:
      - name: Payroll
        data_categories: [user.demographic.gender]
        data_use: employment
`,
    },
  ],
  invalid: [
    {
      name: 'unjustified sensitive features, one finding each at its name key',
      filename: 'specs/churn.profiling.yaml',
      code: 'profilint: 1\npipeline: churn\nfeatures:\n  - name: gender\n  - tenure_months\n  - ethnicity\n',
      errors: [
        { messageId: 'sensitiveSpecFeature', line: 4, column: 5, data: { noun: 'feature', name: 'gender', subject: 'profiling spec `churn`', label: 'sex or gender' } },
        { messageId: 'sensitiveSpecFeature', line: 6, column: 5, data: { name: 'ethnicity', label: 'racial or ethnic origin' } },
      ],
    },
    {
      name: 'justified feature without an audit',
      filename: 'specs/churn.profiling.yaml',
      code: 'profilint: 1\npipeline: churn\nfeatures:\n  - name: age_band\n    justification: Age-restricted offers.\n',
      errors: [{ messageId: 'sensitiveSpecFeatureUnaudited', line: 4, data: { auditProblem: 'there is no `fairnessAudit`' } }],
    },
    {
      name: 'justified feature with a stale audit',
      filename: 'specs/churn.profiling.yaml',
      code: 'profilint: 1\npipeline: churn\nfeatures:\n  - name: age_band\n    justification: Age-restricted offers.\nfairnessAudit:\n  report: https://audits.acme.example/churn\n  lastRun: 2025-06-01\n',
      errors: [{ messageId: 'sensitiveSpecFeatureUnaudited', line: 4, data: { auditProblem: 'the audit of 2025-06-01 was due again on 2026-06-01' } }],
    },
    {
      name: 'dbt scoring model with a sensitive column',
      filename: 'models/marts/credit_scores.yml',
      code: 'models:\n  - name: credit_scores\n    columns:\n      - name: customer_id\n      - name: marital_status\n',
      errors: [{ messageId: 'sensitiveSpecFeature', line: 5, column: 9, data: { noun: 'column', subject: 'dbt model `credit_scores`' } }],
    },
    {
      name: 'ODCS profiling contract property named by its business name',
      filename: 'contracts/targeting.odcs.yaml',
      code: `apiVersion: v3.1.0
kind: DataContract
id: t1
name: ad_targeting
version: 1.0.0
status: active
schema:
  - name: audience
    properties:
      - name: attr_17
        businessName: religion
`,
      errors: [{ messageId: 'sensitiveSpecFeature', line: 10, column: 9, data: { noun: 'property', name: 'attr_17' } }],
    },
    {
      name: 'DCS profiling contract field',
      filename: 'datacontract.yaml',
      code: `dataContractSpecification: 1.1.0
id: propensity
info: { title: Purchase propensity, version: 1.0.0 }
models:
  scores:
    fields:
      is_pregnant: { type: boolean }
`,
      errors: [{ messageId: 'sensitiveSpecFeature', line: 7, column: 7, data: { noun: 'field', label: 'health data' } }],
    },
    {
      name: 'Fides profiling declaration with a sensitive data category',
      filename: '.fides/system.yml',
      code: `system:
  - fides_key: ads
    name: Ads
    system_type: Service
    privacy_declarations:
      - name: Lookalike audiences
        data_categories:
          - user.contact.email
          - user.demographic.race_ethnicity
        data_use: marketing.advertising.profiling
`,
      errors: [{ messageId: 'sensitiveSpecFeature', line: 9, column: 13, data: { noun: 'data category', name: 'user.demographic.race_ethnicity' } }],
    },
    {
      name: 'Fides health category the taxonomy names by branch',
      filename: '.fides/system.yml',
      code: `system:
  - fides_key: wellness
    name: Wellness offers
    system_type: Service
    privacy_declarations:
      - name: Personalised offers
        data_categories: [user.health_and_medical.record_id]
        data_use: personalize.content.profiling
`,
      errors: [{ messageId: 'sensitiveSpecFeature', line: 7, column: 27, data: { label: 'health data' } }],
    },
  ],
});

runRuleTests('proxy-attribute', {
  valid: [
    {
      name: 'justified proxy with a fresh audit',
      filename: 'specs/churn.profiling.yaml',
      code: `profilint: 1\npipeline: churn\nfeatures:\n  - name: postcode\n    justification: Regional shipping cost; disparate impact tested.\n${audited}`,
    },
    {
      name: 'proxy column in a dataset that is not used for profiling',
      filename: 'models/customers.yml',
      code: 'models:\n  - name: stg_customers\n    columns:\n      - name: first_name\n      - name: zip_code\n',
    },
    {
      name: 'ignored proxy',
      filename: 'specs/translate.profiling.yaml',
      code: 'profilint: 1\npipeline: translate\nfeatures:\n  - name: preferred_language\n',
      options: { ignoreProxies: ['language'] },
    },
  ],
  invalid: [
    {
      name: 'unjustified proxy feature',
      filename: 'specs/churn.profiling.yaml',
      code: 'profilint: 1\npipeline: churn\nfeatures:\n  - name: zip_code\n    source: crm.address.zip\n',
      errors: [
        {
          messageId: 'proxySpecFeature',
          line: 4,
          column: 5,
          data: { name: 'zip_code', label: 'postcode or small-area geography' },
        },
      ],
    },
    {
      name: 'justified proxy whose audit report is missing',
      filename: 'specs/churn.profiling.yaml',
      code: 'profilint: 1\npipeline: churn\nfeatures:\n  - name: first_name\n    justification: Greeting only.\nfairnessAudit:\n  report: docs/audit.md\n  lastRun: 2026-10-15\n',
      errors: [{ messageId: 'proxySpecFeatureUnaudited', line: 4, data: { auditProblem: 'its report `docs/audit.md` does not exist' } }],
    },
    {
      name: 'dbt segmentation model tagged for targeting',
      filename: 'models/marts/audiences.yml',
      code: 'models:\n  - name: lookalike_seed\n    tags: [audiences]\n    columns:\n      - name: postal_code\n      - name: income_band\n',
      errors: [
        { messageId: 'proxySpecFeature', line: 5, column: 9, data: { noun: 'column', subject: 'dbt model `lookalike_seed`' } },
        { messageId: 'proxySpecFeature', line: 6, column: 9, data: { name: 'income_band' } },
      ],
    },
    {
      name: 'Fides profiling declaration with a postcode category',
      filename: '.fides/system.yml',
      code: `system:
  - fides_key: ads
    name: Ads
    system_type: Service
    uses_profiling: false
    privacy_declarations:
      - name: Geo targeting
        data_categories: [user.contact.address.postal_code]
        data_use: marketing.advertising.first_party.targeted
`,
      errors: [{ messageId: 'proxySpecFeature', line: 8, column: 27, data: { noun: 'data category' } }],
    },
  ],
});
