import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '@resetdesk/shared';
import { startRedisServer } from '../support/redis-server';
import type { RedisServer } from '../support/redis-server';
import { makeTempDir } from '../support/server-fixtures';
import { latestCode, startInstance } from './instances';
import type { HttpAnswer, Instance } from './instances';

// Issue 15: Redis configured and then gone. The steps that need the throttles are refused with a named error (fail
// closed: a limit that cannot be counted is never skipped), never a 5xx crash, and the server recovers by itself:
// once Redis is back, the same flow goes on from the step that was refused (a code's check, then the new password's
// verdict and its write).

let redis: RedisServer;
let temp: ReturnType<typeof makeTempDir>;
let server: Instance;

beforeAll(async () => {
  redis = await startRedisServer();
  temp = makeTempDir('resetdesk-redis-outage-');
  server = await startInstance({ redisUrl: redis.url, root: temp.dir }, 'only');
}, 60_000);

afterAll(async () => {
  await server?.close();
  redis?.remove();
  temp?.remove();
});

function expectThrottleUnavailable(answer: HttpAnswer): void {
  expect(answer.status).toBe(503);
  expect(answer.body.error.code).toBe('THROTTLE_UNAVAILABLE');
  expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(answer.body.error.details?.retryAfterSeconds).toBeGreaterThan(0);
}

/** Retries `step` until it is no longer refused THROTTLE_UNAVAILABLE (the client reconnects within a few seconds). */
async function onceRedisAnswers(step: () => Promise<HttpAnswer>): Promise<HttpAnswer> {
  for (let i = 0; i < 100; i += 1) {
    const answer = await step();
    if (answer.body?.error?.code !== 'THROTTLE_UNAVAILABLE') return answer;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('still THROTTLE_UNAVAILABLE after Redis came back');
}

/** Asks /readyz until the throttles' part is `wanted` (its answers are cached a few seconds). */
async function untilThrottlesReady(wanted: boolean): Promise<HttpAnswer> {
  for (let i = 0; i < 150; i += 1) {
    const answer = await server.call('GET', ROUTES.ready);
    const parts = (answer.body as unknown as { parts: { part: string; ready: boolean }[] }).parts;
    if (parts.find((part) => part.part === 'throttles')?.ready === wanted) return answer;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`/readyz never reported the throttles ${wanted ? 'ready' : 'not ready'}`);
}

describe('Redis stopped mid-flow', () => {
  it('refuses the step with THROTTLE_UNAVAILABLE, then the same flow continues once Redis is back', async () => {
    const started = await server.call('POST', ROUTES.startFlow, { body: { kind: 'reset', username: 'adele' } });
    expect(started.status).toBe(201);
    const token = started.body.flowToken;
    const chosen = await server.call('POST', ROUTES.chooseMethod, { token, body: { methodId: 'email' } });
    expect(chosen.status).toBe(200);
    const code = await latestCode(server, 'adele@contoso.example');

    redis.stop();
    try {
      const verify = () => server.call('POST', ROUTES.verifyCode, { token, body: { code } });
      expectThrottleUnavailable(await verify());
      // A new flow is refused the same way (its start checks the path lock), for a known and an unknown name alike.
      for (const username of ['diego', 'nobody-at-all']) {
        expectThrottleUnavailable(await server.call('POST', ROUTES.startFlow, { body: { kind: 'reset', username } }));
      }
      // The flow itself is untouched: it still waits for its code.
      const current = await server.call('GET', ROUTES.getFlow, { token });
      expect(current.status).toBe(200);
      expect(current.body.flow.step.kind).toBe('enterCode');
      // Monitoring sees why: /readyz names the throttles' Redis as unreachable (and no address).
      const notReady = await untilThrottlesReady(false);
      expect(notReady.status).toBe(503);
      expect(JSON.stringify(notReady.body)).toContain('"reason":"unreachable"');
      expect(JSON.stringify(notReady.body)).not.toContain(redis.url);
    } finally {
      await redis.start();
    }

    const verified = await onceRedisAnswers(() => server.call('POST', ROUTES.verifyCode, { token, body: { code } }));
    expect(verified.status).toBe(200);
    expect(verified.body.flow.step.kind).toBe('newPassword');
    const newPassword = { newPassword: 'Quiet-Harbor-Lantern-58' };
    const afterGate = verified.body.flowToken;

    // Gone again at the new password: the verdict (counted per flow in Redis) and the write are refused by name, and
    // the flow still waits for its new password.
    redis.stop();
    try {
      const atNewPassword = { token: afterGate, body: newPassword };
      expectThrottleUnavailable(await server.call('POST', ROUTES.checkPassword, atNewPassword));
      expectThrottleUnavailable(await server.call('POST', ROUTES.setPassword, atNewPassword));
      expect((await server.call('GET', ROUTES.getFlow, { token: afterGate })).body.flow.step.kind).toBe('newPassword');
    } finally {
      await redis.start();
    }
    const verdict = await onceRedisAnswers(() =>
      server.call('POST', ROUTES.checkPassword, { token: afterGate, body: newPassword }),
    );
    expect(verdict.status).toBe(200);
    const done = await server.call('POST', ROUTES.setPassword, { token: afterGate, body: newPassword });
    expect(done.status).toBe(200);
    expect(done.body.flow.step.kind).toBe('done');
    expect((await untilThrottlesReady(true)).status).toBe(200);
  });
});
