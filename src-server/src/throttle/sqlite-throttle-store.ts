import type { ResetDeskDb } from '../store/store';
import { sql } from 'kysely';
import type { ThrottleStore, ThrottleWindow } from './throttle-store';
import { dialectOf, dialectSql } from '../store/dialect';

/**
 * ThrottleStore on the server's own database (tables throttle_events and throttle_locks): SQLite, or PostgreSQL
 * shared by several instances.
 */
export class SqliteThrottleStore implements ThrottleStore {
  private readonly db: ResetDeskDb;
  private readonly tenantId: string;

  constructor(deps: { db: ResetDeskDb; tenantId: string }) {
    this.db = deps.db;
    this.tenantId = deps.tenantId;
  }

  async record(key: string, at: Date): Promise<string> {
    const row = await this.db
      .insertInto('throttle_events')
      .values({ tenant_id: this.tenantId, key, at: at.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    return String(row.id);
  }

  async recordIfRoom(windows: readonly ThrottleWindow[], since: Date, at: Date): Promise<string[] | null> {
    if (windows.length === 0) return [];
    if (dialectOf(this.db) === 'sqlite') return this.insertIfRoom(this.db, windows, since, at);
    // PostgreSQL reads committed rows as of each statement's start, so two instances' INSERT ... SELECT could both
    // count the same last place: a transaction-scoped advisory lock per key (taken in one order, so two requests
    // sharing keys never deadlock) makes them count one after the other; the next one's statement sees the row.
    return this.db.transaction().execute(async (trx) => {
      for (const key of [...new Set(windows.map((w) => w.key))].sort()) {
        const lockKey = `resetdesk-throttle:${this.tenantId}:${key}`;
        await sql`SELECT pg_advisory_xact_lock(hashtextextended(${lockKey}, 0))`.execute(trx);
      }
      return this.insertIfRoom(trx, windows, since, at);
    });
  }

  /**
   * One INSERT ... SELECT: a row per key only when every key's count is below its max. On SQLite a writing statement
   * takes the database's write lock before it reads, so it is atomic across connections and processes on one file.
   */
  private async insertIfRoom(
    db: ResetDeskDb,
    windows: readonly ThrottleWindow[],
    since: Date,
    at: Date,
  ): Promise<string[] | null> {
    const after = since.toISOString();
    const keys = sql.join(windows.map((w) => sql`(${w.key})`));
    const room = sql.join(
      windows.map(
        (w) => sql`(SELECT count(*) FROM throttle_events
          WHERE tenant_id = ${this.tenantId} AND key = ${w.key} AND at > ${after}) < ${w.max}`,
      ),
      sql` AND `,
    );
    const result = await sql<{ id: number | string }>`INSERT INTO throttle_events (tenant_id, key, at)
      SELECT ${this.tenantId}, v.column1, ${at.toISOString()} FROM (VALUES ${keys}) AS v WHERE ${room}
      RETURNING id`.execute(db);
    return result.rows.length > 0 ? result.rows.map((row) => String(row.id)) : null;
  }

  async forget(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .deleteFrom('throttle_events')
      .where('tenant_id', '=', this.tenantId)
      .where('id', 'in', ids.map(Number))
      .execute();
  }

  async acquireLease(key: string, holder: string, now: Date, until: Date): Promise<boolean> {
    const result = await this.db
      .insertInto('throttle_leases')
      .values({ tenant_id: this.tenantId, key, holder, expires_at: until.toISOString() })
      .onConflict((oc) =>
        oc
          .columns(['tenant_id', 'key'])
          .doUpdateSet({ holder, expires_at: until.toISOString() })
          .where('throttle_leases.expires_at', '<=', now.toISOString()),
      )
      .executeTakeFirst();
    return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
  }

  async releaseLease(key: string, holder: string): Promise<void> {
    await this.db
      .deleteFrom('throttle_leases')
      .where('tenant_id', '=', this.tenantId)
      .where('key', '=', key)
      .where('holder', '=', holder)
      .execute();
  }

  async eventsSince(key: string, since: Date): Promise<Date[]> {
    const rows = await this.db
      .selectFrom('throttle_events')
      .select('at')
      .where('tenant_id', '=', this.tenantId)
      .where('key', '=', key)
      .where('at', '>', since.toISOString())
      .orderBy('at')
      .execute();
    return rows.map((row) => new Date(row.at));
  }

  async lock(key: string, until: Date): Promise<void> {
    await this.db
      .insertInto('throttle_locks')
      .values({ tenant_id: this.tenantId, key, until: until.toISOString() })
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'key']).doUpdateSet((eb) => ({
          until: eb.fn<string>(dialectSql(this.db).greatest, [eb.ref('throttle_locks.until'), eb.ref('excluded.until')]),
        })),
      )
      .execute();
  }

  async lockedUntil(key: string, now: Date): Promise<Date | null> {
    const row = await this.db
      .selectFrom('throttle_locks')
      .select('until')
      .where('tenant_id', '=', this.tenantId)
      .where('key', '=', key)
      .where('until', '>', now.toISOString())
      .executeTakeFirst();
    return row ? new Date(row.until) : null;
  }

  async clear(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('throttle_events')
        .where('tenant_id', '=', this.tenantId)
        .where('key', 'in', [...keys])
        .execute();
      await trx
        .deleteFrom('throttle_locks')
        .where('tenant_id', '=', this.tenantId)
        .where('key', 'in', [...keys])
        .execute();
    });
  }

  async purge(before: Date): Promise<void> {
    const cutoff = before.toISOString();
    await this.db.deleteFrom('throttle_events').where('tenant_id', '=', this.tenantId).where('at', '<', cutoff).execute();
    await this.db.deleteFrom('throttle_locks').where('tenant_id', '=', this.tenantId).where('until', '<', cutoff).execute();
  }
}
