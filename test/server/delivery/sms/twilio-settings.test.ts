import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../src-server/src/config/server-config';
import { TwilioSmsChannel } from '../../../../src-server/src/delivery/sms/twilio-sms-channel';
import { SmsSettingsSchema } from '../../../../src-server/src/delivery/sms/twilio-settings';
import { useDeliverySettingsFile } from '../../support/delivery-settings-file';

// The `sms` part of the delivery settings file (RESETDESK_DELIVERY_FILE): every bad setting is named.
const { dir, loadWith, configErrorOf: deliveryErrorOf } = useDeliverySettingsFile();
const configErrorOf = (sms: unknown) => deliveryErrorOf({ sms });

const ACCOUNT_SID = `AC${'0123456789abcdef'.repeat(2)}`;
const valid = { provider: 'twilio', accountSid: ACCOUNT_SID, authToken: { file: 'twilio-token' }, from: '+31201234567' };

describe('Twilio SMS settings', () => {
  it('defaults the API to Twilio and the timeout to 10 s, and resolves the token file from cwd', () => {
    const sms = loadWith({ sms: valid }).delivery?.sms;
    if (sms?.provider !== 'twilio') throw new Error('not read as Twilio settings');
    expect(sms.apiBaseUrl).toBe('https://api.twilio.com');
    expect(sms?.timeoutMs).toBe(10_000);
    expect(sms?.authToken).toEqual({ file: join(dir(), 'twilio-token') });
    expect(loadWith({ sms: { ...valid, authToken: { env: 'TWILIO_TOKEN' } } }).delivery?.sms).toMatchObject({
      authToken: { env: 'TWILIO_TOKEN' },
    });
  });

  it('takes a Messaging Service instead of a number, and loopback http for the API and the callback', () => {
    const { from: _from, ...noFrom } = valid;
    const parsed = SmsSettingsSchema.parse({
      ...noFrom,
      messagingServiceSid: `MG${'a'.repeat(32)}`,
      apiBaseUrl: 'http://127.0.0.1:9999',
      statusCallbackUrl: 'http://localhost:8420/api/v1/delivery/twilio/status',
    });
    expect(parsed.messagingServiceSid).toBe(`MG${'a'.repeat(32)}`);
  });

  it('names each bad setting', () => {
    expect(configErrorOf({ ...valid, accountSid: 'AC123' })).toMatch(/delivery\.sms\.accountSid: AC followed by 32/u);
    expect(configErrorOf({ ...valid, provider: 'vonage' })).toMatch(/delivery\.sms\.provider/u);
    expect(configErrorOf({ ...valid, authToken: 'the-token-itself' })).toMatch(/delivery\.sms\.authToken/u);
    expect(configErrorOf({ ...valid, from: '0612345678' })).toMatch(/delivery\.sms\.from: a phone number in E\.164/u);
    expect(configErrorOf({ ...valid, messagingServiceSid: `MG${'a'.repeat(32)}` })).toMatch(
      /delivery\.sms\.from: set exactly one of/u,
    );
    expect(configErrorOf({ ...valid, apiBaseUrl: 'http://api.twilio.example' })).toMatch(
      /delivery\.sms\.apiBaseUrl: must be https \(plain http only for a loopback host\)/u,
    );
    expect(configErrorOf({ ...valid, apiBaseUrl: 'https://AC:token@api.twilio.com' })).toMatch(
      /delivery\.sms\.apiBaseUrl: must not carry a user name or password/u,
    );
    expect(configErrorOf({ ...valid, statusCallbackUrl: 'http://reset.contoso.example/cb' })).toMatch(
      /delivery\.sms\.statusCallbackUrl: must be https/u,
    );
    expect(configErrorOf({ ...valid, statusCallbackUrl: 'not a url' })).toMatch(
      /delivery\.sms\.statusCallbackUrl: not a URL/u,
    );
    expect(configErrorOf({ ...valid, timeoutMs: 10 })).toMatch(/delivery\.sms\.timeoutMs/u);
    expect(configErrorOf({ ...valid, token: 'x' })).toMatch(/delivery\.sms: .*token/u);
  });

  it('stops the channel from being built when the token cannot be read, naming the setting and not the value', () => {
    const settings = SmsSettingsSchema.parse({ ...valid, authToken: { env: 'NO_SUCH_TWILIO_TOKEN' } });
    expect(() => new TwilioSmsChannel(settings, { env: {} })).toThrow(
      new ConfigError('delivery.sms.authToken: the environment variable NO_SUCH_TWILIO_TOKEN is not set'),
    );
    const missing = SmsSettingsSchema.parse({ ...valid, authToken: { file: join(dir(), 'absent') } });
    expect(() => new TwilioSmsChannel(missing)).toThrow(/delivery\.sms\.authToken: cannot read .*absent \(ENOENT\)/u);
  });
});
