import { afterEach, describe, expect, it } from 'vitest';
import { ROUTES } from '@resetdesk/shared';
import type { ErrorResponse, FlowResponse } from '@resetdesk/shared';
import { call, createTestServer, latestCodeFor } from '../support/server-fixtures';
import type { TestServer } from '../support/server-fixtures';
import { useTestStores } from '../support/store-dialects';

// Issue 15: on PostgreSQL one flow's requests are held to one at a time by an advisory lock in the database (not a
// mutex in the process): parallel verifies of one code let exactly one win, and the others learn nothing new.

type Answer = FlowResponse & ErrorResponse;

const stores = useTestStores();
let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serverOnPostgres(): Promise<TestServer> {
  const settings = await stores.settings('postgres');
  if (settings.kind !== 'postgres') throw new Error('not a PostgreSQL store');
  server = await createTestServer({ demo: true, env: { RESETDESK_STORE_URL: settings.url } });
  expect(server.runtime.store.dialect).toBe('postgres');
  return server;
}

describe('parallel requests on PostgreSQL', () => {
  it('lets exactly one of 10 parallel verifies of the right code win', async () => {
    const { app } = await serverOnPostgres();
    const started = await call<Answer>(app, 'POST', ROUTES.startFlow, { body: { kind: 'reset', username: 'adele' } });
    expect(started.status).toBe(201);
    const token = started.body.flowToken;
    const chosen = await call<Answer>(app, 'POST', ROUTES.chooseMethod, { token, body: { methodId: 'email' } });
    expect(chosen.status).toBe(200);
    const code = await latestCodeFor(app, 'adele@contoso.example');
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => call<Answer>(app, 'POST', ROUTES.verifyCode, { token, body: { code } })),
    );
    const winners = answers.filter((answer) => answer.status === 200);
    expect(winners).toHaveLength(1);
    expect(winners[0]?.body.flow.step.kind).toBe('newPassword');
    // The rest arrived after the gate was passed (its token rotated): refused, never a second pass, never a 5xx.
    for (const answer of answers.filter((a) => a.status !== 200)) {
      expect(answer.status).toBeLessThan(500);
      expect(answer.body.error.code).toBe('FLOW_EXPIRED');
    }
  });
});
