import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FlowResponseSchema, ROUTES } from '@resetdesk/shared';
import type { ErrorResponse, FlowResponse, PublicConfig } from '@resetdesk/shared';
import { DEMO_USERS } from '../../../src-server/src/demo/demo-users';
import { call, createTestServer, latestCodeFor, makeTempDir } from '../support/server-fixtures';
import type { TestServer } from '../support/server-fixtures';

// The unlock and change-password flows over HTTP against the built-in directory of the demo tenant.

function demoUser(username: string) {
  const user = DEMO_USERS.find((u) => u.username === username);
  if (!user) throw new Error(`no demo user ${username}`);
  return user;
}

let server: TestServer;
let temp: ReturnType<typeof makeTempDir> | null = null;

async function serverWithPolicy(policy: object): Promise<TestServer> {
  temp = makeTempDir();
  const file = join(temp.dir, 'policy.json');
  writeFileSync(file, JSON.stringify(policy));
  return createTestServer({ demo: true, env: { RESETDESK_POLICY_FILE: file } });
}

afterEach(async () => {
  await server.close();
  temp?.remove();
  temp = null;
});

async function signIn(username: string, password: string): Promise<boolean> {
  const response = await call<{ signedIn: boolean }>(server.app, 'POST', ROUTES.demoSignIn, {
    body: { username, password },
  });
  return response.body.signedIn;
}

function start(kind: 'reset' | 'unlock' | 'change', username: string) {
  return call<FlowResponse & ErrorResponse>(server.app, 'POST', ROUTES.startFlow, { body: { kind, username } });
}

/** Starts an unlock flow and passes its email code; returns the answer to the code. */
async function unlockWithCode(username: string) {
  const started = await start('unlock', username);
  expect(started.status).toBe(201);
  const token = started.body.flowToken;
  await call(server.app, 'POST', ROUTES.chooseMethod, { token, body: { methodId: 'email' } });
  const code = await latestCodeFor(server.app, demoUser(username).email ?? '');
  const verified = await call<FlowResponse & ErrorResponse>(server.app, 'POST', ROUTES.verifyCode, {
    token,
    body: { code },
  });
  return { token, verified };
}

function change(token: string, oldPassword: string, newPassword: string) {
  return call<FlowResponse & ErrorResponse>(server.app, 'POST', ROUTES.changePassword, {
    token,
    body: { oldPassword, newPassword },
  });
}

async function failedSignIns(username: string): Promise<number> {
  const row = await server.runtime.store.db
    .selectFrom('users')
    .select('failed_sign_ins')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return row.failed_sign_ins;
}

