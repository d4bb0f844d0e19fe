import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BuiltinDirectory } from '../../../src-server/src/directory/builtin/builtin-directory';
import { createBuiltinUsers } from '../../../src-server/src/directory/builtin/builtin-users';
import { PasswordHasher } from '../../../src-server/src/support/password-hash';
import { TenantDomains } from '../../../src-server/src/directory/tenant-domains';
import { openStore } from '../../../src-server/src/store/store';
import type { Store } from '../../../src-server/src/store/store';
import { ensureTenant } from '../../../src-server/src/store/tenants';
import { makeTempDir, ManualClock, TEST_SCRYPT_COST } from '../support/server-fixtures';

let temp: ReturnType<typeof makeTempDir>;
let store: Store;
let directory: BuiltinDirectory;
let deps: Parameters<typeof createBuiltinUsers>[0];

beforeEach(async () => {
  temp = makeTempDir();
  store = await openStore(temp.dir);
  const clock = new ManualClock();
  await ensureTenant(store.db, clock, 't', 'Contoso');
  deps = { db: store.db, tenantId: 't', hasher: new PasswordHasher(TEST_SCRYPT_COST), clock };
  directory = new BuiltinDirectory({ ...deps, domains: new TenantDomains(['contoso.example']) });
  await createBuiltinUsers(deps, [
    { username: 'Jan.Jansen', displayName: 'Jan Jansen', email: 'Jan@Contoso.example', password: 'Old-Harbor-11' },
    { username: 'nopass', displayName: 'No Password' },
    { username: 'off', displayName: 'Switched Off', password: 'Old-Harbor-11', accountEnabled: false },
  ]);
});

afterEach(async () => {
  await store.close();
  temp.remove();
});

describe('built-in directory', () => {
  it('finds users by username (any case), DOMAIN\\name or email address', async () => {
    for (const typed of ['jan.jansen', ' JAN.JANSEN ', 'CONTOSO\\jan.jansen', 'jan@contoso.example']) {
      expect((await directory.findUser(typed))?.username).toBe('jan.jansen');
    }
    expect(await directory.findUser('jan')).toBeNull();
    expect(await directory.findUser('')).toBeNull();
  });

  it('accepts a down-level prefix only for the tenant\'s own domains (issue 9 item 14)', async () => {
    for (const typed of ['contoso.example\\jan.jansen', 'Contoso\\Jan.Jansen']) {
      expect((await directory.findUser(typed))?.username).toBe('jan.jansen');
    }
    for (const typed of ['FOO\\jan.jansen', '*\\jan.jansen', '\\jan.jansen', 'EXAMPLE\\jan.jansen', 'contoso\\']) {
      expect(await directory.findUser(typed), typed).toBeNull();
    }
    // Without configured domains no prefix is accepted at all.
    expect(await new BuiltinDirectory(deps).findUser('CONTOSO\\jan.jansen')).toBeNull();
  });

  it('checks sign-ins and locks after five wrong passwords in a row', async () => {
    expect(await directory.verifyPassword('jan.jansen', 'Old-Harbor-11')).toBe('ok');
    for (let i = 0; i < 4; i++) expect(await directory.verifyPassword('jan.jansen', 'wrong')).toBe('invalid');
    // A success resets the count.
    expect(await directory.verifyPassword('jan.jansen', 'Old-Harbor-11')).toBe('ok');
    for (let i = 0; i < 5; i++) expect(await directory.verifyPassword('jan.jansen', 'wrong')).toBe('invalid');
    expect(await directory.verifyPassword('jan.jansen', 'Old-Harbor-11')).toBe('locked');
    expect((await directory.findUser('jan.jansen'))?.locked).toBe(true);
  });

  it('answers unknown users, users without a password and disabled users without a sign-in', async () => {
    expect(await directory.verifyPassword('ghost', 'Old-Harbor-11')).toBe('invalid');
    expect(await directory.verifyPassword('nopass', '')).toBe('invalid');
    expect(await directory.verifyPassword('off', 'Old-Harbor-11')).toBe('disabled');
  });

  it('sets a new password and unlocks only when asked', async () => {
    const jan = await directory.findUser('jan.jansen');
    if (!jan) throw new Error('missing');
    for (let i = 0; i < 5; i++) await directory.verifyPassword('jan.jansen', 'wrong');

    await directory.setPassword(jan.id, 'New-Harbor-22', { unlock: false });
    expect(await directory.verifyPassword('jan.jansen', 'New-Harbor-22')).toBe('locked');

    await directory.setPassword(jan.id, 'Newer-Harbor-33', { unlock: true });
    expect(await directory.verifyPassword('jan.jansen', 'Newer-Harbor-33')).toBe('ok');
    expect(await directory.verifyPassword('jan.jansen', 'New-Harbor-22')).toBe('invalid');
    await expect(directory.setPassword('no-such-id', 'X-Harbor-44', { unlock: true })).rejects.toThrow();
  });

  it('imports users idempotently and stores no plain password', async () => {
    const again = await createBuiltinUsers(deps, [
      { username: 'JAN.JANSEN', displayName: 'Someone Else' },
      { username: 'new.user', displayName: 'New User', email: 'new@contoso.example', enabledForReset: false },
      { username: 'new.user', displayName: 'Duplicate In File' },
    ]);
    expect(again).toEqual({ created: 1, skipped: 2 });
    expect((await directory.findUser('jan.jansen'))?.displayName).toBe('Jan Jansen');
    expect(await directory.findUser('new.user')).toMatchObject({ enabledForReset: false, accountEnabled: true });
    const rows = await store.db.selectFrom('users').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain('Old-Harbor-11');
  });
});
