import { AppError } from '../errors/app-error';
import type { ResetDeskDb } from '../store/store';
import type { ResetThrottle } from '../throttle/reset-throttle';
import { RedisConnection } from '../throttle/redis/redis-connection';
import type { RedisSettings } from '../throttle/redis/redis-settings';
import { RedisThrottleStore } from '../throttle/redis/redis-throttle-store';
import { SqliteThrottleStore } from '../throttle/sqlite-throttle-store';
import type { ThrottleStore } from '../throttle/throttle-store';

export interface ThrottleRuntime {
  store: ThrottleStore;
  // 'redis: redis://host:port' or 'store' (the database's own tables), for the start line and readiness.
  where: string;
  // For /readyz: null while the throttles can be counted, else a reason code. The store's own tables are probed as
  // the store; a Redis must answer a PING within its command deadline.
  notReady(): Promise<string | null>;
  close(): void;
}

/**
 * Where the throttles live: the configured Redis (shared by every instance, fail closed while it is down), else the
 * store's own tables (one database: shared too, on PostgreSQL).
 */
export async function createThrottleRuntime(
  redis: RedisSettings | undefined,
  deps: { db: ResetDeskDb; tenantId: string },
): Promise<ThrottleRuntime> {
  if (!redis) {
    const store = new SqliteThrottleStore(deps);
    return { store, where: 'store', notReady: () => Promise.resolve(null), close: () => undefined };
  }
  const connection = new RedisConnection(redis);
  await connection.open();
  const store = new RedisThrottleStore({ redis: connection, keyPrefix: redis.keyPrefix, tenantId: deps.tenantId });
  const notReady = () => connection.command(['PING']).then(() => null, () => 'unreachable');
  return { store, where: `redis: ${connection.location}`, notReady, close: () => connection.close() };
}

/** Housekeeping at start; a Redis that is down then only delays it (its keys expire by themselves anyway). */
export async function purgeThrottles(throttle: ResetThrottle): Promise<void> {
  try {
    await throttle.purge();
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'THROTTLE_UNAVAILABLE')) throw error;
  }
}
