import type { Kysely, Migration } from 'kysely';

/** Issue 9: the profile a decoy flow shows (methods and masked details), one row per decoy flow, gone with the flow. */
export const decoyProfilesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('decoy_profiles')
      .addColumn('flow_id', 'text', (c) => c.primaryKey().references('flows.id').onDelete('cascade'))
      .addColumn('profile', 'text', (c) => c.notNull())
      .execute();
  },
};
