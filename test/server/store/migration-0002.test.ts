import { sql } from 'kysely';
import type { Migration } from 'kysely';
import { describe, expect, it } from 'vitest';
import { FlowKindSchema } from '@resetdesk/shared';
import { FLOW_STATES } from '../../../src-server/src/store/database-schema';
import { MIGRATIONS } from '../../../src-server/src/store/migrations';
import { CHECK_FAILED } from '../support/constraint-errors';
import { STORE_DIALECTS, useTestStores } from '../support/store-dialects';

const stores = useTestStores();

describe.each(STORE_DIALECTS)('0002 and the flows table on %s', (dialect) => {
  it('0002 widens the flow kinds and states and keeps flows in progress and their codes', async () => {
    // A database as the walking skeleton left it: only 0001, one reset flow waiting for its code.
    const initial = MIGRATIONS['0001_initial_schema'] as Migration;
    const old = await stores.migratedOnly(dialect, { '0001_initial_schema': initial });
    const { db: oldDb } = old;
    await sql`INSERT INTO tenants (id, name, created_at)
      VALUES ('t', 'Contoso', '2026-01-01T00:00:00Z')`.execute(oldDb);
    await sql`INSERT INTO flows (id, tenant_id, token_hash, kind, state, user_id, decoy, username, created_at,
      updated_at, expires_at) VALUES ('f1', 't', 'h1', 'reset', 'enter_code', NULL, 1, 'a', 'x', 'x', 'x')`
      .execute(oldDb);
    await sql`INSERT INTO verification_codes (flow_id, method_id, code_hmac, created_at, expires_at, max_attempts)
      VALUES ('f1', 'email', 'hmac', 'x', 'x', 5)`.execute(oldDb);
    const store = await old.reopen();
    // Every migration after 0001, in order (whatever later ones exist).
    expect(store.migrationsApplied).toEqual(Object.keys(MIGRATIONS).slice(1));
    expect(store.migrationsApplied.slice(0, 4)).toEqual([
      '0002_unlock_and_change_flows',
      '0003_verification_methods',
      '0004_device_trust',
      '0005_reset_protection',
    ]);
    const { db } = store;
    expect(await db.selectFrom('verification_codes').select('flow_id').execute()).toEqual([{ flow_id: 'f1' }]);
    await db
      .insertInto('flows')
      .values({
        id: 'f2',
        tenant_id: 't',
        token_hash: 'h2',
        kind: 'change',
        state: 'change_password',
        user_id: null,
        decoy: 1,
        username: 'b',
        method_id: null,
        client_ip: null,
        locale: null,
        created_at: 'x',
        updated_at: 'x',
        expires_at: 'x',
        completed_at: null,
      })
      .execute();
    await expect(sql`UPDATE flows SET kind = 'other' WHERE id = 'f2'`.execute(db)).rejects.toThrow(CHECK_FAILED);
    // Foreign keys are back on: deleting a flow still takes its codes with it.
    await db.deleteFrom('flows').where('id', '=', 'f1').execute();
    expect(await db.selectFrom('verification_codes').selectAll().execute()).toEqual([]);
  });

  it('after every migration the flows table accepts each kind and state the code knows, and no other', async () => {
    // The last migration that rebuilt `flows` must keep up with FlowKindSchema and FLOW_STATES.
    const store = await stores.open(dialect);
    await sql`INSERT INTO tenants (id, name, created_at) VALUES ('t', 'Contoso', 'x')`.execute(store.db);
    let n = 0;
    for (const kind of FlowKindSchema.options) {
      for (const state of FLOW_STATES) {
        n += 1;
        const [id, hash] = [`f${n}`, `h${n}`];
        await sql`INSERT INTO flows (id, tenant_id, token_hash, kind, state, user_id, decoy, username, created_at,
          updated_at, expires_at) VALUES (${id}, 't', ${hash}, ${kind}, ${state}, NULL, 1, 'a', 'x', 'x', 'x')`.execute(
          store.db,
        );
      }
    }
    await expect(sql`UPDATE flows SET state = 'other' WHERE id = 'f1'`.execute(store.db)).rejects.toThrow(CHECK_FAILED);
  });
});