describe('unlock flow', () => {
  beforeEach(async () => {
    server = await createTestServer({ demo: true });
  });

  it('unlocks locked-out Frank after an email code; his unchanged password then signs in', async () => {
    const frank = demoUser('frank');
    expect(await signIn(frank.username, frank.password)).toBe(false);
    const { token, verified } = await unlockWithCode('frank');
    expect(verified.status).toBe(200);
    expect(FlowResponseSchema.parse(verified.body).flow).toMatchObject({
      flowKind: 'unlock',
      step: { kind: 'done', outcome: 'accountUnlocked' },
    });
    expect(await signIn(frank.username, frank.password)).toBe(true);
    // The passed gate rotated the token: the old one is gone, the new one shows the finished flow.
    expect((await call(server.app, 'GET', ROUTES.getFlow, { token })).status).toBe(410);
    const current = await call<FlowResponse>(server.app, 'GET', ROUTES.getFlow, {
      token: FlowResponseSchema.parse(verified.body).flowToken,
    });
    expect(current.body.flow.step).toEqual({ kind: 'done', outcome: 'accountUnlocked' });

    const audit = await server.runtime.audit.list({ username: 'frank' });
    expect(audit.map((row) => row.event)).toContain('account.unlocked');
    expect(audit.map((row) => row.event)).not.toContain('password.reset');
    const mails = await server.runtime.outbox.list();
    expect(mails.find((m) => m.to === frank.email)?.subject).toMatch(/unlocked/u);
  });

  it('tells a user who is not locked so only after verification, and ends the flow', async () => {
    // Before verification a not-locked, a locked and an unknown user see the same kind of step.
    const steps = await Promise.all(['adele', 'frank', 'nobody-here'].map((name) => start('unlock', name)));
    for (const started of steps) {
      expect(started.status).toBe(201);
      expect(started.body.flow.step.kind).toBe('chooseMethod');
      expect(started.body.flow.flowKind).toBe('unlock');
    }
    const { token, verified } = await unlockWithCode('adele');
    expect(verified.status).toBe(409);
    expect(verified.body.error.code).toBe('ACCOUNT_NOT_LOCKED');
    const after = await call<ErrorResponse>(server.app, 'GET', ROUTES.getFlow, { token });
    expect(after.body.error.code).toBe('FLOW_EXPIRED');
    expect(await signIn('adele', demoUser('adele').password)).toBe(true);
  });

  it('never offers a new password in an unlock flow', async () => {
    const started = await start('unlock', 'frank');
    const token = started.body.flowToken;
    const refused = await call<ErrorResponse>(server.app, 'POST', ROUTES.setPassword, {
      token,
      body: { newPassword: 'Violet-Canyon-92!' },
    });
    expect(refused.body.error.code).toBe('FLOW_STEP_MISMATCH');
    const changed = await change(token, demoUser('frank').password, 'Violet-Canyon-92!');
    expect(changed.body.error.code).toBe('FLOW_STEP_MISMATCH');
    // Even an unlock flow caught in new_password (say, a crash between two writes) cannot set one.
    await server.runtime.store.db.updateTable('flows').set({ state: 'new_password' }).where('kind', '=', 'unlock').execute();
    const stuck = await call<ErrorResponse>(server.app, 'POST', ROUTES.setPassword, {
      token,
      body: { newPassword: 'Violet-Canyon-92!' },
    });
    expect(stuck.body.error.code).toBe('FLOW_STEP_MISMATCH');
    expect(await signIn('frank', 'Violet-Canyon-92!')).toBe(false);
  });

  it('applies the reset rules on who may use it (not enabled, nothing registered, managed elsewhere)', async () => {
    expect((await start('unlock', 'carlos')).body.error.code).toBe('ACCOUNT_NOT_ENABLED');
    expect((await start('unlock', 'bianca')).body.error.code).toBe('ACCOUNT_NOT_VERIFIABLE');
    expect((await start('unlock', 'emily')).body.error.code).toBe('CONTACT_ADMIN');
  });

  it('keeps reset flows as they were: reset is still kind reset and may reuse the current password', async () => {
    const started = await start('reset', 'adele');
    expect(started.body.flow.flowKind).toBe('reset');
    const token = started.body.flowToken;
    await call(server.app, 'POST', ROUTES.chooseMethod, { token, body: { methodId: 'email' } });
    const code = await latestCodeFor(server.app, 'adele@contoso.example');
    const verified = await call<FlowResponse>(server.app, 'POST', ROUTES.verifyCode, { token, body: { code } });
    const done = await call<FlowResponse>(server.app, 'POST', ROUTES.setPassword, {
      token: verified.body.flowToken,
      body: { newPassword: demoUser('adele').password },
    });
    expect(done.body.flow.step).toEqual({ kind: 'done', outcome: 'passwordReset' });
  });
});

