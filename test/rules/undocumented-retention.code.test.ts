import { runRuleTests } from '../helpers/rule-tester.js';

// The code side of `undocumented-retention`: store writes of profile data that nothing bounds or documents.

const recommendationsSpec = `profilint: 1
pipeline: recommendations
owner: personalisation@acme.example
purpose: Recommend products from browsing history.
lawfulBasis: consent
retention: P90D
`;

runRuleTests('undocumented-retention', {
  valid: [
    {
      name: 'ioredis SET with EX seconds',
      code: `import Redis from 'ioredis';
const redis = new Redis();
export async function cacheScore(id: string, churnScore: number) {
  await redis.set(\`churn:\${id}\`, String(churnScore), 'EX', 3600);
}
`,
    },
    {
      name: 'node-redis SET with an EX option',
      code: `import { createClient } from 'redis';
const client = createClient();
export async function cacheSegment(id: string, segment: string) {
  await client.set(\`segment:\${id}\`, segment, { EX: 60 * 60 * 24 });
}
`,
    },
    {
      name: 'Upstash SET with a lower-case ex option',
      code: `import { Redis } from '@upstash/redis';
const redis = Redis.fromEnv();
export async function cachePersona(id: string, persona: string) {
  await redis.set(\`persona:\${id}\`, persona, { ex: 600 });
}
`,
    },
    {
      name: 'SET with PX milliseconds',
      code: `export async function cacheAudience(redis: any, id: string, audience: string) {
  await redis.set('audience:' + id, audience, 'PX', 86_400_000);
}
`,
    },
    {
      name: 'SETEX carries its expiry',
      code: `export async function cachePrediction(redis: any, id: string, prediction: number) {
  await redis.setex(\`prediction:\${id}\`, 86400, String(prediction));
}
`,
    },
    {
      name: 'SET followed by EXPIRE on the same key',
      code: `export async function cacheProfile(redis: any, id: string, profile: object) {
  const key = \`profile:\${id}\`;
  await redis.set(key, JSON.stringify(profile));
  await redis.expire(key, 3600);
}
`,
    },
    {
      name: 'MULTI chain with EXPIRE',
      code: `export async function cacheTraits(redis: any, id: string, traits: object) {
  await redis.multi().set(\`traits:\${id}\`, JSON.stringify(traits)).expire(\`traits:\${id}\`, 600).exec();
}
`,
    },
    {
      name: 'HSET then EXPIRE',
      code: `export async function cacheScores(redis: any, id: string, scores: Record<string, number>) {
  await redis.hset(\`scores:\${id}\`, scores);
  await redis.expire(\`scores:\${id}\`, 86400);
}
`,
    },
    {
      name: 'a session id in Redis is not profile data',
      code: `export async function saveSession(redis: any, sessionId: string, userId: string) {
  await redis.set(\`session:\${sessionId}\`, userId);
}
`,
    },
    {
      name: 'a Map is not a store',
      code: `export function tally(ids: string[]) {
  const scores = new Map<string, number>();
  for (const id of ids) scores.set(id, 1);
  return scores;
}
`,
    },
    {
      name: 'reading a profile from Redis keeps nothing',
      code: `export async function readProfile(redis: any, id: string) {
  return redis.get(\`profile:\${id}\`);
}
`,
    },
    {
      name: 'a theme preference in localStorage',
      code: `export function saveTheme(theme: 'light' | 'dark') {
  localStorage.setItem('theme', theme);
}
`,
    },
    {
      name: 'sessionStorage ends with the tab',
      code: `export function rememberSegment(segment: string) {
  sessionStorage.setItem('segment', segment);
}
`,
    },
    {
      name: '@retention on the function documents a localStorage write',
      code: `/** Cleared by the nightly purge. @retention 30d */
export function rememberSegment(segment: string) {
  localStorage.setItem('segment', segment);
}
`,
    },
    {
      name: '@retention on the class covers its methods',
      code: `/**
 * Local cache of recommendations.
 * @retention 7 days
 */
export class RecommendationCache {
  save(recommendations: string[]) {
    localStorage.setItem('recommendations', JSON.stringify(recommendations));
  }
}
`,
    },
    {
      name: 'module-level @retention',
      code: `/**
 * Client-side profile cache, purged on logout and after 30 days.
 * @retention P30D
 */
import { api } from './api';

export async function refreshPersona() {
  localStorage.setItem('persona', await api.persona());
}
`,
    },
    {
      name: '@profiling links the write to a spec in another folder',
      files: {
        'compliance/specs/recommendations.profiling.yaml': recommendationsSpec,
        'packages/web/src/recommendations/cache.ts': `/** @profiling recommendations */
export async function cacheRecommendations(redis: any, id: string, recommendations: string[]) {
  await redis.set(\`recommendations:\${id}\`, JSON.stringify(recommendations));
}
`,
      },
    },
    {
      name: 'a session cookie without maxAge holding a session id',
      code: `export function login(res: any, sessionId: string) {
  res.cookie('sid', sessionId, { httpOnly: true });
}
`,
    },
    {
      name: 'Express cookie with a 30-day maxAge in milliseconds',
      code: `export function rememberSegment(res: any, segment: string) {
  res.cookie('segment', segment, { maxAge: 30 * 24 * 60 * 60 * 1000 });
}
`,
    },
    {
      name: 'Next.js cookie with a 30-day maxAge in seconds',
      code: `import { cookies } from 'next/headers';
export async function rememberAudience(audience: string) {
  (await cookies()).set('audience', audience, { maxAge: 60 * 60 * 24 * 30 });
}
`,
    },
    {
      name: 'js-cookie expires counts days',
      code: `import Cookies from 'js-cookie';
export function rememberCohort(cohort: string) {
  Cookies.set('cohort', cohort, { expires: 30 });
}
`,
    },
    {
      name: 'document.cookie with max-age',
      code: `export function rememberSegment(segment: string) {
  document.cookie = 'segment=' + segment + '; max-age=2592000; path=/';
}
`,
    },
    {
      name: 'a cookie kept exactly one year stays under 13 months',
      code: `export function rememberPersona(res: any, persona: string) {
  res.cookie('persona', persona, { maxAge: 365 * 24 * 3600 * 1000 });
}
`,
    },
    {
      name: 'a maxAge from configuration is not guessed',
      code: `import { config } from './config';
export function rememberSegment(res: any, segment: string) {
  res.cookie('segment', segment, { maxAge: config.segmentCookieMaxAge });
}
`,
    },
    {
      name: 'reading document.cookie keeps nothing',
      code: `export function readSegment() {
  return document.cookie.split('; ').find((part) => part.startsWith('segment='));
}
`,
    },
    {
      name: 'MongoDB collection with a TTL index in another file',
      files: {
        'src/db/indexes.ts': `export async function createIndexes(db: any) {
  await db.collection('scores').createIndex({ createdAt: 1 }, { expireAfterSeconds: 60 * 60 * 24 * 90 });
}
`,
        'src/scoring/save.ts': `export async function saveScore(db: any, userId: string, score: number) {
  await db.collection('scores').insertOne({ userId, score, createdAt: new Date() });
}
`,
      },
    },
    {
      name: 'an order row is a primary record',
      code: `export async function placeOrder(db: any, order: { id: string; total: number }) {
  await db.collection('orders').insertOne(order);
}
`,
    },
    {
      name: 'prisma.order.create is a primary record',
      code: `export async function placeOrder(prisma: any, total: number) {
  return prisma.order.create({ data: { total } });
}
`,
    },
    {
      name: 'a Profile table is what the person typed',
      code: `export async function saveProfile(prisma: any, displayName: string) {
  return prisma.profile.create({ data: { displayName } });
}
`,
    },
    {
      name: 'prisma write of scores documented by @retention',
      code: `/** @retention 180d (deleted by the scores-purge job) */
export async function saveScore(prisma: any, userId: string, value: number) {
  return prisma.customerScore.create({ data: { userId, value } });
}
`,
    },
    {
      name: 'SageMaker PutRecord with TtlDuration',
      code: `import { PutRecordCommand } from '@aws-sdk/client-sagemaker-featurestore-runtime';
export async function pushFeatures(client: any, record: any[]) {
  await client.send(new PutRecordCommand({ FeatureGroupName: 'customers', Record: record, TtlDuration: { Unit: 'Days', Value: 30 } }));
}
`,
    },
    {
      name: 'user-defined store write with a ttl option',
      code: `export async function remember(profileCache: any, id: string, value: object) {
  await profileCache.put(id, value, { ttlSeconds: 3600 });
}
`,
      config: { vocabulary: { stores: ['profileCache.put'] } },
    },
    {
      name: 'Drizzle insert into orders',
      code: `import { orders } from './schema';
export async function placeOrder(db: any, total: number) {
  await db.insert(orders).values({ total });
}
`,
    },
    {
      name: 'a high score is a false friend',
      code: `export async function saveHighScore(redis: any, player: string, highScore: number) {
  await redis.set(\`highScore:\${player}\`, String(highScore));
}
`,
    },
    {
      name: 'a sensitive attribute in Redis is not browser storage',
      code: `export async function cacheIntake(redis: any, id: string, healthCondition: string) {
  await redis.set(\`intake:\${id}\`, healthCondition);
}
`,
    },
    {
      name: 'a sensitive attribute in a cookie bounded to a day',
      code: `export function rememberReligion(res: any, religion: string) {
  res.cookie('religion', religion, { maxAge: 24 * 60 * 60 * 1000 });
}
`,
    },
    {
      name: 'a derived field set on a primary record follows that record',
      code: `export async function markChurnRisk(db: any, userId: string, churnScore: number) {
  await db.collection('users').updateOne({ _id: userId }, { $set: { churnScore } });
}
`,
    },
    {
      name: 'a dbt model describing the table documents the write',
      files: {
        'analytics/models/marts/schema.yml': `version: 2
models:
  - name: customer_scores
    config:
      meta:
        owner: analytics@acme.example
        retention: 1 year
    columns:
      - name: customer_id
      - name: score
`,
        'src/scoring/save.ts': `export async function saveScore(prisma: any, customerId: string, value: number) {
  return prisma.customerScore.create({ data: { customerId, value } });
}
`,
      },
    },
    {
      name: 'universal-cookie maxAge in seconds within 13 months',
      code: `import Cookies from 'universal-cookie';
const cookies = new Cookies();
export function remember(persona: string) {
  cookies.set('persona', persona, { maxAge: 60 * 60 * 24 * 365 });
}
`,
    },
  ],
  invalid: [
    {
      name: 'ioredis SET of a profile without expiry',
      code: `import Redis from 'ioredis';
const redis = new Redis();
export async function cacheProfile(id: string, profile: object) {
  await redis.set(\`profile:\${id}\`, JSON.stringify(profile));
}
`,
      errors: [{ messageId: 'unboundedStoreWrite', line: 4, column: 9, data: { callee: 'redis.set', subject: 'profile:…' } }],
    },
    {
      name: 'churn score in Redis without expiry',
      code: `export async function cacheChurn(redis: any, id: string, churnScore: number) {
  await redis.set('churn:' + id, String(churnScore));
}
`,
      errors: [{ messageId: 'unboundedStoreWrite', line: 2, data: { what: 'profile data (churn)' } }],
    },
    {
      name: 'node-redis client from createClient',
      code: `import { createClient } from 'redis';
const cache = createClient();
export async function cacheSegment(id: string, segment: string) {
  await cache.set(\`segment:\${id}\`, segment);
}
`,
      errors: [{ messageId: 'unboundedStoreWrite', line: 4 }],
    },
    {
      name: 'HSET of segments without EXPIRE',
      code: `export async function cacheSegments(redis: any, id: string, segments: Record<string, string>) {
  await redis.hset(\`segments:\${id}\`, segments);
}
`,
      errors: [{ messageId: 'unboundedStoreWrite', line: 2, data: { callee: 'redis.hset' } }],
    },
    {
      name: 'HMSET of traits',
      code: `export async function cacheTraits(redisClient: any, id: string, inferredTraits: object) {
  await redisClient.hmset('u:' + id, inferredTraits);
}
`,
      errors: [{ messageId: 'unboundedStoreWrite', line: 2 }],
    },
    {
      name: 'RedisJSON set of a profile',
      code: `export async function cacheProfile(redis: any, id: string, profile: object) {
  await redis.json.set(\`profile:\${id}\`, '$', profile);
}
`,
      errors: [{ messageId: 'unboundedStoreWrite', line: 2, data: { callee: 'redis.json.set' } }],
    },
    {
      name: 'MULTI chain without EXPIRE',
      code: `export async function cacheSegment(redis: any, id: string, segment: string) {
  await redis.multi().set('segment:' + id, segment).exec();
}
`,
      errors: [{ messageId: 'unboundedStoreWrite', line: 2 }],
    },
    {
      name: 'EXPIRE of another key does not bound the write',
      code: `export async function cacheAudience(redis: any, id: string, audience: string) {
  await redis.set(\`audience:\${id}\`, audience);
  await redis.expire(\`session:\${id}\`, 60);
}
`,
      errors: [{ messageId: 'unboundedStoreWrite', line: 2 }],
    },
    {
      name: 'Vercel KV import',
      code: `import { kv } from '@vercel/kv';
export async function cachePersona(id: string, persona: string) {
  await kv.set(\`persona:\${id}\`, persona);
}
`,
      errors: [{ messageId: 'unboundedStoreWrite', line: 3 }],
    },
    {
      name: 'class method writing predictions through this.redis',
      code: `export class PredictionCache {
  constructor(private readonly redis: any) {}

  async save(id: string, prediction: number) {
    await this.redis.set(\`prediction:\${id}\`, prediction);
  }
}
`,
      errors: [{ messageId: 'unboundedStoreWrite', line: 5, data: { callee: 'this.redis.set' } }],
    },
    {
      name: 'localStorage keeps a segment forever',
      code: `export function rememberSegment(segment: string) {
  localStorage.setItem('segment', segment);
}
`,
      errors: [{ messageId: 'localStorageWrite', line: 2, column: 3, data: { callee: 'localStorage.setItem', subject: 'segment' } }],
    },
    {
      name: 'window.localStorage with an audience',
      code: `export function rememberAudience(audience: string) {
  window.localStorage.setItem('audience', audience);
}
`,
      errors: [{ messageId: 'localStorageWrite', line: 2, data: { callee: 'window.localStorage.setItem' } }],
    },
    {
      name: 'localStorage element assignment',
      code: `export function rememberScore(churnScore: number) {
  localStorage['churnScore'] = String(churnScore);
}
`,
      errors: [{ messageId: 'localStorageWrite', line: 2 }],
    },
    {
      name: 'localStorage property assignment',
      code: `export function rememberPersona(persona: string) {
  localStorage.persona = persona;
}
`,
      errors: [{ messageId: 'localStorageWrite', line: 2 }],
    },
    {
      name: 'Express cookie without maxAge',
      code: `export function rememberSegment(res: any, segment: string) {
  res.cookie('segment', segment);
}
`,
      errors: [{ messageId: 'unboundedStoreWrite', line: 2, data: { callee: 'res.cookie' } }],
    },
    {
      name: 'Express cookie options without an expiry',
      code: `export function rememberAudience(res: any, audience: string) {
  res.cookie('audience', audience, { httpOnly: true, sameSite: 'lax' });
}
`,
      errors: [{ messageId: 'unboundedStoreWrite', line: 2 }],
    },
    {
      name: 'Express cookie kept two years',
      code: `const TWO_YEARS_MS = 2 * 365 * 24 * 60 * 60 * 1000;
export function rememberPersona(res: any, persona: string) {
  res.cookie('persona', persona, {
    httpOnly: true,
    maxAge: TWO_YEARS_MS,
  });
}
`,
      errors: [{ messageId: 'cookieTooLong', line: 5, data: { duration: '2 years', maxDays: '395' } }],
    },
    {
      name: 'Next.js cookie maxAge in seconds over 13 months',
      code: `import { cookies } from 'next/headers';
export async function rememberSegment(segment: string) {
  (await cookies()).set('segment', segment, { maxAge: 60 * 60 * 24 * 500 });
}
`,
      errors: [{ messageId: 'cookieTooLong', line: 3, data: { duration: '500 days' } }],
    },
    {
      name: 'js-cookie expires in days over 13 months',
      code: `import Cookies from 'js-cookie';
export function rememberCohort(cohort: string) {
  Cookies.set('cohort', cohort, { expires: 730 });
}
`,
      errors: [{ messageId: 'cookieTooLong', line: 3, data: { duration: '2 years' } }],
    },
    {
      name: 'document.cookie without max-age',
      code: `export function rememberSegment(segment: string) {
  document.cookie = \`segment=\${segment}; path=/\`;
}
`,
      errors: [{ messageId: 'unboundedStoreWrite', line: 2, data: { callee: 'document.cookie', subject: 'segment' } }],
    },
    {
      name: 'document.cookie max-age of two years',
      code: `export function rememberAudience(audience: string) {
  document.cookie = 'audience=' + audience + '; max-age=63072000';
}
`,
      errors: [{ messageId: 'cookieTooLong', line: 2 }],
    },
    {
      name: 'Koa cookie without maxAge',
      code: `export async function remember(ctx: any, propensity: number) {
  ctx.cookies.set('propensity', String(propensity), { signed: true });
}
`,
      errors: [{ messageId: 'unboundedStoreWrite', line: 2, data: { callee: 'ctx.cookies.set' } }],
    },
    {
      name: 'cookie expires computed from Date.now over 13 months',
      code: `export function rememberSegment(res: any, segment: string) {
  res.cookie('segment', segment, { expires: new Date(Date.now() + 1000 * 60 * 60 * 24 * 400) });
}
`,
      errors: [{ messageId: 'cookieTooLong', line: 2, data: { duration: '400 days' } }],
    },
    {
      name: 'Fastify setCookie maxAge in seconds over 13 months',
      code: `export async function handler(request: any, reply: any) {
  reply.setCookie('segment', request.segment, { maxAge: 60 * 60 * 24 * 450 });
}
`,
      errors: [{ messageId: 'cookieTooLong', line: 2 }],
    },
    {
      name: 'Hono setCookie without an expiry',
      code: `import { setCookie } from 'hono/cookie';
export function remember(c: any, persona: string) {
  setCookie(c, 'persona', persona, { path: '/' });
}
`,
      errors: [{ messageId: 'unboundedStoreWrite', line: 3, data: { callee: 'setCookie' } }],
    },
    {
      name: 'universal-cookie maxAge counts seconds',
      code: `import Cookies from 'universal-cookie';
const cookies = new Cookies();
export function remember(persona: string) {
  cookies.set('persona', persona, { maxAge: 60 * 60 * 24 * 500 });
}
`,
      errors: [{ messageId: 'cookieTooLong', line: 4, data: { duration: '500 days' } }],
    },
    {
      name: 'cookie.serialize without an expiry',
      code: `import { serialize } from 'cookie';
export function remember(res: any, segment: string) {
  res.setHeader('Set-Cookie', serialize('segment', segment, { path: '/' }));
}
`,
      errors: [{ messageId: 'unboundedStoreWrite', line: 3, data: { callee: 'serialize' } }],
    },
    {
      name: 'MongoDB scores collection without a TTL index',
      code: `export async function saveScore(db: any, userId: string, score: number) {
  await db.collection('scores').insertOne({ userId, score });
}
`,
      errors: [{ messageId: 'collectionWithoutTtl', line: 2, data: { collection: 'scores' } }],
    },
    {
      name: 'a TTL index on another collection does not count',
      files: {
        'src/db/indexes.ts': `export async function createIndexes(db: any) {
  await db.collection('sessions').createIndex({ createdAt: 1 }, { expireAfterSeconds: 3600 });
}
`,
        'src/segments/save.ts': `export async function saveSegment(db: any, userId: string, segment: string) {
  await db.collection('segments').updateOne({ userId }, { $set: { segment } }, { upsert: true });
}
`,
      },
      errors: [{ file: 'src/segments/save.ts', messageId: 'collectionWithoutTtl', line: 2 }],
    },
    {
      name: 'MongoDB collection held in a const',
      code: `export async function savePredictions(db: any, rows: object[]) {
  const predictions = db.collection('predictions');
  await predictions.insertMany(rows);
}
`,
      errors: [{ messageId: 'collectionWithoutTtl', line: 3, data: { collection: 'predictions' } }],
    },
    {
      name: 'prisma.customerScore.create',
      code: `export async function saveScore(prisma: any, userId: string, value: number) {
  return prisma.customerScore.create({ data: { userId, value } });
}
`,
      errors: [{ messageId: 'undocumentedModelWrite', line: 2, data: { model: 'customerScore' } }],
    },
    {
      name: 'a dbt model for another table does not document the write',
      files: {
        'analytics/models/marts/schema.yml': `version: 2
models:
  - name: customer_orders
    config:
      meta:
        retention: 1 year
    columns:
      - name: customer_id
`,
        'src/scoring/save.ts': `export async function saveScore(prisma: any, customerId: string, value: number) {
  return prisma.customerScore.create({ data: { customerId, value } });
}
`,
      },
      errors: [{ file: 'src/scoring/save.ts', messageId: 'undocumentedModelWrite', line: 2 }],
    },
    {
      name: 'prisma.segmentMembership.createMany',
      code: `export async function saveMemberships(prisma: any, rows: object[]) {
  await prisma.segmentMembership.createMany({ data: rows });
}
`,
      errors: [{ messageId: 'undocumentedModelWrite', line: 2, data: { model: 'segmentMembership' } }],
    },
    {
      name: 'prisma.prediction.upsert in a transaction',
      code: `export async function savePrediction(prisma: any, userId: string, value: number) {
  await prisma.$transaction(async (tx: any) => {
    await tx.prediction.upsert({ where: { userId }, create: { userId, value }, update: { value } });
  });
}
`,
      errors: [{ messageId: 'undocumentedModelWrite', line: 3, data: { model: 'prediction' } }],
    },
    {
      name: 'TypeORM getRepository(CustomerScore).save',
      code: `import { CustomerScore } from './entities';
export async function saveScore(dataSource: any, score: CustomerScore) {
  await dataSource.getRepository(CustomerScore).save(score);
}
`,
      errors: [{ messageId: 'undocumentedModelWrite', line: 3, data: { model: 'CustomerScore' } }],
    },
    {
      name: 'TypeORM injected Repository<ChurnPrediction>',
      code: `import { Repository } from 'typeorm';
import { ChurnPrediction } from './churn-prediction.entity';
export class ChurnService {
  constructor(private readonly predictions: Repository<ChurnPrediction>) {}

  async record(prediction: ChurnPrediction) {
    await this.predictions.save(prediction);
  }
}
`,
      errors: [{ messageId: 'undocumentedModelWrite', line: 7, data: { model: 'ChurnPrediction' } }],
    },
    {
      name: 'Drizzle insert into audience members',
      code: `import { audienceMembers } from './schema';
export async function addMember(db: any, userId: string) {
  await db.insert(audienceMembers).values({ userId });
}
`,
      errors: [{ messageId: 'undocumentedModelWrite', line: 3, data: { model: 'audienceMembers' } }],
    },
    {
      name: 'Sequelize LeadScore.create',
      code: `import { LeadScore } from './models';
export async function saveLeadScore(userId: string, value: number) {
  await LeadScore.create({ userId, value });
}
`,
      errors: [{ messageId: 'undocumentedModelWrite', line: 3, data: { model: 'LeadScore' } }],
    },
    {
      name: 'SageMaker PutRecord without TtlDuration',
      code: `import { PutRecordCommand } from '@aws-sdk/client-sagemaker-featurestore-runtime';
export async function pushFeatures(client: any, record: any[]) {
  await client.send(
    new PutRecordCommand({ FeatureGroupName: 'customer-features', Record: record }),
  );
}
`,
      errors: [{ messageId: 'unboundedStoreWrite', line: 4, data: { callee: 'PutRecordCommand', subject: 'customer-features' } }],
    },
    {
      name: 'Feast push through fetch',
      code: `export async function pushFeatures(rows: object) {
  await fetch('http://feast:6566/push', {
    method: 'POST',
    body: JSON.stringify({ push_source_name: 'customer_stats_push', df: rows }),
  });
}
`,
      errors: [{ messageId: 'unboundedStoreWrite', line: 2, data: { callee: 'fetch', subject: 'customer_stats_push' } }],
    },
    {
      name: 'user-defined profile store without a ttl',
      code: `export async function remember(profileCache: any, id: string, value: object) {
  await profileCache.put(id, value);
}
`,
      config: { vocabulary: { stores: ['profileCache.put'] } },
      errors: [{ messageId: 'unboundedStoreWrite', line: 2, data: { callee: 'profileCache.put' } }],
    },
    {
      name: '@retention forever is unlimited',
      code: `/** @retention forever */
export async function saveScore(prisma: any, userId: string, value: number) {
  return prisma.order.create({ data: { userId, value } });
}
`,
      errors: [{ messageId: 'unlimitedRetentionTag', line: 1, data: { value: 'forever' } }],
    },
    {
      name: '@retention indefinitely with a remark',
      code: `export class AuditTrail {
  /** @retention indefinitely - kept for audits */
  async record(db: any, scores: object[]) {
    await db.collection('audit').insertMany(scores);
  }
}
`,
      errors: [{ messageId: 'unlimitedRetentionTag', line: 2, column: 7 }],
    },
    {
      name: '@profiling naming no spec documents nothing',
      code: `/** @profiling no-such-pipeline */
export async function cacheSegment(redis: any, id: string, segment: string) {
  await redis.set(\`segment:\${id}\`, segment);
}
`,
      errors: [{ messageId: 'unboundedStoreWrite', line: 3 }],
    },
    {
      name: 'two writes in one function, one bounded',
      code: `export async function cache(redis: any, id: string, segment: string, score: number) {
  await redis.set(\`segment:\${id}\`, segment, 'EX', 3600);
  await redis.set(\`score:\${id}\`, String(score));
}
`,
      errors: [{ messageId: 'unboundedStoreWrite', line: 3 }],
    },
    {
      name: 'a sensitive attribute in localStorage',
      code: `export function rememberPregnancy(pregnancyStatus: string) {
  localStorage.setItem('pregnancyStatus', pregnancyStatus);
}
`,
      errors: [{ messageId: 'localStorageWrite', line: 2, data: { what: 'a sensitive attribute (health data)' } }],
    },
    {
      name: 'a sensitive attribute in a cookie without expiry',
      code: `export function rememberReligion(res: any, religion: string) {
  res.cookie('religion', religion);
}
`,
      errors: [{ messageId: 'unboundedStoreWrite', line: 2, data: { subject: 'religion' } }],
    },
  ],
});
