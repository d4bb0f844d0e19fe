import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ConfigError, loadConfiguration, loadServerConfig } from '../../../src-server/src/config/server-config';
import { makeTempDir } from '../support/server-fixtures';

// RESETDESK_CONFIG_FILE: one file, YAML or JSON, under the environment; the old per-section files still work.

const temp = makeTempDir();
afterAll(() => temp.remove());

const SETTINGS = {
  server: { port: 9100, host: '127.0.0.1', dataDir: 'data', trustedProxies: ['10.0.0.5'], logLevel: 'warn' },
  policy: { organizationName: 'Fabrikam', methods: ['email', 'sms'], throttle: { identityFailures: { max: 4, windowMinutes: 60, lockMinutes: 60 } } },
  directory: {
    kind: 'ldap',
    connection: {
      urls: ['ldaps://ldap.fabrikam.example'],
      security: 'ldaps',
      bindDn: 'cn=svc,dc=fabrikam,dc=example',
      bindPassword: { file: 'secrets/bind' },
      baseDn: 'dc=fabrikam,dc=example',
    },
  },
  delivery: {
    email: {
      host: 'smtp.fabrikam.example',
      auth: { user: 'rd', password: { env: 'RD_SMTP_PASSWORD' } },
      from: { address: 'no-reply@fabrikam.example' },
    },
  },
};

