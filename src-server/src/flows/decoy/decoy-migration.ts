import type { Kysely, Migration } from 'kysely';

/** The profile a decoy flow shows (methods and masked details), one row per decoy flow, gone with the flow. */
export const decoyProfilesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('decoy_profiles')
      .addColumn('flow_id', 'text', (c) => c.primaryKey().references('flows.id').onDelete('cascade'))
      .addColumn('profile', 'text', (c) => c.notNull())
      .execute();
  },
};

/**
 * The first profile drawn for an unknown name, kept per name (a keyed HMAC of the canonical name, never the
 * name) so the decoy stays the same when the tenant's accounts change. Bounded: see decoy-name-profiles.ts.
 */
export const decoyProfilesByNameMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('decoy_name_profiles')
      .addColumn('name_key', 'text', (c) => c.primaryKey())
      .addColumn('profile', 'text', (c) => c.notNull())
      .addColumn('last_used_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('decoy_name_profiles_last_used')
      .on('decoy_name_profiles')
      .column('last_used_at')
      .execute();
  },
};
