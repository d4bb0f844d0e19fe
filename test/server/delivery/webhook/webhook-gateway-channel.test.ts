import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../src-server/src/errors/app-error';
import { PlacedCalls } from '../../../../src-server/src/delivery/voice/placed-calls';
import { WebhookGatewayChannel } from '../../../../src-server/src/delivery/webhook/webhook-gateway-channel';
import { WebhookGatewaySettingsSchema } from '../../../../src-server/src/delivery/webhook/webhook-settings';
import { openStore } from '../../../../src-server/src/store/store';
import type { Store } from '../../../../src-server/src/store/store';
import { ensureTenant } from '../../../../src-server/src/store/tenants';
import { startFakeWebhookGateway } from '../../support/fake-webhook-gateway';
import type { FakeWebhookGateway } from '../../support/fake-webhook-gateway';
import { makeTempDir, ManualClock } from '../../support/server-fixtures';

// The channel against the fake gateway over a real socket: what it posts, signed so the gateway's own check passes,
// and what it says when the gateway refuses or cannot be reached (the HTTP status or a code, never the number).
const SECRET = `whsec_${Buffer.alloc(32, 3).toString('base64')}`;
const PHONE = '+31612345678';

let temp: ReturnType<typeof makeTempDir>;
let store: Store;
let gateway: FakeWebhookGateway;
const clock = new ManualClock();

beforeAll(async () => {
  temp = makeTempDir();
  store = await openStore(temp.dir);
  await ensureTenant(store.db, clock, 't', 'Contoso');
  gateway = await startFakeWebhookGateway(SECRET);
});

afterAll(async () => {
  await gateway?.close();
  await store?.close();
  temp?.remove();
});

const settingsFor = (url: string, healthUrl?: string) =>
  WebhookGatewaySettingsSchema.parse({ provider: 'webhook', url, secret: { env: 'S' }, ...(healthUrl && { healthUrl }) });
const realTime = { now: () => new Date() };

function channel(kind: 'sms' | 'voice', url = gateway.url, calls?: PlacedCalls) {
  return new WebhookGatewayChannel(settingsFor(url), {
    channel: kind,
    secret: SECRET,
    clock: realTime,
    ...(calls ? { calls: { placed: calls, ringSeconds: 60 } } : {}),
  });
}

/** A loopback port nobody listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const { port } = closed.address() as AddressInfo;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  return port;
}

async function failureOf(promise: Promise<void>): Promise<AppError> {
  const error = await promise.then(() => null, (thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('the webhook gateway channel', () => {
  it('posts a signed sms.send with the words and the language the gateway verifies', async () => {
    const before = gateway.received().length;
    const body = '123456 is uw verificatiecode voor Contoso.';
    await channel('sms').send({ channel: 'sms', to: PHONE, subject: 'Code', body, locale: 'nl-NL' });
    const [message] = gateway.received().slice(before);
    expect(message?.payload).toEqual({ type: 'sms.send', id: message?.id, to: PHONE, body, language: 'nl' });
    expect(message?.id).toMatch(/^msg_[A-Za-z0-9_-]{24}$/u);
    expect(message?.webhookId).toBe(message?.id);
    expect(gateway.refused()).toBe(0);
  });

  it('posts a call.place with the prompt, remembers the call by its message id, never sends the call id', async () => {
    const calls = new PlacedCalls({ db: store.db, tenantId: 't', clock: realTime });
    const before = gateway.received().length;
    const callId = 'the-secret-call-id-of-this-call';
    const prompt = 'This is the Contoso password reset service. Press the hash key (#) now.';
    const call = { channel: 'voice', to: PHONE, subject: 'Call', body: prompt, callId } as const;
    await channel('voice', gateway.url, calls).send(call);
    const [message] = gateway.received().slice(before);
    expect(message?.payload).toEqual({ type: 'call.place', id: message?.id, to: PHONE, prompt, language: 'en' });
    expect(JSON.stringify(message)).not.toContain(callId);
    expect(await calls.takeAnswer('webhook', message?.id ?? '')).toMatchObject({ kind: 'answer' });
  });

  it('refuses a call it could not take answers for, and a message of another channel', async () => {
    const call = { channel: 'voice', to: PHONE, subject: 'Call', body: 'Press #', callId: 'x'.repeat(24) } as const;
    expect((await failureOf(channel('voice').send(call))).code).toBe('DELIVERY_FAILED');
    expect((await failureOf(channel('sms').send(call))).message).toMatch(/sends sms, not voice/u);
  });

  it("says DELIVERY_FAILED with the gateway's HTTP status only, never the number or the words", async () => {
    gateway.failNext(503);
    const error = await failureOf(channel('sms').send({ channel: 'sms', to: PHONE, subject: 'Code', body: '654321' }));
    expect(error.code).toBe('DELIVERY_FAILED');
    expect(error.message).toBe('The gateway refused the message (HTTP 503).');
  });

  it('names the network failure when the gateway is not there, without the number', async () => {
    const port = await closedPort();
    const message = { channel: 'sms', to: PHONE, subject: 'Code', body: '111222' } as const;
    const error = await failureOf(channel('sms', `http://127.0.0.1:${port}/messages`).send(message));
    expect(error.message).toBe('The gateway could not be reached (ECONNREFUSED).');
    expect(error.message).not.toContain(PHONE);
  });

  it('checks the gateway by a signed GET of its healthUrl: up on 2xx, down with the status or the code', async () => {
    const watchedOn = (healthUrl: string) =>
      new WebhookGatewayChannel(settingsFor(gateway.url, healthUrl), { channel: 'sms', secret: SECRET, clock: realTime });
    const watched = watchedOn(gateway.healthUrl);
    expect(watched.checked).toBe(true);
    expect(channel('sms').checked).toBe(false);
    expect(await watched.check()).toEqual({ ok: true });
    gateway.setHealthy(false);
    expect(await watched.check()).toEqual({ ok: false, reason: 'HTTP 503' });
    gateway.setHealthy(true);
    expect(await watched.check()).toEqual({ ok: true });
    expect(gateway.healthChecks()).toEqual({ verified: 3, refused: 0 });
    const gone = watchedOn(`http://127.0.0.1:${await closedPort()}/health`);
    expect(await gone.check()).toEqual({ ok: false, reason: 'ECONNREFUSED' });
  });
});
