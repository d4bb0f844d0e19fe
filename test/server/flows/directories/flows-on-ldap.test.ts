import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '@resetdesk/shared';
import type { ErrorResponse, FlowResponse } from '@resetdesk/shared';
import {
  changePassword,
  codeSentTo,
  passEmailCode,
  resetPassword,
  startDirectoryServer,
  startFlowOf,
} from '../../support/directory-flows';
import type { DirectoryServer } from '../../support/directory-flows';
import { personDn, SEED_PASSWORD, SERVICE_PASSWORD, startOpenLdap } from '../../support/openldap-server';
import type { OpenLdapServer } from '../../support/openldap-server';
import { call } from '../../support/server-fixtures';

// The same flows as on the built-in directory, over HTTP, on a real slapd with ppolicy: reset, unlock, change, the
// directory's own refusals, a protected account, and an unknown name that looks like a known one.

let slapd: OpenLdapServer;
let dir: DirectoryServer;
const NEW_PASSWORD = 'Blue-Harbor-42-Kite';

beforeAll(async () => {
  slapd = await startOpenLdap();
  const settings = { ...slapd.settings(), protectedGroups: ['ldap-admins'] };
  dir = await startDirectoryServer(settings, SERVICE_PASSWORD);
}, 60_000);

afterAll(async () => {
  await dir?.close();
  await slapd?.stop();
});

describe('reset, unlock and change on OpenLDAP', () => {
  it('resets a password with an email code sent to the mail attribute; the new one binds, the old one not', async () => {
    const done = await resetPassword(dir, 'alice', 'alice@example.test', NEW_PASSWORD);
    expect(done.status).toBe(200);
    expect(done.body.flow.step).toEqual({ kind: 'done', outcome: 'passwordReset' });
    expect(await slapd.binds(personDn('alice'), NEW_PASSWORD)).toBe(true);
    expect(await slapd.binds(personDn('alice'), SEED_PASSWORD)).toBe(false);
    const events = (await dir.server.runtime.audit.list({ username: 'alice' })).map((row) => row.event);
    expect(events).toContain('password.reset');
  });

  it('unlocks a locked account after an email code and leaves its password as it was', async () => {
    const user = await dir.server.runtime.directory.findUser('lena');
    expect(user?.locked).toBe(true);
    const done = await passEmailCode(dir, 'unlock', 'lena', 'lena@example.test');
    expect(done.body.flow.step).toEqual({ kind: 'done', outcome: 'accountUnlocked' });
    expect((await dir.server.runtime.directory.lockState(user?.id ?? '')).locked).toBe(false);
    expect(await slapd.binds(personDn('lena'), SEED_PASSWORD)).toBe(true);
  });

  it('changes a password with the old one; a wrong old one and a recent one are refused by name', async () => {
    const wrong = await changePassword(dir, 'carol', 'Not-Her-Password-9', NEW_PASSWORD);
    expect(wrong.body.error.code).toBe('CREDENTIALS_INVALID');
    const done = await changePassword(dir, 'carol', SEED_PASSWORD, NEW_PASSWORD);
    expect(done.body.flow.step).toEqual({ kind: 'done', outcome: 'passwordChanged' });
    expect(await slapd.binds(personDn('carol'), NEW_PASSWORD)).toBe(true);
    // Back to the one before: ppolicy's history refuses it, and the person is told why.
    const back = await changePassword(dir, 'carol', NEW_PASSWORD, SEED_PASSWORD);
    expect(back.status).toBe(422);
    expect(back.body.error).toMatchObject({ code: 'PASSWORD_REJECTED', details: { reasons: ['PASSWORD_IN_HISTORY'] } });
    expect(await slapd.binds(personDn('carol'), NEW_PASSWORD)).toBe(true);
  });

  it("tells a person whose password is too new to change that the directory's minimum age applies", async () => {
    const young = await changePassword(dir, 'yara', SEED_PASSWORD, NEW_PASSWORD);
    expect(young.body.error).toMatchObject({ code: 'PASSWORD_REJECTED', details: { reasons: ['PASSWORD_TOO_RECENT'] } });
  });

  it('refuses a protected account as Entra writeback does: contact your administrator', async () => {
    const started = await startFlowOf(dir, 'reset', 'root');
    expect(started.body.error.code).toBe('CONTACT_ADMIN');
    expect(await slapd.binds(personDn('root'), SEED_PASSWORD)).toBe(true);
  });

  it('answers an unknown name as it answers a known one: same status, shape and method choices', async () => {
    const known = await startFlowOf(dir, 'reset', 'bob');
    const unknown = await startFlowOf(dir, 'reset', 'nobody-here');
    expect(unknown.status).toBe(known.status);
    const shape = (body: FlowResponse) => ({
      keys: Object.keys(body),
      step: body.flow.step.kind,
      methods: body.flow.step.kind === 'chooseMethod' ? body.flow.step.methods.map((m) => m.kind) : [],
    });
    expect(shape(unknown.body)).toEqual(shape(known.body));
    for (const answer of [known, unknown]) {
      await call(dir.server.app, 'DELETE', ROUTES.cancelFlow, { token: answer.body.flowToken });
    }
  });

  it('says DIRECTORY_UNAVAILABLE when slapd stops mid-flow, and finishes the reset once it is back', async () => {
    const verified = await passEmailCode(dir, 'reset', 'erin', 'erin@example.test');
    expect(verified.body.flow.step.kind).toBe('newPassword');
    const token = verified.body.flowToken;
    await slapd.stopProcess();
    try {
      const down = await call<ErrorResponse>(dir.server.app, 'POST', ROUTES.setPassword, {
        token,
        body: { newPassword: NEW_PASSWORD },
      });
      expect(down.status).toBe(424);
      expect(down.body.error.code).toBe('DIRECTORY_UNAVAILABLE');
    } finally {
      await slapd.startProcess();
    }
    const done = await call<FlowResponse>(dir.server.app, 'POST', ROUTES.setPassword, {
      token,
      body: { newPassword: NEW_PASSWORD },
    });
    expect(done.body.flow.step).toEqual({ kind: 'done', outcome: 'passwordReset' });
    expect(await slapd.binds(personDn('erin'), NEW_PASSWORD)).toBe(true);
  });

  it('finds nobody for injection-looking user IDs', async () => {
    for (const typed of ['*)(uid=*', 'admin)(&)', '*', '\\2a']) {
      expect(await dir.server.runtime.directory.findUser(typed)).toBeNull();
    }
  });
});

