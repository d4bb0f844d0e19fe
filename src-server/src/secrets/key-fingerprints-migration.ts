import type { Kysely, Migration } from 'kysely';

/**
 * server_key_fingerprints: a one-way fingerprint of each server key (never the key) as the first instance on this
 * database had it, so that an instance started with other keys is refused instead of quietly failing every code,
 * notice link and device signature made by the others (secrets/key-fingerprints.ts).
 */
export const keyFingerprintsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('server_key_fingerprints')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('fingerprint', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .execute();
  },
};
