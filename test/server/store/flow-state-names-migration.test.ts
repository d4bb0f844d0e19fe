import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../src-server/src/store/migrations';
import { CHECK_FAILED } from '../support/constraint-errors';
import { STORE_DIALECTS, useTestStores } from '../support/store-dialects';

const stores = useTestStores();

describe.each(STORE_DIALECTS)('0008 on %s', (dialect) => {
  it('0008 renames the waiting state enter_code to verify and keeps the flow, its code and its binding', async () => {
    // A database as 0007 left it, with a flow waiting for its code and one choosing a method.
    const before = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name < '0008'));
    const old = await stores.migratedOnly(dialect, before);
    await sql`INSERT INTO tenants (id, name, created_at) VALUES ('t', 'Contoso', 'x')`.execute(old.db);
    await sql`INSERT INTO flows (id, tenant_id, token_hash, kind, state, user_id, decoy, username, method_id, created_at,
      updated_at, expires_at) VALUES ('f1', 't', 'h1', 'unlock', 'enter_code', NULL, 1, 'a', 'email', 'x', 'x', 'x'),
      ('f2', 't', 'h2', 'reset', 'choose_method', NULL, 1, 'b', NULL, 'x', 'x', 'x')`.execute(old.db);
    await sql`INSERT INTO verification_codes (flow_id, method_id, code_hmac, created_at, expires_at, max_attempts)
      VALUES ('f1', 'email', 'hmac', 'x', 'x', 5)`.execute(old.db);
    await sql`INSERT INTO flow_throttle_subjects (flow_id, account_key) VALUES ('f1', 'k1')`.execute(old.db);

    const store = await old.reopen();
    expect(store.migrationsApplied).toContain('0008_flows_state_names');
    const { db } = store;
    const flows = await db.selectFrom('flows').select(['id', 'kind', 'state', 'method_id']).orderBy('id').execute();
    expect(flows).toEqual([
      { id: 'f1', kind: 'unlock', state: 'verify', method_id: 'email' },
      { id: 'f2', kind: 'reset', state: 'choose_method', method_id: null },
    ]);
    await expect(sql`UPDATE flows SET state = 'enter_code' WHERE id = 'f2'`.execute(db)).rejects.toThrow(CHECK_FAILED);
    // Foreign keys are back on: deleting a flow still takes its code and binding with it.
    await db.deleteFrom('flows').where('id', '=', 'f1').execute();
    expect(await db.selectFrom('verification_codes').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('flow_throttle_subjects').selectAll().execute()).toEqual([]);
  });
});
