import type { Kysely, Migration } from 'kysely';

/**
 * flow_leases: one row while a request of a flow runs, so that several processes on one SQLite file take a flow's
 * requests one at a time, as the advisory lock does on PostgreSQL (store/sqlite-flow-lock.ts). Created on both
 * dialects so the schema is the same everywhere; PostgreSQL leaves it empty.
 */
export const flowLeasesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('flow_leases')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('holder', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
  },
};
