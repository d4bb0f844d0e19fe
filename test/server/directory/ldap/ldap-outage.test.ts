import { createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryError } from '../../../../src-server/src/directory/directory-error';
import type { LdapDirectory } from '../../../../src-server/src/directory/ldap/ldap-directory';
import { personDn, startOpenLdap, type OpenLdapServer } from '../../support/openldap-server';
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

async function failureOf(operation: Promise<unknown>): Promise<string> {
  try {
    await operation;
    return 'none';
  } catch (error) {
    return error instanceof DirectoryError ? error.failure : `not a DirectoryError: ${String(error)}`;
  }
}

describe('LDAP directory: slapd stopped mid-test', () => {
  it('reports unavailable within the timeouts, then works again after a restart with the same adapter', async () => {
    const alice = await directory.findUser('alice');
    expect(alice).not.toBeNull();
    const id = alice?.id ?? '';

    await server.stopProcess();
    const started = Date.now();
    expect(await failureOf(directory.findUser('alice'))).toBe('unavailable');
    expect(await failureOf(directory.setPassword(id, 'Outage-Passw0rd-1', { unlock: false }))).toBe('unavailable');
    expect(await failureOf(directory.verifyPassword('alice', 'anything'))).toBe('unavailable');
    expect(await failureOf(directory.lockState(id))).toBe('unavailable');
    // connectTimeoutMs 1 s, operationTimeoutMs 2 s in the test settings: a refused port answers at once.
    expect(Date.now() - started).toBeLessThan(10_000);

    await server.startProcess();
    expect((await directory.findUser('alice'))?.id).toBe(id);
    await directory.setPassword(id, 'After-Outage-Passw0rd-1', { unlock: false });
    expect(await server.binds(personDn('alice'), 'After-Outage-Passw0rd-1')).toBe(true);
    expect(await directory.verifyPassword('alice', 'After-Outage-Passw0rd-1')).toBe('ok');
  });

  it('a server that accepts but never answers is unavailable within the operation timeout', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const hanging = ldapDirectory(server, (s) => ({
      ...s,
      connection: { ...s.connection, urls: [`ldap://127.0.0.1:${port}`] },
    }));
    try {
      const started = Date.now();
      expect(await failureOf(hanging.findUser('alice'))).toBe('unavailable');
      expect(Date.now() - started).toBeLessThan(8_000);
    } finally {
      await hanging.close();
      sockets.forEach((socket) => socket.destroy());
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
