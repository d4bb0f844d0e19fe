import { ROUTES } from '@resetdesk/shared';
import type { FlowResponse } from '@resetdesk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeSentTo, passEmailCode, startDirectoryServer, startFlowOf } from '../support/directory-flows';
import type { DirectoryServer } from '../support/directory-flows';
import { personDn, SEED_PASSWORD, SERVICE_PASSWORD, startOpenLdap } from '../support/openldap-server';
import type { OpenLdapServer } from '../support/openldap-server';
import { call } from '../support/server-fixtures';

// Issue 15, faults: the directory (a real slapd) stopped in the middle of a reset, at the code step and at the last
// step, the write itself. Each step answers DIRECTORY_UNAVAILABLE (424), never a 5xx, the password stays as it was
// and nothing of the flow is used up; started again, the same flow goes on without a restart of the reset server.
// The adapter's own outage behaviour is ldap-outage.test.ts; the wizard's screen for it, error-screens.test.ts.
let slapd: OpenLdapServer;
let dir: DirectoryServer;
const NEW_PASSWORD = 'Directory-Back-2026!';

beforeAll(async () => {
  slapd = await startOpenLdap();
  dir = await startDirectoryServer(slapd.settings(), SERVICE_PASSWORD);
}, 60_000);

afterAll(async () => {
  await dir?.close();
  await slapd?.stop();
});

function expectDirectoryUnavailable(answer: { status: number; body: unknown }): void {
  expect(answer.status, JSON.stringify(answer.body)).toBe(424);
  expect(answer.body).toMatchObject({ error: { code: 'DIRECTORY_UNAVAILABLE' } });
}

describe('slapd stopped mid-flow', () => {
  it('at the code step: DIRECTORY_UNAVAILABLE, and the same code works once it is back', async () => {
    const started = await startFlowOf(dir, 'reset', 'bob');
    const token = started.body.flowToken;
    const before = dir.channel.sent.length;
    await call(dir.server.app, 'POST', ROUTES.chooseMethod, { token, body: { methodId: 'email' } });
    const code = await codeSentTo(dir.channel, 'bob@example.test', before);

    await slapd.stopProcess();
    expectDirectoryUnavailable(await call(dir.server.app, 'POST', ROUTES.verifyCode, { token, body: { code } }));
    await slapd.startProcess();
    const verified = await call(dir.server.app, 'POST', ROUTES.verifyCode, { token, body: { code } });
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
  });

  it('at set-password: DIRECTORY_UNAVAILABLE with the password unchanged, then the same flow finishes', async () => {
    const verified = await passEmailCode(dir, 'reset', 'erin', 'erin@example.test');
    expect(verified.status).toBe(200);
    const token = verified.body.flowToken;

    await slapd.stopProcess();
    const refused = await call(dir.server.app, 'POST', ROUTES.setPassword, { token, body: { newPassword: NEW_PASSWORD } });
    expectDirectoryUnavailable(refused);
    await slapd.startProcess();
    expect(await slapd.binds(personDn('erin'), SEED_PASSWORD)).toBe(true);

    const done = await call<FlowResponse>(dir.server.app, 'POST', ROUTES.setPassword, {
      token,
      body: { newPassword: NEW_PASSWORD },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.flow.step).toEqual({ kind: 'done', outcome: 'passwordReset' });
    expect(await slapd.binds(personDn('erin'), NEW_PASSWORD)).toBe(true);
    // The step stopped at its first directory read, before any write was begun: one attempt in the trail, and it
    // worked.
    const rows = await dir.server.runtime.audit.list({ username: 'erin' });
    const events = rows.reverse().filter((row) => row.event.startsWith('password.'));
    expect(events.map((row) => [row.event, row.outcome])).toEqual([
      ['password.write_started', 'success'],
      ['password.reset', 'success'],
    ]);
  });
});
