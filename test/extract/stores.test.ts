import { describe, expect, it } from 'vitest';
import { loadCatalogs } from '../../src/catalogs.js';
import { extractCode } from '../../src/extract/typescript.js';
import type { StoreWrite } from '../../src/extract/stores.js';
import type { VocabularyExtension } from '../../src/types.js';

const noExtension: VocabularyExtension = { sensitive: {}, proxies: {}, ignore: [], sinks: [], consent: [], stores: [] };

function extract(code: string, stores: string[] = [], file = 'src/store.ts') {
  const catalogs = loadCatalogs({ ...noExtension, stores });
  const { code: facts } = extractCode(file, code, catalogs);
  return { writes: facts?.stores ?? [], ttlIndexes: facts?.ttlIndexes ?? [] };
}

/** The parts of a write a reader checks: where, which store, what it keeps, and for how long. */
function summary(write: StoreWrite) {
  return {
    line: write.span.line,
    catalogId: write.catalogId,
    profileTerm: write.content.profileTerm,
    bounded: write.expiry !== undefined,
    days: write.expiry?.days === undefined ? undefined : Math.round(write.expiry.days * 1000) / 1000,
  };
}

function writesOf(code: string, stores: string[] = [], file?: string) {
  return extract(code, stores, file).writes.map(summary);
}

describe('extractStoreWrites', () => {
  it('finds each store with what it keeps and how long', () => {
    const writes = writesOf(`import Redis from 'ioredis';
import { PutRecordCommand } from '@aws-sdk/client-sagemaker-featurestore-runtime';
const redis = new Redis();
const THIRTY_DAYS = 60 * 60 * 24 * 30;
export async function keep(id: string, churnScore: number, seg: string, aud: string, db: any, prisma: any, client: any, url: string) {
  await redis.set(\`churn:\${id}\`, String(churnScore));
  await redis.set(\`score:\${id}\`, String(churnScore), 'EX', THIRTY_DAYS);
  await redis.set('segment:' + id, 'x', { EX: ms('1y') / 1000 });
  await redis.hset(\`profile:\${id}\`, { a: 1 });
  await redis.expire(\`profile:\${id}\`, 3600);
  await redis.setex('prediction:' + id, 86400, 'x');
  localStorage.setItem('segment', seg);
  localStorage.setItem('theme', 'dark');
  sessionStorage.setItem('segment', seg);
  res.cookie('audience', aud, { maxAge: 400 * 24 * 3600 * 1000 });
  document.cookie = 'segment=' + seg + '; max-age=' + 60 * 60 * 24 * 500;
  await db.collection('scores').insertOne({ userId: id, score: churnScore });
  await prisma.customerScore.create({ data: {} });
  await db.insert(segmentMemberships).values({});
  await client.send(new PutRecordCommand({ FeatureGroupName: 'customers', Record: [], TtlDuration: { Unit: 'Days', Value: 30 } }));
  await fetch(url, { method: 'POST', body: JSON.stringify({ push_source_name: 'driver_stats' }) });
}`);
    expect(writes).toEqual([
      { line: 6, catalogId: 'redis.set', profileTerm: 'churn', bounded: false, days: undefined },
      { line: 7, catalogId: 'redis.set', profileTerm: 'score', bounded: true, days: 30 },
      { line: 8, catalogId: 'redis.set', profileTerm: 'segment', bounded: true, days: 365.25 },
      { line: 9, catalogId: 'redis.hset', profileTerm: 'profile', bounded: true, days: 0.042 },
      { line: 11, catalogId: 'redis.setex', profileTerm: 'prediction', bounded: true, days: 1 },
      { line: 12, catalogId: 'local-storage', profileTerm: 'segment', bounded: false, days: undefined },
      { line: 13, catalogId: 'local-storage', profileTerm: undefined, bounded: false, days: undefined },
      { line: 14, catalogId: 'session-storage', profileTerm: 'segment', bounded: true, days: undefined },
      { line: 15, catalogId: 'cookie.express', profileTerm: 'audience', bounded: true, days: 400 },
      { line: 16, catalogId: 'cookie.document', profileTerm: 'segment', bounded: true, days: 500 },
      { line: 17, catalogId: 'mongodb.insertOne', profileTerm: 'score', bounded: false, days: undefined },
      { line: 18, catalogId: 'orm.prisma', profileTerm: 'score', bounded: false, days: undefined },
      { line: 19, catalogId: 'orm.drizzle', profileTerm: 'segment', bounded: false, days: undefined },
      { line: 20, catalogId: 'feature-store.sagemaker', profileTerm: 'feature vector', bounded: true, days: 30 },
      { line: 21, catalogId: 'feature-store.feast', profileTerm: 'feature vector', bounded: false, days: undefined },
    ]);
  });

  it('ignores calls that only look like stores', () => {
    expect(
      writesOf(`export function notStores(cache: Map<string, number>, settings: any, headers: Headers) {
  const scores = new Map<string, number>();
  scores.set('churn', 1);
  cache.set('segment', 2);
  settings.set('profile', 3);
  headers.set('x-segment', 'a');
  const url = new URL('https://example.com');
  url.searchParams.set('segment', 'b');
}`),
    ).toEqual([]);
  });

  it('uses the unit each cookie library documents', () => {
    const writes = writesOf(`import Cookies from 'js-cookie';
import { cookies } from 'next/headers';
import { setCookie } from 'hono/cookie';
export async function remember(res: any, reply: any, ctx: any, c: any, segment: string) {
  res.cookie('segment', segment, { maxAge: 86_400_000 });
  reply.setCookie('segment', segment, { maxAge: 86_400 });
  reply.cookie('segment', segment, { maxAge: 86_400 });
  ctx.cookies.set('segment', segment, { maxAge: 86_400_000 });
  (await cookies()).set('segment', segment, { maxAge: 86_400 });
  Cookies.set('segment', segment, { expires: 1 });
  setCookie(c, 'segment', segment, { maxAge: 86_400 });
}`);
    expect(writes.map((write) => [write.catalogId, write.days])).toEqual([
      ['cookie.express', 1],
      ['cookie.fastify', 1],
      ['cookie.fastify', 1],
      ['cookie.koa', 1],
      ['cookie.next', 1],
      ['cookie.js-cookie', 1],
      ['cookie.hono', 1],
    ]);
  });

  it('records MongoDB TTL indexes by collection', () => {
    const { writes, ttlIndexes } = extract(`export async function setup(db: any) {
  const events = db.collection('events');
  await events.createIndex({ at: 1 }, { expireAfterSeconds: 86400 * 7 });
  await db.collection('scores').createIndexes([{ key: { at: 1 }, expireAfterSeconds: 3600 }]);
  await db.collection('orders').createIndex({ customerId: 1 });
}`);
    expect(writes).toEqual([]);
    expect(ttlIndexes.map((index) => [index.collection, index.span.line, index.days])).toEqual([
      ['events', 3, 7],
      ['scores', 4, 3600 / 86400],
    ]);
  });

  it('treats the user-defined store writes from the configuration as profile stores', () => {
    expect(writesOf(`export async function keep(profileCache: any) {
  await profileCache.put('k', {});
  await other.put('k', {});
}`, ['profileCache.put'])).toEqual([
      { line: 2, catalogId: 'user.profileCache.put', profileTerm: 'profile', bounded: false, days: undefined },
    ]);
  });

  it('does not crash on a file that does not parse', () => {
    expect(() => extract('export async function broken( {\n  await redis.set(`profile:${id}`, x\n')).not.toThrow();
  });
});
