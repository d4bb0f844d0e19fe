import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '@resetdesk/shared';
import { loadServerConfig } from '../../../src-server/src/config/server-config';
import { startServer, type RunningServer } from '../../../src-server/src/runtime/start-server';
import { startPostgresServer, type PostgresServer } from '../support/postgres-server';
import { makeTempDir, TEST_SCRYPT_COST } from '../support/server-fixtures';
import { wire, type WireAnswer } from './support/fault-server';
import { expectNo5xx } from './support/kill-window';

// Issue 15, faults: PostgreSQL restarted in the middle of a reset. While it is down every step answers the named
// STORE_UNAVAILABLE (never a 5xx) and nothing moves; once it is back, the same flow (same token) goes on where it
// was, without restarting the reset server: the pools drop the dead connections and open new ones.
let temp: ReturnType<typeof makeTempDir>;
let pg: PostgresServer;
let server: RunningServer;

beforeAll(async () => {
  temp = makeTempDir('resetdesk-fault-pg-');
  pg = await startPostgresServer();
  const config = loadServerConfig({
    env: { RESETDESK_WIZARD_DIR: join(temp.dir, 'no-wizard'), RESETDESK_STORE_URL: await pg.createDatabase() },
    flags: { demo: true, port: 0, host: '127.0.0.1', dataDir: join(temp.dir, 'data') },
  });
  server = await startServer(config, { scryptCost: TEST_SCRYPT_COST, log: false, printOutbox: () => undefined });
}, 90_000);

afterAll(async () => {
  await server?.close();
  pg?.stop();
  temp?.remove();
});

const call = (method: 'GET' | 'POST', path: string, body?: unknown, token?: string) =>
  wire(server.url, method, path, body, token);

function expectStoreUnavailable(answer: WireAnswer): void {
  expectNo5xx(answer);
  expect(answer, 'an answer, not a dropped connection').not.toBeNull();
  expect(answer?.status).toBe(424);
  expect(answer?.body).toEqual({ error: { code: 'STORE_UNAVAILABLE', message: expect.any(String) as string } });
}

async function codeFor(to: string): Promise<string> {
  for (;;) {
    const outbox = await call('GET', ROUTES.demoOutbox);
    const messages = (outbox?.body['messages'] ?? []) as { to: string; body: string }[];
    const code = /code is (\d+)/u.exec(messages.find((m) => m.to === to)?.body ?? '')?.[1];
    if (code) return code;
    await new Promise((done) => setTimeout(done, 50));
  }
}

describe('PostgreSQL restarted mid-flow', () => {
  it('answers STORE_UNAVAILABLE while it is down, and the same flow finishes once it is back', async () => {
    const started = await call('POST', ROUTES.startFlow, { kind: 'reset', username: 'adele' });
    expect(started?.status).toBe(201);
    const token = started?.body['flowToken'] as string;
    const chosen = await call('POST', ROUTES.chooseMethod, { methodId: 'email' }, token);
    expect(chosen?.status).toBe(200);
    const code = await codeFor('adele@contoso.example');

    // Down while the person reads the code: the step they take, and any other, gets the named error.
    pg.goDown();
    expectStoreUnavailable(await call('POST', ROUTES.verifyCode, { code }, token));
    expectStoreUnavailable(await call('GET', ROUTES.getFlow, undefined, token));
    expectStoreUnavailable(await call('POST', ROUTES.startFlow, { kind: 'reset', username: 'diego' }));
    // The process itself is alive (a liveness probe must not restart it for a database outage).
    expect((await call('GET', ROUTES.health))?.status).toBe(200);

    pg.comeBack();
    const verified = await call('POST', ROUTES.verifyCode, { code }, token);
    expect(verified?.status, JSON.stringify(verified?.body)).toBe(200);
    const next = verified?.body['flowToken'] as string;

    // Down again at the last step: the built-in directory lives in the store, so its write fails by the same name.
    pg.goDown();
    expectStoreUnavailable(await call('POST', ROUTES.setPassword, { newPassword: 'Harbor-Restart-2026!' }, next));
    pg.comeBack();
    const done = await call('POST', ROUTES.setPassword, { newPassword: 'Harbor-Restart-2026!' }, next);
    expect(done?.status, JSON.stringify(done?.body)).toBe(200);
    expect((done?.body['flow'] as { step: unknown }).step).toEqual({ kind: 'done', outcome: 'passwordReset' });
    const signIn = await call('POST', ROUTES.demoSignIn, { username: 'adele', password: 'Harbor-Restart-2026!' });
    expect(signIn?.body).toEqual({ signedIn: true });

    const rows = await server.runtime.audit.list({ username: 'adele' });
    const events = rows.filter((row) => row.flow_id === rows.at(-1)?.flow_id).map((row) => row.event).reverse();
    expect(events).toEqual(['flow.started', 'verification.sent', 'verification.passed', 'password.write_started',
      'password.reset']);
  }, 120_000);
});
