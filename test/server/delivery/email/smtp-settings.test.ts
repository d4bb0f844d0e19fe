import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadServerConfig } from '../../../../src-server/src/config/server-config';
import { SmtpChannel } from '../../../../src-server/src/delivery/email/smtp-channel';
import { EmailSettingsSchema, smtpPort } from '../../../../src-server/src/delivery/email/smtp-settings';
import { startServer } from '../../../../src-server/src/runtime/start-server';
import { useDeliverySettingsFile } from '../../support/delivery-settings-file';
import { TEST_SCRYPT_COST } from '../../support/server-fixtures';

// The delivery settings file (RESETDESK_DELIVERY_FILE): every bad setting stops the server, naming the setting.
const { dir, loadWith, configErrorOf } = useDeliverySettingsFile();

const from = { address: 'no-reply@contoso.example' };

describe('email delivery settings', () => {
  it('defaults to STARTTLS on port 587, the From name to the organisation, and resolves files from cwd', () => {
    const config = loadWith({
      email: { host: 'smtp.contoso.example', from, caFile: 'ca.pem', auth: { user: 'rd', password: { file: 'pw' } } },
    });
    const email = config.delivery?.email;
    expect(email?.security).toBe('starttls');
    expect(email && smtpPort(email)).toBe(587);
    expect(email?.caFile).toBe(join(dir(), 'ca.pem'));
    expect(email?.auth?.password).toEqual({ file: join(dir(), 'pw') });
    expect(smtpPort(EmailSettingsSchema.parse({ host: 'smtp.contoso.example', security: 'tls', from }))).toBe(465);
  });

  it('has no delivery section without the file', () => {
    const config = loadServerConfig({ env: { RESETDESK_WIZARD_DIR: dir() }, flags: { port: 0 }, cwd: dir() });
    expect(config.delivery).toBeUndefined();
  });

  it('names each bad setting', () => {
    expect(configErrorOf({ email: { host: 'smtp.contoso.example', security: 'none', from } })).toMatch(
      /delivery\.email\.security: .*loopback/u,
    );
    expect(configErrorOf({ email: { host: 'smtp.contoso.example', port: 70000, from } })).toMatch(
      /delivery\.email\.port:/u,
    );
    expect(configErrorOf({ email: { host: 'smtp.contoso.example', security: 'ssl', from } })).toMatch(
      /delivery\.email\.security:/u,
    );
    expect(configErrorOf({ email: { host: 'smtp.contoso.example' } })).toMatch(/delivery\.email\.from:/u);
    expect(configErrorOf({ email: { host: 'smtp.contoso.example', from: { address: 'not an address' } } })).toMatch(
      /delivery\.email\.from\.address:/u,
    );
    const injected = { ...from, name: 'Contoso\r\nBcc: x@evil.example' };
    expect(configErrorOf({ email: { host: 'smtp.contoso.example', from: injected } })).toMatch(
      /delivery\.email\.from\.name:/u,
    );
    expect(configErrorOf({ email: { host: 'smtp.contoso.example', from, tls: true } })).toMatch(/delivery\.email:/u);
    expect(configErrorOf({ fax: {} })).toMatch(/delivery: .*fax/u);
  });

  it('refuses a password written into the file, without repeating it', () => {
    const message = configErrorOf({
      email: { host: 'smtp.contoso.example', from, auth: { user: 'rd', password: 'Hunter2-Hunter2' } },
    });
    expect(message).toMatch(/delivery\.email\.auth\.password:/u);
    expect(message).not.toContain('Hunter2');
  });

  it('allows no TLS only for a relay on this host', () => {
    expect(loadWith({ email: { host: '127.0.0.1', port: 2525, security: 'none', from } }).delivery?.email?.host).toBe(
      '127.0.0.1',
    );
    expect(loadWith({ email: { host: 'localhost', security: 'none', from } }).delivery?.email?.security).toBe('none');
  });

  it('says which setting names an unreadable secret or CA file when the channel is built', () => {
    const build = (email: unknown) => () =>
      new SmtpChannel(EmailSettingsSchema.parse(email), { organizationName: 'Contoso', env: {} });
    const missing = join(dir(), 'missing');
    expect(build({ host: 'smtp.contoso.example', from, auth: { user: 'rd', password: { file: missing } } })).toThrow(
      new ConfigError(`delivery.email.auth.password: cannot read ${missing} (ENOENT)`),
    );
    const fromEnv = { user: 'rd', password: { env: 'SMTP_PASSWORD' } };
    expect(build({ host: 'smtp.contoso.example', from, auth: fromEnv })).toThrow(
      /^delivery\.email\.auth\.password: the environment variable SMTP_PASSWORD is not set$/u,
    );
    expect(build({ host: 'smtp.contoso.example', from, caFile: missing })).toThrow(/^delivery\.email\.caFile: /u);
  });

  it('stops a server whose SMTP password cannot be read before it listens', async () => {
    const auth = { user: 'rd', password: { file: 'gone' } };
    const config = loadWith({ email: { host: 'smtp.contoso.example', from, auth } });
    await expect(startServer(config, { scryptCost: TEST_SCRYPT_COST, log: false })).rejects.toThrow(
      new ConfigError(`delivery.email.auth.password: cannot read ${join(dir(), 'gone')} (ENOENT)`),
    );
  });
});
