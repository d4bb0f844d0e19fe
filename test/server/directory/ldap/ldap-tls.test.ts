import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryError } from '../../../../src-server/src/directory/directory-error';
import { personDn, SEED_PASSWORD, startOpenLdap, type OpenLdapServer } from '../../support/openldap-server';
import { ldapDirectory } from './ldap-test-directory';

let server: OpenLdapServer;

beforeAll(async () => {
  server = await startOpenLdap();
});

afterAll(async () => {
  await server?.stop();
});

describe('LDAP directory over TLS with the test CA', () => {
  it.each([
    ['starttls', () => ({ security: 'starttls' as const, urls: [server.url], caFile: server.caFile })],
    ['ldaps', () => ({ security: 'ldaps' as const, urls: [server.ldapsUrl], caFile: server.caFile })],
  ])('%s: finds, verifies and resets', async (_kind, connection) => {
    const directory = ldapDirectory(server, (s) => ({ ...s, connection: { ...s.connection, ...connection() } }));
    try {
      const erin = await directory.findUser('erin');
      expect(erin?.username).toBe('erin');
      expect(await directory.verifyPassword('erin', SEED_PASSWORD)).toBe('ok');
      await directory.setPassword(erin?.id ?? '', 'Tls-Passw0rd-1', { unlock: false });
      expect(await directory.verifyPassword('erin', 'Tls-Passw0rd-1')).toBe('ok');
      await directory.setPassword(erin?.id ?? '', SEED_PASSWORD, { unlock: false });
      expect(await server.binds(personDn('erin'), SEED_PASSWORD)).toBe(true);
      const health = await directory.checkHealth('erin');
      expect(health.filter((line) => !line.ok)).toEqual([]);
      expect(health.find((line) => line.check === 'TLS')?.detail).toContain(server.caFile);
    } finally {
      await directory.close();
    }
  });

  it.each([
    ['starttls', () => ({ security: 'starttls' as const, urls: [server.url] })],
    ['ldaps', () => ({ security: 'ldaps' as const, urls: [server.ldapsUrl] })],
  ])('%s without the CA: the certificate is untrusted, the directory unavailable', async (_kind, connection) => {
    const directory = ldapDirectory(server, (s) => ({ ...s, connection: { ...s.connection, ...connection() } }));
    try {
      const error = await directory.findUser('erin').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DirectoryError);
      expect((error as DirectoryError).failure).toBe('unavailable');
      const tls = (await directory.checkHealth()).find((line) => line.check === 'TLS');
      expect(tls).toMatchObject({ ok: false });
      expect(tls?.hint).toContain('caFile');
    } finally {
      await directory.close();
    }
  });
});
