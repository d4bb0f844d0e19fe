import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TwilioSmsChannel } from '../../../../src-server/src/delivery/sms/twilio-sms-channel';
import { SmsSettingsSchema } from '../../../../src-server/src/delivery/sms/twilio-settings';
import { startFakeTwilio } from '../../support/fake-twilio';
import type { FakeTwilio } from '../../support/fake-twilio';

// The Twilio channel's health check against the fake's account resource: GET Accounts/{sid}.json with Basic auth.
const ACCOUNT_SID = `AC${'0123456789abcdef'.repeat(2)}`;
const AUTH_TOKEN = 'a-twilio-auth-token-for-health-01';

let twilio: FakeTwilio;

beforeAll(async () => {
  twilio = await startFakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
});

afterAll(async () => {
  await twilio.close();
});

function channel(token = AUTH_TOKEN, apiBaseUrl = twilio.url): TwilioSmsChannel {
  const settings = SmsSettingsSchema.parse({
    provider: 'twilio',
    accountSid: ACCOUNT_SID,
    authToken: { env: 'TWILIO_TOKEN' },
    from: '+31201234567',
    apiBaseUrl,
    timeoutMs: 2000,
  });
  return new TwilioSmsChannel(settings, { env: { TWILIO_TOKEN: token } });
}

describe("the Twilio channel's health check", () => {
  it('is up for an active account, fetched with the account and token', async () => {
    const before = twilio.accountChecks();
    expect(await channel().check()).toEqual({ ok: true });
    expect(twilio.accountChecks()).toBe(before + 1);
    expect(twilio.messages()).toEqual([]);
  });

  it("is down with HTTP 401 and Twilio's 20003 for a wrong token, never the token", async () => {
    const outcome = await channel('a-wrong-token-for-health-check-0').check();
    expect(outcome).toEqual({ ok: false, reason: 'HTTP 401 20003' });
    expect(JSON.stringify(outcome)).not.toContain('a-wrong-token');
  });

  it('is down for a suspended account, and up again once it is active', async () => {
    twilio.setAccountStatus('suspended');
    expect(await channel().check()).toEqual({ ok: false, reason: 'ACCOUNT_SUSPENDED' });
    twilio.setAccountStatus('active');
    expect(await channel().check()).toEqual({ ok: true });
  });

  it("is down with the network error's code when nothing answers", async () => {
    const closed = await startFakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    await closed.close();
    expect(await channel(AUTH_TOKEN, closed.url).check()).toEqual({ ok: false, reason: 'ECONNREFUSED' });
  });
});
