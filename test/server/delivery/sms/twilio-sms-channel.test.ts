import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../../../src-server/src/errors/app-error';
import { TwilioSmsChannel } from '../../../../src-server/src/delivery/sms/twilio-sms-channel';
import { SmsSettingsSchema } from '../../../../src-server/src/delivery/sms/twilio-settings';
import type { SmsSettingsInput } from '../../../../src-server/src/delivery/sms/twilio-settings';
import { startFakeTwilio } from '../../support/fake-twilio';
import type { FakeTwilio } from '../../support/fake-twilio';

// The channel against a fake of Twilio's Messages API on loopback: form fields, Basic auth, and failures that say
// DELIVERY_FAILED with Twilio's code and status only.
const ACCOUNT_SID = `AC${'fedcba9876543210'.repeat(2)}`;
const AUTH_TOKEN = 'a-twilio-auth-token-for-tests-0001';
const PHONE = '+31612345678';
const BODY = '482913 is your Contoso verification code. It expires in 10 minutes.';

let twilio: FakeTwilio;

beforeAll(async () => {
  twilio = await startFakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
});

afterAll(async () => {
  await twilio.close();
});

function channel(overrides: Partial<SmsSettingsInput> = {}, token = AUTH_TOKEN): TwilioSmsChannel {
  const settings = SmsSettingsSchema.parse({
    provider: 'twilio',
    accountSid: ACCOUNT_SID,
    authToken: { env: 'TWILIO_TOKEN' },
    from: '+31201234567',
    apiBaseUrl: twilio.url,
    timeoutMs: 2000,
    ...overrides,
  });
  return new TwilioSmsChannel(settings, { env: { TWILIO_TOKEN: token } });
}

async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    return error as AppError;
  }
  throw new Error('the send succeeded');
}

function expectNoSecrets(error: AppError, token = AUTH_TOKEN): void {
  for (const secret of [token, '482913', PHONE, BODY]) expect(error.message).not.toContain(secret);
}

describe('the Twilio SMS channel', () => {
  it('posts To, From and Body with Basic auth, and the status callback when configured', async () => {
    const before = twilio.messages().length;
    await channel({ statusCallbackUrl: 'https://reset.contoso.example/api/v1/delivery/twilio/status' }).send({
      channel: 'sms',
      to: PHONE,
      subject: 'ignored by SMS',
      body: BODY,
    });
    const [message] = twilio.messages().slice(before);
    expect(message).toMatchObject({
      to: PHONE,
      from: '+31201234567',
      messagingServiceSid: null,
      body: BODY,
      statusCallback: 'https://reset.contoso.example/api/v1/delivery/twilio/status',
    });
    expect(message?.sid).toMatch(/^SM[0-9a-f]{32}$/u);
  });

  it('sends through a Messaging Service instead of a number when configured', async () => {
    const before = twilio.messages().length;
    const settings = SmsSettingsSchema.parse({
      provider: 'twilio',
      accountSid: ACCOUNT_SID,
      authToken: { env: 'TWILIO_TOKEN' },
      messagingServiceSid: `MG${'1'.repeat(32)}`,
      apiBaseUrl: `${twilio.url}/`,
    });
    await new TwilioSmsChannel(settings, { env: { TWILIO_TOKEN: AUTH_TOKEN } }).send({
      channel: 'sms',
      to: PHONE,
      subject: '',
      body: BODY,
    });
    expect(twilio.messages().slice(before)[0]).toMatchObject({
      from: null,
      messagingServiceSid: `MG${'1'.repeat(32)}`,
      statusCallback: null,
    });
  });

  it("says DELIVERY_FAILED with Twilio's code and status, never its message, the number, the body or the token", async () => {
    twilio.failNext({ code: 21211, status: 400 });
    const refused = await failureOf(channel().send({ channel: 'sms', to: PHONE, subject: '', body: BODY }));
    expect(refused.code).toBe('DELIVERY_FAILED');
    expect(refused.message).toBe('Twilio refused the text message (HTTP 400 21211).');
    expectNoSecrets(refused);

    const wrongToken = 'a-wrong-twilio-token-0002';
    const unauthorised = await failureOf(
      channel({}, wrongToken).send({ channel: 'sms', to: PHONE, subject: '', body: BODY }),
    );
    expect(unauthorised.message).toBe('Twilio refused the text message (HTTP 401 20003).');
    expectNoSecrets(unauthorised, wrongToken);
    expect(twilio.refusedAuth()).toBe(1);
  });

  it('says DELIVERY_FAILED when Twilio cannot be reached, and for a channel that is not sms', async () => {
    const closed = await startFakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    const url = closed.url;
    await closed.close();
    const unreachable = await failureOf(
      channel({ apiBaseUrl: url }).send({ channel: 'sms', to: PHONE, subject: '', body: BODY }),
    );
    expect(unreachable.code).toBe('DELIVERY_FAILED');
    expect(unreachable.message).toBe('The text message could not be sent (ECONNREFUSED).');
    expectNoSecrets(unreachable);

    const email = await failureOf(channel().send({ channel: 'email', to: 'a@b.example', subject: '', body: BODY }));
    expect(email.code).toBe('DELIVERY_FAILED');
  });

  it('gives up after timeoutMs when Twilio accepts the connection and never answers', { timeout: 10_000 }, async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const started = Date.now();
      const timedOut = await failureOf(
        channel({ apiBaseUrl: `http://127.0.0.1:${port}`, timeoutMs: 1000 }).send({
          channel: 'sms',
          to: PHONE,
          subject: '',
          body: BODY,
        }),
      );
      expect(timedOut.message).toBe('The text message could not be sent (TIMEOUT).');
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
