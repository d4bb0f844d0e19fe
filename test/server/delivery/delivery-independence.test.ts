import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROUTES } from '@resetdesk/shared';
import type { FlowResponse } from '@resetdesk/shared';
import type { Delivery, OutgoingMessage } from '../../../src-server/src/delivery/delivery';
import { createBuiltinUsers } from '../../../src-server/src/directory/builtin/builtin-users';
import { PasswordHasher } from '../../../src-server/src/support/password-hash';
import { DEFAULT_TENANT_ID } from '../../../src-server/src/store/tenants';
import { call, createTestServer, makeTempDir, TEST_SCRYPT_COST } from '../support/server-fixtures';
import type { ApiResult, TestServer } from '../support/server-fixtures';

// Issue 9 item 5: what a person is told never depends on delivery. With no channel (a non-demo server) or a channel
// that fails, a real account and an unknown name get the same status and body for choosing email or SMS, for a
// resend and for a help request: the request only queues the message (delivery/delivery-queue.ts), and the failure
// goes to the audit log. (Timing follows from the same: both sides do one insert; bench/ measures steps.)

/** A fake channel: every send fails, the way an SMTP server that is down or a provider that refuses would. */
class FailingChannel implements Delivery {
  attempts = 0;
  async send(_message: OutgoingMessage): Promise<void> {
    this.attempts += 1;
    throw new Error('connect ECONNREFUSED 127.0.0.1:2525');
  }
}

let temp: ReturnType<typeof makeTempDir> | undefined;
let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  temp?.remove();
  server = undefined;
  temp = undefined;
});

async function serverWith(options: { demo: boolean; channel?: Delivery }): Promise<TestServer> {
  temp = makeTempDir();
  const policyFile = join(temp.dir, 'policy.json');
  writeFileSync(
    policyFile,
    JSON.stringify({ methods: ['email', 'sms'], helpdeskEmail: 'helpdesk@contoso.example', captcha: { mode: 'off' } }),
  );
  server = await createTestServer({ ...options, env: { RESETDESK_POLICY_FILE: policyFile } });
  const { runtime, clock } = server;
  await createBuiltinUsers(
    { db: runtime.store.db, tenantId: DEFAULT_TENANT_ID, hasher: new PasswordHasher(TEST_SCRYPT_COST), clock },
    [{ username: 'nina', displayName: 'Nina Smit', email: 'nina@contoso.example', phone: '+31 6 5555 0101' }],
  );
  return server;
}

/** A response as a prober compares it: status and body, without what differs per flow anyway. */
function comparable(result: ApiResult): unknown {
  return JSON.parse(
    JSON.stringify(result.body, (key, value: unknown) =>
      ['flowToken', 'expiresAt', 'codeExpiresAt', 'maskedTarget'].includes(key) ? typeof value : value,
    ),
  ) as unknown;
}

/** Every step whose answer used to depend on a send, for one name. */
async function walk(s: TestServer, username: string): Promise<unknown[]> {
  const started = await call<FlowResponse>(s.app, 'POST', ROUTES.startFlow, { body: { kind: 'reset', username } });
  const token = started.body.flowToken;
  const seen: unknown[] = [started.status, comparable(started)];
  for (const methodId of ['email', 'email', 'sms', 'sms']) {
    // The second of each is a resend.
    const chosen = await call(s.app, 'POST', ROUTES.chooseMethod, { token, body: { methodId } });
    seen.push(chosen.status, comparable(chosen));
  }
  const help = await call(s.app, 'POST', ROUTES.requestHelp, { body: { username, reason: 'ACCOUNT_NOT_VERIFIABLE' } });
  seen.push(help.status, comparable(help));
  return seen;
}

async function deliveryFailures(s: TestServer) {
  await s.runtime.outbox.list();
  return s.runtime.store.db.selectFrom('audit_log').selectAll().where('event', '=', 'delivery.failed').execute();
}

describe('the answer never depends on delivery (issue 9 item 5)', () => {
  it('answers a real account and an unknown name alike on a server with no channel', async () => {
    const s = await serverWith({ demo: false });
    const known = await walk(s, 'nina');
    const unknown = await walk(s, 'nobody.here');
    expect(known[2]).toBe(200);
    expect(known.at(-2)).toBe(202);
    expect(unknown).toEqual(known);
    // The failures are reported where the helpdesk looks: every queued message for nina, nothing for the decoy.
    const failures = await deliveryFailures(s);
    expect(failures.length).toBe(5);
    expect(new Set(failures.map((row) => row.user_id))).toEqual(new Set([failures[0]?.user_id]));
    expect(failures[0]?.user_id).not.toBeNull();
    expect(failures.map((row) => row.detail?.split(' ')[0]).sort()).toEqual(['email', 'email', 'email', 'sms', 'sms']);
    expect(JSON.stringify(failures)).not.toContain('nina@contoso.example');
  });

  it('answers a real account and an unknown name alike when the channel fails, and retries with backoff', async () => {
    const channel = new FailingChannel();
    const s = await serverWith({ demo: false, channel });
    const known = await walk(s, 'nina');
    const unknown = await walk(s, 'nobody.here');
    expect(known[2]).toBe(200);
    expect(unknown).toEqual(known);
    expect((await deliveryFailures(s)).map((row) => row.detail)).toContain('email attempt 1/3 DELIVERY_FAILED');
    expect(channel.attempts).toBe(5);
    // Retries come due later: the second after 30 s, the third (the last) after another minute.
    s.clock.advanceMinutes(0.5);
    expect((await deliveryFailures(s)).filter((row) => row.detail?.includes('attempt 2/3'))).toHaveLength(5);
    s.clock.advanceMinutes(1);
    const last = (await deliveryFailures(s)).filter((row) => row.detail?.includes('attempt 3/3'));
    expect(last.map((row) => row.detail)).toContain('email attempt 3/3 DELIVERY_FAILED gave_up');
    expect(channel.attempts).toBe(15);
    // Given-up messages forget their body (it held a code) and their address.
    const rows = await s.runtime.store.db.selectFrom('delivery_queue').selectAll().execute();
    expect(rows.every((row) => row.status === 'failed' && row.body === null && row.to_address === null)).toBe(true);
  });
});
