import { beforeEach, describe, expect, it } from 'vitest';
import { FlowResponseSchema, ROUTES } from '@resetdesk/shared';
import type { ErrorResponse, FlowResponse } from '@resetdesk/shared';
import { call, createTestServer, latestCodeFor } from '../../support/server-fixtures';
import { demoUser, unlockChangeCalls } from '../../support/unlock-change-calls';

// The unlock flow, over HTTP against the built-in directory of the demo tenant.

const flows = unlockChangeCalls();
const { signIn, start, unlockWithCode, change } = flows;

describe('unlock flow', () => {
  beforeEach(async () => {
    flows.server = await createTestServer({ demo: true });
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
    expect((await call(flows.server.app, 'GET', ROUTES.getFlow, { token })).status).toBe(410);
    const current = await call<FlowResponse>(flows.server.app, 'GET', ROUTES.getFlow, {
      token: FlowResponseSchema.parse(verified.body).flowToken,
    });
    expect(current.body.flow.step).toEqual({ kind: 'done', outcome: 'accountUnlocked' });

    const audit = await flows.server.runtime.audit.list({ username: 'frank' });
    expect(audit.map((row) => row.event)).toContain('account.unlocked');
    expect(audit.map((row) => row.event)).not.toContain('password.reset');
    const mails = await flows.server.runtime.outbox.list();
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
    const after = await call<ErrorResponse>(flows.server.app, 'GET', ROUTES.getFlow, { token });
    expect(after.body.error.code).toBe('FLOW_EXPIRED');
    expect(await signIn('adele', demoUser('adele').password)).toBe(true);
  });

  it('never offers a new password in an unlock flow', async () => {
    const started = await start('unlock', 'frank');
    const token = started.body.flowToken;
    const refused = await call<ErrorResponse>(flows.server.app, 'POST', ROUTES.setPassword, {
      token,
      body: { newPassword: 'Violet-Canyon-92!' },
    });
    expect(refused.body.error.code).toBe('FLOW_STEP_MISMATCH');
    const changed = await change(token, demoUser('frank').password, 'Violet-Canyon-92!');
    expect(changed.body.error.code).toBe('FLOW_STEP_MISMATCH');
    // Even an unlock flow caught in new_password (say, a crash between two writes) cannot set one.
    await flows.server.runtime.store.db.updateTable('flows').set({ state: 'new_password' }).where('kind', '=', 'unlock').execute();
    const stuck = await call<ErrorResponse>(flows.server.app, 'POST', ROUTES.setPassword, {
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
    await call(flows.server.app, 'POST', ROUTES.chooseMethod, { token, body: { methodId: 'email' } });
    const code = await latestCodeFor(flows.server.app, 'adele@contoso.example');
    const verified = await call<FlowResponse>(flows.server.app, 'POST', ROUTES.verifyCode, { token, body: { code } });
    const done = await call<FlowResponse>(flows.server.app, 'POST', ROUTES.setPassword, {
      token: verified.body.flowToken,
      body: { newPassword: demoUser('adele').password },
    });
    expect(done.body.flow.step).toEqual({ kind: 'done', outcome: 'passwordReset' });
  });
});
