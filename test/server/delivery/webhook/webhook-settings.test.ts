import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../src-server/src/config/server-config';
import { configuredChannels } from '../../../../src-server/src/delivery/configured-channels';
import { startServer } from '../../../../src-server/src/runtime/start-server';
import { useDeliverySettingsFile } from '../../support/delivery-settings-file';
import { TEST_SCRYPT_COST } from '../../support/server-fixtures';

// `delivery.sms` and `delivery.voice` through the organisation's gateway (provider "webhook"): every bad setting is
// named, a Twilio entry without a provider stays Twilio, and a secret that cannot be used stops the server's start.
const { dir, loadWith, configErrorOf } = useDeliverySettingsFile();

beforeAll(() => {
  writeFileSync(join(dir(), 'gateway-secret'), `whsec_${Buffer.alloc(32, 1).toString('base64')}\n`);
  writeFileSync(join(dir(), 'short-secret'), `whsec_${Buffer.alloc(8, 1).toString('base64')}\n`);
});

const gateway = {
  provider: 'webhook',
  url: 'https://gateway.contoso.example/messages',
  secret: { file: 'gateway-secret' },
};
const ACCOUNT_SID = `AC${'0123456789abcdef'.repeat(2)}`;

describe('gateway (webhook) delivery settings', () => {
  it('takes a gateway for SMS and for voice, defaults the timeout, and resolves the secret file from cwd', () => {
    const { delivery } = loadWith({ sms: gateway, voice: { ...gateway, timeoutMs: 5000 } });
    const secret = { file: join(dir(), 'gateway-secret') };
    expect(delivery?.sms).toEqual({ ...gateway, secret, timeoutMs: 10_000 });
    expect(delivery?.voice?.timeoutMs).toBe(5000);
    const loopback = loadWith({ voice: { ...gateway, url: 'http://127.0.0.1:9/messages' } }).delivery?.voice;
    expect(loopback?.provider === 'webhook' && loopback.url).toBe('http://127.0.0.1:9/messages');
  });

  it('keeps an SMS entry without a provider on Twilio, as configurations written before the gateway are', () => {
    const twilio = { accountSid: ACCOUNT_SID, authToken: { env: 'TWILIO_TOKEN' }, from: '+31201234567' };
    expect(loadWith({ sms: twilio }).delivery?.sms).toMatchObject({ provider: 'twilio', accountSid: ACCOUNT_SID });
  });

  it('names each bad setting', () => {
    expect(configErrorOf({ sms: { ...gateway, url: 'http://gateway.contoso.example/messages' } })).toMatch(
      /delivery\.sms\.url: must be https \(plain http only for a loopback host\)/u,
    );
    expect(configErrorOf({ voice: { ...gateway, url: 'https://user:pw@gateway.contoso.example/' } })).toMatch(
      /delivery\.voice\.url: must not carry a user name or password/u,
    );
    expect(configErrorOf({ voice: { ...gateway, url: 'not a url' } })).toMatch(/delivery\.voice\.url: not a URL/u);
    expect(configErrorOf({ sms: { ...gateway, secret: 'whsec_the-secret-itself' } })).toMatch(/delivery\.sms\.secret/u);
    expect(configErrorOf({ sms: { ...gateway, timeoutMs: 10 } })).toMatch(/delivery\.sms\.timeoutMs/u);
    // A gateway's keys under Twilio are Twilio settings with their own keys missing.
    expect(configErrorOf({ voice: { ...gateway, provider: 'twilio' } })).toMatch(/delivery\.voice\.accountSid/u);
    expect(configErrorOf({ sms: { ...gateway, provider: 'vonage' } })).toMatch(/delivery\.sms\.provider/u);
    expect(configErrorOf({ sms: { ...gateway, token: 'x' } })).toMatch(/delivery\.sms: .*token/u);
  });

  it('refuses, naming the setting and never the value, a secret that is missing or not a whsec_ secret', () => {
    const missing = loadWith({ voice: { ...gateway, secret: { env: 'NO_SUCH_GATEWAY_SECRET' } } }).delivery;
    expect(() => configuredChannels(missing, { organizationName: 'Contoso', env: {} })).toThrow(
      new ConfigError('delivery.voice.secret: the environment variable NO_SUCH_GATEWAY_SECRET is not set'),
    );
    const plain = loadWith({ sms: { ...gateway, secret: { env: 'PLAIN' } } }).delivery;
    expect(() => configuredChannels(plain, { organizationName: 'Contoso', env: { PLAIN: 'hunter2-hunter2' } })).toThrow(
      new ConfigError('delivery.sms.secret: must start with whsec_ followed by base64'),
    );
  });

  it('stops the server before it listens when the secret is too short', async () => {
    const config = loadWith({ sms: { ...gateway, secret: { file: 'short-secret' } } });
    await expect(startServer(config, { scryptCost: TEST_SCRYPT_COST, log: false })).rejects.toThrow(
      new ConfigError('delivery.sms.secret: must hold 24 to 64 bytes'),
    );
  });
});