describe('change-password flow', () => {
  beforeEach(async () => {
    server = await createTestServer({ demo: true });
  });

  it('lets "must change" Grace change with her old password; the new one signs in, the old one not', async () => {
    const grace = demoUser('grace');
    expect(await signIn(grace.username, grace.password)).toBe(false); // must change first
    const started = await start('change', 'grace');
    expect(started.status).toBe(201);
    expect(started.body.flow).toMatchObject({ flowKind: 'change', step: { kind: 'changePassword', userNames: [] } });
    const token = started.body.flowToken;
    const done = await change(token, grace.password, 'Velvet-Harbor-88!');
    expect(done.status).toBe(200);
    expect(done.body.flow.step).toEqual({ kind: 'done', outcome: 'passwordChanged' });
    expect(await signIn(grace.username, 'Velvet-Harbor-88!')).toBe(true);
    expect(await signIn(grace.username, grace.password)).toBe(false);
    const mails = await server.runtime.outbox.list();
    expect(mails.find((m) => m.to === grace.email)?.subject).toMatch(/changed/u);
    // A finished flow cannot change the password again.
    expect((await change(token, 'Velvet-Harbor-88!', 'Other-Harbor-99!')).body.error.code).toBe('FLOW_STEP_MISMATCH');
  });

  it('answers a wrong old password with CREDENTIALS_INVALID, not as a sign-in failure, and lets the user try again', async () => {
    const token = (await start('change', 'adele')).body.flowToken;
    const wrong = await change(token, 'Not-Her-Password-1', 'Velvet-Harbor-88!');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toEqual({ code: 'CREDENTIALS_INVALID', message: expect.any(String) });
    // Counted by the change path's own throttle, never by the directory's lockout (issue 9 item 8).
    expect(await failedSignIns('adele')).toBe(0);
    const done = await change(token, demoUser('adele').password, 'Velvet-Harbor-88!');
    expect(done.body.flow.step.kind).toBe('done');
    expect(await failedSignIns('adele')).toBe(0);
  });

  it('answers an unknown user ID exactly like a wrong password (no hint which part was wrong)', async () => {
    const known = await start('change', 'adele');
    const unknown = await start('change', 'ghost.user');
    expect(unknown.status).toBe(known.status);
    expect(unknown.body.flow).toEqual({ ...known.body.flow, expiresAt: unknown.body.flow.expiresAt });
    const a = await change(known.body.flowToken, 'Wrong-Password-11', 'Velvet-Harbor-88!');
    const b = await change(unknown.body.flowToken, 'Wrong-Password-11', 'Velvet-Harbor-88!');
    expect(b.status).toBe(a.status);
    expect(b.body).toEqual(a.body);
  });

  it('refuses the current password as the new one (PASSWORD_REUSED), without counting a failure', async () => {
    const adele = demoUser('adele');
    const token = (await start('change', 'adele')).body.flowToken;
    const reused = await change(token, adele.password, adele.password);
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('PASSWORD_REUSED');
    expect(await failedSignIns('adele')).toBe(0);
    expect(await signIn('adele', adele.password)).toBe(true);
  });

  it('applies the reset password rules: user-independent ones before the old password, names after', async () => {
    const adele = demoUser('adele');
    const token = (await start('change', 'adele')).body.flowToken;
    // A weak new password is refused before the old password is even looked at: no failure is counted.
    const weak = await change(token, 'Wrong-Password-11', 'short');
    expect(weak.body.error.code).toBe('PASSWORD_REJECTED');
    expect(weak.body.error.details?.reasons).toEqual(['TOO_SHORT', 'MISSING_CHARACTER_CLASSES', 'BREACHED_PASSWORD']);
    const banned = await change(token, adele.password, 'Password123!');
    expect(banned.body.error.details?.reasons).toEqual(['BANNED_PASSWORD']);
    expect(await failedSignIns('adele')).toBe(0);
    // Her own name is only checked once the old password proved who she is.
    const named = await change(token, adele.password, 'Vance-Harbor-88!');
    expect(named.body.error.details?.reasons).toEqual(['CONTAINS_USER_NAME']);
  });

  it('counts wrong old passwords toward the change path\'s throttle: the 5th answers RATE_LIMITED, then nothing more', async () => {
    const adele = demoUser('adele');
    const token = (await start('change', 'adele')).body.flowToken;
    // Started now: after these failures a new flow from this address first needs a CAPTCHA.
    const decoy = (await start('change', 'nobody-here')).body.flowToken;
    for (let i = 0; i < 4; i++) {
      expect((await change(token, `Wrong-Password-${i}`, 'Velvet-Harbor-88!')).body.error.code).toBe(
        'CREDENTIALS_INVALID',
      );
    }
    const limited = await change(token, 'Wrong-Password-4', 'Velvet-Harbor-88!');
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(limited.body.error.details?.retryAfterSeconds).toBe(86_400);
    // The path is locked: even the right password is not checked (and not counted) any more.
    const again = await change(token, adele.password, 'Velvet-Harbor-88!');
    expect(again.body.error.code).toBe('RATE_LIMITED');
    // Neither the account nor the reset path is locked by it: only the change path, from here.
    expect(await failedSignIns('adele')).toBe(0);
    // (This address now needs a CAPTCHA to start anything; from another one a reset starts at once.)
    const elsewhere = await server.runtime.flows.start({ kind: 'reset', username: 'adele' }, { ip: '192.0.2.99' });
    expect(elsewhere.flow.step.kind).toBe('chooseMethod');
    // An unknown name is throttled exactly alike, so the lock tells nothing about who exists.
    const answers: string[] = [];
    for (let i = 0; i < 5; i++) {
      answers.push((await change(decoy, `Wrong-Password-${i}`, 'Velvet-Harbor-88!')).body.error.code);
    }
    expect(answers).toEqual([...Array(4).fill('CREDENTIALS_INVALID'), 'RATE_LIMITED']);
  });

  it('never locks the directory account, however many wrong old passwords; a locked account still says ACCOUNT_LOCKED', async () => {
    await server.close();
    // A looser change-path throttle than the directory's lockout (5), to show the directory is never asked to count.
    server = await serverWithPolicy({
      captcha: { mode: 'off' },
      throttle: { changeFailures: { max: 20, windowMinutes: 60, lockMinutes: 60 } },
    });
    const adele = demoUser('adele');
    const token = (await start('change', 'adele')).body.flowToken;
    for (let i = 0; i < 8; i++) {
      expect((await change(token, `Wrong-Password-${i}`, 'Velvet-Harbor-88!')).body.error.code).toBe(
        'CREDENTIALS_INVALID',
      );
    }
    expect(await signIn('adele', adele.password)).toBe(true);
    // Frank is locked out (by his own sign-ins): the right old password learns it, a wrong one does not.
    const frank = demoUser('frank');
    const frankToken = (await start('change', 'frank')).body.flowToken;
    expect((await change(frankToken, 'Wrong-Password-x', 'Velvet-Harbor-88!')).body.error.code).toBe('CREDENTIALS_INVALID');
    const locked = await change(frankToken, frank.password, 'Velvet-Harbor-88!');
    expect(locked.status).toBe(423);
    expect(locked.body.error.code).toBe('ACCOUNT_LOCKED');
  });

  it('sends managed-elsewhere accounts to the administrator, only after the old password', async () => {
    const emily = demoUser('emily');
    const token = (await start('change', 'emily')).body.flowToken;
    expect((await change(token, 'Wrong-Password-11', 'Velvet-Harbor-88!')).body.error.code).toBe(
      'CREDENTIALS_INVALID',
    );
    const managed = await change(token, emily.password, 'Velvet-Harbor-88!');
    expect(managed.body.error).toMatchObject({ code: 'CONTACT_ADMIN', details: { contactUrl: expect.any(String) } });
  });

  it('keeps reset steps out of change flows and the change step out of reset flows', async () => {
    const changeToken = (await start('change', 'adele')).body.flowToken;
    for (const [url, body] of [
      [ROUTES.chooseMethod, { methodId: 'email' }],
      [ROUTES.verifyCode, { code: '123456' }],
      [ROUTES.setPassword, { newPassword: 'Velvet-Harbor-88!' }],
    ] as const) {
      const refused = await call<ErrorResponse>(server.app, 'POST', url, { token: changeToken, body });
      expect(refused.body.error.code).toBe('FLOW_STEP_MISMATCH');
    }
    const resetToken = (await start('reset', 'adele')).body.flowToken;
    const refused = await change(resetToken, demoUser('adele').password, 'Velvet-Harbor-88!');
    expect(refused.body.error.code).toBe('FLOW_STEP_MISMATCH');
    // A change flow can be shown and cancelled like any other.
    const current = await call<FlowResponse>(server.app, 'GET', ROUTES.getFlow, { token: changeToken });
    expect(current.body.flow.step.kind).toBe('changePassword');
    expect((await call(server.app, 'DELETE', ROUTES.cancelFlow, { token: changeToken })).status).toBe(204);
    expect((await change(changeToken, 'a', 'b')).body.error.code).toBe('FLOW_EXPIRED');
  });

  it('writes no password into any log or audit row', async () => {
    const adele = demoUser('adele');
    const token = (await start('change', 'adele')).body.flowToken;
    await change(token, 'Wrong-Secret-Guess-77', 'Velvet-Harbor-88!');
    await change(token, adele.password, 'Velvet-Harbor-88!');
    const audit = JSON.stringify(await server.runtime.audit.list({ limit: 1000 }));
    for (const secret of ['Wrong-Secret-Guess-77', 'Velvet-Harbor-88!', adele.password]) {
      expect(server.logLines.join('\n')).not.toContain(secret);
      expect(audit).not.toContain(secret);
    }
  });
});

