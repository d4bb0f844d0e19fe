import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import { ROUTES } from '@resetdesk/shared';
import type { ErrorResponse, FlowResponse } from '@resetdesk/shared';
import { DEMO_USERS } from '../../../src-server/src/demo/demo-users';
import { call, createTestServer, latestCodeFor, makeTempDir } from './server-fixtures';
import type { TestServer } from './server-fixtures';

// The calls the unlock and change-password flow tests make over HTTP against the demo tenant's built-in directory
// (flows/unlock/, flows/change/, flows/engine/): one server per test, closed after it.

export function demoUser(username: string) {
  const user = DEMO_USERS.find((u) => u.username === username);
  if (!user) throw new Error(`no demo user ${username}`);
  return user;
}

/** The test file's server (set by each test or its beforeEach, closed after it) and the calls against it. */
export function unlockChangeCalls() {
  let server: TestServer | undefined;
  const temps: ReturnType<typeof makeTempDir>[] = [];

  afterEach(async () => {
    await server?.close();
    server = undefined;
    for (const temp of temps.splice(0)) temp.remove();
  });

  const current = (): TestServer => {
    if (!server) throw new Error('no server for this test');
    return server;
  };

  const calls = {
    get server(): TestServer {
      return current();
    },
    set server(next: TestServer) {
      server = next;
    },
    /** A demo server whose policy file holds `policy`. */
    async serverWithPolicy(policy: object): Promise<TestServer> {
      const temp = makeTempDir();
      temps.push(temp);
      const file = join(temp.dir, 'policy.json');
      writeFileSync(file, JSON.stringify(policy));
      return createTestServer({ demo: true, env: { RESETDESK_POLICY_FILE: file } });
    },
    async signIn(username: string, password: string): Promise<boolean> {
      const response = await call<{ signedIn: boolean }>(current().app, 'POST', ROUTES.demoSignIn, {
        body: { username, password },
      });
      return response.body.signedIn;
    },
    start(kind: 'reset' | 'unlock' | 'change', username: string) {
      return call<FlowResponse & ErrorResponse>(current().app, 'POST', ROUTES.startFlow, { body: { kind, username } });
    },
    /** Starts an unlock flow and passes its email code; returns the answer to the code. */
    async unlockWithCode(username: string) {
      const started = await calls.start('unlock', username);
      expect(started.status).toBe(201);
      const token = started.body.flowToken;
      await call(current().app, 'POST', ROUTES.chooseMethod, { token, body: { methodId: 'email' } });
      const code = await latestCodeFor(current().app, demoUser(username).email ?? '');
      const verified = await call<FlowResponse & ErrorResponse>(current().app, 'POST', ROUTES.verifyCode, {
        token,
        body: { code },
      });
      return { token, verified };
    },
    change(token: string, oldPassword: string, newPassword: string) {
      return call<FlowResponse & ErrorResponse>(current().app, 'POST', ROUTES.changePassword, {
        token,
        body: { oldPassword, newPassword },
      });
    },
    async failedSignIns(username: string): Promise<number> {
      const row = await current()
        .runtime.store.db.selectFrom('users')
        .select('failed_sign_ins')
        .where('username', '=', username)
        .executeTakeFirstOrThrow();
      return row.failed_sign_ins;
    },
  };
  return calls;
}
