"use strict";
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toCommonJS = (mod) => __copyProps(__defProp({}, "__esModule", { value: true }), mod);

// src/index.ts
var index_exports = {};
__export(index_exports, {
  rules: () => rules
});
module.exports = __toCommonJS(index_exports);

// src/rules/define-rule.ts
function defineRule(rule) {
  return rule;
}
var emptyOptionsSchema = { type: "object", properties: {}, additionalProperties: false };

// src/rules/missing-accountability.ts
var missing_accountability_default = defineRule({
  id: "missing-accountability",
  description: "Require an owner, purpose and lawful basis for every profiling dataset",
  rationale: "TODO",
  severity: "warning",
  tags: [],
  messages: {},
  defaultOptions: {},
  optionsSchema: emptyOptionsSchema,
  check() {
  }
});

// src/rules/missing-bias-audit.ts
var missing_bias_audit_default = defineRule({
  id: "missing-bias-audit",
  description: "Require a fresh fairness audit for models that use sensitive or proxy features",
  rationale: "TODO",
  severity: "warning",
  tags: [],
  messages: {},
  defaultOptions: {},
  optionsSchema: emptyOptionsSchema,
  check() {
  }
});

// src/rules/missing-consent.ts
var missing_consent_default = defineRule({
  id: "missing-consent",
  description: "Require a consent check for a covering purpose before every profiling sink",
  rationale: "TODO",
  severity: "error",
  tags: [],
  messages: {},
  defaultOptions: {},
  optionsSchema: emptyOptionsSchema,
  check() {
  }
});

// src/rules/missing-redress.ts
var missing_redress_default = defineRule({
  id: "missing-redress",
  description: "Require human review or a redress channel for automated decisions with legal effect",
  rationale: "TODO",
  severity: "error",
  tags: [],
  messages: {},
  defaultOptions: {},
  optionsSchema: emptyOptionsSchema,
  check() {
  }
});

// src/rules/proxy-attribute.ts
var proxy_attribute_default = defineRule({
  id: "proxy-attribute",
  description: "Disallow known proxies for protected attributes as unjustified profiling inputs",
  rationale: "TODO",
  severity: "warning",
  tags: [],
  messages: {},
  defaultOptions: {},
  optionsSchema: emptyOptionsSchema,
  check() {
  }
});

// src/rules/retention-mismatch.ts
var retention_mismatch_default = defineRule({
  id: "retention-mismatch",
  description: "Disallow keeping data longer than the governing spec allows",
  rationale: "TODO",
  severity: "error",
  tags: [],
  messages: {},
  defaultOptions: {},
  optionsSchema: emptyOptionsSchema,
  check() {
  }
});

// src/rules/sensitive-attribute.ts
var sensitive_attribute_default = defineRule({
  id: "sensitive-attribute",
  description: "Disallow special-category and protected attributes as inputs to profiling",
  rationale: "TODO",
  severity: "error",
  tags: [],
  messages: {},
  defaultOptions: {},
  optionsSchema: emptyOptionsSchema,
  check() {
  }
});

// src/rules/sensitive-data-shared.ts
var sensitive_data_shared_default = defineRule({
  id: "sensitive-data-shared",
  description: "Disallow sending sensitive attributes to third-party SDKs and APIs",
  rationale: "TODO",
  severity: "error",
  tags: [],
  messages: {},
  defaultOptions: {},
  optionsSchema: emptyOptionsSchema,
  check() {
  }
});

// src/rules/undocumented-retention.ts
var undocumented_retention_default = defineRule({
  id: "undocumented-retention",
  description: "Require a documented retention limit for personal and profile data",
  rationale: "TODO",
  severity: "warning",
  tags: [],
  messages: {},
  defaultOptions: {},
  optionsSchema: emptyOptionsSchema,
  check() {
  }
});

// src/rules/unjustified-suppression.ts
var unjustified_suppression_default = defineRule({
  id: "unjustified-suppression",
  description: "Require a written reason on every suppression directive",
  rationale: "TODO",
  severity: "warning",
  tags: [],
  messages: {},
  defaultOptions: {},
  optionsSchema: emptyOptionsSchema,
  check() {
  }
});

// src/rules/index.ts
var rules = {
  "missing-accountability": missing_accountability_default,
  "missing-bias-audit": missing_bias_audit_default,
  "missing-consent": missing_consent_default,
  "missing-redress": missing_redress_default,
  "proxy-attribute": proxy_attribute_default,
  "retention-mismatch": retention_mismatch_default,
  "sensitive-attribute": sensitive_attribute_default,
  "sensitive-data-shared": sensitive_data_shared_default,
  "undocumented-retention": undocumented_retention_default,
  "unjustified-suppression": unjustified_suppression_default
};
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  rules
});