describe('policy switches', () => {
  it('applies the reset network gate and CAPTCHA to unlock and change too', async () => {
    server = await serverWithPolicy({ allowedClientNetworks: ['10.0.0.0/8'] });
    for (const kind of ['unlock', 'change'] as const) {
      const refused = await start(kind, 'frank');
      expect(refused.body.error.code).toBe('DEVICE_NOT_ALLOWED');
    }
    await server.close();
    server = await serverWithPolicy({ captcha: { mode: 'always' } });
    for (const kind of ['unlock', 'change'] as const) {
      expect((await start(kind, 'frank')).body.error.code).toBe('CAPTCHA_REQUIRED');
    }
  });

  it('refuses unlock with UNLOCK_NOT_ALLOWED and change with CHANGE_NOT_ALLOWED, and publishes both', async () => {
    server = await serverWithPolicy({ unlockAllowed: false, changeAllowed: false });
    const config = await call<PublicConfig>(server.app, 'GET', ROUTES.getPublicConfig);
    // The file overrides only what it says: the demo's organisation name stays.
    expect(config.body).toMatchObject({ organizationName: 'Contoso', unlockAllowed: false, changeAllowed: false });
    for (const name of ['frank', 'nobody-here']) {
      const unlock = await start('unlock', name);
      expect(unlock.status).toBe(403);
      expect(unlock.body.error.code).toBe('UNLOCK_NOT_ALLOWED');
      const changed = await start('change', name);
      expect(changed.status).toBe(403);
      expect(changed.body.error.code).toBe('CHANGE_NOT_ALLOWED');
    }
    // A reset is unaffected (and still unlocks, per unlockOnReset).
    expect((await start('reset', 'frank')).status).toBe(201);
  });
});

