import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthLine } from '../../../../src-server/src/directory/directory-health';
import { READER_DN, SEED_PASSWORD, startOpenLdap, type OpenLdapServer } from '../../support/openldap-server';
import { ldapDirectory } from './ldap-test-directory';
import type { LdapDirectorySettingsInput } from '../../../../src-server/src/directory/ldap/ldap-settings';

let server: OpenLdapServer;

beforeAll(async () => {
  server = await startOpenLdap();
});

afterAll(async () => {
  await server?.stop();
});

async function health(
  change: (settings: LdapDirectorySettingsInput) => LdapDirectorySettingsInput,
  user?: string,
): Promise<Record<string, HealthLine>> {
  const directory = ldapDirectory(server, change);
  try {
    const lines = await directory.checkHealth(user);
    for (const line of lines) expect(line.detail).not.toContain(SEED_PASSWORD);
    return Object.fromEntries(lines.map((line) => [line.check, line]));
  } finally {
    await directory.close();
  }
}

const connection = (
  change: Partial<LdapDirectorySettingsInput['connection']>,
): ((s: LdapDirectorySettingsInput) => LdapDirectorySettingsInput) => (s) => ({
  ...s,
  connection: { ...s.connection, ...change },
});

describe('LDAP directory: checkHealth', () => {
  it('a healthy directory: every line ok, in order', async () => {
    const directory = ldapDirectory(server);
    try {
      const lines = await directory.checkHealth('alice');
      expect(lines.map((line) => line.check)).toEqual([
        'connect', 'TLS', 'bind', 'server features', 'search base', 'find user', 'read groups',
        'may reset passwords', 'may unlock', 'may read lock state',
      ]);
      expect(lines.filter((line) => !line.ok)).toEqual([]);
      expect(lines.find((line) => line.check === 'read groups')?.detail).toBe('staff');
      // The rights probes wrote nothing: alice still signs in with her password and is not locked.
      expect(await directory.verifyPassword('alice', SEED_PASSWORD)).toBe('ok');
      expect((await directory.findUser('alice'))?.locked).toBe(false);
    } finally {
      await directory.close();
    }
  });

  it('without a user: stops after the search base and says how to check the rest', async () => {
    const lines = await health((s) => s);
    expect(lines['search base']?.ok).toBe(true);
    expect(lines['find user']?.detail).toContain('--user');
  });

  it('a wrong bind password fails the bind line with a hint, and checks nothing after it', async () => {
    const lines = await health(connection({ bindPassword: { env: 'RESETDESK_TEST_LDAP_WRONG' } }), 'alice');
    expect(lines.connect?.ok).toBe(true);
    expect(lines.bind).toMatchObject({ ok: false });
    expect(lines.bind?.detail).toContain('49');
    expect(lines.bind?.hint).toContain('bindDn');
    expect(lines['find user']).toBeUndefined();
  });

  it('a wrong base DN fails the search base line', async () => {
    const lines = await health(connection({ baseDn: 'dc=wrong,dc=test' }), 'alice');
    expect(lines.bind?.ok).toBe(true);
    expect(lines['search base']).toMatchObject({ ok: false });
    expect(lines['search base']?.hint).toContain('baseDn');
  });

  it('an unreachable port fails the connect line', async () => {
    const lines = await health(connection({ urls: ['ldap://127.0.0.1:1'] }));
    expect(lines.connect).toMatchObject({ ok: false });
    expect(lines.connect?.detail).toContain('ECONNREFUSED');
  });

  it('an unknown user fails the find line; a service account without rights fails the rights lines', async () => {
    expect((await health((s) => s, 'nobody'))['find user']).toMatchObject({ ok: false });
    const lines = await health(
      connection({ bindDn: READER_DN, bindPassword: { env: 'RESETDESK_TEST_LDAP_READER' } }),
      'alice',
    );
    expect(lines['find user']?.ok).toBe(true);
    expect(lines['may reset passwords']).toMatchObject({ ok: false });
    expect(lines['may unlock']).toMatchObject({ ok: false });
    expect(lines['may read lock state']).toMatchObject({ ok: false });
  });
});
