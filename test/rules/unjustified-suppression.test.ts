import { runRuleTests } from '../helpers/rule-tester.js';

runRuleTests('unjustified-suppression', {
  valid: [
    {
      name: 'a file without directives',
      code: `export const total = (prices: number[]) => prices.reduce((sum, price) => sum + price, 0);\n`,
    },
    {
      name: 'directive text inside a string is not a directive',
      code: `const help = "// profilint-disable-next-line sensitive-attribute";\nconst url = 'https://example.com/*';\n`,
    },
    {
      name: 'directive text inside a template literal and a regular expression is not a directive',
      code: [
        'const template = `${1} // profilint-disable-line missing-consent`;',
        'const pattern = /\\/\\/ profilint-disable-line/;',
        '',
      ].join('\n'),
    },
    {
      name: 'an enable directive needs no reason',
      code: `/* profilint-enable sensitive-attribute */\nexport const ok = 1;\n`,
    },
    {
      name: 'a YAML comment inside a block scalar is text, not a directive',
      filename: 'specs/notes.yaml',
      code: `notes: |\n  # profilint-disable-next-line missing-accountability\n  plain text\n`,
    },
  ],
  invalid: [
    {
      name: 'next-line directive without a reason',
      code: `// profilint-disable-next-line sensitive-attribute\nexport const ok = 1;\n`,
      errors: [
        { messageId: 'missingReason', line: 1, column: 1, endLine: 1, endColumn: 51, data: { kind: 'disable-next-line' } },
      ],
    },
    {
      name: 'a dangling separator is no reason',
      code: `export const ok = 1; // profilint-disable-line proxy-attribute --\n`,
      errors: [{ messageId: 'missingReason', line: 1, column: 22, data: { kind: 'disable-line' } }],
    },
    {
      name: 'block directive without a reason',
      code: `export const a = 1;\n/* profilint-disable missing-consent */\nexport const b = 2;\n/* profilint-enable missing-consent */\n`,
      errors: [{ messageId: 'missingReason', line: 2, column: 1, data: { kind: 'disable' } }],
    },
    {
      name: 'a reason without the dashes is read as rule ids',
      code: `// profilint-disable-next-line sensitive-attribute legal approved\nexport const ok = 1;\n`,
      errors: [
        { messageId: 'unknownRule', line: 1, data: { ruleId: 'approved' } },
        { messageId: 'unknownRule', line: 1, data: { ruleId: 'legal' } },
        { messageId: 'missingReason', line: 1 },
      ],
    },
    {
      name: 'unknown rule id with a reason',
      code: `// profilint-disable-next-line sensitive-atribute -- reviewed by legal\nexport const ok = 1;\n`,
      errors: [{ messageId: 'unknownRule', line: 1, column: 1, data: { ruleId: 'sensitive-atribute' } }],
    },
    {
      name: 'a justified directive that suppresses nothing is unused',
      code: `export const a = 1;\n// profilint-disable-next-line sensitive-attribute -- legal approved the age check\nexport const b = 2;\n`,
      errors: [{ messageId: 'unusedDirective', line: 2, column: 1, data: { rules: 'sensitive-attribute' } }],
    },
    {
      name: 'an unused directive naming no rule',
      code: `export const a = 1; // profilint-disable-line -- nothing to hide here\n`,
      errors: [{ messageId: 'unusedDirective', line: 1, column: 21, data: { rules: 'every rule' } }],
    },
    {
      name: 'YAML directive without a reason',
      filename: 'specs/churn.profiling.yaml',
      code: `profilint: 1\n# profilint-disable-next-line missing-accountability\npipeline: churn\n`,
      errors: [{ messageId: 'missingReason', line: 2, column: 1, data: { kind: 'disable-next-line' } }],
    },
    {
      name: 'JSDoc-style block directive, multi-line reason, unknown rule',
      code: `/**\n * profilint-disable-next-line no-such-rule -- a reason\n * spread over two lines\n */\nexport const ok = 1;\n`,
      errors: [{ messageId: 'unknownRule', line: 1, column: 1, endLine: 4, data: { ruleId: 'no-such-rule' } }],
    },
  ],
});
