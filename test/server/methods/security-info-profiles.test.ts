import { describe, expect, it } from 'vitest';
import { SecurityInfoProfiles } from '../../../src-server/src/methods/security-info-profiles';
import type { StoreDialect } from '../../../src-server/src/store/dialect';
import { DEFAULT_TENANT_ID, ensureTenant } from '../../../src-server/src/store/tenants';
import { STORE_DIALECTS, useTestStores } from '../support/store-dialects';
import { ManualClock } from '../support/server-fixtures';

// The reconfirmation's starting date on the real store, SQLite and PostgreSQL: set only while none is on record, by
// one statement, so parallel sign-ins keep one date and a confirmation is never moved by a later sign-in.

const stores = useTestStores();

async function setUp(dialect: StoreDialect) {
  const store = await stores.open(dialect);
  const clock = new ManualClock();
  await ensureTenant(store.db, clock, DEFAULT_TENANT_ID, 'Contoso');
  return { clock, profiles: new SecurityInfoProfiles({ db: store.db, tenantId: DEFAULT_TENANT_ID, clock }) };
}

describe.each(STORE_DIALECTS)('security-info profiles on %s', (dialect) => {
  it('starts the interval once, in parallel too, and never moves a date on record', async () => {
    const { clock, profiles } = await setUp(dialect);
    const started = clock.now();
    await Promise.all(Array.from({ length: 8 }, () => profiles.startIfNone('uid-ada')));
    expect((await profiles.get('uid-ada')).confirmedAt).toEqual(started);
    clock.advanceMinutes(60);
    await profiles.startIfNone('uid-ada');
    expect((await profiles.get('uid-ada')).confirmedAt).toEqual(started);

    // A row kept for the default method only (no date yet) gets one; the default stays.
    await profiles.setDefault('uid-bob', 'email');
    await profiles.startIfNone('uid-bob');
    expect(await profiles.get('uid-bob')).toEqual({ defaultMethodId: 'email', confirmedAt: clock.now() });
    // A confirmation is the person's own: a later start leaves it.
    clock.advanceMinutes(60);
    await profiles.confirm('uid-bob');
    const confirmed = clock.now();
    clock.advanceMinutes(60);
    await profiles.startIfNone('uid-bob');
    expect((await profiles.get('uid-bob')).confirmedAt).toEqual(confirmed);
  }, 60_000);
});
