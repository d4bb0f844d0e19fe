import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLOW_TOKEN_HEADER, HealthSchema, ROUTES } from '@resetdesk/shared';
import type { ChannelHealth } from '@resetdesk/shared';
import type { RunningServer } from '../../../../src-server/src/runtime/start-server';
import { startFakeTwilio } from '../../support/fake-twilio';
import type { FakeTwilio } from '../../support/fake-twilio';
import { makeTempDir } from '../../support/server-fixtures';
import { startSmtpServer } from '../../support/smtp-server';
import { startNonDemoServer } from '../../support/non-demo-server';
import type { TestSmtpServer } from '../../support/smtp-server';

// Issue 12, "Channels that are down", over a real socket: a non-demo server with a real SMTP relay (aiosmtpd) and the
// Twilio fake. The relay is stopped mid-test: the email method leaves the chooser of a real account and of an unknown
// name alike, with the line saying why; with SMS down too, both get METHODS_UNAVAILABLE; started again, everything
// comes back without a server restart. Known and unknown names get the same status and shape throughout.
const ACCOUNT_SID = `AC${'13579bdf2468ace0'.repeat(2)}`;
const AUTH_TOKEN = 'a-twilio-auth-token-for-the-health-test';
const UNKNOWN = 'nobody.here';

let temp: ReturnType<typeof makeTempDir>;
let relay: TestSmtpServer;
let twilio: FakeTwilio;
let server: RunningServer;

beforeAll(async () => {
  temp = makeTempDir();
  relay = await startSmtpServer();
  twilio = await startFakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  writeFileSync(join(temp.dir, 'twilio-token'), AUTH_TOKEN, { mode: 0o600 });
  const email = { host: relay.host, port: relay.port, security: 'none', from: { address: 'no-reply@contoso.example' } };
  const sms = {
    provider: 'twilio',
    accountSid: ACCOUNT_SID,
    authToken: { file: 'twilio-token' },
    from: '+31201234567',
    apiBaseUrl: twilio.url,
    timeoutMs: 2000,
  };
  server = await startNonDemoServer({
    dir: temp.dir,
    // The shortest interval the settings allow: a channel that came back is seen within 5 s.
    delivery: { email, sms, health: { intervalSeconds: 5 } },
    policy: { methods: ['email', 'sms'], captcha: { mode: 'off' } },
    users: [{ username: 'nina', displayName: 'Nina Smit', email: 'nina@contoso.example', phone: '+31612345678' }],
  });
  // Decoys are drawn from the accounts as they are now (nina's email and SMS).
  server.runtime.decoySurvey.invalidate();
}, 60_000);

afterAll(async () => {
  await server?.close();
  await twilio?.close();
  await relay?.stop();
  temp?.remove();
});

async function request(method: 'GET' | 'POST', path: string, body?: unknown, token?: string) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { [FLOW_TOKEN_HEADER]: token } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A response as a prober compares it: status and body, without what differs per flow anyway. */
function comparable(result: { status: number; body: unknown }): unknown {
  const masked = (key: string, value: unknown) =>
    ['flowToken', 'expiresAt', 'codeExpiresAt', 'maskedTarget'].includes(key) ? typeof value : value;
  return { status: result.status, body: JSON.parse(JSON.stringify(result.body, masked)) as unknown };
}

/** Starts a reset for `username` and, when it got a chooser, picks `methodId` there. */
async function walk(username: string, methodId: string) {
  const started = await request('POST', ROUTES.startFlow, { kind: 'reset', username });
  const token = typeof started.body.flowToken === 'string' ? started.body.flowToken : undefined;
  const chosen = token ? await request('POST', ROUTES.chooseMethod, { methodId }, token) : null;
  return { started, chosen };
}

async function expectSameForKnownAndUnknown(methodId: string) {
  const known = await walk('nina', methodId);
  const unknown = await walk(UNKNOWN, methodId);
  expect(comparable(unknown.started)).toEqual(comparable(known.started));
  expect(unknown.chosen && comparable(unknown.chosen)).toEqual(known.chosen && comparable(known.chosen));
  return known;
}

async function health(): Promise<ChannelHealth[]> {
  const answer = await request('GET', ROUTES.health);
  expect(answer.status).toBe(200);
  return HealthSchema.parse(answer.body).channels;
}

