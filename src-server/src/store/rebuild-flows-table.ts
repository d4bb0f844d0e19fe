import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import { dialectOf } from './dialect';

// The kinds before registration flows (issue 14): the earlier migrations that rebuild the table keep these.
const EARLY_KINDS = ['reset', 'unlock', 'change'] as const;

/**
 * Gives the flows table a new list of allowed states. SQLite cannot alter a CHECK, so the table is rebuilt; foreign
 * keys are off meanwhile so that dropping the old table does not cascade into the codes, approvals and bindings of
 * flows in progress (SQLite migrations run outside a transaction, where the pragma takes effect). PostgreSQL swaps
 * the two checks in place (its column checks are named `flows_kind_check` and `flows_state_check`). `stateOf` says
 * what each carried-over row's state becomes; `options` the allowed kinds and the user reference. The states and
 * kinds are the migration's own literals, never input.
 */
export async function rebuildFlowsTable(
  db: Kysely<unknown>,
  states: readonly string[],
  stateOf: RawBuilder<unknown> = sql`state`,
  // Later migrations: the kinds they allow, and no reference to `users` (dropped by 0010 for LDAP and AD users).
  options: { kinds?: readonly string[]; referencesUsers?: boolean } = {},
): Promise<void> {
  const KINDS = sql.raw((options.kinds ?? EARLY_KINDS).map((k) => `'${k}'`).join(', '));
  const userId = sql.raw(options.referencesUsers === false ? 'text' : 'text REFERENCES users(id) ON DELETE CASCADE');
  const stateList = sql.raw(states.map((s) => `'${s}'`).join(', '));
  if (dialectOf(db) === 'postgres') {
    await sql`ALTER TABLE flows DROP CONSTRAINT flows_kind_check, DROP CONSTRAINT flows_state_check`.execute(db);
    await sql`UPDATE flows SET state = ${stateOf}`.execute(db);
    await sql`ALTER TABLE flows ADD CONSTRAINT flows_kind_check CHECK (kind in (${KINDS})),
      ADD CONSTRAINT flows_state_check CHECK (state in (${stateList}))`.execute(db);
    return;
  }
  await sql`PRAGMA foreign_keys = OFF`.execute(db);
  try {
    await sql`CREATE TABLE flows_new (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      token_hash text NOT NULL UNIQUE,
      kind text NOT NULL CHECK (kind in (${KINDS})),
      state text NOT NULL CHECK (state in (${stateList})),
      user_id ${userId},
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
    await sql`INSERT INTO flows_new SELECT id, tenant_id, token_hash, kind, ${stateOf}, user_id, decoy, username,
      passed_method_ids, method_id, client_ip, locale, created_at, updated_at, expires_at, completed_at
      FROM flows`.execute(db);
    await sql`DROP TABLE flows`.execute(db);
    await sql`ALTER TABLE flows_new RENAME TO flows`.execute(db);
    await db.schema.createIndex('flows_expires_at').on('flows').column('expires_at').execute();
  } finally {
    await sql`PRAGMA foreign_keys = ON`.execute(db);
  }
}
