import type { RuleContext } from '../define-rule.js';
import type { Project } from '../../link.js';
import type { ModuleFacts } from '../../extract/module-graph.js';
import type { StoreWrite, TtlIndex } from '../../extract/stores.js';
import { formatDays } from '../../duration.js';
import { findDatasetSpec, governanceOf, parseRetentionTag, tagsInModule } from './governing-spec.js';

/** The message ids the code side of `undocumented-retention` reports with. */
export const codeRetentionMessages = {
  unboundedStoreWrite:
    '`{{callee}}` keeps `{{subject}}`, {{what}}, with no expiry, and no `@retention` tag or linked spec says how long: {{fix}}, or document the period with `@retention <duration>` or `@profiling <pipeline>`.',
  localStorageWrite:
    '`{{callee}}` keeps `{{subject}}`, {{what}}, in localStorage, which never expires: keep it server-side with an expiry or in sessionStorage, or document the period with `@retention <duration>` or `@profiling <pipeline>`.',
  cookieTooLong:
    'Cookie `{{subject}}`, {{what}}, is kept for {{duration}}, longer than the 13 months ({{maxDays}} days) that regulators accept for such cookies: set `maxAge` or `expires` to at most {{maxDays}} days.',
  collectionWithoutTtl:
    'MongoDB collection `{{collection}}` receives {{what}} and has no TTL index anywhere in the repository: create one with `expireAfterSeconds`, or document the period with `@retention <duration>` or `@profiling <pipeline>`.',
  undocumentedModelWrite:
    '`{{callee}}` writes {{what}} to `{{model}}`, and no spec or `@retention` tag says how long it is kept: add `@retention <duration>` to the function, link it to its spec with `@profiling <pipeline>`, or describe `{{model}}` with its retention in a data contract or dbt model.',
  unlimitedRetentionTag:
    '`@retention {{value}}` declares that the data is kept forever, which storage limitation does not allow: give a bounded period such as `@retention 180d`.',
} as const;

export type CodeRetentionMessageId = keyof typeof codeRetentionMessages;

// The stores whose findings share `unboundedStoreWrite`, each with the fix its API offers.
const fixByStore: Record<'redis' | 'cookie' | 'feature-store' | 'user-defined', string> = {
  redis: 'pass an expiry (`EX` seconds, or `expire` the key after writing)',
  cookie: 'set `maxAge` or `expires`',
  // A Feast `ttl` bounds lookups, not storage, so only a deletion the store performs counts.
  'feature-store': 'set a `TtlDuration` (SageMaker) or a store-level expiry the online and offline stores enforce',
  'user-defined': 'pass a `ttl` option',
};

/** How a message names what a write keeps. */
function describeContent(write: StoreWrite): string {
  if (write.content.profileTerm !== undefined) return `profile data (${write.content.profileTerm})`;
  if (write.content.sensitive !== undefined) return `a sensitive attribute (${write.content.sensitive.label})`;
  return 'data';
}

/** Whether the write keeps what this rule cares about: a profile, or a sensitive attribute on the device. */
function keepsProfileData(write: StoreWrite): boolean {
  if (write.content.profileTerm !== undefined) return true;
  const onDevice = write.store === 'cookie' || write.store === 'local-storage' || write.store === 'session-storage';
  return onDevice && write.content.sensitive !== undefined;
}

const ttlIndexesByProject = new WeakMap<Project, Map<string, Array<TtlIndex & { file: string }>>>();

/** Every MongoDB TTL index in the project, by collection, in file order. */
export function ttlIndexesOf(project: Project): Map<string, Array<TtlIndex & { file: string }>> {
  let index = ttlIndexesByProject.get(project);
  if (index === undefined) {
    index = new Map();
    for (const facts of project.files) {
      for (const ttl of facts.code?.ttlIndexes ?? []) {
        const list = index.get(ttl.collection) ?? [];
        list.push({ ...ttl, file: facts.file });
        index.set(ttl.collection, list);
      }
    }
    ttlIndexesByProject.set(project, index);
  }
  return index;
}

function reportWrite(
  context: RuleContext<Record<string, unknown>, string>,
  file: string,
  module: ModuleFacts,
  write: StoreWrite,
): void {
  if (!keepsProfileData(write)) return;
  const location = { file, ...write.span };
  const base = { callee: write.calleeText, subject: write.content.subject, what: describeContent(write) };
  const maxDays = context.project.catalogs.stores.cookieMaxDays;
  // The 13-month ceiling holds whatever documents the period: it is how long a tracker may sit on a device.
  if (write.store === 'cookie' && write.expiry?.days !== undefined && write.expiry.days > maxDays) {
    context.report({
      messageId: 'cookieTooLong',
      data: { ...base, duration: formatDays(write.expiry.days), maxDays: String(maxDays) },
      location: { file, ...write.expiry.span },
    });
    return;
  }
  const governance = governanceOf(context.project, file, module, write.enclosingFunctionId);
  if (governance.retention !== undefined || governance.profiling?.spec !== undefined) return;
  if (write.expiry !== undefined) return;
  switch (write.store) {
    case 'session-storage':
      return;
    case 'local-storage':
      context.report({ messageId: 'localStorageWrite', data: base, location });
      return;
    case 'mongodb': {
      const collection = write.collection ?? '';
      if ((ttlIndexesOf(context.project).get(collection) ?? []).length > 0) return;
      if (findDatasetSpec(context.project, collection) !== undefined) return;
      context.report({ messageId: 'collectionWithoutTtl', data: { ...base, collection }, location });
      return;
    }
    case 'orm':
      // A dataset spec for the table documents it; its own retention is the spec side's to check.
      if (findDatasetSpec(context.project, write.model ?? '') !== undefined) return;
      context.report({ messageId: 'undocumentedModelWrite', data: { ...base, model: write.model ?? '' }, location });
      return;
    default:
      context.report({ messageId: 'unboundedStoreWrite', data: { ...base, fix: fixByStore[write.store] }, location });
  }
}

/** Reports store writes of profile data that nothing bounds or documents, and `@retention` tags that say forever. */
export function reportCodeRetention(context: RuleContext<Record<string, unknown>, string>): void {
  for (const facts of context.project.files) {
    const code = facts.code;
    if (code === undefined) continue;
    for (const write of code.stores) reportWrite(context, facts.file, code.module, write);
    for (const tag of tagsInModule(code.module)) {
      if (tag.kind !== 'retention' || parseRetentionTag(tag.value).kind !== 'unlimited') continue;
      context.report({ messageId: 'unlimitedRetentionTag', data: { value: tag.value }, location: { file: facts.file, ...tag.span } });
    }
  }
}

