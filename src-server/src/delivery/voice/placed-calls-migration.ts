import type { Kysely, Migration } from 'kysely';

/** Issue 12: calls placed by a provider, by the provider's reference, each answering one pending call once. */
export const placedCallsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('placed_calls')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('provider', 'text', (c) => c.notNull())
      .addColumn('provider_ref', 'text', (c) => c.notNull())
      .addColumn('call_id_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('answered_at', 'text')
      .addPrimaryKeyConstraint('placed_calls_pk', ['tenant_id', 'provider', 'provider_ref'])
      .execute();
  },
};
