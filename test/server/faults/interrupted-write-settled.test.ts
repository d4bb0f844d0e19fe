import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer } from '../support/server-fixtures';
import type { TestServer } from '../support/server-fixtures';

// The other end of kill-during-set-password: the server died between the directory write and the commit, and the
// person never came back to retry. Once the flow expired, the next start settles it: the write's attempt gets its
// outcome row (password.reset_unconfirmed) and the person the reset notice, since the password may have changed.
// In process, with the crash stood in for by a seam that fails the request right after the write (what the store
// holds afterwards is the same as after a SIGKILL there) and a manual clock for the expiry.
let server: TestServer;
let crash = true;

beforeAll(async () => {
  server = await createTestServer({
    demo: true,
    seams: {
      afterPasswordWrite: () => (crash ? Promise.reject(new Error('killed here')) : Promise.resolve()),
    },
  });
});

afterAll(async () => {
  await server?.close();
});

async function notices(): Promise<number> {
  const sent = await server.runtime.outbox.list();
  return sent.filter((m) => m.to === 'adele@contoso.example' && /password was reset/u.test(m.subject)).length;
}

describe('a write cut off by a crash and never retried', () => {
  it('is settled after the flow expired: password.reset_unconfirmed and the notice, once', async () => {
    const { flows, outbox, audit } = server.runtime;
    const ctx = { ip: '198.51.100.9' };
    const { flowToken } = await flows.start({ kind: 'reset', username: 'adele' }, ctx);
    await flows.chooseMethod(flowToken, 'email', ctx);
    const code = /code is (\d+)/u.exec((await outbox.list())[0]?.body ?? '')?.[1] ?? '';
    const next = (await flows.verifyCode(flowToken, code, ctx)).flowToken;
    await expect(flows.setPassword(next, 'Cut-Off-Harbor-2026!', ctx)).rejects.toThrow('killed here');
    crash = false;

    // Not yet expired: the person may still retry, so nothing is settled.
    expect(await flows.settleInterruptedWrites()).toBe(0);
    server.clock.advanceMinutes(16);
    expect(await flows.settleInterruptedWrites()).toBe(1);
    // Settled once: a second start finds nothing more to do.
    expect(await flows.settleInterruptedWrites()).toBe(0);

    const rows = (await audit.list({ username: 'adele' })).reverse();
    expect(rows.slice(-2).map((r) => [r.event, r.outcome, r.detail])).toEqual([
      ['password.write_started', 'success', null],
      ['password.reset_unconfirmed', 'failure', 'INTERRUPTED'],
    ]);
    await expect.poll(notices).toBe(1);
  });
});
