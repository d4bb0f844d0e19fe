import type { Kysely, Migration } from 'kysely';

/** Issue 12: the provider callbacks already taken (by a digest of signature and body), to refuse a replay. */
export const seenCallbacksMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('seen_callbacks')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('digest', 'text', (c) => c.notNull())
      .addColumn('seen_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('seen_callbacks_pk', ['tenant_id', 'source', 'digest'])
      .execute();
  },
};
