import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '@resetdesk/shared';
import type { ErrorResponse, FlowResponse } from '@resetdesk/shared';
import { call, createTestServer, latestCodeFor, makeTempDir, startFlow } from '../support/server-fixtures';
import type { TestServer } from '../support/server-fixtures';
import { isServerBusy } from '../../../src-server/src/support/hash-pool';

// Issue 15: a full hash queue answers 503 SERVER_BUSY with Retry-After, and the refused request changes nothing: no
// password written, no audit row, no attempt or throttle failure counted, so the same step can be sent again.

type Answer = FlowResponse & ErrorResponse;

let server: TestServer;
let temp: ReturnType<typeof makeTempDir>;

/**
 * Takes every slot and queue place of the server's hash pool (until it refuses: by count or by the wait it would
 * mean) until the returned function is called. Held jobs never finish meanwhile, so the pool's state stays put.
 */
async function fillHashPool(): Promise<() => Promise<void>> {
  const pool = server.runtime.hashPool;
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  const jobs: Promise<void>[] = [];
  for (;;) {
    // The pool admits or refuses synchronously: a refused job leaves its load as it was.
    const before = JSON.stringify(pool.load);
    const job = pool.run(() => held);
    if (JSON.stringify(pool.load) === before) {
      await expect(job).rejects.toSatisfy(isServerBusy);
      break;
    }
    jobs.push(job);
  }
  expect(pool.load.running).toBe(pool.settings.concurrency);
  return async () => {
    release();
    await Promise.all(jobs);
  };
}

function expectBusy(answer: { status: number; body: Answer; headers: Record<string, unknown> }): void {
  expect(answer.status).toBe(503);
  expect(answer.body.error.code).toBe('SERVER_BUSY');
  const seconds = answer.body.error.details?.retryAfterSeconds;
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(answer.headers['retry-after']).toBe(String(seconds));
}

async function auditEvents(): Promise<string[]> {
  const rows = await server.runtime.store.db.selectFrom('audit_log').select('event').orderBy('id').execute();
  return rows.map((row) => row.event);
}

beforeAll(async () => {
  temp = makeTempDir();
  const file = join(temp.dir, 'policy.json');
  writeFileSync(file, JSON.stringify({ captcha: { mode: 'off' }, methods: ['email', 'questions'] }));
  server = await createTestServer({ demo: true, env: { RESETDESK_POLICY_FILE: file } });
});

afterAll(async () => {
  await server.close();
  temp.remove();
});

describe('a full hash queue', () => {
  it('refuses the new password with SERVER_BUSY, writes nothing, and the same request succeeds later', async () => {
    const started = await startFlow(server.app, 'adele');
    const token = started.body.flowToken;
    await call(server.app, 'POST', ROUTES.chooseMethod, { token, body: { methodId: 'email' } });
    const code = await latestCodeFor(server.app, 'adele@contoso.example');
    const verified = await call<Answer>(server.app, 'POST', ROUTES.verifyCode, { token, body: { code } });
    expect(verified.body.flow.step.kind).toBe('newPassword');
    const newToken = verified.body.flowToken;
    const body = { newPassword: 'Velvet-Harbor-88!q' };

    const release = await fillHashPool();
    const before = await auditEvents();
    const busy = await call<Answer>(server.app, 'POST', ROUTES.setPassword, { token: newToken, body });
    expectBusy(busy);
    // The attempt is closed in the trail (so it never reads as a write cut off by a crash); nothing else is written.
    expect(await auditEvents()).toEqual([...before, 'password.write_started', 'password.reset_failed']);
    // A step without a hash still answers while the pool is full.
    const current = await call<Answer>(server.app, 'GET', ROUTES.getFlow, { token: newToken });
    expect(current.body.flow.step.kind).toBe('newPassword');
    await release();

    // Nothing was written: the old password still signs in, and the same request now completes the reset.
    const oldSignIn = { username: 'adele', password: 'Harbor-Lantern-17' };
    expect((await call(server.app, 'POST', ROUTES.demoSignIn, { body: oldSignIn })).body).toEqual({ signedIn: true });
    const done = await call<Answer>(server.app, 'POST', ROUTES.setPassword, { token: newToken, body });
    expect(done.status).toBe(200);
    expect(done.body.flow.step.kind).toBe('done');
    const newSignIn = { username: 'adele', password: body.newPassword };
    expect((await call(server.app, 'POST', ROUTES.demoSignIn, { body: newSignIn })).body).toEqual({ signedIn: true });
  });

  it('refuses security answers without counting an attempt or a failure, more often than lockout allows', async () => {
    const answersOf: Record<string, string> = {
      firstPetName: 'Biscuit',
      firstSchoolCity: 'Den Haag',
      childhoodBestFriend: 'Noor',
      firstConcertArtist: 'Golden Earring',
    };
    const started = await startFlow(server.app, 'lena');
    const token = started.body.flowToken;
    const body = { methodId: 'questions' };
    const chosen = await call<Answer>(server.app, 'POST', ROUTES.chooseMethod, { token, body });
    const step = chosen.body.flow.step;
    if (step.kind !== 'answerQuestions') throw new Error(step.kind);
    const answerOf = (q: (typeof step.questions)[number]) => ('key' in q && q.key ? answersOf[q.key] : undefined) ?? '';
    const answers = step.questions.map((q) => ({ questionId: q.id, answer: answerOf(q) }));

    const release = await fillHashPool();
    // Six refusals: one more than the default five failures that would lock the reset path for a day.
    for (let i = 0; i < 6; i += 1) {
      expectBusy(await call<Answer>(server.app, 'POST', ROUTES.answerQuestions, { token, body: { answers } }));
    }
    await release();
    const same = await call<Answer>(server.app, 'GET', ROUTES.getFlow, { token });
    expect(same.body.flow.step).toEqual(step);

    const passed = await call<Answer>(server.app, 'POST', ROUTES.answerQuestions, { token, body: { answers } });
    expect(passed.status, JSON.stringify(passed.body)).toBe(200);
    expect(passed.body.flow.step.kind).toBe('newPassword');
  });
});
