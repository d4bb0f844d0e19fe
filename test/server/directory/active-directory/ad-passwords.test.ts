import { describe, expect, it } from 'vitest';
import { Attribute, Change } from 'ldapts';
import { SECURITIES, useSambaAd } from './ad-fixture';

const fx = useSambaAd();
let serial = 0;
const fresh = (prefix: string, options?: Parameters<typeof fx.ad.addUser>[1]) => {
  serial += 1;
  return fx.ad.addUser(`${prefix}${serial}`, options);
};
const idOf = async (sam: string): Promise<string> => {
  const user = await fx.directory().findUser(sam);
  if (!user) throw new Error(`${sam} not found`);
  return user.id;
};

describe.each(SECURITIES)('Active Directory passwords over %s', (security) => {
  it('resets a password: the new one binds, the old one does not', async () => {
    const user = await fresh('reset');
    const directory = fx.directory(security);
    await directory.setPassword(await idOf(user.sam), 'N3w-Reset-Passw0rd!', { unlock: false });
    expect(await directory.verifyPassword(user.sam, 'N3w-Reset-Passw0rd!')).toBe('ok');
    expect(await directory.verifyPassword(user.sam, user.password)).toBe('invalid');
  });

  it('changes a password with the right old one, and refuses a wrong old one (00000056)', async () => {
    const user = await fresh('change');
    const directory = fx.directory(security);
    const id = await idOf(user.sam);
    await expect(directory.changePassword(id, 'Not-The-0ld-One!', 'Chang3d-Passw0rd!')).rejects.toMatchObject({
      failure: 'wrong_password',
    });
    await directory.changePassword(id, user.password, 'Chang3d-Passw0rd!');
    expect(await directory.verifyPassword(user.sam, 'Chang3d-Passw0rd!')).toBe('ok');
    expect(await directory.verifyPassword(user.sam, user.password)).toBe('invalid');
  });
});

describe('Active Directory password policy and unlock', () => {
  it('refuses a weak password by the directory\'s own policy (0000052D), the old one still binds', async () => {
    const user = await fresh('weak');
    const directory = fx.directory();
    await expect(directory.setPassword(await idOf(user.sam), 'abc', { unlock: false })).rejects.toMatchObject({
      failure: 'policy',
    });
    expect(await directory.verifyPassword(user.sam, user.password)).toBe('ok');
  });

  it('applies history to a change: back to a previous password is refused (0000052D)', async () => {
    const user = await fresh('history');
    const directory = fx.directory();
    const id = await idOf(user.sam);
    await directory.changePassword(id, user.password, 'Hist0ry-Second-Pw!');
    await expect(directory.changePassword(id, 'Hist0ry-Second-Pw!', user.password)).rejects.toMatchObject({
      failure: 'policy',
    });
  });

  it('does not unlock on a reset alone; unlocks in the same modify when asked', async () => {
    const user = await fresh('locked');
    await fx.ad.lockByFailedBinds(user);
    const directory = fx.directory();
    const id = await idOf(user.sam);
    expect((await directory.lockState(id)).locked).toBe(true);
    await directory.setPassword(id, 'Still-L0cked-Pw!', { unlock: false });
    expect((await directory.lockState(id)).locked).toBe(true);
    await directory.setPassword(id, 'Unl0cked-Reset-Pw!', { unlock: true });
    expect(await directory.lockState(id)).toEqual({ locked: false, lockedAt: null });
    expect(await directory.verifyPassword(user.sam, 'Unl0cked-Reset-Pw!')).toBe('ok');
  });

  it('unlocks without touching the password (lockoutTime = 0)', async () => {
    const user = await fresh('unlock');
    await fx.ad.lockByFailedBinds(user);
    const directory = fx.directory();
    const id = await idOf(user.sam);
    expect((await directory.findUser(user.sam))?.locked).toBe(true);
    await directory.unlock(id);
    expect((await directory.findUser(user.sam))?.locked).toBe(false);
    expect(await directory.verifyPassword(user.sam, user.password)).toBe('ok');
  });

  it('forceChangeAfterReset: the person must change the new password at the next sign-in', async () => {
    const user = await fresh('force');
    const directory = fx.directory('ldaps', { forceChangeAfterReset: true });
    await directory.setPassword(await idOf(user.sam), 'F0rced-Change-Pw!', { unlock: false });
    expect(await directory.verifyPassword(user.sam, 'F0rced-Change-Pw!')).toBe('must_change');
    expect(await directory.verifyPassword(user.sam, 'Wr0ng-Passw0rd!')).toBe('invalid');
    // The person can still change it with the one they were given (they cannot bind, the service account sends it).
    await directory.changePassword(await idOf(user.sam), 'F0rced-Change-Pw!', 'Own-Ch0sen-Passw0rd!');
    expect(await directory.verifyPassword(user.sam, 'Own-Ch0sen-Passw0rd!')).toBe('ok');
  });

  it("restricts an account for \"This wasn't me\": must change at next sign-in; disabling needs its own right", async () => {
    const user = await fresh('restrict');
    const directory = fx.directory();
    const id = await idOf(user.sam);
    expect(await directory.restrictAccount?.(id, 'mustChange')).toBe('done');
    expect(await directory.verifyPassword(user.sam, user.password)).toBe('must_change');
    // The recipe's delegation has no Write userAccountControl: the directory refuses, and the account stays enabled
    // (the hold in ResetDesk stands either way; the README names the extra right).
    await expect(directory.restrictAccount?.(id, 'disable')).rejects.toMatchObject({ failure: 'refused' });
    expect((await directory.findUser(user.sam))?.accountEnabled).toBe(true);
  });

  it('refuses to write a protected account, even though the delegation would allow it (no AdminSDHolder)', async () => {
    const directory = fx.directory();
    for (const name of ['adam', 'carl', 'pete', 'Administrator']) {
      const id = await idOf(name);
      await expect(directory.setPassword(id, 'Pr0tected-Reset-Pw!', { unlock: true }), name).rejects.toMatchObject({
        failure: 'refused',
      });
      await expect(directory.unlock(id), name).rejects.toMatchObject({ failure: 'refused' });
    }
    expect(await directory.verifyPassword('adam', fx.ad.users.adam.password)).toBe('ok');
  });

  it('answers refused when the service account lacks the delegation, not_found for an unknown id', async () => {
    const user = await fresh('nodelegation');
    const { dn, password } = fx.ad.unprivileged;
    const directory = fx.directory('ldaps', { connection: { bindDn: dn } }, password);
    const id = await idOf(user.sam);
    await expect(directory.setPassword(id, 'N0-Rights-Passw0rd!', { unlock: false })).rejects.toMatchObject({
      failure: 'refused',
    });
    await expect(directory.unlock(id)).rejects.toMatchObject({ failure: 'refused' });
    const unknown = '00000000-0000-0000-0000-000000000000';
    await expect(fx.directory().setPassword(unknown, 'Any-Passw0rd!x', { unlock: false }))
      .rejects.toMatchObject({ failure: 'not_found' });
  });
});

