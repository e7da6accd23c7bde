// Shows `retention-mismatch`: the spec (specs/recommendations.profiling.yaml) allows 30 days, the
// cache keeps recommendations for 90.
import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');
const NINETY_DAYS = 60 * 60 * 24 * 90;

/** @profiling recommendations */
export async function cacheRecommendations(customerId: string, productIds: string[]): Promise<void> {
  await redis.set(`recommendations:${customerId}`, JSON.stringify(productIds), 'EX', NINETY_DAYS);
}
