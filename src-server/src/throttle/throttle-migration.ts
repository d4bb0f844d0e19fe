import type { Kysely, Migration } from 'kysely';

/**
 * The per-account check lease and the flow's device binding.
 * - throttle_leases: one row while a check of an account (a password, a code, answers) is running, so checks of one
 *   account run one at a time across every server instance that shares the database. A holder that dies leaves a row
 *   that expires by itself.
 * - flow_throttle_subjects.device_id: the enrolled device that started the flow (its throttle scope and the device
 *   every later step must come from).
 */
export const throttleLeasesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('throttle_leases')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('holder', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('throttle_leases_pk', ['tenant_id', 'key'])
      .execute();
    await db.schema.alterTable('flow_throttle_subjects').addColumn('device_id', 'text').execute();
  },
};
