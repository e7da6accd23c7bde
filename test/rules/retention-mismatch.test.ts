import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findingsOf, runRuleTests } from '../helpers/rule-tester.js';
import type { Finding } from '../../src/types.js';

async function findingsInFiles(ruleIds: string[], files: Record<string, string>): Promise<Finding[]> {
  const findings = await Promise.all(ruleIds.map((ruleId) => findingsOf(ruleId, { name: ruleId, files })));
  return findings.flat().sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

function spec(pipeline: string, retention?: string): string {
  return `profilint: 1
pipeline: ${pipeline}
owner: growth@acme.example
purpose: Offer retention discounts to customers likely to cancel.
lawfulBasis: legitimate-interests
${retention === undefined ? '' : `retention: ${retention}\n`}`;
}

// Spec and code live in different folders, as in real repositories; the spec's retention key is on line 6.
const specFile = 'specs/churn.profiling.yaml';
const codeFile = 'src/churn/cache.ts';

function churn(retention: string, code: string): Record<string, string> {
  return { [specFile]: spec('churn-propensity', retention), [codeFile]: code };
}

runRuleTests('retention-mismatch', {
  valid: [
    {
      name: 'a file outside the spec profiling.paths is not held to it',
      files: {
        'specs/churn.profiling.yaml': `profilint: 1
pipeline: churn-propensity
profiling:
  paths: ['services/churn/**']
owner: growth@example.com
purpose: Retention offers.
lawfulBasis: legitimate-interests
retention: P30D
`,
        'services/billing/cache.ts': `import Redis from 'ioredis';
const redis = new Redis();
export async function cacheInvoice(id: string, total: number) {
  await redis.set(\`invoice:\${id}\`, String(total), 'EX', 60 * 60 * 24 * 365);
}
`,
      },
    },
    {
      name: 'Redis EX equal to the spec',
      files: churn('P30D', `/** @profiling churn-propensity */
export async function cache(redis: any, id: string, churnScore: number) {
  await redis.set(\`churn:\${id}\`, String(churnScore), 'EX', 60 * 60 * 24 * 30);
}
`),
    },
    {
      name: 'Redis EX shorter than the spec',
      files: churn('P180D', `/** @profiling churn-propensity */
export async function cache(redis: any, id: string, churnScore: number) {
  await redis.set(\`churn:\${id}\`, String(churnScore), { EX: 3600 });
}
`),
    },
    {
      name: 'a calendar month against P1M',
      files: churn('P1M', `import ms from 'ms';
/** @profiling churn-propensity */
export async function cache(redis: any, id: string, churnScore: number) {
  await redis.set(\`churn:\${id}\`, String(churnScore), 'PX', ms('31d'));
}
`),
    },
    {
      name: 'an expiry from configuration is not guessed',
      files: churn('P30D', `import { settings } from './settings';
/** @profiling churn-propensity */
export async function cache(redis: any, id: string, churnScore: number) {
  await redis.set(\`churn:\${id}\`, String(churnScore), 'EX', settings.churnTtl);
}
`),
    },
    {
      name: 'a duration passed as a parameter is not guessed',
      files: churn('P30D', `/** @profiling churn-propensity */
export async function cache(redis: any, id: string, churnScore: number, ttlSeconds: number) {
  await redis.setex(\`churn:\${id}\`, ttlSeconds, String(churnScore));
}
`),
    },
    {
      name: 'code without @profiling is not held against a spec',
      files: churn('P30D', `export async function cache(redis: any, id: string, churnScore: number) {
  await redis.set(\`churn:\${id}\`, String(churnScore), 'EX', 60 * 60 * 24 * 365);
}
`),
    },
    {
      name: 'a spec without retention is the spec rule’s concern',
      files: {
        [specFile]: spec('churn-propensity'),
        [codeFile]: `/** @profiling churn-propensity */
export async function cache(redis: any, id: string, churnScore: number) {
  await redis.set(\`churn:\${id}\`, String(churnScore), 'EX', 60 * 60 * 24 * 365);
}
`,
      },
    },
    {
      name: 'an unlimited spec retention is the spec rule’s concern',
      files: churn('unlimited', `/** @profiling churn-propensity */
export async function cache(redis: any, id: string, churnScore: number) {
  await redis.set(\`churn:\${id}\`, String(churnScore));
}
`),
    },
    {
      name: '@retention within the spec',
      files: churn('P1Y', `/**
 * @profiling churn-propensity
 * @retention 180d
 */
export async function save(prisma: any, userId: string, value: number) {
  await prisma.churnPrediction.create({ data: { userId, value } });
}
`),
    },
    {
      name: '@retention documents a deletion for a write without expiry',
      files: churn('P30D', `/**
 * @profiling churn-propensity
 * @retention 30 days (purged by the churn-cache sweeper)
 */
export async function cache(redis: any, id: string, churnScore: number) {
  await redis.set(\`churn:\${id}\`, String(churnScore));
}
`),
    },
    {
      name: 'ORM rows are deleted by jobs profilint cannot see',
      files: churn('P30D', `/** @profiling churn-propensity */
export async function save(prisma: any, userId: string, value: number) {
  await prisma.churnPrediction.create({ data: { userId, value } });
}
`),
    },
    {
      name: 'sessionStorage ends with the tab',
      files: churn('P30D', `/** @profiling churn-propensity */
export function remember(segment: string) {
  sessionStorage.setItem('segment', segment);
}
`),
    },
    {
      name: 'MongoDB TTL index within the spec',
      files: {
        ...churn('P90D', `/** @profiling churn-propensity */
export async function save(db: any, userId: string, score: number) {
  await db.collection('churn_scores').insertOne({ userId, score, at: new Date() });
}
`),
        'src/db/indexes.ts': `export async function ensureIndexes(db: any) {
  await db.collection('churn_scores').createIndex({ at: 1 }, { expireAfterSeconds: 60 * 60 * 24 * 90 });
}
`,
      },
    },
    {
      name: 'MongoDB TTL index with an unevaluable period',
      files: {
        ...churn('P30D', `/** @profiling churn-propensity */
export async function save(db: any, userId: string, score: number) {
  await db.collection('churn_scores').insertOne({ userId, score, at: new Date() });
}
`),
        'src/db/indexes.ts': `import { env } from './env';
export async function ensureIndexes(db: any) {
  await db.collection('churn_scores').createIndex({ at: 1 }, { expireAfterSeconds: env.TTL });
}
`,
      },
    },
    {
      name: 'Express maxAge counts milliseconds',
      files: churn('P1D', `/** @profiling churn-propensity */
export function remember(res: any, segment: string) {
  res.cookie('segment', segment, { maxAge: 2_592_000 });
}
`),
    },
    {
      name: 'js-cookie expires within the spec',
      files: churn('P30D', `import Cookies from 'js-cookie';
/** @profiling churn-propensity */
export function remember(segment: string) {
  Cookies.set('segment', segment, { expires: 7 });
}
`),
    },
    {
      name: 'SageMaker TtlDuration within the spec',
      files: churn('P30D', `import { PutRecordCommand } from '@aws-sdk/client-sagemaker-featurestore-runtime';
/** @profiling churn-propensity */
export async function push(client: any, record: any[]) {
  await client.send(new PutRecordCommand({ FeatureGroupName: 'churn', Record: record, TtlDuration: { Unit: 'Days', Value: 30 } }));
}
`),
    },
    {
      name: 'pipeline names match case-insensitively',
      files: churn('P30D', `/** @profiling Churn-Propensity */
export async function cache(redis: any, id: string, churnScore: number) {
  await redis.set(\`churn:\${id}\`, String(churnScore), 'EX', 3600);
}
`),
    },
    {
      name: 'EXAT is an absolute time profilint does not evaluate',
      files: churn('P30D', `/** @profiling churn-propensity */
export async function cache(redis: any, id: string, churnScore: number, until: number) {
  await redis.set(\`churn:\${id}\`, String(churnScore), 'EXAT', until);
}
`),
    },
    {
      name: 'KEEPTTL keeps the expiry the key already has',
      files: churn('P30D', `/** @profiling churn-propensity */
export async function update(redis: any, id: string, churnScore: number) {
  await redis.set(\`churn:\${id}\`, String(churnScore), 'KEEPTTL');
}
`),
    },
    {
      name: 'EXPIRE after the write within the spec',
      files: churn('P7D', `/** @profiling churn-propensity */
export async function cache(redis: any, id: string, churnScore: number) {
  const key = \`churn:\${id}\`;
  await redis.hset(key, { churnScore });
  await redis.expire(key, 60 * 60 * 24 * 7);
}
`),
    },
    {
      name: 'the nearest @profiling tag wins',
      files: {
        [specFile]: spec('churn-propensity', 'P7D'),
        'specs/ltv.profiling.yaml': spec('lifetime-value', 'P2Y'),
        [codeFile]: `/**
 * @profiling churn-propensity
 */
import { redis } from './redis';

/** @profiling lifetime-value */
export async function cacheLtv(id: string, ltv: number) {
  await redis.set(\`ltv:\${id}\`, String(ltv), 'EX', 60 * 60 * 24 * 365);
}
`,
      },
    },
    {
      name: 'spec and code in distant folders',
      files: {
        'compliance/privacy/specs/churn.profiling.yaml': spec('churn-propensity', 'P90D'),
        'packages/app/src/features/churn/cache.ts': `/** @profiling churn-propensity */
export async function cache(redis: any, id: string, churnScore: number) {
  await redis.set(\`churn:\${id}\`, String(churnScore), 'EX', 60 * 60 * 24 * 60);
}
`,
      },
    },
    {
      name: 'a linked function that stores nothing',
      files: churn('P30D', `/** @profiling churn-propensity */
export function churnFeatures(customer: { tenure: number }) {
  return [customer.tenure];
}
`),
    },
    {
      name: 'a fixed calendar expiry date is not evaluated',
      files: churn('P30D', `/** @profiling churn-propensity */
export function remember(res: any, segment: string) {
  res.cookie('segment', segment, { expires: new Date('2030-01-01') });
}
`),
    },
    {
      name: 'a user-defined ttl without a unit is not evaluated',
      files: churn('P30D', `/** @profiling churn-propensity */
export async function remember(profileCache: any, id: string, value: object) {
  await profileCache.put(id, value, { ttl: 999999 });
}
`),
      config: { vocabulary: { stores: ['profileCache.put'] } },
    },
    {
      name: 'document.cookie max-age within the spec',
      files: churn('P30D', `/** @profiling churn-propensity */
export function remember(segment: string) {
  document.cookie = 'segment=' + segment + '; max-age=86400';
}
`),
    },
    {
      name: 'a spec without any tagged code',
      files: churn('P30D', `export const version = 1;
`),
    },
    {
      name: 'Next.js maxAge within the spec in seconds',
      files: churn('P30D', `import { cookies } from 'next/headers';
/** @profiling churn-propensity */
export async function remember(segment: string) {
  (await cookies()).set('segment', segment, { maxAge: 60 * 60 * 24 * 30 });
}
`),
    },
    {
      name: 'a named constant within the spec',
      files: churn('P30D', `const CHURN_TTL_SECONDS = 7 * 24 * 60 * 60;
/** @profiling churn-propensity */
export async function cache(redis: any, id: string, churnScore: number) {
  await redis.set(\`churn:\${id}\`, String(churnScore), { EX: CHURN_TTL_SECONDS });
}
`),
    },
    {
      name: 'a constant reassigned in two scopes is ambiguous and not guessed',
      files: churn('P30D', `/** @profiling churn-propensity */
export async function cache(redis: any, id: string, churnScore: number) {
  const TTL = 60 * 60 * 24 * 365;
  await redis.set(\`churn:\${id}\`, String(churnScore), { EX: TTL });
}
export function other() {
  const TTL = 1;
  return TTL;
}
`),
    },
    {
      name: 'the cookies package counts milliseconds',
      files: churn('P1D', `import Cookies from 'cookies';
/** @profiling churn-propensity */
export function remember(req: any, res: any, segment: string) {
  const cookies = new Cookies(req, res);
  cookies.set('segment', segment, { maxAge: 2_592_000 });
}
`),
    },
  ],
  invalid: [
    {
      name: 'code claimed by the spec through profiling.paths, with no tag, keeps a score for a year',
      files: {
        'specs/churn.profiling.yaml': `profilint: 1
pipeline: churn-propensity
profiling:
  paths: ['services/churn/**']
owner: growth@example.com
purpose: Retention offers.
lawfulBasis: legitimate-interests
retention: P30D
`,
        'services/churn/cache.ts': `import Redis from 'ioredis';
const redis = new Redis();
export async function cacheScore(id: string, churnScore: number) {
  await redis.set(\`churn:\${id}\`, String(churnScore), 'EX', 60 * 60 * 24 * 365);
}
`,
      },
      errors: [{ file: 'services/churn/cache.ts', messageId: 'expiryExceedsSpec', line: 4 }],
    },
    {
      name: 'Redis EX of one year against P30D',
      files: churn('P30D', `import Redis from 'ioredis';
const redis = new Redis();
/** @profiling churn-propensity */
export async function cacheScore(id: string, churnScore: number) {
  await redis.set(\`churn:\${id}\`, String(churnScore), 'EX', 60 * 60 * 24 * 365);
}
`),
      errors: [
        {
          file: codeFile,
          messageId: 'expiryExceedsSpec',
          line: 5,
          column: 54,
          data: { callee: 'redis.set', duration: '1 year', retention: 'P30D', pipeline: 'churn-propensity' },
        },
      ],
    },
    {
      name: 'a named constant over the spec',
      files: churn('P30D', `const ONE_YEAR = 60 * 60 * 24 * 365;
/** @profiling churn-propensity */
export async function cache(redis: any, id: string, churnScore: number) {
  await redis.set(\`churn:\${id}\`, String(churnScore), { EX: ONE_YEAR });
}
`),
      errors: [{ file: codeFile, messageId: 'expiryExceedsSpec', line: 4, data: { expiry: 'EX: ONE_YEAR' } }],
    },
    {
      name: 'PX with ms() over the spec',
      files: churn('P30D', `import ms from 'ms';
/** @profiling churn-propensity */
export async function cache(redis: any, id: string, churnScore: number) {
  await redis.set(\`churn:\${id}\`, String(churnScore), 'PX', ms('90d'));
}
`),
      errors: [{ file: codeFile, messageId: 'expiryExceedsSpec', line: 4, data: { duration: '3 months' } }],
    },
    {
      name: 'SETEX of 60 days against P30D',
      files: churn('P30D', `/** @profiling churn-propensity */
export async function cache(redis: any, id: string, churnScore: number) {
  await redis.setex(\`churn:\${id}\`, 86400 * 60, String(churnScore));
}
`),
      errors: [{ file: codeFile, messageId: 'expiryExceedsSpec', line: 3, data: { duration: '2 months' } }],
    },
    {
      name: 'EXPIRE of a year after HSET',
      files: churn('P30D', `/** @profiling churn-propensity */
export async function cache(redis: any, id: string, churnScore: number) {
  await redis.hset(\`churn:\${id}\`, { churnScore });
  await redis.expire(\`churn:\${id}\`, 31_536_000);
}
`),
      errors: [{ file: codeFile, messageId: 'expiryExceedsSpec', line: 4 }],
    },
    {
      name: 'node-redis 5 expiration object',
      files: churn('P7D', `/** @profiling churn-propensity */
export async function cache(redisClient: any, redisKey: string, churnScore: number) {
  await redisClient.set(redisKey, String(churnScore), {
    expiration: { type: 'EX', value: 60 * 60 * 24 * 30 },
  });
}
`),
      errors: [{ file: codeFile, messageId: 'expiryExceedsSpec', line: 4 }],
    },
    {
      name: 'Express maxAge in milliseconds over P180D',
      files: churn('P180D', `/** @profiling churn-propensity */
export function remember(res: any, segment: string) {
  res.cookie('segment', segment, { maxAge: 400 * 24 * 60 * 60 * 1000 });
}
`),
      errors: [{ file: codeFile, messageId: 'expiryExceedsSpec', line: 3, data: { duration: '400 days' } }],
    },
    {
      name: 'Next.js maxAge counts seconds',
      files: churn('P1D', `import { cookies } from 'next/headers';
/** @profiling churn-propensity */
export async function remember(segment: string) {
  (await cookies()).set('segment', segment, { maxAge: 2_592_000 });
}
`),
      errors: [{ file: codeFile, messageId: 'expiryExceedsSpec', line: 4, data: { duration: '1 month' } }],
    },
    {
      name: 'js-cookie a year against six months',
      files: churn('6 months', `import Cookies from 'js-cookie';
/** @profiling churn-propensity */
export function remember(segment: string) {
  Cookies.set('segment', segment, { expires: 365 });
}
`),
      errors: [{ file: codeFile, messageId: 'expiryExceedsSpec', line: 4, data: { retention: '6 months' } }],
    },
    {
      name: 'document.cookie max-age of a year',
      files: churn('P30D', `/** @profiling churn-propensity */
export function remember(segment: string) {
  document.cookie = 'segment=' + segment + '; max-age=31536000; path=/';
}
`),
      errors: [{ file: codeFile, messageId: 'expiryExceedsSpec', line: 3 }],
    },
    {
      name: 'cookie expires computed from Date.now',
      files: churn('P30D', `/** @profiling churn-propensity */
export function remember(res: any, segment: string) {
  res.cookie('segment', segment, { expires: new Date(Date.now() + 90 * 24 * 3600 * 1000) });
}
`),
      errors: [{ file: codeFile, messageId: 'expiryExceedsSpec', line: 3 }],
    },
    {
      name: 'SageMaker TtlDuration in weeks',
      files: churn('P90D', `import { PutRecordCommand } from '@aws-sdk/client-sagemaker-featurestore-runtime';
/** @profiling churn-propensity */
export async function push(client: any, record: any[]) {
  await client.send(
    new PutRecordCommand({
      FeatureGroupName: 'churn',
      Record: record,
      TtlDuration: { Unit: 'Weeks', Value: 52 },
    }),
  );
}
`),
      errors: [{ file: codeFile, messageId: 'expiryExceedsSpec', line: 8 }],
    },
    {
      name: 'user-defined store with ttlDays',
      files: churn('P30D', `/** @profiling churn-propensity */
export async function remember(profileCache: any, id: string, value: object) {
  await profileCache.put(id, value, { ttlDays: 365 });
}
`),
      config: { vocabulary: { stores: ['profileCache.put'] } },
      errors: [{ file: codeFile, messageId: 'expiryExceedsSpec', line: 3 }],
    },
    {
      name: 'MongoDB TTL index of a year in another file',
      files: {
        ...churn('P30D', `/** @profiling churn-propensity */
export async function save(db: any, userId: string, score: number) {
  await db.collection('churn_scores').insertOne({ userId, score, at: new Date() });
}
`),
        'src/db/indexes.ts': `export async function ensureIndexes(db: any) {
  await db.collection('churn_scores').createIndex({ at: 1 }, { expireAfterSeconds: 365 * 86400 });
}
`,
      },
      errors: [{ file: codeFile, messageId: 'expiryExceedsSpec', line: 3, data: { expiry: 'TTL index on churn_scores' } }],
    },
    {
      name: '@retention tag longer than the spec',
      files: churn('P1Y', `/**
 * @profiling churn-propensity
 * @retention 2 years
 */
export async function save(prisma: any, userId: string, value: number) {
  await prisma.churnPrediction.create({ data: { userId, value } });
}
`),
      errors: [{ file: codeFile, messageId: 'tagExceedsSpec', line: 3, data: { value: '2 years', retention: 'P1Y' } }],
    },
    {
      name: '@retention with a remark after the period',
      files: churn('P1Y', `/**
 * @profiling churn-propensity
 * @retention 2y (legal hold for disputes)
 */
export async function save(prisma: any, userId: string, value: number) {
  await prisma.churnPrediction.create({ data: { userId, value } });
}
`),
      errors: [{ file: codeFile, messageId: 'tagExceedsSpec', line: 3, data: { duration: '2 years' } }],
    },
    {
      name: '@retention on a method under a module-level @profiling',
      files: churn('P90D', `/**
 * Churn model persistence.
 * @profiling churn-propensity
 */
import type { Db } from './db';

export class ChurnStore {
  /** @retention P1Y */
  async save(db: Db, userId: string, value: number) {
    await db.insertPrediction(userId, value);
  }
}
`),
      errors: [{ file: codeFile, messageId: 'tagExceedsSpec', line: 8 }],
    },
    {
      name: 'Redis write with no expiry under a spec',
      files: churn('P30D', `/** @profiling churn-propensity */
export async function cache(redis: any, id: string, churnScore: number) {
  await redis.set(\`churn:\${id}\`, String(churnScore));
}
`),
      errors: [{ file: codeFile, messageId: 'unboundedUnderSpec', line: 3, column: 9, data: { retention: 'P30D' } }],
    },
    {
      name: 'localStorage under a spec never expires',
      files: churn('P30D', `/** @profiling churn-propensity */
export function remember(churnScore: number) {
  localStorage.setItem('churnScore', String(churnScore));
}
`),
      errors: [{ file: codeFile, messageId: 'unboundedUnderSpec', line: 3, data: { callee: 'localStorage.setItem' } }],
    },
    {
      name: 'cookie without an expiry under a spec',
      files: churn('P30D', `/** @profiling churn-propensity */
export function remember(res: any, segment: string) {
  res.cookie('segment', segment, { httpOnly: true });
}
`),
      errors: [{ file: codeFile, messageId: 'unboundedUnderSpec', line: 3 }],
    },
    {
      name: 'Feast push under a spec',
      files: churn('P30D', `/** @profiling churn-propensity */
export async function push(rows: object) {
  await fetch(\`\${process.env.FEAST_URL}/push\`, {
    method: 'POST',
    body: JSON.stringify({ push_source_name: 'churn_push', df: rows }),
  });
}
`),
      errors: [{ file: codeFile, messageId: 'unboundedUnderSpec', line: 3 }],
    },
    {
      name: 'MongoDB insert without a TTL index under a spec',
      files: churn('P30D', `/** @profiling churn-propensity */
export async function save(db: any, userId: string, score: number) {
  await db.collection('churn_scores').insertOne({ userId, score });
}
`),
      errors: [{ file: codeFile, messageId: 'unboundedUnderSpec', line: 3 }],
    },
    {
      name: '@profiling on a function names no spec',
      code: `/** @profiling churn-model */
export function score(customer: { tenure: number }) {
  return customer.tenure > 12 ? 0.1 : 0.6;
}
`,
      errors: [{ messageId: 'unknownPipeline', line: 1, column: 5, data: { pipeline: 'churn-model' } }],
    },
    {
      name: '@profiling at module level names no spec',
      code: `/**
 * Lead scoring.
 * @profiling lead-scoring
 */
import { model } from './model';

export const scoreLead = (lead: object) => model.predict(lead);
`,
      errors: [{ messageId: 'unknownPipeline', line: 3, data: { pipeline: 'lead-scoring' } }],
    },
    {
      name: '@profiling on a class names no spec, reported once',
      code: `/** @profiling segment-builder */
export class SegmentBuilder {
  build() {
    return [];
  }
  refresh() {
    return [];
  }
}
`,
      errors: [{ messageId: 'unknownPipeline', line: 1 }],
    },
    {
      name: 'a misspelt pipeline next to a real spec',
      files: churn('P30D', `/** @profiling churn-propensty */
export async function cache(redis: any, id: string, churnScore: number) {
  await redis.set(\`churn:\${id}\`, String(churnScore), 'EX', 60);
}
`),
      errors: [{ file: codeFile, messageId: 'unknownPipeline', line: 1, data: { pipeline: 'churn-propensty' } }],
    },
    {
      name: 'only the write over the spec is reported',
      files: churn('P30D', `/** @profiling churn-propensity */
export async function cache(redis: any, id: string, churnScore: number, segment: string) {
  await redis.set(\`churn:\${id}\`, String(churnScore), 'EX', 60 * 60 * 24 * 7);
  await redis.set(\`segment:\${id}\`, segment, 'EX', 60 * 60 * 24 * 90);
}
`),
      errors: [{ file: codeFile, messageId: 'expiryExceedsSpec', line: 4 }],
    },
    {
      name: 'prose spec retention against a year',
      files: churn('6 months', `/** @profiling churn-propensity */
export async function cache(redis: any, id: string, churnScore: number) {
  await redis.set(\`churn:\${id}\`, String(churnScore), 'EX', 31536000);
}
`),
      errors: [{ file: codeFile, messageId: 'expiryExceedsSpec', line: 3 }],
    },
    {
      name: 'class-level @profiling governs its methods',
      files: churn('P30D', `/** @profiling churn-propensity */
export class ChurnCache {
  constructor(private readonly redis: any) {}

  async save(id: string, churnScore: number) {
    await this.redis.set(\`churn:\${id}\`, String(churnScore), 'EX', 60 * 60 * 24 * 120);
  }
}
`),
      errors: [{ file: codeFile, messageId: 'expiryExceedsSpec', line: 6 }],
    },
    {
      name: 'a callback inside a governed function',
      files: churn('P30D', `/** @profiling churn-propensity */
export async function cacheAll(redis: any, scores: Map<string, number>) {
  await Promise.all([...scores].map(([id, churnScore]) => redis.set(\`churn:\${id}\`, String(churnScore), 'EX', 8_640_000)));
}
`),
      errors: [{ file: codeFile, messageId: 'expiryExceedsSpec', line: 3 }],
    },
    {
      name: 'an enum member duration',
      files: churn('P30D', `enum Ttl {
  Day = 86400,
  Quarter = 90 * 86400,
}
/** @profiling churn-propensity */
export async function cache(redis: any, id: string, churnScore: number) {
  await redis.set(\`churn:\${id}\`, String(churnScore), 'EX', Ttl.Quarter);
}
`),
      errors: [{ file: codeFile, messageId: 'expiryExceedsSpec', line: 7 }],
    },
    {
      name: 'a member of a const object',
      files: churn('P30D', `const TTL = { segment: 60 * 60 * 24 * 45, session: 3600 } as const;
/** @profiling churn-propensity */
export async function cache(redis: any, id: string, segment: string) {
  await redis.set(\`segment:\${id}\`, segment, { EX: TTL.segment });
}
`),
      errors: [{ file: codeFile, messageId: 'expiryExceedsSpec', line: 4 }],
    },
    {
      name: 'seconds computed from ms()',
      files: churn('P6M', `import ms from 'ms';
/** @profiling churn-propensity */
export async function cache(redis: any, id: string, churnScore: number) {
  await redis.set(\`churn:\${id}\`, String(churnScore), 'EX', Math.floor(ms('1y') / 1000));
}
`),
      errors: [{ file: codeFile, messageId: 'expiryExceedsSpec', line: 4 }],
    },
    {
      name: 'Koa maxAge in milliseconds',
      files: churn('P30D', `/** @profiling churn-propensity */
export async function remember(ctx: any, segment: string) {
  ctx.cookies.set('segment', segment, { maxAge: 1000 * 60 * 60 * 24 * 60 });
}
`),
      errors: [{ file: codeFile, messageId: 'expiryExceedsSpec', line: 3 }],
    },
    {
      name: 'the cookies package over the spec',
      files: churn('P30D', `import Cookies from 'cookies';
/** @profiling churn-propensity */
export function remember(req: any, res: any, segment: string) {
  const cookies = new Cookies(req, res);
  cookies.set('segment', segment, { maxAge: 60 * 24 * 60 * 60 * 1000 });
}
`),
      errors: [{ file: codeFile, messageId: 'expiryExceedsSpec', line: 5, data: { duration: '2 months' } }],
    },
    {
      name: 'Hono maxAge in seconds',
      files: churn('P30D', `import { setCookie } from 'hono/cookie';
/** @profiling churn-propensity */
export function remember(c: any, segment: string) {
  setCookie(c, 'segment', segment, { maxAge: 60 * 60 * 24 * 400 });
}
`),
      errors: [{ file: codeFile, messageId: 'expiryExceedsSpec', line: 4 }],
    },
  ],
});

describe('examples/shop retention files', () => {
  it('report the uncached profile and the mismatch, and leave the bounded cookie alone', async () => {
    const root = path.resolve(import.meta.dirname, '../../examples/shop');
    const files = ['specs/recommendations.profiling.yaml', ...readdirSync(path.join(root, 'src/retention')).map((name) => `src/retention/${name}`)];
    const findings = await findingsInFiles(
      ['retention-mismatch', 'undocumented-retention'],
      Object.fromEntries(files.map((file) => [file, readFileSync(path.join(root, file), 'utf8')])),
    );
    expect(findings.map((finding) => `${finding.ruleId} ${finding.messageId} ${finding.file}:${finding.line}`)).toEqual([
      'undocumented-retention unboundedStoreWrite src/retention/profile-cache.ts:14',
      'retention-mismatch expiryExceedsSpec src/retention/recommendations-cache.ts:10',
    ]);
  });
});

describe('related locations', () => {
  it('point at the spec retention key, and at the TTL index that keeps data too long', async () => {
    const [finding] = await findingsOf('retention-mismatch', {
      name: 'related',
      files: {
        ...churn('P30D', `/** @profiling churn-propensity */
export async function save(db: any, userId: string, score: number) {
  await db.collection('churn_scores').insertOne({ userId, score });
}
`),
        'src/db/indexes.ts': `export async function ensureIndexes(db: any) {
  await db.collection('churn_scores').createIndex({ at: 1 }, { expireAfterSeconds: 365 * 86400 });
}
`,
      },
    });
    expect(finding?.related).toEqual([
      { file: specFile, line: 6, column: 1, message: 'Spec `churn-propensity` sets `retention: P30D`.' },
      { file: 'src/db/indexes.ts', line: 2, column: 9, message: 'The TTL index.' },
    ]);
  });
});
