import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DatabaseSchema } from '../../../src-server/src/store/database-schema';
import type { StoreDialect } from '../../../src-server/src/store/dialect';
import { MIGRATIONS } from '../../../src-server/src/store/migrations';
import { CHECK_FAILED, FOREIGN_KEY_FAILED, UNIQUE_FAILED } from '../support/constraint-errors';
import { STORE_DIALECTS, useTestStores } from '../support/store-dialects';

const stores = useTestStores();

// An LDAP entryUUID: a user of the configured directory, with no row in the built-in directory's users table.
const LDAP_USER = '5f0c3a52-8f0e-103f-9d3c-7b1c4b8e2a11';

async function indexNames(db: Kysely<DatabaseSchema>, dialect: StoreDialect, names: string[]): Promise<string[]> {
  const { rows } =
    dialect === 'postgres'
      ? await sql<{ name: string }>`SELECT indexname AS name FROM pg_indexes WHERE indexname IN (${sql.join(names)})
          ORDER BY indexname`.execute(db)
      : await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'index' AND name IN (${sql.join(names)})
          ORDER BY name`.execute(db);
  return rows.map((r) => r.name);
}

describe.each(STORE_DIALECTS)('0010 on %s', (dialect) => {
  it('0010 lets flows, security info and method locks belong to a user of an LDAP or AD directory', async () => {
    // A database as 0009 left it, with a built-in user's flow (waiting for its code), registration and method lock.
    const before = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name < '0010'));
    const old = await stores.migratedOnly(dialect, before);
    const { db: oldDb } = old;
    await sql`INSERT INTO tenants (id, name, created_at) VALUES ('t', 'Contoso', 'x')`.execute(oldDb);
    await sql`INSERT INTO users (id, tenant_id, username, display_name, created_at)
      VALUES ('u1', 't', 'adele', 'Adele', 'x')`.execute(oldDb);
    await sql`INSERT INTO flows (id, tenant_id, token_hash, kind, state, user_id, decoy, username, method_id,
      created_at, updated_at, expires_at)
      VALUES ('f1', 't', 'h1', 'reset', 'verify', 'u1', 0, 'adele', 'email', 'x', 'x', 'x')`.execute(oldDb);
    await sql`INSERT INTO verification_codes (flow_id, method_id, code_hmac, created_at, expires_at, max_attempts)
      VALUES ('f1', 'email', 'hmac', 'x', 'x', 5)`.execute(oldDb);
    await sql`INSERT INTO method_registrations (id, tenant_id, user_id, kind, data, created_at)
      VALUES ('r1', 't', 'u1', 'totp', '{}', 'x')`.execute(oldDb);
    await sql`INSERT INTO method_lockouts (tenant_id, user_id, method_kind, locked_until)
      VALUES ('t', 'u1', 'questions', 'x')`.execute(oldDb);
    // Before: a directory user's flow fails the foreign key (what a reset against LDAP or AD ran into).
    await expect(sql`INSERT INTO flows (id, tenant_id, token_hash, kind, state, user_id, decoy, username, created_at,
      updated_at, expires_at) VALUES ('f0', 't', 'h0', 'reset', 'choose_method', ${LDAP_USER}, 0, 'erin', 'x', 'x', 'x')`
      .execute(oldDb)).rejects.toThrow(FOREIGN_KEY_FAILED);

    const store = await old.reopen();
    // 0010 and whatever came after it.
    expect(store.migrationsApplied).toEqual(Object.keys(MIGRATIONS).filter((name) => name >= '0010'));
    const { db } = store;
    // Every row carried over.
    expect(await db.selectFrom('flows').select(['id', 'state', 'user_id']).execute())
      .toEqual([{ id: 'f1', state: 'verify', user_id: 'u1' }]);
    expect((await db.selectFrom('method_registrations').select('id').execute()).map((r) => r.id)).toEqual(['r1']);
    expect(await db.selectFrom('method_lockouts').select('user_id').execute()).toEqual([{ user_id: 'u1' }]);

    await sql`INSERT INTO flows (id, tenant_id, token_hash, kind, state, user_id, decoy, username, created_at,
      updated_at, expires_at) VALUES ('f2', 't', 'h2', 'reset', 'choose_method', ${LDAP_USER}, 0, 'erin', 'x', 'x',
      'x')`.execute(db);
    await sql`INSERT INTO method_registrations (id, tenant_id, user_id, kind, data, created_at)
      VALUES ('r2', 't', ${LDAP_USER}, 'totp', '{}', 'x')`.execute(db);
    await sql`INSERT INTO method_lockouts (tenant_id, user_id, method_kind, locked_until)
      VALUES ('t', ${LDAP_USER}, 'questions', 'x')`.execute(db);

    // The other constraints stay: states, one registration per kind, the tenant reference, the indexes.
    await expect(sql`UPDATE flows SET state = 'enter_code' WHERE id = 'f2'`.execute(db)).rejects.toThrow(CHECK_FAILED);
    await expect(sql`INSERT INTO method_registrations (id, tenant_id, user_id, kind, data, created_at)
      VALUES ('r3', 't', ${LDAP_USER}, 'totp', '{}', 'x')`.execute(db)).rejects.toThrow(UNIQUE_FAILED);
    await expect(sql`INSERT INTO flows (id, tenant_id, token_hash, kind, state, user_id, decoy, username, created_at,
      updated_at, expires_at) VALUES ('f3', 'nope', 'h3', 'reset', 'choose_method', NULL, 1, 'x', 'x', 'x', 'x')`
      .execute(db)).rejects.toThrow(FOREIGN_KEY_FAILED);
    expect(await indexNames(db, dialect, ['flows_expires_at', 'method_registrations_lookup']))
      .toEqual(['flows_expires_at', 'method_registrations_lookup']);

    // Foreign keys are back on: deleting a flow still takes its code with it.
    await db.deleteFrom('flows').where('id', '=', 'f1').execute();
    expect(await db.selectFrom('verification_codes').selectAll().execute()).toEqual([]);
  });
});
