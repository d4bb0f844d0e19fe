import type { Kysely, Migration } from 'kysely';

/**
 * Temporary Access Passes (issue 14): what the helpdesk issued, per person (the directory's stable id), with only an
 * HMAC of each pass. Uses and revocation are columns of the row, so a one-time pass is used up by one conditional
 * UPDATE (two requests at once cannot both win).
 */
export const temporaryAccessPassMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('temporary_access_passes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('pass_hash', 'text', (c) => c.notNull())
      .addColumn('one_time', 'integer', (c) => c.notNull())
      .addColumn('use_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('issued_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('first_used_at', 'text')
      .addColumn('last_used_at', 'text')
      .addColumn('revoked_at', 'text')
      .addColumn('revoked_by', 'text')
      .execute();
    await db.schema
      .createIndex('temporary_access_passes_user')
      .on('temporary_access_passes')
      .columns(['tenant_id', 'user_id'])
      .execute();
  },
};
