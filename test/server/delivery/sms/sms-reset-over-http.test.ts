import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '@resetdesk/shared';
import { TWILIO_STATUS_PATH } from '../../../../src-server/src/http/routes/twilio-status-routes';
import type { RunningServer } from '../../../../src-server/src/runtime/start-server';
import { fakeTwilioSignature, startFakeTwilio } from '../../support/fake-twilio';
import type { FakeTwilio } from '../../support/fake-twilio';
import { postFlow, startNonDemoServer } from '../../support/non-demo-server';
import { makeTempDir } from '../../support/server-fixtures';

// A real (non-demo) reset server configured for Twilio, over a real socket: the code reaches the fake of Twilio's API
// in the flow's language, is read from the message it recorded, like a person reads their phone, and typed back in.
// Twilio's status callbacks come back to the server, which believes only the signed ones.
const ACCOUNT_SID = `AC${'0a1b2c3d4e5f6789'.repeat(2)}`;
const AUTH_TOKEN = 'a-twilio-auth-token-for-the-reset-test';
// The public URL Twilio is given (a reverse proxy in front of the server); the signature covers this one.
const PUBLIC_CALLBACK_URL = `https://reset.contoso.example${TWILIO_STATUS_PATH}`;
const NINA_PHONE = '+31612345678';
const ADELE_PHONE = '+14255550123';

let temp: ReturnType<typeof makeTempDir>;
let twilio: FakeTwilio;
let server: RunningServer;

beforeAll(async () => {
  temp = makeTempDir();
  twilio = await startFakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  writeFileSync(join(temp.dir, 'twilio-token'), `${AUTH_TOKEN}\n`, { mode: 0o600 });
  server = await startNonDemoServer({
    dir: temp.dir,
    delivery: {
      sms: {
        provider: 'twilio',
        accountSid: ACCOUNT_SID,
        authToken: { file: 'twilio-token' },
        from: '+31201234567',
        apiBaseUrl: twilio.url,
        statusCallbackUrl: PUBLIC_CALLBACK_URL,
        timeoutMs: 5000,
      },
    },
    policy: { methods: ['sms'], captcha: { mode: 'off' } },
    users: [
      { username: 'nina', displayName: 'Nina Smit', phone: NINA_PHONE },
      { username: 'adele', displayName: 'Adele Vance', phone: ADELE_PHONE },
    ],
  });
}, 60_000);

afterAll(async () => {
  await server?.close();
  await twilio?.close();
  temp?.remove();
});

const post = (path: string, body: unknown, token?: string) => postFlow(server, path, body, token);

/** Starts a reset in `locale`, picks SMS, and returns the flow's token and the text message Twilio was given. */
async function resetBySms(username: string, locale: string) {
  const before = twilio.messages().length;
  const started = await post(ROUTES.startFlow, { kind: 'reset', username, locale });
  expect(started.status).toBe(201);
  expect(started.body.flow.step.kind).toBe('chooseMethod');
  const chosen = await post(ROUTES.chooseMethod, { methodId: 'sms' }, started.body.flowToken);
  expect(chosen.status).toBe(200);
  expect(chosen.body.flow.step.kind).toBe('enterCode');
  const [message] = (await twilio.waitForMessages(before + 1)).slice(before);
  if (!message) throw new Error('no text message');
  return { token: chosen.body.flowToken, message };
}

async function auditRows(event: string) {
  const { db } = server.runtime.store;
  return db.selectFrom('audit_log').selectAll().where('event', '=', event).orderBy('id').execute();
}

const callbackUrl = () => `${server.url}${TWILIO_STATUS_PATH}`;
const status = (MessageStatus: string, extra: Record<string, string> = {}) => ({
  AccountSid: ACCOUNT_SID,
  ApiVersion: '2010-04-01',
  From: '+31201234567',
  MessageSid: `SM${'9'.repeat(32)}`,
  MessageStatus,
  SmsSid: `SM${'9'.repeat(32)}`,
  SmsStatus: MessageStatus,
  To: NINA_PHONE,
  ...extra,
});

