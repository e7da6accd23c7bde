import { runRuleTests } from '../helpers/rule-tester.js';

const native = (extra: string): string => `profilint: 1
pipeline: churn
owner: growth@acme.example
${extra}`;

runRuleTests('undocumented-retention', {
  valid: [
    { name: 'native spec with ISO retention', filename: 'specs/churn.profiling.yaml', code: native('retention: P180D\n') },
    { name: 'native spec with prose retention', filename: 'specs/churn.profiling.yaml', code: native('retention: 6 months\n') },
    {
      name: 'dbt model without personal data needs no retention',
      filename: 'models/orders.yml',
      code: 'models:\n  - name: orders\n    columns:\n      - name: order_id\n      - name: ordered_at\n',
    },
    {
      name: 'reference data with place and platform columns is not personal',
      filename: 'models/staging/geo.yml',
      code: 'sources:\n  - name: geolite\n    tables:\n      - name: city_locations\n        columns:\n          - name: postal_code\n          - name: locale_code\n  - name: telemetry\n    tables:\n      - name: server\n        columns:\n          - name: operating_system\n',
    },
    {
      name: 'dbt model with PII and meta.retention_days',
      filename: 'models/customers.yml',
      code: 'models:\n  - name: customers\n    config:\n      meta:\n        retention_days: 730\n    columns:\n      - name: email\n        meta:\n          contains_pii: true\n',
    },
    {
      name: 'ODCS contract with a retention SLA',
      filename: 'contracts/customers.odcs.yaml',
      code: `apiVersion: v3.1.0
kind: DataContract
id: c1
name: customers
version: 1.0.0
status: active
schema:
  - name: customers
    properties:
      - name: birth_date
        classification: restricted
slaProperties:
  - property: retention
    value: 3
    unit: y
`,
    },
    {
      name: 'DCS contract with a retention period',
      filename: 'datacontract.yaml',
      code: `dataContractSpecification: 1.1.0
id: customers
info: { title: Customers, version: 1.0.0, owner: CRM }
models:
  customers:
    fields:
      email: { type: string, pii: true }
servicelevels:
  retention:
    period: P1Y
`,
    },
    {
      name: 'Fides declaration with a retention period',
      filename: '.fides/system.yml',
      code: `system:
  - fides_key: crm
    name: CRM
    system_type: Service
    privacy_declarations:
      - name: Customer support
        data_categories: [user.contact.email]
        data_use: essential.service
        retention_period: 2 years after the last contact
`,
    },
    {
      name: 'Fides dataset keeps its retention on the declarations that use it',
      filename: '.fides/dataset.yml',
      code: 'dataset:\n  - fides_key: users\n    collections:\n      - name: users\n        fields:\n          - name: email\n            data_categories: [user.contact.email]\n',
    },
  ],
  invalid: [
    {
      name: 'native spec without retention, at the first key',
      filename: 'specs/churn.profiling.yaml',
      code: native(''),
      errors: [{ messageId: 'noSpecRetention', line: 1, column: 1, data: { subject: 'profiling spec `churn`', key: 'retention' } }],
    },
    {
      name: 'native spec keeping profiles forever',
      filename: 'specs/churn.profiling.yaml',
      code: native('retention: forever\n'),
      errors: [{ messageId: 'unlimitedSpecRetention', line: 4, column: 1, data: { text: 'forever' } }],
    },
    {
      name: 'native spec with an unreadable retention',
      filename: 'specs/churn.profiling.yaml',
      code: native('retention: until the customer leaves\n'),
      errors: [{ messageId: 'unparseableSpecRetention', line: 4, data: { text: 'until the customer leaves' } }],
    },
    {
      name: 'native spec with only a feature-store ttl',
      filename: 'specs/churn.profiling.yaml',
      code: native('ttl: 30d\n'),
      errors: [{ messageId: 'ttlIsNotRetention', line: 4, data: { ttl: '30d' } }],
    },
    {
      name: 'dbt model with a PII column and no retention, and a proxy column in another model',
      filename: 'models/customers.yml',
      code: `version: 2
models:
  - name: customers
    columns:
      - name: email
        config:
          meta:
            contains_pii: true
  - name: stg_customers
    columns:
      - name: first_name
`,
      errors: [
        { messageId: 'noSpecRetention', line: 3, column: 5, data: { key: 'meta.retention', evidence: 'column `email` has config.meta.contains_pii: true' } },
        { messageId: 'noSpecRetention', line: 9, column: 5, data: { evidence: 'column `first_name` is a first name' } },
      ],
    },
    {
      name: 'dbt profiling model holds profiles, whatever its columns',
      filename: 'models/marts/churn_scores.yml',
      code: 'models:\n  - name: churn_scores\n    columns:\n      - name: subscriber_id\n      - name: churn_score\n',
      errors: [{ messageId: 'noSpecRetention', line: 2, data: { evidence: 'it is used for profiling: name "churn_scores" says churn scores' } }],
    },
    {
      name: 'dbt source whose meta marks PII, retention unlimited',
      filename: 'models/staging/sources.yml',
      code: `sources:
  - name: crm
    meta:
      contains_pii: true
    tables:
      - name: contacts
        meta:
          retention: indefinite
`,
      errors: [{ messageId: 'unlimitedSpecRetention', line: 8, column: 11, data: { subject: 'dbt source table `crm.contacts`' } }],
    },
    {
      name: 'ODCS contract with a restricted-PII property and no retention',
      filename: 'contracts/customers.odcs.yaml',
      code: `apiVersion: v3.1.0
kind: DataContract
id: c1
name: customers
version: 1.0.0
status: active
schema:
  - name: customers
    properties:
      - name: contact
        classification: pii
`,
      errors: [{ messageId: 'noSpecRetention', line: 4, data: { key: 'slaProperties (property: retention)', evidence: 'property `contact` has classification: pii' } }],
    },
    {
      name: 'DCS contract kept forever',
      filename: 'datacontract.yaml',
      code: `dataContractSpecification: 1.1.0
id: customers
info: { title: Customers, version: 1.0.0, owner: CRM }
models:
  customers:
    fields:
      email: { type: string, pii: true }
servicelevels:
  retention:
    unlimited: true
`,
      errors: [{ messageId: 'unlimitedSpecRetention', line: 10, column: 5, data: { text: 'unlimited: true' } }],
    },
    {
      name: 'Fides declaration of personal data without retention_period',
      filename: '.fides/system.yml',
      code: `system:
  - fides_key: crm
    name: CRM
    system_type: Service
    privacy_declarations:
      - name: Customer support
        data_categories: [user.contact.email]
        data_use: essential.service
`,
      errors: [{ messageId: 'noSpecRetention', line: 6, column: 9, data: { key: 'retention_period', evidence: 'data_categories: user.contact.email' } }],
    },
  ],
});
