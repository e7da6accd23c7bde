import { runRuleTests } from '../helpers/rule-tester.js';

runRuleTests('missing-accountability', {
  valid: [
    {
      name: 'native spec with owner, purpose and lawful basis',
      filename: 'specs/churn.profiling.yaml',
      code: 'profilint: 1\npipeline: churn\nowner: growth@acme.example\npurpose: Retention offers.\nlawfulBasis: legitimate-interests\n',
    },
    {
      name: 'native spec with an owner mapping',
      filename: 'specs/churn.profiling.yaml',
      code: 'profilint: 1\npipeline: churn\nowner: { team: growth }\npurpose: Retention offers.\nlawfulBasis: consent\n',
    },
    {
      name: 'dbt model that is not used for profiling needs no owner',
      filename: 'models/marts/orders.yml',
      code: 'version: 2\nmodels:\n  - name: orders\n    description: One row per order.\n    columns:\n      - name: order_id\n',
    },
    {
      name: 'dbt model that says it profiles nobody despite its name',
      filename: 'models/feature_flags.yml',
      code: 'models:\n  - name: feature_flags\n    meta:\n      profiling: false\n',
    },
    {
      name: 'dbt profiling model with a config.meta owner',
      filename: 'models/marts/customer_segments.yml',
      code: 'models:\n  - name: customer_segments\n    config:\n      meta:\n        owner: growth-analytics\n',
    },
    {
      name: 'dbt profiling model owned through its group, declared in another file',
      files: {
        'models/groups.yml': 'groups:\n  - name: growth\n    owner:\n      name: Growth Analytics\n      email: growth@acme.example\nmodels:\n  - name: orders\n',
        'models/marts/churn_scores.yml': 'models:\n  - name: churn_scores\n    group: growth\n',
      },
    },
    {
      name: 'ODCS profiling contract with team and purpose',
      filename: 'contracts/segments.odcs.yaml',
      code: `apiVersion: v3.1.0
kind: DataContract
id: 8f1c
name: customer_segments
version: 1.0.0
status: active
description:
  purpose: Segment customers for retention campaigns.
team:
  name: growth
  members:
    - username: ada
`,
    },
    {
      name: 'Fides profiling on legitimate interests with its assessment',
      filename: '.fides/system.yml',
      code: `system:
  - fides_key: ads
    name: Ads
    system_type: Service
    administrating_department: Marketing
    privacy_declarations:
      - name: Interest segments
        data_categories: [user.behavior]
        data_use: marketing.advertising.profiling
        legal_basis_for_processing: Legitimate interests
        impact_assessment_location: https://privacy.acme.example/lia/interest-segments
`,
    },
    {
      name: 'ODCS contract that is not about profiling',
      filename: 'contracts/orders.odcs.yaml',
      code: 'apiVersion: v3.1.0\nkind: DataContract\nid: 1\nname: orders\nversion: 1.0.0\nstatus: active\n',
    },
    {
      name: 'DCS profiling contract with owner and usage',
      filename: 'datacontract.yaml',
      code: `dataContractSpecification: 1.1.0
id: churn-scores
info:
  title: Churn scores
  version: 1.0.0
  owner: Growth Analytics
terms:
  usage: Prioritise retention offers.
`,
    },
    {
      name: 'Fides declaration with profiling data use, owner, purpose and basis',
      filename: '.fides/system.yml',
      code: `system:
  - fides_key: ads
    name: Ads
    system_type: Service
    administrating_department: Marketing
    privacy_declarations:
      - name: Audience building
        data_categories: [user.behavior]
        data_use: marketing.advertising.profiling
        legal_basis_for_processing: Consent
`,
    },
  ],
  invalid: [
    {
      name: 'native spec missing all three, reported once at the first key',
      filename: 'specs/churn.profiling.yaml',
      code: '# Churn model\nprofilint: 1\npipeline: churn\nretention: P180D\n',
      errors: [
        {
          messageId: 'missingInSpec',
          line: 2,
          column: 1,
          data: { subject: 'profiling spec `churn`', missing: 'owner, purpose or lawful basis', keys: '`owner`, `purpose` and `lawfulBasis`' },
        },
      ],
    },
    {
      name: 'native spec with a blank purpose',
      filename: 'specs/churn.profiling.yaml',
      code: 'profilint: 1\npipeline: churn\nowner: growth@acme.example\npurpose: ""\nlawfulBasis: consent\n',
      errors: [{ messageId: 'missingInSpec', line: 1, data: { missing: 'purpose' } }],
    },
    {
      name: 'each profiling dbt model without an owner, at its name',
      filename: 'models/marts/marketing.yml',
      code: `version: 2
models:
  - name: customer_segments
    description: Segment per customer.
  - name: orders
  - name: ltv
    description: Propensity to buy again, for targeting.
    tags: [marketing]
`,
      errors: [
        { messageId: 'missingInDataset', line: 3, column: 5, data: { subject: 'dbt model `customer_segments`', missing: 'owner', keys: '`meta.owner`' } },
        { messageId: 'missingInDataset', line: 6, column: 5, data: { evidence: 'description "Propensity to buy again, for targeting." says propensity' } },
      ],
    },
    {
      name: 'dbt profiling model whose group has no owner anywhere',
      filename: 'models/marts/churn_scores.yml',
      code: 'models:\n  - name: churn_scores\n    config:\n      group: growth\n',
      errors: [{ messageId: 'missingInDataset', line: 2 }],
    },
    {
      name: 'ODCS profiling contract without team or purpose',
      filename: 'contracts/segments.odcs.yaml',
      code: `apiVersion: v3.1.0
kind: DataContract
id: 8f1c
name: customer_segments
version: 1.0.0
status: active
description:
  usage: Audience exports.
`,
      errors: [{ messageId: 'missingInDataset', line: 4, column: 1, data: { missing: 'owner or purpose', keys: '`team` and `description.purpose`' } }],
    },
    {
      name: 'DCS profiling contract without usage',
      filename: 'datacontract.yaml',
      code: `dataContractSpecification: 1.1.0
id: churn-scores
info:
  title: Churn scores
  version: 1.0.0
  owner: Growth Analytics
`,
      errors: [{ messageId: 'missingInDataset', line: 2, data: { missing: 'purpose', keys: '`terms.usage`' } }],
    },
    {
      name: 'Fides profiling declaration without department or legal basis',
      filename: '.fides/system.yml',
      code: `system:
  - fides_key: ads
    name: Ads
    system_type: Service
    administrating_department: Not defined
    privacy_declarations:
      - name: Audience building
        data_categories: [user.behavior]
        data_use: marketing.advertising.first_party.targeted
      - name: Email
        data_categories: [user.contact.email]
        data_use: marketing.communications.email
`,
      errors: [
        {
          messageId: 'missingInDataset',
          line: 7,
          column: 9,
          data: { subject: 'Fides privacy declaration `Ads: Audience building`', missing: 'owner or lawful basis' },
        },
      ],
    },
    {
      name: 'Fides profiling on legitimate interests without the assessment',
      filename: '.fides/system.yml',
      code: `system:
  - fides_key: ads
    name: Ads
    system_type: Service
    administrating_department: Marketing
    privacy_declarations:
      - name: Interest segments
        data_categories: [user.behavior]
        data_use: marketing.advertising.profiling
        legal_basis_for_processing: Legitimate interests
`,
      errors: [
        {
          messageId: 'missingInDataset',
          line: 7,
          data: { missing: 'legitimate-interests assessment', keys: '`impact_assessment_location`' },
        },
      ],
    },
  ],
});
