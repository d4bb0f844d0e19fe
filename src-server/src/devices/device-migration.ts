import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * Device enrollment: enrollment tokens, enrolled devices and the nonces of recent signed requests.
 * Neither tokens nor device secrets are stored: tokens as SHA-256, device secrets not at all (they are derived from
 * the server's device key, see device-key.ts).
 */
export const deviceTrustMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('enrollment_tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('label', 'text')
      .addColumn('max_uses', 'integer', (c) => c.notNull().check(sql`max_uses >= 1`))
      .addColumn('uses', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .execute();

    await db.schema
      .createTable('devices')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('machine_id_hash', 'text', (c) => c.notNull())
      .addColumn('enrollment_token_id', 'text', (c) => c.references('enrollment_tokens.id').onDelete('set null'))
      .addColumn('app_version', 'text')
      .addColumn('enrolled_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text')
      .addColumn('last_ip', 'text')
      .addColumn('revoked_at', 'text')
      .addColumn('revoked_reason', 'text')
      .execute();
    await db.schema.createIndex('devices_machine').on('devices').columns(['tenant_id', 'machine_id_hash']).execute();

    // A nonce is remembered for twice the skew window: older requests are refused by their timestamp anyway.
    await db.schema
      .createTable('device_nonces')
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id').onDelete('cascade'))
      .addColumn('nonce', 'text', (c) => c.notNull())
      .addColumn('seen_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('device_nonces_pk', ['device_id', 'nonce'])
      .execute();
    await db.schema.createIndex('device_nonces_seen_at').on('device_nonces').column('seen_at').execute();
  },
};
