import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LdapDirectory } from '../../../../src-server/src/directory/ldap/ldap-directory';
import { LdapDirectorySettingsSchema } from '../../../../src-server/src/directory/ldap/ldap-settings';
import { startOpenLdap, type OpenLdapServer } from '../../support/openldap-server';
import { ldapDirectory } from './ldap-test-directory';

let server: OpenLdapServer;
let directory: LdapDirectory;
const log: string[] = [];

beforeAll(async () => {
  server = await startOpenLdap();
  directory = ldapDirectory(server, (s) => s, log);
});

afterAll(async () => {
  await directory?.close();
  await server?.stop();
});

describe('LDAP directory: finding users', () => {
  it('finds a user by uid and by mail, with entryUUID as the stable id and the mapped attributes', async () => {
    const byUid = await directory.findUser('alice');
    expect(byUid).toMatchObject({
      username: 'alice',
      displayName: 'Alice Example',
      email: 'alice@example.test',
      phone: '+31612345678',
      accountEnabled: true,
      enabledForReset: true,
      protectedAccount: false,
      locked: false,
    });
    expect(byUid?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/u);
    expect((await directory.findUser(' ALICE@example.test '))?.id).toBe(byUid?.id);
  });

  it('finds a person who has only a mail address', async () => {
    const mia = await directory.findUser('mia@example.test');
    expect(mia).toMatchObject({ username: 'mia@example.test', displayName: 'Mia Mailonly' });
  });

  it('returns null for an unknown user, and for a filter that matches several entries (logged)', async () => {
    expect(await directory.findUser('nobody')).toBeNull();
    expect(await directory.findUser('twins@example.test')).toBeNull();
    expect(log.some((line) => line.includes('several entries'))).toBe(true);
  });

  it.each(['*', '*)(uid=*', 'admin)(&)', '\\2a', 'al*', 'alice\u0000', '\u0000', 'alice)(|(uid=*', '(uid=alice)'])(
    'never matches anyone for the injection-looking ID %j',
    async (typed) => {
      expect(await directory.findUser(typed)).toBeNull();
    },
  );

  it('tells locked and disabled (ppolicy "locked by an administrator") accounts', async () => {
    expect(await directory.findUser('lena')).toMatchObject({ locked: true, accountEnabled: true });
    expect(await directory.findUser('dirk')).toMatchObject({ locked: true, accountEnabled: false });
  });

  it('reads direct groups from memberOf, or by a group search', async () => {
    const alice = await directory.findUser('alice');
    const bob = await directory.findUser('bob');
    expect(await directory.groupsOf(alice?.id ?? '')).toEqual(['staff']);
    expect((await directory.groupsOf(bob?.id ?? '')).sort()).toEqual(['everyone', 'other']);
    expect(await directory.groupsOf(bob?.id ?? '', ['OTHER', 'staff'])).toEqual(['other']);
    const searching = ldapDirectory(server, (s) => ({
      ...s,
      groups: { baseDn: 'ou=groups,dc=example,dc=test' },
    }));
    try {
      expect(await searching.groupsOf(alice?.id ?? '')).toEqual(['staff']);
      expect((await searching.groupsOf(bob?.id ?? '')).sort()).toEqual(['everyone', 'other']);
    } finally {
      await searching.close();
    }
  });

  it('marks protected group members protected and refuses to reset them; a reset group limits who may', async () => {
    const strict = ldapDirectory(server, (s) => ({
      ...s,
      protectedGroups: ['LDAP-Admins'],
      enabledForResetGroup: 'staff',
    }));
    try {
      expect(await strict.findUser('root')).toMatchObject({ protectedAccount: true, enabledForReset: false });
      expect(await strict.findUser('alice')).toMatchObject({ protectedAccount: false, enabledForReset: true });
      const root = await strict.findUser('root');
      await expect(strict.setPassword(root?.id ?? '', 'NewPassw0rd!1', { unlock: false })).rejects.toMatchObject({
        failure: 'refused',
      });
    } finally {
      await strict.close();
    }
  });

  it('refuses unknown ids as not_found, but gives an unknown id no groups', async () => {
    await expect(directory.lockState('00000000-0000-0000-0000-000000000000')).rejects.toMatchObject({
      failure: 'not_found',
    });
    // A decoy's stand-in id: no groups, no error (it must cost what a real lookup costs, not fail).
    expect(await directory.groupsOf('*')).toEqual([]);
  });

  it('settings: defaults filled, unknown keys and a filter without {user} refused', () => {
    const parsed = LdapDirectorySettingsSchema.parse(server.settings());
    expect(parsed.userFilter).toBe('(&(objectClass=inetOrgPerson)(|(uid={user})(mail={user})))');
    expect(parsed.idAttribute).toBe('entryUUID');
    expect(parsed.groups).toEqual({ memberOf: true });
    expect(parsed.attributes.mobile).toBe('mobile');
    expect(LdapDirectorySettingsSchema.safeParse({ ...server.settings(), extra: 1 }).success).toBe(false);
    const fixed = LdapDirectorySettingsSchema.safeParse({ ...server.settings(), userFilter: '(uid=alice)' });
    expect(fixed.success).toBe(false);
    const unknown = LdapDirectorySettingsSchema.safeParse({ ...server.settings(), userFilter: '(uid={user}{who})' });
    expect(unknown.success).toBe(false);
    const groups = LdapDirectorySettingsSchema.parse({ ...server.settings(), groups: { baseDn: 'ou=groups,dc=x' } });
    expect(groups.groups).toEqual({ baseDn: 'ou=groups,dc=x', filter: '(member={dn})', nameAttribute: 'cn' });
  });
});
