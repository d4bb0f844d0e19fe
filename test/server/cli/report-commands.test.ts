import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '@resetdesk/shared';
import type { FlowResponse } from '@resetdesk/shared';
import { CSV_HEADER, UsageReportSchema } from '../../../src-server/src/cli/report-format';
import type { UsageReport } from '../../../src-server/src/cli/report-format';
import { DEMO_USERS } from '../../../src-server/src/demo/demo-users';
import { runCli } from '../support/cli-runner';
import { call, createTestServer, makeTempDir } from '../support/server-fixtures';
import type { TestServer } from '../support/server-fixtures';
import { testStoreEnv } from '../support/test-store-env';

// `resetdesk-server report` (issue 15, as Entra's usage and insights) on the demo tenant after real flows over HTTP.
// On SQLite by default; on PostgreSQL with RESETDESK_TEST_STORE=postgres (the server and the CLI share the database).

let temp: ReturnType<typeof makeTempDir>;
let dataDir: string;
let storeEnv: Record<string, string>;
// Every user ID and name the audit log holds: none may appear in any form of the report.
let people: string[] = [];

const report = (...args: string[]) => runCli(dataDir, ['report', ...args], { env: storeEnv });

function demo(username: string) {
  const user = DEMO_USERS.find((u) => u.username === username);
  if (!user) throw new Error(username);
  return user;
}

async function post(server: TestServer, url: string, token: string | null, body: unknown) {
  return call<FlowResponse>(server.app, 'POST', url, { ...(token ? { token } : {}), body });
}

/** Starts `kind` for `username` and passes the code sent by `methodId` (email or sms); returns the next token. */
async function verified(server: TestServer, kind: 'reset' | 'unlock', username: string, methodId: 'email' | 'sms') {
  const started = await post(server, ROUTES.startFlow, null, { kind, username });
  await post(server, ROUTES.chooseMethod, started.body.flowToken, { methodId });
  const to = methodId === 'email' ? demo(username).email : demo(username).phone;
  const body = (await server.runtime.outbox.list()).find((m) => m.to === to)?.body ?? '';
  const code = /(\d{6})/u.exec(body)?.[1] ?? '';
  return post(server, ROUTES.verifyCode, started.body.flowToken, { code });
}

beforeAll(async () => {
  temp = makeTempDir();
  dataDir = join(temp.dir, 'data');
  storeEnv = await testStoreEnv();
  const server = await createTestServer({ demo: true, dataDir, env: storeEnv });
  try {
    // Two resets (email, SMS), an unlock refused after its email code (adele is not locked), one change done and one
    // refused for a wrong old password: all on the server's clock, 2026-03-02.
    const adele = await verified(server, 'reset', 'adele', 'email');
    await post(server, ROUTES.setPassword, adele.body.flowToken, { newPassword: 'Quiet-Harbor-Lantern-81' });
    const karim = await verified(server, 'reset', 'karim', 'sms');
    await post(server, ROUTES.setPassword, karim.body.flowToken, { newPassword: 'Copper-Window-Meadow-27' });
    const unlock = await verified(server, 'unlock', 'adele', 'email');
    expect(unlock.status).toBe(409);
    const change = await post(server, ROUTES.startFlow, null, { kind: 'change', username: 'grace' });
    const changed = await post(server, ROUTES.changePassword, change.body.flowToken, {
      oldPassword: demo('grace').password,
      newPassword: 'Saffron-Kite-Harbor-64',
    });
    expect(changed.status).toBe(200);
    const wrong = await post(server, ROUTES.startFlow, null, { kind: 'change', username: 'karim' });
    const refused = await post(server, ROUTES.changePassword, wrong.body.flowToken, {
      oldPassword: 'Not-His-Password-1',
      newPassword: 'Linen-Orbit-Harbor-39',
    });
    expect(refused.status).toBe(401);
    const rows = await server.runtime.store.db.selectFrom('audit_log').select(['user_id', 'username']).execute();
    people = [...new Set(rows.flatMap((row) => [row.user_id, row.username]).filter((v): v is string => v !== null))];
    expect(people.length).toBeGreaterThan(2);
  } finally {
    await server.close();
  }
}, 120_000);

