import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ROUTES } from '@resetdesk/shared';
import type { ErrorResponse, FlowResponse } from '@resetdesk/shared';
import { DEMO_USERS } from '../../../../src-server/src/demo/demo-users';
import { call, createTestServer, latestCodeFor, makeTempDir } from '../../support/server-fixtures';
import type { TestServer } from '../../support/server-fixtures';

// The one-check-at-a-time rule lives in the store (a lease row), not in process memory: two server instances on one
// database must not be able to split a burst of guesses between them and get more checks than one instance would.

type Answer = FlowResponse & ErrorResponse;

let servers: TestServer[] = [];
let temp: ReturnType<typeof makeTempDir>;

afterEach(async () => {
  for (const server of servers) await server.close();
  servers = [];
  temp.remove();
});

/** Two runtimes on the same data directory and policy, as two instances behind one load balancer. */
async function twoInstances(policy: object): Promise<[TestServer, TestServer]> {
  temp = makeTempDir();
  const file = join(temp.dir, 'policy.json');
  writeFileSync(file, JSON.stringify(policy));
  const options = { demo: true, dataDir: join(temp.dir, 'data'), env: { RESETDESK_POLICY_FILE: file } };
  const first = await createTestServer(options);
  const second = await createTestServer(options);
  servers = [first, second];
  return [first, second];
}

function tally(answers: { status: number; body: Answer }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const answer of answers) {
    const key = answer.status === 200 ? 'ok' : answer.body.error.code;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

describe('parallel guesses across two server instances', () => {
  it('checks at most 5 of 20 old passwords for grace split between two instances', async () => {
    const [a, b] = await twoInstances({ captcha: { mode: 'off' } });
    const tokens: string[] = [];
    for (let i = 0; i < 20; i++) {
      const started = await call<Answer>((i % 2 === 0 ? a : b).app, 'POST', ROUTES.startFlow, {
        body: { kind: 'change', username: 'grace' },
      });
      expect(started.status).toBe(201);
      tokens.push(started.body.flowToken);
    }
    const checksA = vi.spyOn(a.runtime.directory, 'verifyPassword');
    const checksB = vi.spyOn(b.runtime.directory, 'verifyPassword');
    const right = DEMO_USERS.find((u) => u.username === 'grace')?.password ?? '';
    // Each flow is answered by the instance that did not start it: the flows live in the shared database.
    const answers = await Promise.all(
      tokens.map((token, i) =>
        call<Answer>((i % 2 === 0 ? b : a).app, 'POST', ROUTES.changePassword, {
          token,
          body: { oldPassword: i < 19 ? `Wrong-Guess-${i}` : right, newPassword: 'Velvet-Harbor-88!' },
        }),
      ),
    );
    const counts = tally(answers);
    const ok = counts['ok'] ?? 0;
    expect(checksA.mock.calls.length + checksB.mock.calls.length).toBeLessThanOrEqual(5 + ok);
    expect(counts['CREDENTIALS_INVALID']).toBe(4);
    expect(counts['RATE_LIMITED']).toBe(20 - 4 - ok);
  });

  it('checks at most 5 of 20 email codes split between two instances', async () => {
    const [a, b] = await twoInstances({
      captcha: { mode: 'off' },
      throttle: { methodTries: { max: 100, windowMinutes: 60, lockMinutes: 60 }, emails: { max: 100, windowMinutes: 10 } },
    });
    const tokens: string[] = [];
    for (let i = 0; i < 20; i++) {
      const server = i % 2 === 0 ? a : b;
      const started = await call<Answer>(server.app, 'POST', ROUTES.startFlow, { body: { kind: 'reset', username: 'adele' } });
      const chosen = await call<Answer>(server.app, 'POST', ROUTES.chooseMethod, {
        token: started.body.flowToken,
        body: { methodId: 'email' },
      });
      expect(chosen.status).toBe(200);
      tokens.push(chosen.body.flowToken);
    }
    // The last flow was started on b; its code is in the shared outbox table.
    const right = await latestCodeFor(b.app, 'adele@contoso.example');
    const wrong = right === '000000' ? '111111' : '000000';
    const checksA = vi.spyOn(a.runtime.methods.email, 'verify');
    const checksB = vi.spyOn(b.runtime.methods.email, 'verify');
    const answers = await Promise.all(
      tokens.map((token, i) =>
        call<Answer>((i % 2 === 0 ? b : a).app, 'POST', ROUTES.verifyCode, { token, body: { code: i < 19 ? wrong : right } }),
      ),
    );
    const counts = tally(answers);
    const ok = counts['ok'] ?? 0;
    expect(checksA.mock.calls.length + checksB.mock.calls.length).toBeLessThanOrEqual(5 + ok);
    expect(counts['CODE_INVALID']).toBe(4);
    expect(counts['RATE_LIMITED']).toBe(20 - 4 - ok);
  });
});
