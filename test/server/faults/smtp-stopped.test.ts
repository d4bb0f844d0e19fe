import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '@resetdesk/shared';
import { loadServerConfig } from '../../../src-server/src/config/server-config';
import { createBuiltinUsers } from '../../../src-server/src/directory/builtin/builtin-users';
import { startServer, type RunningServer } from '../../../src-server/src/runtime/start-server';
import { DEFAULT_TENANT_ID } from '../../../src-server/src/store/tenants';
import { systemClock } from '../../../src-server/src/support/clock';
import { PasswordHasher } from '../../../src-server/src/support/password-hash';
import { makeTempDir, TEST_SCRYPT_COST } from '../support/server-fixtures';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server';
import { faultServerEnv } from './support/fault-stack';
import { wire } from './support/fault-server';
import { expectNo5xx } from './support/kill-window';
import { codeFromRelay } from './support/relay-mail';

// Issue 15, faults: the SMTP relay stopped while a person waits at the email code step. Their "send a new code" is
// refused by name (METHOD_UNAVAILABLE, saying the email channel is down), never a 5xx; the server notices the relay
// is back by itself (channel health, delivery/health/) and the same flow gets a new code and finishes. Choosing and
// offering while a channel is down (a new flow) is channel-health-over-http.test.ts.
let temp: ReturnType<typeof makeTempDir>;
let relay: TestSmtpServer;
let server: RunningServer;
const EMAIL = 'nina@contoso.example';

beforeAll(async () => {
  temp = makeTempDir('resetdesk-fault-smtp-');
  relay = await startSmtpServer();
  const env = faultServerEnv(temp.dir, relay);
  server = await startServer(loadServerConfig({ env, flags: { port: 0, host: '127.0.0.1' } }), {
    scryptCost: TEST_SCRYPT_COST,
    log: false,
  });
  const hasher = new PasswordHasher(TEST_SCRYPT_COST);
  await createBuiltinUsers(
    { db: server.runtime.store.db, tenantId: DEFAULT_TENANT_ID, hasher, clock: systemClock },
    [{ username: 'nina', displayName: 'Nina Smit', email: EMAIL, password: 'Harbor-Lantern-17' }],
  );
}, 60_000);

afterAll(async () => {
  await server?.close();
  await relay?.stop();
  temp?.remove();
});

const call = (method: 'GET' | 'POST', path: string, body?: unknown, token?: string) =>
  wire(server.url, method, path, body, token);

/** Waits for the server's own health check (every 5 s here) to see the email channel in `state`. */
async function untilEmail(state: 'up' | 'down'): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (server.runtime.channelHealth.downChannels().has('email') !== (state === 'down')) {
    if (Date.now() > deadline) throw new Error(`the email channel never went ${state}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

describe('SMTP relay stopped at the email code step', () => {
  it('refuses a resend by name while it is down, and the same flow finishes once it is back', async () => {
    const started = await call('POST', ROUTES.startFlow, { kind: 'reset', username: 'nina' });
    expect(started?.status).toBe(201);
    const token = started?.body['flowToken'] as string;
    const chosen = await call('POST', ROUTES.chooseMethod, { methodId: 'email' }, token);
    expect(chosen?.status).toBe(200);
    await codeFromRelay(relay, EMAIL, 0);

    await relay.goDown();
    await untilEmail('down');
    const resend = await call('POST', ROUTES.chooseMethod, { methodId: 'email' }, token);
    expectNo5xx(resend);
    expect(resend).toMatchObject({
      status: 400,
      body: { error: { code: 'METHOD_UNAVAILABLE', details: { unavailableChannels: ['email'] } } },
    });
    // The flow is still at the code step (nothing moved).
    const current = await call('GET', ROUTES.getFlow, undefined, token);
    expect((current?.body['flow'] as { step: { kind: string } }).step.kind).toBe('enterCode');

    await relay.comeBack();
    await untilEmail('up');
    const before = relay.received().length;
    const again = await call('POST', ROUTES.chooseMethod, { methodId: 'email' }, token);
    expect(again?.status, JSON.stringify(again?.body)).toBe(200);
    const code = await codeFromRelay(relay, EMAIL, before);
    const verified = await call('POST', ROUTES.verifyCode, { code }, token);
    expect(verified?.status, JSON.stringify(verified?.body)).toBe(200);
    const done = await call('POST', ROUTES.setPassword, { newPassword: 'Relay-Returned-2026!' },
      verified?.body['flowToken'] as string);
    expect((done?.body['flow'] as { step: unknown }).step).toEqual({ kind: 'done', outcome: 'passwordReset' });
  }, 90_000);
});
