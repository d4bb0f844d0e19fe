import { randomUUID } from 'node:crypto';
import { afterAll, afterEach } from 'vitest';
import { RedisConnection } from '../../../src-server/src/throttle/redis/redis-connection';
import { RedisSettingsSchema } from '../../../src-server/src/throttle/redis/redis-settings';
import { RedisThrottleStore } from '../../../src-server/src/throttle/redis/redis-throttle-store';
import { SqliteThrottleStore } from '../../../src-server/src/throttle/sqlite-throttle-store';
import type { ThrottleStore } from '../../../src-server/src/throttle/throttle-store';
import { startRedisServer } from './redis-server';
import type { RedisServer } from './redis-server';
import { useTestStores } from './store-dialects';

/** Where throttle tests keep their counters: the store's tables on each dialect, and Redis. */
export const THROTTLE_BACKINGS = ['sqlite', 'postgres', 'redis'] as const;
export type ThrottleBacking = (typeof THROTTLE_BACKINGS)[number];

export interface OpenedThrottleStore {
  store: ThrottleStore;
  // Every key the backing holds right now (tables' rows, or Redis keys under the test's prefix), for housekeeping.
  count(): Promise<number>;
}

/**
 * The hooks of a test file that opens throttle stores: the Redis server (like the PostgreSQL cluster) starts at first
 * use and stops after the file; each store gets its own database or key prefix.
 */
export function useThrottleBackings() {
  const stores = useTestStores();
  let redis: Promise<RedisServer> | undefined;
  const connections: RedisConnection[] = [];
  afterEach(() => {
    for (const connection of connections.splice(0)) connection.close();
  });
  // Stopping a server waits for its process: on a busy machine longer than a hook's default 10 s.
  afterAll(async () => {
    if (redis) (await redis).remove();
  }, 60_000);
  return {
    redisServer: () => (redis ??= startRedisServer()),
    async open(backing: ThrottleBacking): Promise<OpenedThrottleStore> {
      if (backing !== 'redis') {
        const { db } = await stores.open(backing);
        return {
          store: new SqliteThrottleStore({ db, tenantId: 'default' }),
          async count() {
            const tables = ['throttle_events', 'throttle_locks', 'throttle_leases'] as const;
            let total = 0;
            for (const table of tables) total += (await db.selectFrom(table).selectAll().execute()).length;
            return total;
          },
        };
      }
      const server = await (redis ??= startRedisServer());
      const connection = new RedisConnection(RedisSettingsSchema.parse({ url: server.url }));
      connections.push(connection);
      await connection.open();
      const keyPrefix = `t${randomUUID().slice(0, 8)}:`;
      return {
        store: new RedisThrottleStore({ redis: connection, keyPrefix, tenantId: 'default' }),
        async count() {
          return ((await connection.command(['KEYS', `${keyPrefix}*`])) as string[]).length;
        },
      };
    },
  };
}
