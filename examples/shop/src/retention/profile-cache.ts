// Shows `undocumented-retention`: a customer's derived profile cached in Redis with no expiry, and no
// `@retention` tag or linked spec saying how long it stays.
import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');

export interface CustomerProfile {
  customerId: string;
  favouriteCategories: string[];
  priceSensitivity: number;
}

export async function cacheCustomerProfile(profile: CustomerProfile): Promise<void> {
  await redis.set(`profile:${profile.customerId}`, JSON.stringify(profile));
}
