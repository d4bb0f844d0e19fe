import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD_VERDICTS_PER_MINUTE, ROUTES } from '@resetdesk/shared';
import { startPostgresServer } from '../support/postgres-server';
import type { PostgresServer } from '../support/postgres-server';
import { startRedisServer } from '../support/redis-server';
import type { RedisServer } from '../support/redis-server';
import { makeTempDir } from '../support/server-fixtures';
import { latestCode, startInstance } from './instances';
import type { HttpAnswer, Instance, SharedSetup } from './instances';

// Issue 15: the send windows and a flow's password verdicts are count-and-record in Redis (one Lua script), so
// parallel requests spread over two instances let exactly the limit through, and a restarted instance still counts.

let postgres: PostgresServer;
let redis: RedisServer;
let temp: ReturnType<typeof makeTempDir>;
let setup: SharedSetup;
let a: Instance;
let b: Instance;

beforeAll(async () => {
  [postgres, redis] = await Promise.all([startPostgresServer(), startRedisServer()]);
  temp = makeTempDir('resetdesk-atomic-');
  setup = {
    storeUrl: await postgres.createDatabase(),
    redisUrl: redis.url,
    root: temp.dir,
    // Three codes per account and hour from one address; two per flow and method.
    policy: { maxCodeSends: 2, throttle: { methodTries: { max: 3, windowMinutes: 60 } } },
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

const either = (i: number) => (i % 2 === 0 ? a : b);
const ok = (answers: HttpAnswer[]) => answers.filter((answer) => answer.status === 200);
const codesOf = (answers: HttpAnswer[]) => answers.filter((x) => x.status !== 200).map((x) => x.body.error.code);

async function start(username: string, on: Instance): Promise<string> {
  const started = await on.call('POST', ROUTES.startFlow, { body: { kind: 'reset', username } });
  expect(started.status).toBe(201);
  return started.body.flowToken;
}

describe('count-and-record limits on two instances', () => {
  it("lets exactly the method-tries limit of parallel sends through, over an account's flows on both", async () => {
    const tokens: string[] = [];
    for (let i = 0; i < 8; i += 1) tokens.push(await start('adele', either(i)));
    const sends = await Promise.all(
      tokens.map((token, i) => either(i + 1).call('POST', ROUTES.chooseMethod, { token, body: { methodId: 'email' } })),
    );
    expect(ok(sends)).toHaveLength(3);
    expect(codesOf(sends)).toEqual(Array.from({ length: 5 }, () => 'RATE_LIMITED'));
  });

  it("lets exactly the flow's resend cap of parallel sends of one flow through, on both", async () => {
    const token = await start('frank', a);
    const sends = await Promise.all(
      Array.from({ length: 6 }, (_, i) => either(i).call('POST', ROUTES.chooseMethod, { token, body: { methodId: 'email' } })),
    );
    expect(ok(sends)).toHaveLength(2);
    expect(codesOf(sends)).toEqual(Array.from({ length: 4 }, () => 'RESEND_LIMIT_REACHED'));
  });

  it("counts a flow's password verdicts exactly over both instances, and after one restarts", async () => {
    let token = await start('diego', a);
    expect((await b.call('POST', ROUTES.chooseMethod, { token, body: { methodId: 'email' } })).status).toBe(200);
    const code = await latestCode(a, 'diego@contoso.example');
    const verified = await a.call('POST', ROUTES.verifyCode, { token, body: { code } });
    expect(verified.body.flow.step.kind).toBe('newPassword');
    token = verified.body.flowToken;
    const verdict = (on: Instance, i: number) =>
      on.call('POST', ROUTES.checkPassword, { token, body: { newPassword: `Kite-Harbor-${i}x` } });
    const answers = await Promise.all(
      Array.from({ length: PASSWORD_VERDICTS_PER_MINUTE + 10 }, (_, i) => verdict(either(i), i)),
    );
    expect(ok(answers)).toHaveLength(PASSWORD_VERDICTS_PER_MINUTE);
    expect(codesOf(answers)).toEqual(Array.from({ length: 10 }, () => 'RATE_LIMITED'));
    // The instance restarts (a new process would be the same: nothing of the count is in its memory).
    await a.close();
    a = await startInstance(setup, 'a');
    const after = await verdict(a, 99);
    expect(after.status).toBe(429);
    expect(after.body.error.code).toBe('RATE_LIMITED');
    expect(Number(after.headers.get('retry-after'))).toBeGreaterThan(0);
  }, 60_000);
});