/** Waits (up to 20 s: the check interval is 5 s) until the health report shows `wanted`. */
async function until(wanted: Record<string, 'up' | 'down'>): Promise<ChannelHealth[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const channels = await health();
    if (channels.every((c) => (wanted[c.channel] ?? c.state) === c.state)) return channels;
    if (Date.now() > deadline) throw new Error(`channels stayed ${JSON.stringify(channels)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function stepOf(result: { body: Record<string, unknown> }) {
  return (result.body.flow as { step: Record<string, unknown> }).step;
}

describe('channels that are down (issue 12)', () => {
  it('drops the email method while the relay is down, SMS too while Twilio is, and brings both back by itself', async () => {
    // Working: both offered, no line, both up.
    expect((await until({ email: 'up', sms: 'up' })).map((c) => [c.channel, c.state, c.reason])).toEqual([
      ['email', 'up', null],
      ['sms', 'up', null],
    ]);
    const working = await expectSameForKnownAndUnknown('email');
    expect(working.started.status).toBe(201);
    expect(stepOf(working.started)).toMatchObject({ methods: [{ id: 'email' }, { id: 'sms' }] });
    expect(stepOf(working.started)).not.toHaveProperty('unavailableChannels');
    expect(working.chosen?.status).toBe(200);

    // A code sent while the relay worked can still be typed in after it went down: only choosing is affected.
    // (The working walk's own email first, so the next one is this flow's.)
    const sent = (await relay.waitForMessages(1)).length;
    const pending = await walk('nina', 'email');
    const [raw] = (await relay.waitForMessages(sent + 1)).slice(sent);
    const code = /\b(\d{6})\b/u.exec((await simpleParser(raw ?? Buffer.alloc(0))).text ?? '')?.[1] ?? '';

    // The relay goes down mid-test: the next send fails, which has the channel checked at once.
    await relay.goDown();
    await walk('nina', 'email');
    const down = await until({ email: 'down' });
    // nodemailer's code for a connection that failed (never its text, which names the host and port).
    expect(down[0]).toMatchObject({ channel: 'email', state: 'down', reason: 'ESOCKET' });
    const report = JSON.stringify(down);
    for (const secret of [String(relay.port), relay.host, 'nina@contoso.example', AUTH_TOKEN]) {
      expect(report).not.toContain(secret);
    }
    const failing = await expectSameForKnownAndUnknown('email');
    expect(failing.started.status).toBe(201);
    expect(stepOf(failing.started)).toMatchObject({ methods: [{ id: 'sms' }], unavailableChannels: ['email'] });
    // Choosing it anyway (an old page) is refused alike: it is not offered.
    expect(failing.chosen).toMatchObject({ status: 400, body: { error: { code: 'METHOD_UNAVAILABLE' } } });
    const token = pending.chosen?.body.flowToken as string;
    const verified = await request('POST', ROUTES.verifyCode, { code }, token);
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    expect(stepOf(verified).kind).toBe('newPassword');

    // Twilio's account is suspended as well: nothing is left to offer, to nina or to a stranger.
    twilio.setAccountStatus('suspended');
    expect((await until({ email: 'down', sms: 'down' }))[1]?.reason).toBe('ACCOUNT_SUSPENDED');
    const none = await expectSameForKnownAndUnknown('sms');
    expect(none.started).toMatchObject({
      status: 424,
      body: { error: { code: 'METHODS_UNAVAILABLE', details: { unavailableChannels: ['email', 'sms'] } } },
    });

    // Both come back: no restart, the next check sees them, and the chooser offers both again.
    twilio.setAccountStatus('active');
    await relay.comeBack();
    await until({ email: 'up', sms: 'up' });
    const before = relay.received().length;
    const back = await expectSameForKnownAndUnknown('email');
    expect(stepOf(back.started)).toMatchObject({ methods: [{ id: 'email' }, { id: 'sms' }] });
    expect(stepOf(back.started)).not.toHaveProperty('unavailableChannels');
    expect(back.chosen?.status).toBe(200);
    // Nina's code goes out through the relay that came back (the decoy's sends nothing).
    expect((await relay.waitForMessages(before + 1)).length).toBe(before + 1);
  }, 120_000);
});
