import type { Kysely, Migration } from 'kysely';

/**
 * Issue 14, passkeys: the registered credentials (keyed by the directory's stable user id), the assertion challenges
 * already used (single use across instances), and the registration ceremonies under way.
 */
export const passkeyMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('passkey_credentials')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('user_handle', 'text', (c) => c.notNull())
      .addColumn('rp_id', 'text', (c) => c.notNull())
      .addColumn('public_key', 'text', (c) => c.notNull())
      .addColumn('sign_count', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('transports', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_used_at', 'text')
      .execute();
    await db.schema
      .createIndex('passkey_credentials_user')
      .on('passkey_credentials')
      .columns(['tenant_id', 'user_id'])
      .execute();

    await db.schema
      .createTable('passkey_used_challenges')
      .addColumn('challenge', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
      .addColumn('credential_id', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('passkey_used_challenges_used_at')
      .on('passkey_used_challenges')
      .column('used_at')
      .execute();

    await db.schema
      .createTable('passkey_pending_registrations')
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('challenge', 'text', (c) => c.notNull())
      .addColumn('user_handle', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('passkey_pending_registrations_pk', ['tenant_id', 'user_id'])
      .execute();
  },
};
