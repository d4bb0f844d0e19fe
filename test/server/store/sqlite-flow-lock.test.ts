import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { threadId } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../src-server/src/store/store';
import type { Store } from '../../../src-server/src/store/store';
import { SqliteFlowLock } from '../../../src-server/src/store/sqlite-flow-lock';
import { makeTempDir } from '../support/server-fixtures';

// The per-flow lock on SQLite holds across every process on the file: two stores on one file (as two processes would
// have, each its own connection) never run tasks of one key at once; a lease left by a process that is gone is taken
// over at once; a live holder elsewhere is waited for, and a request that waits too long is answered SERVER_BUSY.

const opened: Store[] = [];
const temps: ReturnType<typeof makeTempDir>[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
  temps.splice(0).forEach((temp) => temp.remove());
});

async function twoStoresOnOneFile(): Promise<[Store, Store]> {
  const temp = makeTempDir('resetdesk-flow-lock-');
  temps.push(temp);
  const first = await openStore(temp.dir);
  const second = await openStore(temp.dir);
  opened.push(first, second);
  return [first, second];
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const leaseRow = (store: Store, key: string) =>
  store.db.selectFrom('flow_leases').selectAll().where('key', '=', key).executeTakeFirst();

describe('SqliteFlowLock', () => {
  it('runs the tasks of one key one at a time across two connections to one file', async () => {
    const [a, b] = await twoStoresOnOneFile();
    let active = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        (i % 2 === 0 ? a : b).flowLock.run('one-flow', async () => {
          active += 1;
          most = Math.max(most, active);
          // Writes on the other connection while holding the key: the other holder would run now if it could.
          for (let n = 0; n < 3; n++) {
            await (i % 2 === 0 ? b : a).db.selectFrom('flow_leases').select('key').execute();
            await pause(2);
          }
          order.push(i);
          active -= 1;
        }),
      ),
    );
    expect(most).toBe(1);
    expect(order).toHaveLength(12);
    expect(await leaseRow(a, 'one-flow')).toBeUndefined();
  });

  it('lets different keys run at the same time, and frees a key whose task failed', async () => {
    const [a, b] = await twoStoresOnOneFile();
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    await Promise.all([a.flowLock.run('flow-a', () => released), b.flowLock.run('flow-b', async () => release())]);

    await expect(a.flowLock.run('flow-a', () => Promise.reject(new Error('task failed')))).rejects.toThrow('failed');
    expect(await leaseRow(a, 'flow-a')).toBeUndefined();
    await expect(b.flowLock.run('flow-a', async () => 'ran')).resolves.toBe('ran');
  });

  it('takes over at once the lease of a process on this host that is gone (kill -9 mid-step)', async () => {
    const [a] = await twoStoresOnOneFile();
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    const farFuture = new Date(Date.now() + 3_600_000).toISOString();
    await a.db.insertInto('flow_leases').values({ key: 'k', holder: `${hostname()}|${gone}|x`, expires_at: farFuture })
      .execute();
    const t0 = Date.now();
    await expect(a.flowLock.run('k', async () => 'resumed')).resolves.toBe('resumed');
    // Well under the lease's hour: nothing waited for it to expire.
    expect(Date.now() - t0).toBeLessThan(60_000);
  });

  it('takes over from a predecessor with our own pid (a restart in a container), not from another thread', async () => {
    const [a] = await twoStoresOnOneFile();
    const farFuture = new Date(Date.now() + 3_600_000).toISOString();
    const predecessor = `${hostname()}|${process.pid}|${threadId}|an-earlier-process|x`;
    await a.db.insertInto('flow_leases').values({ key: 'k', holder: predecessor, expires_at: farFuture }).execute();
    await expect(a.flowLock.run('k', async () => 'resumed')).resolves.toBe('resumed');

    const otherThread = `${hostname()}|${process.pid}|${threadId + 1}|another-thread|x`;
    await a.db.insertInto('flow_leases').values({ key: 'k2', holder: otherThread, expires_at: farFuture }).execute();
    const lock = new SqliteFlowLock(a.db, { leaseMs: 1_000, renewMs: 300, waitMs: 200 });
    await expect(lock.run('k2', async () => 'ran')).rejects.toMatchObject({ code: 'SERVER_BUSY' });
  });

  it('waits for a live holder elsewhere until its lease ends, and never takes a renewed one', async () => {
    const [a, b] = await twoStoresOnOneFile();
    const soon = new Date(Date.now() + 300).toISOString();
    await a.db.insertInto('flow_leases').values({ key: 'k', holder: 'another-host|1|x', expires_at: soon }).execute();
    const t0 = Date.now();
    await a.flowLock.run('k', async () => undefined);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);

    // A task that outlives its lease keeps it by renewal: the other connection's task starts only after it ends.
    const short = { leaseMs: 150, renewMs: 40, waitMs: 30_000 };
    const holderLock = new SqliteFlowLock(a.db, short);
    const otherLock = new SqliteFlowLock(b.db, short);
    const events: string[] = [];
    const long = holderLock.run('renewed', async () => {
      events.push('long:start');
      await pause(600);
      events.push('long:end');
    });
    await pause(50);
    await otherLock.run('renewed', async () => void events.push('other'));
    await long;
    expect(events).toEqual(['long:start', 'long:end', 'other']);
  });

  it('answers SERVER_BUSY, changing nothing, when another process holds the flow too long', async () => {
    const [a] = await twoStoresOnOneFile();
    const later = new Date(Date.now() + 3_600_000).toISOString();
    await a.db.insertInto('flow_leases').values({ key: 'k', holder: 'another-host|1|x', expires_at: later }).execute();
    const lock = new SqliteFlowLock(a.db, { leaseMs: 1_000, renewMs: 300, waitMs: 200 });
    let ran = false;
    const refused = await lock.run('k', async () => (ran = true)).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'SERVER_BUSY', details: { retryAfterSeconds: 2 } });
    expect(ran).toBe(false);
    expect((await leaseRow(a, 'k'))?.holder).toBe('another-host|1|x');
  });
});