describe('two gates on OpenLDAP', () => {
  let twoGates: DirectoryServer;

  beforeAll(async () => {
    const policy = { gatesRequired: 2, methods: ['email', 'sms'], methodsToRegister: 2 };
    twoGates = await startDirectoryServer(slapd.settings(), SERVICE_PASSWORD, policy);
  }, 60_000);

  afterAll(async () => {
    await twoGates?.close();
  });

  it("asks for the mail and then the mobile from the directory before the new password", async () => {
    const started = await startFlowOf(twoGates, 'reset', 'alice');
    let token = started.body.flowToken;
    for (const [methodId, to] of [['email', 'alice@example.test'], ['sms', '+31612345678']] as const) {
      const before = twoGates.channel.sent.length;
      await call(twoGates.server.app, 'POST', ROUTES.chooseMethod, { token, body: { methodId } });
      const code = await codeSentTo(twoGates.channel, to, before);
      const verified = await call<FlowResponse>(twoGates.server.app, 'POST', ROUTES.verifyCode, { token, body: { code } });
      token = verified.body.flowToken;
      if (methodId === 'email') expect(verified.body.flow.step).toMatchObject({ kind: 'chooseMethod', gate: 2 });
      else expect(verified.body.flow.step.kind).toBe('newPassword');
    }
    const done = await call<FlowResponse>(twoGates.server.app, 'POST', ROUTES.setPassword, {
      token,
      body: { newPassword: 'Second-Gate-Harbor-88' },
    });
    expect(done.body.flow.step).toEqual({ kind: 'done', outcome: 'passwordReset' });
    expect(await slapd.binds(personDn('alice'), 'Second-Gate-Harbor-88')).toBe(true);
  });
});
