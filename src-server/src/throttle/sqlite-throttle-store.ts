import type { ResetDeskDb } from '../store/store';
import type { ThrottleStore } from './throttle-store';

/** ThrottleStore on the server's own database (tables throttle_events and throttle_locks). */
export class SqliteThrottleStore implements ThrottleStore {
  private readonly db: ResetDeskDb;
  private readonly tenantId: string;

  constructor(deps: { db: ResetDeskDb; tenantId: string }) {
    this.db = deps.db;
    this.tenantId = deps.tenantId;
  }

  async record(key: string, at: Date): Promise<void> {
    await this.db
      .insertInto('throttle_events')
      .values({ tenant_id: this.tenantId, key, at: at.toISOString() })
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
          until: eb.fn<string>('max', [eb.ref('throttle_locks.until'), eb.ref('excluded.until')]),
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