let count = 0;
function write(name: string, content: string): string {
  count += 1;
  const file = join(temp.dir, `${count}-${name}`);
  writeFileSync(file, content);
  return file;
}
const yamlFile = (settings: unknown): string => write('server.yaml', stringify(settings));
const load = (env: Record<string, string>, flags = {}) => loadServerConfig({ env, flags, cwd: '/srv/rd' });
const errorOf = (env: Record<string, string>): string => {
  try {
    load(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('the configuration file', () => {
  it('reads YAML and JSON alike, into every section, paths from the working directory', () => {
    const fromYaml = load({ RESETDESK_CONFIG_FILE: yamlFile(SETTINGS) });
    const fromJson = load({ RESETDESK_CONFIG_FILE: write('server.json', JSON.stringify(SETTINGS)) });
    expect(fromJson).toEqual(fromYaml);
    expect(fromYaml).toMatchObject({ port: 9100, dataDir: '/srv/rd/data', keysDir: '/srv/rd/data', logLevel: 'warn' });
    expect(fromYaml.trustedProxies).toEqual(['10.0.0.5']);
    expect(fromYaml.policy).toMatchObject({ organizationName: 'Fabrikam', methods: ['email', 'sms'], gatesRequired: 1 });
    expect(fromYaml.policy.throttle).toMatchObject({ identityFailures: { max: 4 }, emails: { max: 10 } });
    expect(fromYaml.directory).toMatchObject({ kind: 'ldap', connection: { bindPassword: { file: '/srv/rd/secrets/bind' } } });
    expect(fromYaml.delivery?.email?.auth?.password).toEqual({ env: 'RD_SMTP_PASSWORD' });
    // An empty file is all defaults.
    expect(load({ RESETDESK_CONFIG_FILE: write('empty.yml', '') })).toMatchObject({ port: 8420, directory: { kind: 'builtin' } });
  });

  it('is overridden by the environment, and the environment by flags; each value keeps its origin', () => {
    const file = yamlFile(SETTINGS);
    const env = { RESETDESK_CONFIG_FILE: file, RESETDESK_PORT: '9200', RESETDESK_ORG_NAME: 'Northwind' };
    const { config, origins } = loadConfiguration({ env, cwd: '/srv/rd' });
    expect(config.port).toBe(9200);
    expect(config.policy.organizationName).toBe('Northwind');
    expect(config.policy.methods).toEqual(['email', 'sms']);
    expect(origins.of(['server', 'port'])).toBe('RESETDESK_PORT');
    expect(origins.of(['server', 'dataDir'])).toBe(file);
    expect(origins.of(['directory', 'connection', 'urls', 0])).toBe(file);
    expect(origins.of(['server', 'host'])).toBe(file);
    expect(origins.of(['policy', 'codeLength'])).toBe('default');
    expect(load(env, { port: '0' }).port).toBe(0);
  });

  it('keeps the old variables working alone, and lets each replace its section of the file', () => {
    const policyFile = write('policy.json', JSON.stringify({ gatesRequired: 2, methods: ['email', 'totp'] }));
    const deliveryFile = write('delivery.json', JSON.stringify({ email: { host: 'smtp.old.example', from: { address: 'a@old.example' } } }));
    const directoryFile = write('directory.json', JSON.stringify({ kind: 'builtin' }));
    const old = { RESETDESK_POLICY_FILE: policyFile, RESETDESK_DELIVERY_FILE: deliveryFile, RESETDESK_DIRECTORY_FILE: directoryFile };
    const alone = load(old);
    expect(alone.policy).toMatchObject({ gatesRequired: 2, methods: ['email', 'totp'] });
    expect(alone.delivery?.email?.host).toBe('smtp.old.example');
    expect(alone.directory).toEqual({ kind: 'builtin' });

    const both = loadConfiguration({ env: { ...old, RESETDESK_CONFIG_FILE: yamlFile(SETTINGS) }, cwd: '/srv/rd' });
    // The variable wins for its whole section (nothing of the file's section is mixed in); other sections stay.
    expect(both.config.policy.organizationName).toBe('ResetDesk');
    expect(both.config.policy.methods).toEqual(['email', 'totp']);
    expect(both.config.directory.kind).toBe('builtin');
    expect(both.config.port).toBe(9100);
    expect(both.origins.of(['delivery', 'email', 'host'])).toBe(`RESETDESK_DELIVERY_FILE (${deliveryFile})`);
    expect(both.origins.of(['policy', 'methods'])).toBe(`RESETDESK_POLICY_FILE (${policyFile})`);
  });

  it('refuses an unknown key anywhere, naming its full path', () => {
    const cases: [unknown, string][] = [
      [{ servr: {} }, 'servr'],
      [{ server: { prot: 1 } }, 'server.prot'],
      [{ server: { tls: { certFile: 'c', keyFile: 'k', ca: 'x' } } }, 'server.tls.ca'],
      [{ policy: { throttle: { emails: { max: 3, windowMinutes: 10, maxx: 3 } } } }, 'policy.throttle.emails.maxx'],
      [{ policy: { passwordPolicy: { minLenght: 12 } } }, 'policy.passwordPolicy.minLenght'],
      [{ directory: { ...SETTINGS.directory, connection: { ...SETTINGS.directory.connection, timeout: 1 } } }, 'directory.connection.timeout'],
      [{ directory: { ...SETTINGS.directory, connection: { ...SETTINGS.directory.connection, bindPassword: { file: 'x', mode: 1 } } } }, 'directory.connection.bindPassword.mode'],
      [{ delivery: { email: { ...SETTINGS.delivery.email, tls: true } } }, 'delivery.email.tls'],
      [{ delivery: { fax: {} } }, 'delivery.fax'],
    ];
    for (const [settings, path] of cases) {
      const file = yamlFile(settings);
      // Its own line (a misspelt required key is also reported missing on another).
      expect(errorOf({ RESETDESK_CONFIG_FILE: file }).split('\n'), path).toContain(`${file}: ${path}: unknown key`);
    }
  });

  it('names the path of a bad value, and where it came from', () => {
    const file = yamlFile({ delivery: { email: { ...SETTINGS.delivery.email, port: 'submission' } } });
    expect(errorOf({ RESETDESK_CONFIG_FILE: file })).toBe(`${file}: delivery.email.port: expected a number`);
    const secret = yamlFile({ directory: { ...SETTINGS.directory, connection: { ...SETTINGS.directory.connection, bindPassword: 'Hunter2!' } } });
    const message = errorOf({ RESETDESK_CONFIG_FILE: secret });
    expect(message).toMatch(/directory\.connection\.bindPassword: a secret is \{ file: .* or \{ env: /u);
    expect(message).not.toContain('Hunter2!');
    const kind = yamlFile({ directory: { kind: 'novell' } });
    expect(errorOf({ RESETDESK_CONFIG_FILE: kind })).toMatch(/: directory\.kind: /u);
    expect(errorOf({ RESETDESK_CONFIG_FILE: yamlFile(SETTINGS), RESETDESK_PORT: '70000' })).toMatch(
      /^Invalid configuration: server\.port: .*65535 \(from RESETDESK_PORT\)$/u,
    );
    const strings = yamlFile({ server: { demo: 'yes', logLevel: 'loud' } });
    expect(errorOf({ RESETDESK_CONFIG_FILE: strings }).split('\n')).toEqual([
      `${strings}: server.demo: expected true or false`,
      expect.stringMatching(new RegExp(`^${strings}: server\\.logLevel: .*"info"`, 'u')),
    ]);
  });

  it('refuses a file it cannot read or parse, without quoting it', () => {
    expect(errorOf({ RESETDESK_CONFIG_FILE: join(temp.dir, 'absent.yaml') })).toMatch(/absent\.yaml: cannot read .*ENOENT/u);
    expect(errorOf({ RESETDESK_CONFIG_FILE: write('server.toml', 'port = 1') })).toMatch(/ends in \.yaml, \.yml or \.json/u);
    const broken = errorOf({ RESETDESK_CONFIG_FILE: write('broken.yaml', 'server: [\n  password: "Hunter2!"') });
    expect(broken).toMatch(/broken\.yaml: not valid YAML: .*line/u);
    expect(broken).not.toContain('Hunter2');
    const json = errorOf({ RESETDESK_CONFIG_FILE: write('broken.json', '{"server": {"password": "Hunter2!",}}') });
    expect(json).toMatch(/broken\.json: not valid JSON/u);
    expect(json).not.toContain('Hunter2');
    // A second `port` would silently win: refused.
    expect(errorOf({ RESETDESK_CONFIG_FILE: write('twice.yaml', 'server:\n  port: 1\n  port: 2\n') })).toMatch(/not valid YAML/u);
  });

  it('keeps the demo on loopback and the built-in directory, whatever set it', () => {
    expect(errorOf({ RESETDESK_CONFIG_FILE: yamlFile({ server: { demo: true, host: '0.0.0.0' } }) })).toMatch(
      /Refusing to serve the demo on 0\.0\.0\.0/u,
    );
    const ldap = yamlFile({ server: { demo: true }, directory: SETTINGS.directory });
    expect(errorOf({ RESETDESK_CONFIG_FILE: ldap })).toBe(`The demo runs on the built-in directory only; ${ldap} names "ldap"`);
    expect(load({ RESETDESK_CONFIG_FILE: yamlFile({ server: { demo: true } }) }).policy.organizationName).toBe('Contoso');
  });

  it('accepts the example in the README', () => {
    const readme = readFileSync('README.md', 'utf8');
    const example = /## Configuration[\s\S]*?```yaml\n([\s\S]*?)```/u.exec(readme)?.[1];
    expect(example).toBeDefined();
    const config = load({ RESETDESK_CONFIG_FILE: write('readme.yaml', example ?? '') });
    expect(config).toMatchObject({ host: '0.0.0.0', directory: { kind: 'activeDirectory' }, delivery: { email: {} } });
  });
});
