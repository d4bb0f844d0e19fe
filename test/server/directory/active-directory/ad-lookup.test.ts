import { describe, expect, it } from 'vitest';
import { SAMBA_ADMIN_DN } from '../../support/samba-ad-server';
import { SECURITIES, useSambaAd } from './ad-fixture';

const fx = useSambaAd();

describe.each(SECURITIES)('Active Directory lookup over %s', (security) => {
  it('finds a person by sAMAccountName, UPN, mail and EXAMPLE\\name, with their attributes', async () => {
    const directory = fx.directory(security);
    const bySam = await directory.findUser('alice');
    expect(bySam).toMatchObject({
      username: 'alice',
      displayName: 'Alice Example',
      email: fx.ad.aliceMail,
      phone: fx.ad.aliceMobile,
      accountEnabled: true,
      enabledForReset: true,
      managedExternally: false,
      protectedAccount: false,
      locked: false,
    });
    for (const typed of ['alice@example.test', fx.ad.aliceMail, 'EXAMPLE\\alice', 'example\\ALICE', ' Alice ']) {
      expect((await directory.findUser(typed))?.id, typed).toBe(bySam?.id);
    }
  });

  it('finds nobody for a foreign NetBIOS prefix or UPN suffix, a computer, injection-looking IDs', async () => {
    const directory = fx.directory(security);
    const typed = [
      'OTHER\\alice', '\\alice', 'EXAMPLE\\', 'alice@other.test', 'ws1$', 'ws1', '', '   ',
      '*', 'alice*', '*)(uid=*', '*)(sAMAccountName=*', 'admin)(&)', 'alice)(|(objectClass=*)', '\\2a', 'al\\2aice',
      'alice\u0000', '\u0000', `${'a'.repeat(2000)}`,
    ];
    for (const value of typed) expect(await directory.findUser(value), JSON.stringify(value)).toBeNull();
  });
});

describe('Active Directory users', () => {
  it('keys a user by objectGUID in the standard GUID string form (first three fields little-endian)', async () => {
    const shown = await fx.ad.tool(['user', 'show', 'alice', '--attributes=objectGUID']);
    const expected = /objectGUID: ([0-9a-f-]{36})/u.exec(shown)?.[1];
    const directory = fx.directory();
    const alice = await directory.findUser('alice');
    expect(alice?.id).toBe(expected);
    // Stable: the same id by another name and from another connection.
    expect((await fx.directory('starttls').findUser('alice@example.test'))?.id).toBe(expected);
    expect(await directory.lockState(alice?.id ?? '')).toEqual({ locked: false, lockedAt: null });
  });

  it('reports a locked account (msDS-User-Account-Control-Computed) and since when', async () => {
    const directory = fx.directory();
    const lena = await directory.findUser('lena');
    expect(lena?.locked).toBe(true);
    const state = await directory.lockState(lena?.id ?? '');
    expect(state.locked).toBe(true);
    expect(Math.abs((state.lockedAt?.getTime() ?? 0) - Date.now())).toBeLessThan(10 * 60_000);
  });

  it('reports a disabled account as not enabled for reset', async () => {
    expect(await fx.directory().findUser('dave')).toMatchObject({ accountEnabled: false, enabledForReset: false });
  });

  it('protects adminCount = 1, Domain Admins, Administrator, nested members of a protected group', async () => {
    const directory = fx.directory();
    for (const name of ['adam', 'carl', 'pete', 'Administrator']) {
      expect((await directory.findUser(name))?.protectedAccount, name).toBe(true);
    }
    expect((await directory.findUser('nina'))?.protectedAccount).toBe(false);
    // Without the configured group, pete is no admin; the built-in groups stay protected.
    const unconfigured = fx.directory('ldaps', { protectedGroups: [] });
    expect((await unconfigured.findUser('pete'))?.protectedAccount).toBe(false);
    expect((await unconfigured.findUser('adam'))?.protectedAccount).toBe(true);
    expect(SAMBA_ADMIN_DN).toContain('Administrator');
  });

  it('lists nested groups and limits reset to (nested) members of the reset groups', async () => {
    const directory = fx.directory();
    const nina = await directory.findUser('nina');
    expect((await directory.groupsOf(nina?.id ?? '')).sort()).toEqual(['helpdesk', 'sspr-users']);
    // Asked about the policy's groups only (the guard does): nested membership of those, in the directory's spelling.
    const asked = ['SSPR-Users', 'Domain Admins', '*)(cn=*'];
    expect(await directory.groupsOf(nina?.id ?? '', asked)).toEqual(['sspr-users']);
    expect(await directory.groupsOf(nina?.id ?? '', [])).toEqual([]);
    const limited = fx.directory('ldaps', { resetGroups: [fx.ad.groups.resetUsers] });
    expect((await limited.findUser('nina'))?.enabledForReset).toBe(true);
    expect((await limited.findUser('alice'))?.enabledForReset).toBe(false);
  });

  it('looks up only by the configured attributes', async () => {
    const samOnly = fx.directory('ldaps', { findBy: ['sAMAccountName'] });
    expect(await samOnly.findUser('alice@example.test')).toBeNull();
    expect(await samOnly.findUser(fx.ad.aliceMail)).toBeNull();
    expect((await samOnly.findUser('EXAMPLE\\alice'))?.username).toBe('alice');
    const mailOnly = fx.directory('ldaps', { findBy: ['mail'] });
    expect(await mailOnly.findUser('alice')).toBeNull();
    expect(await mailOnly.findUser('alice@example.test')).toBeNull();
    expect((await mailOnly.findUser(fx.ad.aliceMail))?.username).toBe('alice');
  });

  it('answers not_found for an unknown or malformed id', async () => {
    const directory = fx.directory();
    await expect(directory.lockState('00000000-0000-0000-0000-000000000000'))
      .rejects.toMatchObject({ failure: 'not_found' });
    // A decoy's stand-in id: no groups, no error (it must cost what a real lookup costs, not fail).
    expect(await directory.groupsOf('*')).toEqual([]);
  });
});
