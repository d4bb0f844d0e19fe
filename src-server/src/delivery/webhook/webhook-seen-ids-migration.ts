import type { Kysely, Migration } from 'kysely';

/** Issue 12: the webhook-ids of the gateway's events already taken, so a replayed event is refused. */
export const webhookSeenIdsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('webhook_seen_ids')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('webhook_id', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('webhook_seen_ids_pk', ['tenant_id', 'webhook_id'])
      .execute();
    await db.schema.createIndex('webhook_seen_ids_expiry').on('webhook_seen_ids').column('expires_at').execute();
  },
};
