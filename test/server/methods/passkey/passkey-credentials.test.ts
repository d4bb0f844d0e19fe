import { describe, expect, it } from 'vitest';
import { PasskeyCredentials } from '../../../../src-server/src/methods/passkey/passkey-credentials';
import { openStore } from '../../../../src-server/src/store/store';
import { ensureTenant } from '../../../../src-server/src/store/tenants';
import { ManualClock } from '../../support/server-fixtures';
import { STORE_DIALECTS, useTestStores } from '../../support/store-dialects';

// The passkey tables on both dialects, and their single-use records raced by two instances (two stores, two pools,
// one database): of two identical requests at once exactly one wins, whatever the timing.

const stores = useTestStores();

async function twoInstances(dialect: (typeof STORE_DIALECTS)[number]) {
  const settings = await stores.settings(dialect);
  const dataDir = stores.dataDir();
  const first = await openStore(dataDir, settings);
  const second = await openStore(dataDir, settings);
  const clock = new ManualClock();
  await ensureTenant(first.db, clock, 't', 'Contoso');
  const deps = { tenantId: 't', clock };
  return {
    clock,
    a: new PasskeyCredentials({ db: first.db, ...deps }),
    b: new PasskeyCredentials({ db: second.db, ...deps }),
    close: async () => {
      await first.close();
      await second.close();
    },
  };
}

const CREDENTIAL = {
  id: 'Y3JlZGVudGlhbC1pZC0wMDAx',
  userId: 'user-guid-1',
  userHandle: 'aGFuZGxl',
  rpId: 'localhost',
  publicKey: 'cHVibGljLWtleQ',
  signCount: 0,
  transports: ['internal'],
};

describe.each(STORE_DIALECTS)('passkey credentials (%s)', (dialect) => {
  it('stores a passkey by the directory user id and relying party, and finds it by credential id', async () => {
    const { a, close } = await twoInstances(dialect);
    try {
      await a.add(CREDENTIAL);
      expect((await a.ofUser('user-guid-1', 'localhost')).map((c) => c.id)).toEqual([CREDENTIAL.id]);
      // A passkey made for another host is not offered here.
      expect(await a.ofUser('user-guid-1', 'reset.contoso.example')).toEqual([]);
      const found = await a.find(CREDENTIAL.id);
      expect(found).toMatchObject({ user_id: 'user-guid-1', user_handle: 'aGFuZGxl', transports: '["internal"]' });
      expect(Number(found?.sign_count)).toBe(0);
      expect(found?.last_used_at).toBeNull();
      expect(await a.removeAll('user-guid-1')).toBe(1);
      expect(await a.find(CREDENTIAL.id)).toBeUndefined();
    } finally {
      await close();
    }
  });

  it('accepts an assertion challenge once: two instances at once, exactly one wins; later it is a replay', async () => {
    const { a, b, clock, close } = await twoInstances(dialect);
    try {
      const results = await Promise.all([a.useChallenge('c1', CREDENTIAL.id), b.useChallenge('c1', CREDENTIAL.id)]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await a.useChallenge('c1', CREDENTIAL.id)).toBe(false);
      expect(await b.challengeWasUsed('c1')).toBe(true);
      expect(await b.challengeWasUsed('c2')).toBe(false);
      // Kept a day (a replay is still named one), then forgotten.
      await a.purgeUsedChallenges();
      expect(await a.challengeWasUsed('c1')).toBe(true);
      clock.advanceMinutes(24 * 60 + 1);
      await a.purgeUsedChallenges();
      expect(await a.challengeWasUsed('c1')).toBe(false);
    } finally {
      await close();
    }
  });

  it('moves the signature counter forward only: the same count twice at once, exactly one wins', async () => {
    const { a, b, close } = await twoInstances(dialect);
    try {
      await a.add({ ...CREDENTIAL, signCount: 4 });
      const results = await Promise.all([a.advanceCounter(CREDENTIAL.id, 5), b.advanceCounter(CREDENTIAL.id, 5)]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await a.advanceCounter(CREDENTIAL.id, 3)).toBe(false);
      expect(Number((await a.find(CREDENTIAL.id))?.sign_count)).toBe(5);
      // Counters above 2^31 (int32) still fit.
      expect(await a.advanceCounter(CREDENTIAL.id, 2 ** 32 - 1)).toBe(true);
    } finally {
      await close();
    }
  });

  it('keeps 0 allowed for an authenticator without a counter (a synced passkey)', async () => {
    const { a, close } = await twoInstances(dialect);
    try {
      await a.add(CREDENTIAL);
      expect(await a.advanceCounter(CREDENTIAL.id, 0)).toBe(true);
      expect(await a.advanceCounter(CREDENTIAL.id, 0)).toBe(true);
    } finally {
      await close();
    }
  });

  it('takes a pending registration once, not after it expired, and a new one replaces the old', async () => {
    const { a, b, clock, close } = await twoInstances(dialect);
    try {
      const expires = () => new Date(clock.now().getTime() + 5 * 60_000);
      await a.beginRegistration('u', 'r1', 'h', expires());
      const taken = await Promise.all([a.takeRegistration('u', 'r1'), b.takeRegistration('u', 'r1')]);
      expect(taken.filter((t) => t !== null)).toEqual([{ userHandle: 'h' }]);
      await a.beginRegistration('u', 'r2', 'h', expires());
      await a.beginRegistration('u', 'r3', 'h', expires());
      expect(await a.takeRegistration('u', 'r2')).toBeNull();
      clock.advanceMinutes(6);
      expect(await a.takeRegistration('u', 'r3')).toBeNull();
    } finally {
      await close();
    }
  });
});
