import { runRuleTests } from '../helpers/rule-tester.js';

const spec = (decision: string): string => `profilint: 1
pipeline: credit-limit
owner: risk@acme.example
purpose: Set credit limits.
lawfulBasis: contract
retention: P1Y
decision:
${decision}
`;

runRuleTests('missing-redress', {
  valid: [
    {
      name: 'human review of every legal-effect decision',
      filename: 'specs/credit.profiling.yaml',
      code: spec('  automated: true\n  legalEffect: true\n  humanReview: true'),
    },
    {
      name: 'a redress channel without human review',
      filename: 'specs/credit.profiling.yaml',
      code: spec('  automated: true\n  legalEffect: true\n  redress: https://acme.example/contest'),
    },
    {
      name: 'automated decision without legal effect',
      filename: 'specs/credit.profiling.yaml',
      code: spec('  automated: true\n  legalEffect: false'),
    },
    {
      name: 'legal effect decided by a person',
      filename: 'specs/credit.profiling.yaml',
      code: spec('  automated: false\n  legalEffect: true'),
    },
    {
      name: 'Fides profiling system with human review in meta',
      filename: '.fides/system.yml',
      code: `system:
  - fides_key: credit_engine
    name: Credit engine
    system_type: Service
    administrating_department: Risk
    uses_profiling: true
    legal_basis_for_profiling: [Contract]
    meta:
      human_review: true
    privacy_declarations:
      - name: Credit scoring
        data_categories: [user.financial]
        data_use: essential.service
`,
    },
    {
      name: 'Fides system that does not profile with legal effect',
      filename: '.fides/system.yml',
      code: `system:
  - fides_key: newsletter
    name: Newsletter
    system_type: Service
    privacy_declarations:
      - name: Send newsletter
        data_categories: [user.contact.email]
        data_use: marketing.communications.email
`,
    },
  ],
  invalid: [
    {
      name: 'legal effect with neither review nor redress',
      filename: 'specs/credit.profiling.yaml',
      code: spec('  automated: true\n  legalEffect: true\n  humanReview: false'),
      errors: [{ messageId: 'noHumanReviewOrRedress', line: 9, column: 3, data: { subject: 'profiling spec `credit-limit`' } }],
    },
    {
      name: 'Fides uses_profiling system, one finding for all its declarations',
      filename: '.fides/system.yml',
      code: `system:
  - fides_key: credit_engine
    name: Credit engine
    system_type: Service
    uses_profiling: true
    privacy_declarations:
      - name: Credit scoring
        data_categories: [user.financial]
        data_use: essential.service
      - name: Fraud scoring
        data_categories: [user.financial]
        data_use: essential.fraud_detection
`,
      errors: [{ messageId: 'noHumanReviewOrRedress', line: 5, column: 5, data: { reviewKey: 'meta.human_review' } }],
    },
  ],
});
