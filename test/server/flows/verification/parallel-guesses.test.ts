import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ROUTES } from '@resetdesk/shared';
import type { ErrorResponse, FlowResponse } from '@resetdesk/shared';
import { DEMO_USERS } from '../../../../src-server/src/demo/demo-users';
import { call, createTestServer, latestCodeFor, makeTempDir } from '../../support/server-fixtures';
import type { TestServer } from '../../support/server-fixtures';

// Issue 9 item 1: parallel guesses must not outrun the limits. Every guess is reserved (counted as failed) before it
// is checked and the checks of one account run one at a time through a lease in the database, so 20 parallel
// requests (19 wrong, the right one last) get at most the allowed number of checks and the right one is refused.

let server: TestServer;
let temp: ReturnType<typeof makeTempDir>;

async function serverWithPolicy(policy: object): Promise<TestServer> {
  temp = makeTempDir();
  const file = join(temp.dir, 'policy.json');
  writeFileSync(file, JSON.stringify(policy));
  return createTestServer({ demo: true, env: { RESETDESK_POLICY_FILE: file } });
}

afterEach(async () => {
  await server.close();
  temp.remove();
});

function password(username: string): string {
  const user = DEMO_USERS.find((u) => u.username === username);
  if (!user) throw new Error(`no demo user ${username}`);
  return user.password;
}

type Answer = FlowResponse & ErrorResponse;

function tally(answers: { status: number; body: Answer }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const answer of answers) {
    const key = answer.status === 200 ? 'ok' : answer.body.error.code;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

describe('parallel guesses', () => {
  it('checks at most 5 of 20 parallel old passwords for grace and refuses the right one after the limit', async () => {
    server = await serverWithPolicy({ captcha: { mode: 'off' } });
    const tokens: string[] = [];
    for (let i = 0; i < 20; i++) {
      const started = await call<Answer>(server.app, 'POST', ROUTES.startFlow, {
        body: { kind: 'change', username: 'grace' },
      });
      expect(started.status).toBe(201);
      tokens.push(started.body.flowToken);
    }
    const checks = vi.spyOn(server.runtime.directory, 'verifyPassword');
    const answers = await Promise.all(
      tokens.map((token, i) =>
        call<Answer>(server.app, 'POST', ROUTES.changePassword, {
          token,
          body: { oldPassword: i < 19 ? `Wrong-Guess-${i}` : password('grace'), newPassword: 'Velvet-Harbor-88!' },
        }),
      ),
    );
    // At most five wrong old passwords are ever checked (the code before the fix checked all 20); the fifth wrong one locks the change
    // path and everything after it is refused unchecked. The order of a parallel burst is not defined, so the right
    // one may be among the first five (then it rightly succeeds); after the lock it is refused.
    const counts = tally(answers);
    // Five failures at most (a right answer that came early is no failure).
    expect(checks.mock.calls.length).toBeLessThanOrEqual(5 + (counts['ok'] ?? 0));
    expect(counts['CREDENTIALS_INVALID']).toBe(4);
    expect(counts['RATE_LIMITED']).toBe(20 - 4 - (counts['ok'] ?? 0));
    const late = await call<Answer>(server.app, 'POST', ROUTES.startFlow, { body: { kind: 'change', username: 'grace' } });
    expect(late.body.error.code).toBe('RATE_LIMITED');
  });

  it('checks at most 5 of 20 parallel email codes across flows and refuses the right one after the limit', async () => {
    server = await serverWithPolicy({
      captcha: { mode: 'off' },
      throttle: { methodTries: { max: 100, windowMinutes: 60, lockMinutes: 60 }, emails: { max: 100, windowMinutes: 10 } },
    });
    const tokens: string[] = [];
    for (let i = 0; i < 20; i++) {
      const started = await call<Answer>(server.app, 'POST', ROUTES.startFlow, { body: { kind: 'reset', username: 'adele' } });
      tokens.push(started.body.flowToken);
      const chosen = await call(server.app, 'POST', ROUTES.chooseMethod, { token: started.body.flowToken, body: { methodId: 'email' } });
      expect(chosen.status).toBe(200);
    }
    // The newest code belongs to the last flow: the only right answer, sent last.
    const rightCode = await latestCodeFor(server.app, 'adele@contoso.example');
    const wrong = rightCode === '000000' ? '111111' : '000000';
    const checks = vi.spyOn(server.runtime.methods.email, 'verify');
    const answers = await Promise.all(
      tokens.map((token, i) =>
        call<Answer>(server.app, 'POST', ROUTES.verifyCode, { token, body: { code: i < 19 ? wrong : rightCode } }),
      ),
    );
    const counts = tally(answers);
    // Five failures at most (a right answer that came early is no failure).
    expect(checks.mock.calls.length).toBeLessThanOrEqual(5 + (counts['ok'] ?? 0));
    expect(counts['CODE_INVALID']).toBe(4);
    expect(counts['RATE_LIMITED']).toBe(20 - 4 - (counts['ok'] ?? 0));
  });

  it('checks at most 5 of 20 parallel security-answer sets across flows and refuses the right set after the limit', async () => {
    server = await serverWithPolicy({
      captcha: { mode: 'off' },
      methods: ['email', 'questions'],
      throttle: { methodTries: { max: 100, windowMinutes: 60, lockMinutes: 60 } },
    });
    const answersOf: Record<string, string> = {
      firstPetName: 'Biscuit',
      firstSchoolCity: 'Den Haag',
      childhoodBestFriend: 'Noor',
      firstConcertArtist: 'Golden Earring',
    };
    const submissions: { token: string; answers: { questionId: string; answer: string }[] }[] = [];
    for (let i = 0; i < 20; i++) {
      const started = await call<Answer>(server.app, 'POST', ROUTES.startFlow, { body: { kind: 'reset', username: 'lena' } });
      const token = started.body.flowToken;
      const chosen = await call<Answer>(server.app, 'POST', ROUTES.chooseMethod, { token, body: { methodId: 'questions' } });
      const step = chosen.body.flow.step;
      if (step.kind !== 'answerQuestions') throw new Error(step.kind);
      const answers = step.questions.map((q) => ({ questionId: q.id, answer: i < 19 ? 'not it' : (answersOf[q.id] ?? '') }));
      submissions.push({ token, answers });
    }
    const checks = vi.spyOn(server.runtime.methods.questions, 'verify');
    const answers = await Promise.all(
      submissions.map(({ token, answers: body }) =>
        call<Answer>(server.app, 'POST', ROUTES.answerQuestions, { token, body: { answers: body } }),
      ),
    );
    const counts = tally(answers);
    // Five failures at most (a right answer that came early is no failure).
    expect(checks.mock.calls.length).toBeLessThanOrEqual(5 + (counts['ok'] ?? 0));
    expect(counts['ANSWERS_REJECTED']).toBe(4);
    expect(counts['RATE_LIMITED']).toBe(20 - 4 - (counts['ok'] ?? 0));
  });
});