afterAll(() => temp.remove());

describe('resetdesk-server report', () => {
  let json: UsageReport;

  it('--json: coverage of the demo tenant, activity per day by outcome and method, failure codes; no user', async () => {
    const result = await report('--since', '2026-03-01', '--json');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    json = UsageReportSchema.parse(JSON.parse(result.stdout));
    expect(json.coverage?.users).toBe(DEMO_USERS.length);
    const covered = (method: string) => json.coverage?.byMethod.find((m) => m.method === method)?.users;
    expect(covered('totp')).toBe(DEMO_USERS.filter((u) => u.totpSecret).length);
    expect(covered('approval')).toBe(DEMO_USERS.filter((u) => u.approver).length);
    for (const method of ['email', 'sms', 'voice', 'questions']) expect(covered(method)).toBeGreaterThan(0);
    expect(json.coverage?.withAnyMethod).toBeLessThan(DEMO_USERS.length);
    expect(json.activity).toEqual([
      { day: '2026-03-02', flow: 'change', outcome: 'failure', method: null, count: 1 },
      { day: '2026-03-02', flow: 'change', outcome: 'success', method: null, count: 1 },
      { day: '2026-03-02', flow: 'reset', outcome: 'success', method: 'email', count: 1 },
      { day: '2026-03-02', flow: 'reset', outcome: 'success', method: 'sms', count: 1 },
      { day: '2026-03-02', flow: 'unlock', outcome: 'failure', method: 'email', count: 1 },
    ]);
    const codes = json.failures.map((f) => f.code);
    expect(codes).toEqual(expect.arrayContaining(['ACCOUNT_NOT_LOCKED', 'CREDENTIALS_INVALID']));
    for (const person of people) expect(result.stdout).not.toContain(person);
  }, 60_000);

  it('prints tables by default and CSV with one header row; neither names anyone', async () => {
    const text = await report('--since', '2026-03-01');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`Registration coverage (${DEMO_USERS.length} accounts)`);
    expect(text.stdout).toMatch(/^ {2}2026-03-02 +reset +success +sms +1$/mu);
    expect(text.stdout).toMatch(/^ {2}ACCOUNT_NOT_LOCKED +1$/mu);
    const csv = await report('--since', '2026-03-01', '--csv');
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(CSV_HEADER);
    expect(lines.filter((line) => line === CSV_HEADER)).toHaveLength(1);
    expect(lines).toContain(`coverage,,,,all,,${DEMO_USERS.length}`);
    expect(lines).toContain('activity,2026-03-02,unlock,failure,email,,1');
    expect(lines).toContain('failures,,,,,CREDENTIALS_INVALID,1');
    expect(lines.every((line) => line.split(',').length === 7)).toBe(true);
    for (const person of people) {
      expect(text.stdout).not.toContain(person);
      expect(csv.stdout).not.toContain(person);
    }
  }, 60_000);

  it('leaves out what happened before --since, and refuses a bad --since or two formats with exit code 2', async () => {
    const recent = await report('--since', '7d', '--json');
    expect(recent.code).toBe(0);
    const parsed = UsageReportSchema.parse(JSON.parse(recent.stdout));
    expect(parsed.activity).toEqual([]);
    expect(parsed.coverage).toEqual(json.coverage);
    for (const bad of ['yesterday', '2999-01-01']) {
      const refused = await report('--since', bad);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/--since must be an ISO date\/time in the past .* or a span such as/u);
      expect(refused.stdout).toBe('');
    }
    const both = await report('--json', '--csv');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--json or --csv, not both');
  }, 90_000);
});
