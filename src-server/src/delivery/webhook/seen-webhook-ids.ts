import { TenantRows } from '../../store/rows';
import { WEBHOOK_TOLERANCE_SECONDS } from './webhook-signature';
import { webhookDb } from './webhook-tables';

/**
 * The gateway's events taken so far, by webhook-id, for as long as their timestamp is within tolerance (after that
 * the signature check calls them stale). Taking an id is one INSERT that only the first writer wins, so of a replay,
 * or of two copies posted at once, exactly one is taken.
 */
export class SeenWebhookIds extends TenantRows {
  /** True for the first event with this id; false when it was taken before. */
  async take(webhookId: string, timestampSeconds: number): Promise<boolean> {
    const db = webhookDb(this.db);
    const now = this.clock.now();
    await db
      .deleteFrom('webhook_seen_ids')
      .where('tenant_id', '=', this.tenantId)
      .where('expires_at', '<', now.toISOString())
      .execute();
    // Kept until the later of now and the event's own time, plus the tolerance: an event ahead of our clock too.
    const keepUntil = new Date(Math.max(now.getTime(), timestampSeconds * 1000) + WEBHOOK_TOLERANCE_SECONDS * 1000);
    const taken = await db
      .insertInto('webhook_seen_ids')
      .values({ tenant_id: this.tenantId, webhook_id: webhookId, expires_at: keepUntil.toISOString() })
      .onConflict((conflict) => conflict.columns(['tenant_id', 'webhook_id']).doNothing())
      .returning('webhook_id')
      .executeTakeFirst();
    return taken !== undefined;
  }
}
