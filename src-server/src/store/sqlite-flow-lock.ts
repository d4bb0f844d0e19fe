import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { threadId } from 'node:worker_threads';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../errors/app-error';
import { KeyedMutex } from '../support/keyed-mutex';
import type { KeyedLock } from '../support/keyed-mutex';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from './database-schema';

export interface FlowLeaseTimes {
  // How long a lease lasts without renewal: a holder on another host (a container on a shared volume) that dies.
  leaseMs: number;
  // The running task renews its lease this often, so a long directory write never loses it.
  renewMs: number;
  // A request waits this long for another process's request of the same flow, then is answered "busy, try again".
  waitMs: number;
}

const FLOW_LEASE_TIMES: FlowLeaseTimes = { leaseMs: 15_000, renewMs: 5_000, waitMs: 20_000 };
const POLL_MIN_MS = 2;
// This process's own mark: a restarted server may get its predecessor's pid (PID 1 in a container, every time), and a
// holder with our pid and thread but another mark is that predecessor, gone.
const PROCESS_MARK = randomUUID();
const POLL_MAX_MS = 25;

/**
 * KeyedLock for several processes on one SQLite file (two instances on one data folder, a CLI command beside the
 * server): a row per key in flow_leases, taken with one INSERT ... ON CONFLICT DO UPDATE ... WHERE expired, which
 * SQLite runs under the file's write lock, so two processes never both take it. Requests of one process for one key
 * queue in memory first (KeyedMutex, first come first served), so only processes contend through the table, by polling.
 *
 * A holder whose process is gone (same host, its pid no longer alive: a kill -9 in the middle of a step; or our own
 * pid and thread under another process mark: the predecessor of a restart that got the same pid) is taken over at once, so a restarted server resumes its interrupted flows without waiting; a holder elsewhere ends with its lease.
 * Lease times use the wall clock, never the policy clock: they are about processes being alive.
 */
export class SqliteFlowLock implements KeyedLock {
  private readonly inProcess = new KeyedMutex();
  private readonly host = hostname();
  private readonly holderPrefix = `${this.host}|${process.pid}|${threadId}|${PROCESS_MARK}|`;

  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly times: FlowLeaseTimes = FLOW_LEASE_TIMES,
  ) {}

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    return this.inProcess.run(key, async () => {
      const holder = `${this.holderPrefix}${randomUUID()}`;
      await this.acquire(key, holder);
      const renew = setInterval(() => {
        void this.extend(key, holder).catch(() => undefined);
      }, this.times.renewMs);
      renew.unref();
      try {
        return await task();
      } finally {
        clearInterval(renew);
        // A release that fails (the file went away meanwhile) must not replace the task's own answer: the lease then
        // ends by itself.
        await this.db.deleteFrom('flow_leases').where('key', '=', key).where('holder', '=', holder).execute()
          .catch(() => undefined);
      }
    });
  }

  private async acquire(key: string, holder: string): Promise<void> {
    const giveUpAt = Date.now() + this.times.waitMs;
    let pause = POLL_MIN_MS;
    while (!(await this.take(key, holder))) {
      if (await this.takeOverFromGone(key, holder)) return;
      if (Date.now() >= giveUpAt) {
        throw new AppError('SERVER_BUSY', 'Another request of this flow is still running: try again shortly.', {
          retryAfterSeconds: 2,
        });
      }
      await sleep(pause);
      pause = Math.min(POLL_MAX_MS, pause * 2);
    }
  }

  private async take(key: string, holder: string): Promise<boolean> {
    const now = new Date();
    const until = new Date(now.getTime() + this.times.leaseMs).toISOString();
    const result = await this.db
      .insertInto('flow_leases')
      .values({ key, holder, expires_at: until })
      .onConflict((oc) =>
        oc
          .column('key')
          .doUpdateSet({ holder, expires_at: until })
          .where('flow_leases.expires_at', '<=', now.toISOString()),
      )
      .executeTakeFirst();
    return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
  }

  /** The lease's holder ran on this host in a process that is gone: take the lease from exactly that holder. */
  private async takeOverFromGone(key: string, holder: string): Promise<boolean> {
    const row = await this.db.selectFrom('flow_leases').select('holder').where('key', '=', key).executeTakeFirst();
    if (!row || !this.isGone(row.holder)) return false;
    const until = new Date(Date.now() + this.times.leaseMs).toISOString();
    const result = await this.db
      .updateTable('flow_leases')
      .set({ holder, expires_at: until })
      .where('key', '=', key)
      .where('holder', '=', row.holder)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  private isGone(holder: string): boolean {
    const [host, pidText, thread, mark] = holder.split('|');
    const pid = Number(pidText);
    if (host !== this.host || !Number.isInteger(pid) || pid <= 0) return false;
    // Our pid: another thread of this process is alive; our thread with another mark was the process before us.
    if (pid === process.pid) return thread === String(threadId) && mark !== PROCESS_MARK;
    try {
      process.kill(pid, 0);
      return false;
    } catch (error) {
      // EPERM: alive, under another user. Only ESRCH says the process is gone.
      return (error as NodeJS.ErrnoException).code === 'ESRCH';
    }
  }

  private async extend(key: string, holder: string): Promise<void> {
    const until = new Date(Date.now() + this.times.leaseMs).toISOString();
    await this.db.updateTable('flow_leases').set({ expires_at: until }).where('key', '=', key)
      .where('holder', '=', holder).execute();
  }
}
