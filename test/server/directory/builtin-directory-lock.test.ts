import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BuiltinDirectory } from '../../../src-server/src/directory/builtin/builtin-directory';
import { createBuiltinUsers } from '../../../src-server/src/directory/builtin/builtin-users';
import { PasswordHasher } from '../../../src-server/src/support/password-hash';
import { openStore } from '../../../src-server/src/store/store';
import type { Store } from '../../../src-server/src/store/store';
import { ensureTenant } from '../../../src-server/src/store/tenants';
import { makeTempDir, ManualClock, TEST_SCRYPT_COST } from '../support/server-fixtures';

// The built-in directory's lockout, unlock and "must change" rules (the directory interface's lockState / unlock).
let temp: ReturnType<typeof makeTempDir>;
let store: Store;
let clock: ManualClock;
let directory: BuiltinDirectory;
let janId: string;

const PASSWORD = 'Old-Harbor-11';

beforeEach(async () => {
  temp = makeTempDir();
  store = await openStore(temp.dir);
  clock = new ManualClock();
  await ensureTenant(store.db, clock, 't', 'Contoso');
  const deps = { db: store.db, tenantId: 't', hasher: new PasswordHasher(TEST_SCRYPT_COST), clock };
  directory = new BuiltinDirectory({ ...deps, lockoutThreshold: 3 });
  await createBuiltinUsers(deps, [
    { username: 'jan', displayName: 'Jan Jansen', password: PASSWORD },
    { username: 'must', displayName: 'Must Change', password: PASSWORD, mustChangePassword: true },
    { username: 'off', displayName: 'Switched Off', password: PASSWORD, accountEnabled: false },
  ]);
  const jan = await directory.findUser('jan');
  if (!jan) throw new Error('missing');
  janId = jan.id;
});

afterEach(async () => {
  await store.close();
  temp.remove();
});

async function failedSignIns(username: string): Promise<number> {
  const row = await store.db
    .selectFrom('users')
    .select('failed_sign_ins')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return row.failed_sign_ins;
}

describe('built-in directory: lockout and unlock', () => {
  it('locks after its own threshold of wrong passwords in a row and reports when', async () => {
    expect(await directory.lockState(janId)).toEqual({ locked: false, lockedAt: null });
    for (let i = 0; i < 2; i++) expect(await directory.verifyPassword('jan', 'wrong')).toBe('invalid');
    expect((await directory.lockState(janId)).locked).toBe(false);
    clock.advanceMinutes(1);
    expect(await directory.verifyPassword('jan', 'wrong')).toBe('invalid');
    expect(await directory.lockState(janId)).toEqual({ locked: true, lockedAt: clock.now() });
    expect((await directory.findUser('jan'))?.locked).toBe(true);
    expect(await directory.verifyPassword('jan', PASSWORD)).toBe('locked');
  });

  it('tells a locked or disabled state only to the right password', async () => {
    for (let i = 0; i < 3; i++) await directory.verifyPassword('jan', 'wrong');
    expect(await directory.verifyPassword('jan', 'wrong')).toBe('invalid');
    expect(await directory.verifyPassword('jan', PASSWORD)).toBe('locked');
    expect(await directory.verifyPassword('off', 'wrong')).toBe('invalid');
    expect(await directory.verifyPassword('off', PASSWORD)).toBe('disabled');
  });

  it('unlocks without touching the password and clears the failure count', async () => {
    for (let i = 0; i < 3; i++) await directory.verifyPassword('jan', 'wrong');
    expect(await failedSignIns('jan')).toBe(3);
    await directory.unlock(janId);
    expect(await directory.lockState(janId)).toEqual({ locked: false, lockedAt: null });
    expect(await failedSignIns('jan')).toBe(0);
    // The count starts from zero again: two more wrong passwords do not lock.
    for (let i = 0; i < 2; i++) await directory.verifyPassword('jan', 'wrong');
    expect((await directory.lockState(janId)).locked).toBe(false);
    expect(await directory.verifyPassword('jan', PASSWORD)).toBe('ok');
  });

  it('unlocks an account that is not locked as a no-op, and refuses unknown users', async () => {
    await directory.unlock(janId);
    expect(await directory.verifyPassword('jan', PASSWORD)).toBe('ok');
    await expect(directory.unlock('no-such-id')).rejects.toThrow();
    await expect(directory.lockState('no-such-id')).rejects.toThrow();
  });

  it('answers must_change for the right password of a "must change" user until the password is set', async () => {
    expect(await directory.verifyPassword('must', 'wrong')).toBe('invalid');
    expect(await directory.verifyPassword('must', PASSWORD)).toBe('must_change');
    const must = await directory.findUser('must');
    if (!must) throw new Error('missing');
    await directory.setPassword(must.id, 'New-Harbor-22', { unlock: false });
    expect(await directory.verifyPassword('must', 'New-Harbor-22')).toBe('ok');
  });
});

describe('parallel sign-ins (issue 9 item 1)', () => {
  it('hashes at most the threshold of 20 parallel guesses and refuses the right password once locked', async () => {
    const hasher = new PasswordHasher(TEST_SCRYPT_COST);
    let realChecks = 0;
    const row = await store.db.selectFrom('users').select('password_hash').where('id', '=', janId).executeTakeFirstOrThrow();
    const counting = Object.assign(Object.create(hasher) as PasswordHasher, {
      verify: async (stored: string, password: string) => {
        if (stored === row.password_hash) realChecks++;
        return hasher.verify(stored, password);
      },
    });
    const parallel = new BuiltinDirectory({ db: store.db, tenantId: 't', hasher: counting, clock, lockoutThreshold: 3 });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => parallel.verifyPassword('jan', i < 19 ? `Wrong-${i}` : PASSWORD)),
    );
    expect(results.filter((r) => r === 'ok')).toHaveLength(0);
    expect(realChecks).toBeLessThanOrEqual(3);
    expect((await parallel.lockState(janId)).locked).toBe(true);
    expect(await parallel.verifyPassword('jan', PASSWORD)).toBe('locked');
  });
});
