import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { AdvisoryLock } from '../../../src-server/src/store/advisory-lock';
import { openPostgres } from '../../../src-server/src/store/postgres-driver';
import type { PostgresConnection } from '../../../src-server/src/store/postgres-driver';
import { useTestStores } from '../support/store-dialects';

// The per-flow lock on PostgreSQL is held in the database: two pools (as two server instances would have) never run
// tasks of one key at once, tasks of different keys do not wait for each other, and a failed task frees its key.

const stores = useTestStores();

async function twoPools(): Promise<[PostgresConnection, PostgresConnection]> {
  const settings = await stores.settings('postgres');
  if (settings.kind !== 'postgres') throw new Error('not a PostgreSQL store');
  return [openPostgres(settings), openPostgres(settings)];
}

describe('AdvisoryLock', () => {
  it('runs the tasks of one key one at a time across two pools', async () => {
    const pools = await twoPools();
    try {
      const locks = pools.map((pool) => new AdvisoryLock(pool.lockDb, 'test:flow'));
      let active = 0;
      let most = 0;
      const order: number[] = [];
      await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          (locks[i % 2] as AdvisoryLock).run('one-flow', async () => {
            active += 1;
            most = Math.max(most, active);
            // Round trips on the other pool while holding the key: the other holder would run now if it could.
            for (let n = 0; n < 3; n++) await sql`SELECT 1`.execute((pools[(i + 1) % 2] as PostgresConnection).db);
            order.push(i);
            active -= 1;
          }),
        ),
      );
      expect(most).toBe(1);
      expect(order).toHaveLength(12);
    } finally {
      await Promise.all(pools.map((pool) => pool.close()));
    }
  });

  it('lets tasks of different keys run at the same time, and frees a key whose task failed', async () => {
    const [a, b] = await twoPools();
    try {
      const first = new AdvisoryLock(a.lockDb, 'test:flow');
      const second = new AdvisoryLock(b.lockDb, 'test:flow');
      // The first task waits for the second: had the keys shared a lock, this would never finish.
      let release: () => void = () => undefined;
      const released = new Promise<void>((resolve) => (release = resolve));
      await Promise.all([first.run('flow-a', () => released), second.run('flow-b', async () => release())]);

      await expect(first.run('flow-a', () => Promise.reject(new Error('task failed')))).rejects.toThrow('task failed');
      await expect(second.run('flow-a', async () => 'ran')).resolves.toBe('ran');
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
