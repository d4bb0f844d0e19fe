import { beforeEach, describe, expect, it } from 'vitest';
import { ROUTES } from '@resetdesk/shared';
import type { ErrorResponse, FlowResponse } from '@resetdesk/shared';
import { call, createTestServer } from '../../support/server-fixtures';
import { demoUser, unlockChangeCalls } from '../../support/unlock-change-calls';

// The change-password flow, over HTTP against the built-in directory of the demo tenant.

const flows = unlockChangeCalls();
const { signIn, start, change, failedSignIns, serverWithPolicy } = flows;

describe('change-password flow', () => {
  beforeEach(async () => {
    flows.server = await createTestServer({ demo: true });
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
    const mails = await flows.server.runtime.outbox.list();
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
    const elsewhere = await flows.server.runtime.flows.start({ kind: 'reset', username: 'adele' }, { ip: '192.0.2.99' });
    expect(elsewhere.flow.step.kind).toBe('chooseMethod');
    // An unknown name is throttled exactly alike, so the lock tells nothing about who exists.
    const answers: string[] = [];
    for (let i = 0; i < 5; i++) {
      answers.push((await change(decoy, `Wrong-Password-${i}`, 'Velvet-Harbor-88!')).body.error.code);
    }
    expect(answers).toEqual([...Array(4).fill('CREDENTIALS_INVALID'), 'RATE_LIMITED']);
  });

  it('never locks the directory account, however many wrong old passwords; a locked account still says ACCOUNT_LOCKED', async () => {
    await flows.server.close();
    // A looser change-path throttle than the directory's lockout (5), to show the directory is never asked to count.
    flows.server = await serverWithPolicy({
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
      const refused = await call<ErrorResponse>(flows.server.app, 'POST', url, { token: changeToken, body });
      expect(refused.body.error.code).toBe('FLOW_STEP_MISMATCH');
    }
    const resetToken = (await start('reset', 'adele')).body.flowToken;
    const refused = await change(resetToken, demoUser('adele').password, 'Velvet-Harbor-88!');
    expect(refused.body.error.code).toBe('FLOW_STEP_MISMATCH');
    // A change flow can be shown and cancelled like any other.
    const current = await call<FlowResponse>(flows.server.app, 'GET', ROUTES.getFlow, { token: changeToken });
    expect(current.body.flow.step.kind).toBe('changePassword');
    expect((await call(flows.server.app, 'DELETE', ROUTES.cancelFlow, { token: changeToken })).status).toBe(204);
    expect((await change(changeToken, 'a', 'b')).body.error.code).toBe('FLOW_EXPIRED');
  });

  it('writes no password into any log or audit row', async () => {
    const adele = demoUser('adele');
    const token = (await start('change', 'adele')).body.flowToken;
    await change(token, 'Wrong-Secret-Guess-77', 'Velvet-Harbor-88!');
    await change(token, adele.password, 'Velvet-Harbor-88!');
    const audit = JSON.stringify(await flows.server.runtime.audit.list({ limit: 1000 }));
    for (const secret of ['Wrong-Secret-Guess-77', 'Velvet-Harbor-88!', adele.password]) {
      expect(flows.server.logLines.join('\n')).not.toContain(secret);
      expect(audit).not.toContain(secret);
    }
  });
});
