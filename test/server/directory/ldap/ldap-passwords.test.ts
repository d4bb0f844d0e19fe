import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DirectoryUser } from '../../../../src-server/src/directory/directory';
import type { LdapDirectory } from '../../../../src-server/src/directory/ldap/ldap-directory';
import { personDn, SEED_PASSWORD, startOpenLdap, type OpenLdapServer } from '../../support/openldap-server';
import { ldapDirectory } from './ldap-test-directory';

let server: OpenLdapServer;
let directory: LdapDirectory;

beforeAll(async () => {
  server = await startOpenLdap();
  directory = ldapDirectory(server);
});

afterAll(async () => {
  await directory?.close();
  await server?.stop();
});

async function user(uid: string): Promise<DirectoryUser> {
  const found = await directory.findUser(uid);
  if (!found) throw new Error(`no ${uid}`);
  return found;
}

async function lockByFailures(uid: string): Promise<void> {
  for (let i = 0; i < 3; i += 1) expect(await server.binds(personDn(uid), 'wrong-password')).toBe(false);
}

describe('LDAP directory: reset, change, verify, lock', () => {
  it('resets with Password Modify: the new password binds, the old one does not', async () => {
    const erin = await user('erin');
    await directory.setPassword(erin.id, 'Fresh-Passw0rd-1', { unlock: false });
    expect(await server.binds(personDn('erin'), 'Fresh-Passw0rd-1')).toBe(true);
    expect(await server.binds(personDn('erin'), SEED_PASSWORD)).toBe(false);
  });

  it('a service-account reset skips ppolicy quality (the server\'s policy must hold): short is written', async () => {
    const erin = await user('erin');
    await directory.setPassword(erin.id, 'short', { unlock: false });
    expect(await server.binds(personDn('erin'), 'short')).toBe(true);
    await directory.setPassword(erin.id, 'Fresh-Passw0rd-2', { unlock: false });
  });

  it('locks after 3 failures; lockState reads it; a reset keeps the lock, a reset with unlock clears it', async () => {
    await lockByFailures('bob');
    const bob = await user('bob');
    expect(bob.locked).toBe(true);
    const state = await directory.lockState(bob.id);
    expect(state.locked).toBe(true);
    expect(Math.abs((state.lockedAt?.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
    await directory.setPassword(bob.id, 'Bob-Passw0rd-New', { unlock: false });
    expect((await directory.lockState(bob.id)).locked).toBe(true);
    expect(await server.binds(personDn('bob'), 'Bob-Passw0rd-New')).toBe(false);
    await directory.setPassword(bob.id, 'Bob-Passw0rd-New2', { unlock: true });
    expect((await directory.lockState(bob.id)).locked).toBe(false);
    expect(await server.binds(personDn('bob'), 'Bob-Passw0rd-New2')).toBe(true);
  });

  it('unlock deletes pwdAccountLockedTime (harmless when not locked); the seeded lock time is read', async () => {
    const lena = await user('lena');
    expect(await directory.lockState(lena.id)).toEqual({ locked: true, lockedAt: new Date('2026-01-01T00:00:00Z') });
    await directory.unlock(lena.id);
    expect(await directory.lockState(lena.id)).toEqual({ locked: false, lockedAt: null });
    await directory.unlock(lena.id);
    expect(await server.binds(personDn('lena'), SEED_PASSWORD)).toBe(true);
    expect((await directory.lockState((await user('dirk')).id)).lockedAt).toBeNull();
  });

  it('verifyPassword: ok, invalid, must_change only for the right password', async () => {
    expect(await directory.verifyPassword('alice', SEED_PASSWORD)).toBe('ok');
    expect(await directory.verifyPassword('alice', 'wrong-one')).toBe('invalid');
    expect(await directory.verifyPassword('alice', '')).toBe('invalid');
    expect(await directory.verifyPassword('nobody', SEED_PASSWORD)).toBe('invalid');
    expect(await directory.verifyPassword('max', SEED_PASSWORD)).toBe('must_change');
    expect(await directory.verifyPassword('max', 'wrong-one')).toBe('invalid');
  });

  it('verifyPassword: a locked or disabled account is invalid even for the right password (ppolicy)', async () => {
    // slapd refuses a locked account's bind before checking the password: the same answer for right and wrong.
    expect(await directory.verifyPassword('dirk', SEED_PASSWORD)).toBe('invalid');
    await lockByFailures('carol');
    expect(await directory.verifyPassword('carol', SEED_PASSWORD)).toBe('invalid');
    expect(await directory.verifyPassword('carol', 'wrong-one')).toBe('invalid');
    await directory.unlock((await user('carol')).id);
    expect(await directory.verifyPassword('carol', SEED_PASSWORD)).toBe('ok');
  });

  it('unlock also clears the failure count: one more wrong password after an unlock does not lock again', async () => {
    await lockByFailures('twin2');
    const twin = (await directory.findUser('twin2')) as DirectoryUser;
    await directory.unlock(twin.id);
    expect(await server.binds(personDn('twin2'), 'wrong-again')).toBe(false);
    expect((await directory.lockState(twin.id)).locked).toBe(false);
    expect(await server.binds(personDn('twin2'), SEED_PASSWORD)).toBe(true);
  });

  it('changes with the right old password; a wrong old password is wrong_password', async () => {
    const dave = await user('dave');
    for (let i = 0; i < 2; i += 1) {
      await expect(directory.changePassword(dave.id, 'not-the-old-one', 'Dave-Passw0rd-1')).rejects.toMatchObject({
        failure: 'wrong_password',
      });
    }
    expect((await directory.lockState(dave.id)).locked).toBe(false);
    await directory.changePassword(dave.id, SEED_PASSWORD, 'Dave-Passw0rd-1');
    expect(await server.binds(personDn('dave'), 'Dave-Passw0rd-1')).toBe(true);
    expect(await server.binds(personDn('dave'), SEED_PASSWORD)).toBe(false);
  });

  it('a change is held to ppolicy: history, too short, too young, and locked', async () => {
    const dave = await user('dave');
    // dave's history now holds the seeded password.
    await expect(directory.changePassword(dave.id, 'Dave-Passw0rd-1', SEED_PASSWORD)).rejects.toMatchObject({
      failure: 'history',
    });
    await expect(directory.changePassword(dave.id, 'Dave-Passw0rd-1', 'Short1!')).rejects.toMatchObject({
      failure: 'too_short',
    });
    expect(await server.binds(personDn('dave'), 'Dave-Passw0rd-1')).toBe(true);
    const yara = await user('yara');
    await expect(directory.changePassword(yara.id, SEED_PASSWORD, 'Yara-Passw0rd-1')).rejects.toMatchObject({
      failure: 'too_young',
    });
    const dirk = await user('dirk');
    await expect(directory.changePassword(dirk.id, SEED_PASSWORD, 'Dirk-Passw0rd-1')).rejects.toMatchObject({
      failure: 'disabled',
    });
    await lockByFailures('twin1');
    const twin = (await directory.findUser('twin1')) as DirectoryUser;
    await expect(directory.changePassword(twin.id, SEED_PASSWORD, 'Twin-Passw0rd-1')).rejects.toMatchObject({
      failure: 'locked',
    });
  });

  it('a must-change account may change its password', async () => {
    const max = await user('max');
    await directory.changePassword(max.id, SEED_PASSWORD, 'Max-Passw0rd-1');
    expect(await directory.verifyPassword('max', 'Max-Passw0rd-1')).toBe('ok');
  });

  it('parallel resets of one user all settle without a crash, and one of them holds', async () => {
    const erin = await user('erin');
    const passwords = Array.from({ length: 8 }, (_, i) => `Parallel-Passw0rd-${i}`);
    const results = await Promise.allSettled(passwords.map((p) => directory.setPassword(erin.id, p, { unlock: true })));
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    // One bind at a time, the failure count cleared after each wrong one: ppolicy locks erin after 3 failed binds,
    // and parallel binds would lock her before the right password is tried (which order they reach slapd in is luck).
    const binding: boolean[] = [];
    for (const password of passwords) {
      const binds = await server.binds(personDn('erin'), password);
      binding.push(binds);
      if (!binds) await directory.unlock(erin.id);
    }
    expect(binding.filter(Boolean)).toHaveLength(1);
  });
});
