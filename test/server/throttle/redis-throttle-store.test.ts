import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src-server/src/errors/app-error';
import { RedisConnection } from '../../../src-server/src/throttle/redis/redis-connection';
import { RedisSettingsSchema } from '../../../src-server/src/throttle/redis/redis-settings';
import { RedisThrottleStore } from '../../../src-server/src/throttle/redis/redis-throttle-store';
import { startRedisServer } from '../support/redis-server';
import type { RedisServer } from '../support/redis-server';

// What only the Redis store has to prove beyond the rule suite (reset-throttle.test.ts runs on it too): two
// instances (two connections) share it atomically, it outlives an instance, and it fails closed while Redis is down.

let redis: RedisServer;
const connections: RedisConnection[] = [];

function instance(prefix = 'multi:'): RedisThrottleStore {
  const connection = new RedisConnection(
    RedisSettingsSchema.parse({ url: redis.url, password: { env: 'TEST_REDIS_PASSWORD' }, commandTimeoutMs: 500 }),
  );
  connections.push(connection);
  return new RedisThrottleStore({ redis: connection, keyPrefix: prefix, tenantId: 'default' });
}

async function opened(store: RedisThrottleStore): Promise<RedisThrottleStore> {
  await (connections.at(-1) as RedisConnection).open();
  return store;
}

beforeAll(async () => {
  process.env['TEST_REDIS_PASSWORD'] = 'test-redis-password';
  redis = await startRedisServer({ password: 'test-redis-password' });
});

afterAll(() => {
  for (const connection of connections) connection.close();
  redis.remove();
});

describe('RedisThrottleStore', () => {
  it('reads its password from a secret reference and refuses a URL with one in it', () => {
    expect(RedisSettingsSchema.safeParse({ url: 'redis://:hunter2@127.0.0.1:6379' }).success).toBe(false);
    expect(RedisSettingsSchema.parse({ url: 'redis://127.0.0.1:1' }).keyPrefix).toBe('resetdesk:');
  });

  it('lets exactly one of many parallel holders on two instances take a lease', async () => {
    const settings = (prefix: string) =>
      RedisSettingsSchema.parse({ url: redis.url, password: { env: 'TEST_REDIS_PASSWORD' }, keyPrefix: prefix });
    const [one, two] = [new RedisConnection(settings('lease:')), new RedisConnection(settings('lease:'))];
    connections.push(one, two);
    await Promise.all([one.open(), two.open()]);
    const stores = [one, two].map((redis) => new RedisThrottleStore({ redis, keyPrefix: 'lease:', tenantId: 'default' }));
    const now = new Date();
    const until = new Date(now.getTime() + 10_000);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (stores[i % 2] as RedisThrottleStore).acquireLease('k', `h${i}`, now, until)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = `h${results.indexOf(true)}`;
    // Only the holder's own release counts.
    await (stores[0] as RedisThrottleStore).releaseLease('k', 'someone-else');
    expect(await (stores[1] as RedisThrottleStore).acquireLease('k', 'late', now, until)).toBe(false);
    await (stores[1] as RedisThrottleStore).releaseLease('k', winner);
    expect(await (stores[0] as RedisThrottleStore).acquireLease('k', 'late', now, until)).toBe(true);
  });

  it('keeps windows and locks across an instance restart (a new connection sees them)', async () => {
    const first = await opened(instance('restart:'));
    const at = new Date('2026-03-02T09:00:00Z');
    await first.record('fail|user:a', at);
    await first.lock('path|user:a', new Date('2026-03-03T09:00:00Z'));
    (connections.at(-1) as RedisConnection).close();
    const second = await opened(instance('restart:'));
    expect(await second.eventsSince('fail|user:a', new Date(at.getTime() - 1))).toEqual([at]);
    expect(await second.lockedUntil('path|user:a', at)).toEqual(new Date('2026-03-03T09:00:00Z'));
    // A later lock wins, an earlier one does not shorten it.
    await second.lock('path|user:a', new Date('2026-03-02T10:00:00Z'));
    expect(await second.lockedUntil('path|user:a', at)).toEqual(new Date('2026-03-03T09:00:00Z'));
  });

  it('refuses with THROTTLE_UNAVAILABLE while Redis is down and works again once it is back', async () => {
    const store = await opened(instance('outage:'));
    const at = new Date('2026-03-02T09:00:00Z');
    await store.record('fail|user:b', at);
    redis.stop();
    try {
      const failure = await store.eventsSince('fail|user:b', new Date(0)).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(AppError);
      expect((failure as AppError).code).toBe('THROTTLE_UNAVAILABLE');
      expect((failure as AppError).details?.retryAfterSeconds).toBeGreaterThan(0);
    } finally {
      await redis.start();
    }
    // The client reconnects by itself; the data survived (Redis saved it on shutdown).
    let events: Date[] | undefined;
    for (let i = 0; i < 100 && events === undefined; i += 1) {
      events = await store.eventsSince('fail|user:b', new Date(0)).catch(async () => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        return undefined;
      });
    }
    expect(events).toEqual([at]);
  });
});
