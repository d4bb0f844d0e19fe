import { createHash } from 'node:crypto';
import { TenantRows } from '../store/rows';

// A replay older than this is let through to the route, which refuses it by its own rules (a status for a message
// long finished changes nothing; a placed call's answer counts once and expires with the ring time).
const REMEMBER_HOURS = 24;

/**
 * The signed provider callbacks already taken, by a digest of the signature and the body: the same request a second
 * time (a replay of a captured one) is refused. One INSERT that only the first can make, so of parallel duplicates
 * exactly one is new.
 */
export class SeenCallbacks extends TenantRows {
  /** True the first time this `source` ("twilio") sees these parts; false for a replay within the day. */
  async firstTime(source: string, parts: readonly string[]): Promise<boolean> {
    const now = this.clock.now();
    const digest = createHash('sha256').update(parts.join('\u0000')).digest('hex');
    await this.db
      .deleteFrom('seen_callbacks')
      .where('tenant_id', '=', this.tenantId)
      .where('seen_at', '<', new Date(now.getTime() - REMEMBER_HOURS * 3600_000).toISOString())
      .execute();
    const inserted = await this.db
      .insertInto('seen_callbacks')
      .values({ tenant_id: this.tenantId, source, digest, seen_at: now.toISOString() })
      .onConflict((conflict) => conflict.doNothing())
      .executeTakeFirst();
    return inserted.numInsertedOrUpdatedRows === 1n;
  }
}