describe('Active Directory sign-in results (bind data codes)', () => {
  it('tells disabled (533) and must change (773) only for the right password', async () => {
    const directory = fx.directory();
    expect(await directory.verifyPassword('dave', fx.ad.users.dave.password)).toBe('disabled');
    expect(await directory.verifyPassword('dave', 'Wr0ng-Passw0rd!')).toBe('invalid');
    expect(await directory.verifyPassword('max', fx.ad.users.max.password)).toBe('must_change');
    expect(await directory.verifyPassword('max', 'Wr0ng-Passw0rd!')).toBe('invalid');
  });

  it('tells an expired account (701) as disabled, for the right password only', async () => {
    const user = await fresh('expired');
    const admin = await fx.ad.admin();
    try {
      // accountExpires: a FILETIME in the past (1 = 1601).
      const expires = new Attribute({ type: 'accountExpires', values: ['1'] });
      await admin.modify(user.dn, [new Change({ operation: 'replace', modification: expires })]);
    } finally {
      await admin.unbind();
    }
    const directory = fx.directory();
    expect(await directory.verifyPassword(user.sam, user.password)).toBe('disabled');
    expect(await directory.verifyPassword(user.sam, 'Wr0ng-Passw0rd!')).toBe('invalid');
  });

  it('answers a locked account (775) as invalid: AD sends 775 for a wrong password too', async () => {
    const directory = fx.directory();
    expect(await directory.verifyPassword('lena', fx.ad.users.lena.password)).toBe('invalid');
    expect(await directory.verifyPassword('lena', 'Wr0ng-Passw0rd!')).toBe('invalid');
    // The lock itself is read without any password.
    expect((await directory.findUser('lena'))?.locked).toBe(true);
  });

  it('answers invalid for an unknown user, an empty password and a foreign domain', async () => {
    const directory = fx.directory();
    expect(await directory.verifyPassword('nobody-here', 'Any-Passw0rd!x')).toBe('invalid');
    expect(await directory.verifyPassword('alice', '')).toBe('invalid');
    expect(await directory.verifyPassword('OTHER\\alice', fx.ad.users.alice.password)).toBe('invalid');
    expect(await directory.verifyPassword('EXAMPLE\\alice', fx.ad.users.alice.password)).toBe('ok');
  });
});