describe('a reset by SMS through Twilio (non-demo server)', () => {
  it('texts Nina a Dutch code from the configured number, and the code takes her to the new-password step', async () => {
    const { token, message } = await resetBySms('nina', 'nl-NL');
    expect(message).toMatchObject({ to: NINA_PHONE, from: '+31201234567', statusCallback: PUBLIC_CALLBACK_URL });
    const code = /^(\d{6}) is uw verificatiecode voor Contoso\. De code verloopt over \d+ minuten\.$/u.exec(
      message.body,
    )?.[1];
    expect(code).toMatch(/^\d{6}$/u);
    const verified = await post(ROUTES.verifyCode, { code }, token);
    expect(verified.status).toBe(200);
    expect(verified.body.flow.step.kind).toBe('newPassword');
  });

  it('texts Adele the English words for an English flow, and keeps no message body after sending', async () => {
    const { token, message } = await resetBySms('adele', 'en-US');
    expect(message.to).toBe(ADELE_PHONE);
    const code = /^(\d{6}) is your Contoso verification code\. It expires in \d+ minutes\.$/u.exec(message.body)?.[1];
    expect((await post(ROUTES.verifyCode, { code }, token)).body.flow.step.kind).toBe('newPassword');

    const { db } = server.runtime.store;
    const kept = await db.selectFrom('delivery_queue').select(['body', 'to_address']).execute();
    expect(kept.filter((row) => row.body !== null || row.to_address !== null)).toEqual([]);
    expect(await auditRows('delivery.failed')).toEqual([]);
  });
});

describe("Twilio's status callbacks", () => {
  it('accepts a signed one, and records an undelivered message as delivery.failed without the number', async () => {
    const signed = { signedUrl: PUBLIC_CALLBACK_URL };
    expect((await twilio.postStatus(callbackUrl(), status('delivered'), signed)).status).toBe(204);
    expect(await auditRows('delivery.failed')).toEqual([]);

    const undelivered = status('undelivered', { ErrorCode: '30003' });
    expect((await twilio.postStatus(callbackUrl(), undelivered, signed)).status).toBe(204);
    const [row, ...more] = await auditRows('delivery.failed');
    expect(more).toEqual([]);
    expect(row).toMatchObject({ outcome: 'failure', detail: 'sms twilio undelivered 30003' });
    expect(JSON.stringify(row)).not.toContain(NINA_PHONE.slice(1));
    expect(await auditRows('delivery.callback_refused')).toEqual([]);
  });

  it('refuses an unsigned, a tampered and a wrongly addressed one with 403, audits each and records nothing else', async () => {
    const failedBefore = (await auditRows('delivery.failed')).length;
    const failed = status('failed', { ErrorCode: '30008' });
    expect((await twilio.postStatus(callbackUrl(), failed, { signature: null })).status).toBe(403);

    // Signed for other fields than the ones sent: the status was changed on the way.
    const tampered = fakeTwilioSignature(AUTH_TOKEN, PUBLIC_CALLBACK_URL, status('delivered'));
    expect((await twilio.postStatus(callbackUrl(), failed, { signature: tampered })).status).toBe(403);

    // Signed for the address the request reached (a Host header of the sender's choosing), not the configured URL.
    expect((await twilio.postStatus(callbackUrl(), failed)).status).toBe(403);

    const refused = await auditRows('delivery.callback_refused');
    expect(refused.map((row) => row.detail)).toEqual(['twilio unsigned', 'twilio bad_signature', 'twilio bad_signature']);
    expect(refused.every((row) => row.outcome === 'failure' && row.ip === '127.0.0.1')).toBe(true);
    expect(await auditRows('delivery.failed')).toHaveLength(failedBefore);
  });

  it('takes a signed status once and refuses its replay, audited, without a second delivery.failed row', async () => {
    const signed = { signedUrl: PUBLIC_CALLBACK_URL };
    const failed = status('failed', { MessageSid: `SM${'7'.repeat(32)}`, ErrorCode: '30006' });
    const failedBefore = (await auditRows('delivery.failed')).length;
    expect((await twilio.postStatus(callbackUrl(), failed, signed)).status).toBe(204);
    expect((await twilio.postStatus(callbackUrl(), failed, signed)).status).toBe(403);
    expect(await auditRows('delivery.failed')).toHaveLength(failedBefore + 1);
    expect((await auditRows('delivery.callback_refused')).at(-1)?.detail).toBe('twilio replayed');
  });
});
