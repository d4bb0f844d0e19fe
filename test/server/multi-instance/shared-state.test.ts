import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '@resetdesk/shared';
import { startPostgresServer } from '../support/postgres-server';
import type { PostgresServer } from '../support/postgres-server';
import { startRedisServer } from '../support/redis-server';
import type { RedisServer } from '../support/redis-server';
import { makeTempDir } from '../support/server-fixtures';
import { latestCode, startInstance, wrongCode } from './instances';
import type { Instance } from './instances';

// Issue 15, several instances: two full servers (real HTTP on loopback) on one PostgreSQL and one Redis, as behind a
// load balancer that sends each request wherever it likes. What one instance learns, the other must know.

let postgres: PostgresServer;
let redis: RedisServer;
let temp: ReturnType<typeof makeTempDir>;
let a: Instance;
let b: Instance;

beforeAll(async () => {
  [postgres, redis] = await Promise.all([startPostgresServer(), startRedisServer()]);
  temp = makeTempDir('resetdesk-multi-');
  const setup = {
    storeUrl: await postgres.createDatabase(),
    redisUrl: redis.url,
    root: temp.dir,
    // Two wrong answers lock the reset path (for the account from this address): small enough to reach in a test.
    policy: { throttle: { identityFailures: { max: 2, windowMinutes: 60, lockMinutes: 60 } } },
  };
  a = await startInstance(setup, 'a');
  b = await startInstance(setup, 'b');
}, 120_000);

afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  redis?.remove();
  postgres?.stop();
  temp?.remove();
});

async function startAndChooseEmail(first: Instance, second: Instance, username: string) {
  const started = await first.call('POST', ROUTES.startFlow, { body: { kind: 'reset', username } });
  expect(started.status).toBe(201);
  const token = started.body.flowToken;
  const chosen = await second.call('POST', ROUTES.chooseMethod, { token, body: { methodId: 'email' } });
  expect(chosen.status).toBe(200);
  expect(chosen.body.flow.step.kind).toBe('enterCode');
  return token;
}

describe('two instances on one PostgreSQL and one Redis', () => {
  it('continues a flow started on one instance on the other, to the new password', async () => {
    const token = await startAndChooseEmail(a, b, 'adele');
    const code = await latestCode(a, 'adele@contoso.example');
    const verified = await a.call('POST', ROUTES.verifyCode, { token, body: { code } });
    expect(verified.status).toBe(200);
    expect(verified.body.flow.step.kind).toBe('newPassword');
    const done = await b.call('POST', ROUTES.setPassword, {
      token: verified.body.flowToken,
      body: { newPassword: 'Quiet-Harbor-Lantern-58' },
    });
    expect(done.status).toBe(200);
    expect(done.body.flow.step.kind).toBe('done');
  });

  it('does not take a code verified on one instance again on the other', async () => {
    const token = await startAndChooseEmail(b, a, 'diego');
    const code = await latestCode(b, 'diego@contoso.example');
    const first = await b.call('POST', ROUTES.verifyCode, { token, body: { code } });
    expect(first.status).toBe(200);
    const again = await a.call('POST', ROUTES.verifyCode, { token, body: { code } });
    expect(again.status).toBeLessThan(500);
    expect(again.status).not.toBe(200);
    expect(['FLOW_EXPIRED', 'FLOW_STEP_MISMATCH']).toContain(again.body.error.code);
  });

  it('lets exactly one of parallel verifies on both instances win', async () => {
    const token = await startAndChooseEmail(a, b, 'frank');
    const code = await latestCode(b, 'frank@contoso.example');
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a : b).call('POST', ROUTES.verifyCode, { token, body: { code } })),
    );
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    for (const answer of answers.filter((x) => x.status !== 200)) {
      expect(answer.status).toBeLessThan(500);
      expect(['FLOW_EXPIRED', 'FLOW_STEP_MISMATCH']).toContain(answer.body.error.code);
    }
  });

  it("counts a person's wrong answers across both instances, in Redis", async () => {
    const token = await startAndChooseEmail(a, b, 'grace');
    const code = await latestCode(a, 'grace@contoso.example');
    const first = await a.call('POST', ROUTES.verifyCode, { token, body: { code: wrongCode(code) } });
    expect(first.body.error.code).toBe('CODE_INVALID');
    // The second wrong answer, on the other instance, is the one that reaches the limit of two.
    const second = await b.call('POST', ROUTES.verifyCode, { token, body: { code: wrongCode(code) } });
    expect(second.status).toBe(429);
    expect(second.body.error.code).toBe('RATE_LIMITED');
    // Now even the right code is refused, on either instance: the lock is shared.
    const right = await a.call('POST', ROUTES.verifyCode, { token, body: { code } });
    expect(right.body.error.code).toBe('RATE_LIMITED');
    // The counters are in Redis, not in the database's tables.
    const rows = await a.server.runtime.store.db.selectFrom('throttle_events').selectAll().execute();
    expect(rows).toHaveLength(0);
  });
});
