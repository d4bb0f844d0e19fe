import type { Kysely, Migration } from 'kysely';

/**
 * Authenticator app setups waiting for their first code (issue 14): the new secret (encrypted, as registered ones)
 * counts as registered only once a code from it was typed, so a QR code scanned into the wrong app changes nothing.
 */
export const totpEnrollmentMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('totp_enrollments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('sealed_secret', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('confirmed_at', 'text')
      .execute();
    await db.schema
      .createIndex('totp_enrollments_user')
      .on('totp_enrollments')
      .columns(['tenant_id', 'user_id'])
      .execute();
  },
};