describe('account notices in the flow\'s language', () => {
  beforeEach(async () => {
    server = await createTestServer({ demo: true });
  });

  function startIn(kind: 'unlock' | 'change', username: string, locale: string) {
    return call<FlowResponse & ErrorResponse>(server.app, 'POST', ROUTES.startFlow, { body: { kind, username, locale } });
  }

  it('tells Grace in Dutch that her password was changed when her flow is Dutch (nl)', async () => {
    const grace = demoUser('grace');
    const token = (await startIn('change', 'grace', 'nl')).body.flowToken;
    expect((await change(token, grace.password, 'Velvet-Harbor-88!')).status).toBe(200);
    const mail = (await server.runtime.outbox.list()).find((m) => m.to === grace.email);
    expect(mail?.subject).toMatch(/: uw wachtwoord is gewijzigd$/u);
    expect(mail?.body).toMatch(/^Hallo .+,\n\nUw wachtwoord is gewijzigd op \S+\.\nWas u dit niet\? /u);
  });

  it('tells Frank in Dutch that his account was unlocked when his flow is nl-NL, and in English for en-GB', async () => {
    const frank = demoUser('frank');
    const token = (await startIn('unlock', 'frank', 'nl-NL')).body.flowToken;
    await call(server.app, 'POST', ROUTES.chooseMethod, { token, body: { methodId: 'email' } });
    const code = await latestCodeFor(server.app, frank.email ?? '');
    expect((await call(server.app, 'POST', ROUTES.verifyCode, { token, body: { code } })).status).toBe(200);
    const dutch = (await server.runtime.outbox.list()).find((m) => m.to === frank.email && /ontgrendeld/u.test(m.subject));
    expect(dutch?.body).toContain('Uw account is ontgrendeld op ');
    expect(dutch?.body).toContain('Uw wachtwoord is niet gewijzigd.');

    const grace = demoUser('grace');
    const english = (await startIn('change', 'grace', 'en-GB')).body.flowToken;
    expect((await change(english, grace.password, 'Velvet-Harbor-88!')).status).toBe(200);
    const mail = (await server.runtime.outbox.list()).find((m) => m.to === grace.email);
    expect(mail?.subject).toMatch(/: your password was changed$/u);
    expect(mail?.body).toMatch(/^Hello .+,\n\nYour password was changed on \S+\.\nIf this wasn't you, contact your administrator/u);
  });
});
