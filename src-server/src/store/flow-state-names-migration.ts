import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * The state of a flow waiting for the answer to a challenge is `verify` (it was `enter_code`, though it holds questions,
 * calls and approvals too). SQLite cannot alter a CHECK, so the flows table is rebuilt with the new state list and
 * every waiting flow is carried over in the new name. Foreign keys are off meanwhile so that dropping the old table
 * does not cascade into the codes, approvals and bindings of flows in progress (SQLite migrations run outside a
 * transaction, where the pragma takes effect).
 */
export const flowStateNamesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`PRAGMA foreign_keys = OFF`.execute(db);
    try {
      await sql`CREATE TABLE flows_new (
        id text PRIMARY KEY,
        tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        kind text NOT NULL CHECK (kind in ('reset', 'unlock', 'change')),
        state text NOT NULL CHECK (state in
          ('choose_method', 'verify', 'new_password', 'change_password', 'completed', 'cancelled')),
        user_id text REFERENCES users(id) ON DELETE CASCADE,
        decoy integer NOT NULL,
        username text NOT NULL,
        passed_method_ids text NOT NULL DEFAULT '[]',
        method_id text,
        client_ip text,
        locale text,
        created_at text NOT NULL,
        updated_at text NOT NULL,
        expires_at text NOT NULL,
        completed_at text
      )`.execute(db);
      await sql`INSERT INTO flows_new SELECT id, tenant_id, token_hash, kind,
        CASE state WHEN 'enter_code' THEN 'verify' ELSE state END, user_id, decoy, username,
        passed_method_ids, method_id, client_ip, locale, created_at, updated_at, expires_at, completed_at
        FROM flows`.execute(db);
      await sql`DROP TABLE flows`.execute(db);
      await sql`ALTER TABLE flows_new RENAME TO flows`.execute(db);
      await db.schema.createIndex('flows_expires_at').on('flows').column('expires_at').execute();
    } finally {
      await sql`PRAGMA foreign_keys = ON`.execute(db);
    }
  },
};
