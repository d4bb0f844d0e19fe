import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PASSWORD_POLICY } from '@resetdesk/shared';
import { ConfigError, loadServerConfig } from '../../../src-server/src/config/server-config';

describe('server configuration', () => {
  it('has safe defaults: loopback, port 8420, data dir under cwd, no demo, no TLS, no proxy trust', () => {
    const config = loadServerConfig({
      env: {},
      cwd: '/srv/resetdesk',
      moduleUrl: pathToFileURL('/opt/app/src-server/dist/resetdesk-server.js').href,
    });
    expect(config).toMatchObject({
      port: 8420,
      host: '127.0.0.1',
      dataDir: '/srv/resetdesk/.resetdesk-data',
      demo: false,
      wizardDir: '/opt/app/dist/renderer',
      trustedProxies: [],
      logLevel: 'info',
    });
    expect(config.tls).toBeUndefined();
    expect(config.policy).toMatchObject({
      gatesRequired: 1,
      methods: ['email'],
      codeLifetimeMinutes: 10,
      codeLength: 6,
      maxCodeAttempts: 5,
      flowLifetimeMinutes: 15,
      unlockOnReset: true,
      passwordPolicy: DEFAULT_PASSWORD_POLICY,
    });
  });

  it('reads the environment, and flags win over it', () => {
    const env = {
      RESETDESK_PORT: '9000',
      RESETDESK_HOST: '0.0.0.0',
      RESETDESK_DATA_DIR: 'data',
      RESETDESK_DEMO: '1',
      // The demo on a network address must be asked for explicitly.
      RESETDESK_DEMO_ON_NETWORK: '1',
      RESETDESK_WIZARD_DIR: '/srv/wizard',
      RESETDESK_TLS_CERT: 'cert.pem',
      RESETDESK_TLS_KEY: 'key.pem',
      RESETDESK_ORG_NAME: 'Fabrikam',
    };
    const fromEnv = loadServerConfig({ env, cwd: '/srv' });
    expect(fromEnv).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      dataDir: '/srv/data',
      demo: true,
      wizardDir: '/srv/wizard',
      tls: { certFile: '/srv/cert.pem', keyFile: '/srv/key.pem' },
    });
    // Demo defaults, but an explicit organisation name wins.
    expect(fromEnv.policy.organizationName).toBe('Fabrikam');
    expect(fromEnv.policy.emailDomain).toBe('contoso.example');

    const withFlags = loadServerConfig({ env, cwd: '/srv', flags: { port: '0', host: '127.0.0.2', dataDir: 'x' } });
    expect(withFlags).toMatchObject({ port: 0, host: '127.0.0.2', dataDir: resolve('/srv', 'x') });
    expect(loadServerConfig({ env: {}, flags: { demo: true } }).policy.organizationName).toBe('Contoso');
  });

  it('rejects invalid values with a readable ConfigError', () => {
    expect(() => loadServerConfig({ env: { RESETDESK_PORT: 'eighty' } })).toThrow(ConfigError);
    expect(() => loadServerConfig({ env: {}, flags: { port: '70000' } })).toThrow(/port/u);
    expect(() => loadServerConfig({ env: { RESETDESK_TLS_CERT: 'cert.pem' } })).toThrow(/set together/u);
    expect(() => loadServerConfig({ env: { RESETDESK_DEMO: 'maybe' } })).toThrow(ConfigError);
    expect(() => loadServerConfig({ env: { RESETDESK_CONTACT_URL: 'javascript:alert(1)' } })).toThrow(ConfigError);
    expect(() => loadServerConfig({ env: { RESETDESK_POLICY_FILE: join('/nonexistent', 'p.json') } })).toThrow(
      /policy file/u,
    );
  });
});
