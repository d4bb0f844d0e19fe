import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadServerConfig } from '../../../src-server/src/config/server-config';
import { createServerRuntime } from '../../../src-server/src/runtime/server-runtime';
import { makeTempDir } from '../support/server-fixtures';

const temp = makeTempDir();
afterAll(() => temp.remove());

function directoryFile(name: string, content: unknown): string {
  const file = join(temp.dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('the directory setting', () => {
  it('is the built-in directory unless a directory file says otherwise', () => {
    expect(loadServerConfig({ env: {} }).directory).toEqual({ kind: 'builtin' });
    const file = directoryFile('builtin.json', { kind: 'builtin' });
    expect(loadServerConfig({ env: { RESETDESK_DIRECTORY_FILE: file } }).directory).toEqual({ kind: 'builtin' });
  });

  it('stops with a message that names the file and the setting when it is wrong', () => {
    const unknownKind = directoryFile('nis.json', { kind: 'nis' });
    expect(() => loadServerConfig({ env: { RESETDESK_DIRECTORY_FILE: unknownKind } })).toThrow(
      /Invalid directory settings in .*nis\.json:\n {2}directory\.kind: /u,
    );
    const extra = directoryFile('extra.json', { kind: 'builtin', url: 'ldap://x' });
    expect(() => loadServerConfig({ env: { RESETDESK_DIRECTORY_FILE: extra } })).toThrow(/url/u);
    const broken = directoryFile('broken.json', '{ "kind": ');
    expect(() => loadServerConfig({ env: { RESETDESK_DIRECTORY_FILE: broken } })).toThrow(ConfigError);
    expect(() => loadServerConfig({ env: { RESETDESK_DIRECTORY_FILE: join(temp.dir, 'missing.json') } })).toThrow(
      /Cannot read the directory settings file/u,
    );
  });

  const ldap = {
    kind: 'ldap',
    connection: {
      urls: ['ldaps://ldap1.contoso.example', 'ldaps://ldap2.contoso.example:636'],
      security: 'ldaps',
      caFile: 'certs/ca.pem',
      bindDn: 'cn=sspr,ou=services,dc=contoso,dc=example',
      bindPassword: { file: 'secrets/bind-password' },
      baseDn: 'ou=people,dc=contoso,dc=example',
    },
  };

  it('reads an LDAP directory with its defaults, files resolved from the working directory', () => {
    const file = directoryFile('ldap.json', ldap);
    const { directory } = loadServerConfig({ env: { RESETDESK_DIRECTORY_FILE: file }, cwd: '/etc/resetdesk' });
    expect(directory).toMatchObject({
      kind: 'ldap',
      connection: {
        caFile: '/etc/resetdesk/certs/ca.pem',
        bindPassword: { file: '/etc/resetdesk/secrets/bind-password' },
        connectTimeoutMs: 5000,
      },
      idAttribute: 'entryUUID',
    });
  });

  it('names each bad LDAP or AD setting, and keeps passwords off the wire and out of the demo', () => {
    const load = (name: string, content: unknown, env: Record<string, string> = {}) => () =>
      loadServerConfig({ env: { RESETDESK_DIRECTORY_FILE: directoryFile(name, content), ...env } });
    expect(load('url.json', { ...ldap, connection: { ...ldap.connection, urls: ['http://x'] } })).toThrow(
      /directory\.connection\.urls\.0: /u,
    );
    const clear = { ...ldap.connection, urls: ['ldap://ldap.contoso.example'], security: 'none' };
    expect(load('clear.json', { ...ldap, connection: clear })).toThrow(/directory\.connection\.security: .*clear text/u);
    const inline = { ...ldap.connection, bindPassword: 'Secret-in-the-file-1' };
    let message = '';
    try {
      load('inline.json', { ...ldap, connection: inline })();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/directory\.connection\.bindPassword/u);
    expect(message).not.toContain('Secret-in-the-file-1');
    const ad = { kind: 'activeDirectory', connection: ldap.connection, netbiosNames: ['CONTOSO'] };
    expect(load('ad.json', ad)().directory.kind).toBe('activeDirectory');
    expect(load('ad-bad.json', { ...ad, netbiosNames: ['not a netbios name!'] })).toThrow(/directory\.netbiosNames\.0/u);
    expect(load('demo.json', ldap, { RESETDESK_DEMO: '1' })).toThrow(/demo runs on the built-in directory only/u);
  });

  it("stops the server before it listens when the service account's password cannot be read", async () => {
    const file = directoryFile('unreadable.json', {
      ...ldap,
      connection: { ...ldap.connection, caFile: undefined, bindPassword: { env: 'RESETDESK_TEST_NO_SUCH_VAR' } },
    });
    const config = loadServerConfig({
      env: { RESETDESK_DIRECTORY_FILE: file },
      flags: { port: 0, dataDir: join(temp.dir, 'data') },
    });
    await expect(createServerRuntime(config, { log: false })).rejects.toThrow(
      /directory\.connection\.bindPassword: the environment variable RESETDESK_TEST_NO_SUCH_VAR is not set/u,
    );
  });
});
