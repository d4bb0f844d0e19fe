import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LdapDirectory } from '../../../../src-server/src/directory/ldap/ldap-directory';
import { personDn, SEED_PASSWORD, startOpenLdap, type OpenLdapServer } from '../../support/openldap-server';
import { ldapDirectory } from './ldap-test-directory';

// A confirmed "This wasn't me" on a real slapd with ppolicy: "must change at next sign-in" by pwdReset (a right the
// service account needs for it: granted here), disabling by ppolicy's administrator lock.

let server: OpenLdapServer;
let directory: LdapDirectory;

beforeAll(async () => {
  server = await startOpenLdap({ serviceManages: ['pwdReset'] });
  directory = ldapDirectory(server);
}, 60_000);

afterAll(async () => {
  await directory?.close();
  await server?.stop();
});

async function idOf(uid: string): Promise<string> {
  const found = await directory.findUser(uid);
  if (!found) throw new Error(`no ${uid}`);
  return found.id;
}

describe('LDAP directory: restrictions after "This wasn\'t me"', () => {
  it('sets pwdReset: the right password then binds as "must change"', async () => {
    expect(await directory.verifyPassword('wanda', SEED_PASSWORD)).toBe('ok');
    expect(await directory.restrictAccount(await idOf('wanda'), 'mustChange')).toBe('done');
    expect(await directory.verifyPassword('wanda', SEED_PASSWORD)).toBe('must_change');
  });

  it("disables with ppolicy's administrator lock: the account is disabled and no longer binds", async () => {
    expect(await directory.restrictAccount(await idOf('bob'), 'disable')).toBe('done');
    expect((await directory.findUser('bob'))?.accountEnabled).toBe(false);
    expect(await server.binds(personDn('bob'), SEED_PASSWORD)).toBe(false);
  });
});
