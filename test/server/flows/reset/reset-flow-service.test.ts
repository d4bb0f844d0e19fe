import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ErrorCode, FlowResponse } from '@resetdesk/shared';
import { AppError } from '../../../../src-server/src/errors/app-error';
import { hashFlowToken } from '../../../../src-server/src/flows/engine/flow-token';
import type { ResetFlowService } from '../../../../src-server/src/flows/reset/reset-flow-service';
import { createTestServer, makeTempDir } from '../../support/server-fixtures';
import type { TestServer } from '../../support/server-fixtures';

const ctx = { ip: '192.0.2.10' };
let server: TestServer;
let flows: ResetFlowService;

beforeEach(async () => {
  server = await createTestServer({ demo: true });
  flows = server.runtime.flows;
});

afterEach(async () => {
  await server.close();
});

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

async function expectCode(promise: Promise<unknown>, code: ErrorCode): Promise<AppError> {
  const error = await failure(promise);
  expect(error.code).toBe(code);
  return error;
}

async function latestCode(to: string): Promise<string> {
  const messages = await server.runtime.outbox.list();
  const code = /code is (\d+)/u.exec(messages.find((m) => m.to === to)?.body ?? '')?.[1];
  if (!code) throw new Error('no code');
  return code;
}

function stepKind(response: FlowResponse): string {
  return response.flow.step.kind;
}

describe('reset flow state machine', () => {
  it('walks choose_method -> verify -> new_password -> completed', async () => {
    const started = await flows.start({ kind: 'reset', username: 'Adele' }, ctx);
    expect(started.flow.step).toEqual({
      kind: 'chooseMethod',
      gate: 1,
      gatesRequired: 1,
      methods: [{ id: 'email', kind: 'email', maskedTarget: 'a•••@contoso.example' }],
    });
    expect(started.flow.expiresAt).toBe('2026-03-02T09:15:00.000Z');
    const token = started.flowToken;

    const entering = await flows.chooseMethod(token, 'email', ctx);
    expect(entering.flow.step).toMatchObject({
      kind: 'enterCode',
      codeLength: 6,
      attemptsLeft: 5,
      codeExpiresAt: '2026-03-02T09:10:00.000Z',
    });
    expect(entering.flowToken).toBe(token);

    const verified = await flows.verifyCode(token, await latestCode('adele@contoso.example'), ctx);
    // A passed gate rotates the token (issue 9 item 10): the next step takes the new one.
    expect(verified.flowToken).not.toBe(token);
    expect(verified.flow.step).toMatchObject({ kind: 'newPassword', userNames: ['adele', 'Adele Vance'] });

    const done = await flows.setPassword(verified.flowToken, 'Blue-Harbor-42-Kite', ctx);
    expect(done.flow.step).toEqual({ kind: 'done', outcome: 'passwordReset' });
    expect(stepKind(await flows.getFlow(verified.flowToken, ctx))).toBe('done');
    expect(await server.runtime.directory.verifyPassword('adele', 'Blue-Harbor-42-Kite')).toBe('ok');
  });

  it('stores only the SHA-256 of the flow token', async () => {
    const { flowToken } = await flows.start({ kind: 'reset', username: 'adele' }, ctx);
    const rows = await server.runtime.store.db.selectFrom('flows').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).toBe(hashFlowToken(flowToken));
    expect(JSON.stringify(rows)).not.toContain(flowToken);
    expect(flowToken).toMatch(/^[A-Za-z0-9_-]{43}$/u);
  });

  it('expires the flow 15 minutes after it started', async () => {
    const { flowToken } = await flows.start({ kind: 'reset', username: 'adele' }, ctx);
    server.clock.advanceMinutes(14.99);
    expect(stepKind(await flows.getFlow(flowToken, ctx))).toBe('chooseMethod');
    server.clock.advanceMinutes(0.01);
    await expectCode(flows.getFlow(flowToken, ctx), 'FLOW_EXPIRED');
    await expectCode(flows.chooseMethod(flowToken, 'email', ctx), 'FLOW_EXPIRED');
  });

  it('expires a flow in the middle of a step too', async () => {
    const { flowToken } = await flows.start({ kind: 'reset', username: 'adele' }, ctx);
    await flows.chooseMethod(flowToken, 'email', ctx);
    const code = await latestCode('adele@contoso.example');
    server.clock.advanceMinutes(15);
    await expectCode(flows.verifyCode(flowToken, code, ctx), 'FLOW_EXPIRED');
  });

  it('refuses a request that does not fit the current step', async () => {
    const { flowToken } = await flows.start({ kind: 'reset', username: 'adele' }, ctx);
    await expectCode(flows.verifyCode(flowToken, '123456', ctx), 'FLOW_STEP_MISMATCH');
    await expectCode(flows.setPassword(flowToken, 'Blue-Harbor-42-Kite', ctx), 'FLOW_STEP_MISMATCH');
    await flows.chooseMethod(flowToken, 'email', ctx);
    await expectCode(flows.setPassword(flowToken, 'Blue-Harbor-42-Kite', ctx), 'FLOW_STEP_MISMATCH');
    const next = (await flows.verifyCode(flowToken, await latestCode('adele@contoso.example'), ctx)).flowToken;
    await expectCode(flows.chooseMethod(next, 'email', ctx), 'FLOW_STEP_MISMATCH');
    await flows.setPassword(next, 'Blue-Harbor-42-Kite', ctx);
    await expectCode(flows.setPassword(next, 'Other-Harbor-42-Kite', ctx), 'FLOW_STEP_MISMATCH');
  });

  it('treats unknown, malformed and cancelled tokens as expired', async () => {
    await expectCode(flows.getFlow('A'.repeat(43), ctx), 'FLOW_EXPIRED');
    await expectCode(flows.getFlow('not a token', ctx), 'FLOW_EXPIRED');
    const { flowToken } = await flows.start({ kind: 'reset', username: 'adele' }, ctx);
    await flows.cancel(flowToken, ctx);
    await expectCode(flows.getFlow(flowToken, ctx), 'FLOW_EXPIRED');
    await expectCode(flows.chooseMethod(flowToken, 'email', ctx), 'FLOW_EXPIRED');
  });

  it('refuses a method that was not offered', async () => {
    const { flowToken } = await flows.start({ kind: 'reset', username: 'adele' }, ctx);
    await expectCode(flows.chooseMethod(flowToken, 'sms', ctx), 'METHOD_UNAVAILABLE');
  });

  it('answers an expired code with CODE_EXPIRED and lets the user ask for a new one', async () => {
    const { flowToken } = await flows.start({ kind: 'reset', username: 'adele' }, ctx);
    await flows.chooseMethod(flowToken, 'email', ctx);
    const old = await latestCode('adele@contoso.example');
    server.clock.advanceMinutes(10);
    await expectCode(flows.verifyCode(flowToken, old, ctx), 'CODE_EXPIRED');
    const again = await flows.chooseMethod(flowToken, 'email', ctx);
    expect(again.flow.step).toMatchObject({ kind: 'enterCode', codeExpiresAt: '2026-03-02T09:15:00.000Z' });
    expect(stepKind(await flows.verifyCode(flowToken, await latestCode('adele@contoso.example'), ctx))).toBe(
      'newPassword',
    );
  });

  it('counts wrong codes and locks the method for the flow at the fifth', async () => {
    const { flowToken } = await flows.start({ kind: 'reset', username: 'adele' }, ctx);
    await flows.chooseMethod(flowToken, 'email', ctx);
    const code = await latestCode('adele@contoso.example');
    const wrong = code === '000000' ? '111111' : '000000';
    for (const attemptsLeft of [4, 3, 2, 1]) {
      const error = await expectCode(flows.verifyCode(flowToken, wrong, ctx), 'CODE_INVALID');
      expect(error.details).toEqual({ attemptsLeft });
    }
    // The fifth wrong code is also the fifth failed identity check: the reset path locks for 24 hours.
    const locked = await expectCode(flows.verifyCode(flowToken, wrong, ctx), 'RATE_LIMITED');
    expect(locked.details?.retryAfterSeconds).toBe(24 * 60 * 60);
    await expectCode(flows.verifyCode(flowToken, code, ctx), 'RATE_LIMITED');
    // Asking for a new code does not unlock anything.
    await expectCode(flows.chooseMethod(flowToken, 'email', ctx), 'RATE_LIMITED');
    expect((await flows.getFlow(flowToken, ctx)).flow.step).toMatchObject({ kind: 'enterCode', attemptsLeft: 0 });
  });

  it('caps how many codes one flow can send', async () => {
    const { flowToken } = await flows.start({ kind: 'reset', username: 'adele' }, ctx);
    for (let i = 0; i < 5; i++) await flows.chooseMethod(flowToken, 'email', ctx);
    await expectCode(flows.chooseMethod(flowToken, 'email', ctx), 'RESEND_LIMIT_REACHED');
    expect((await server.runtime.outbox.list()).length).toBe(5);
  });

  it('keeps the flow on newPassword when the password is rejected, with every reason', async () => {
    const { flowToken } = await flows.start({ kind: 'reset', username: 'adele' }, ctx);
    await flows.chooseMethod(flowToken, 'email', ctx);
    const next = (await flows.verifyCode(flowToken, await latestCode('adele@contoso.example'), ctx)).flowToken;
    const error = await expectCode(flows.setPassword(next, 'adele', ctx), 'PASSWORD_REJECTED');
    expect(error.details?.reasons).toEqual(['TOO_SHORT', 'MISSING_CHARACTER_CLASSES', 'CONTAINS_USER_NAME', 'BREACHED_PASSWORD']);
    await expectCode(flows.setPassword(next, 'Summer2026!', ctx), 'PASSWORD_REJECTED');
    expect(stepKind(await flows.getFlow(next, ctx))).toBe('newPassword');
    expect(await server.runtime.directory.verifyPassword('adele', 'Harbor-Lantern-17')).toBe('ok');
  });

  it('refuses accounts that cannot use self-service reset, without starting a flow', async () => {
    await expectCode(flows.start({ kind: 'reset', username: 'bianca' }, ctx), 'ACCOUNT_NOT_VERIFIABLE');
    await expectCode(flows.start({ kind: 'reset', username: 'carlos' }, ctx), 'ACCOUNT_NOT_ENABLED');
    const emily = await expectCode(flows.start({ kind: 'reset', username: 'emily' }, ctx), 'CONTACT_ADMIN');
    expect(emily.details).toEqual({ contactUrl: 'https://help.contoso.example/password' });
    expect(await server.runtime.store.db.selectFrom('flows').selectAll().execute()).toHaveLength(0);
  });

  it('runs a decoy flow for an unknown name: same shape, no message, every code wrong', async () => {
    // Decoys get the method sets the tenant's accounts have (decoy-flows.test.ts): take a name whose decoy has email.
    let name = 'nobody';
    for (let i = 0; ; i += 1) {
      const step = (await flows.start({ kind: 'reset', username: name }, ctx)).flow.step;
      if (step.kind === 'chooseMethod' && step.methods.length === 1 && step.methods[0]?.kind === 'email') break;
      name = `nobody${i}`;
    }
    const decoy = await flows.start({ kind: 'reset', username: name }, ctx);
    const real = await flows.start({ kind: 'reset', username: 'adele' }, ctx);
    expect(Object.keys(decoy)).toEqual(Object.keys(real));
    expect(decoy.flow.step).toEqual({
      kind: 'chooseMethod',
      gate: 1,
      gatesRequired: 1,
      methods: [{ id: 'email', kind: 'email', maskedTarget: 'n•••@contoso.example' }],
    });
    // The same name gets the same decoy every time.
    const again = await flows.start({ kind: 'reset', username: `${name.toUpperCase()} ` }, ctx);
    expect(again.flow.step).toEqual(decoy.flow.step);

    const entering = await flows.chooseMethod(decoy.flowToken, 'email', ctx);
    expect(entering.flow.step).toMatchObject({ kind: 'enterCode', attemptsLeft: 5, codeLength: 6 });
    expect(await server.runtime.outbox.list()).toHaveLength(0);
    for (const attemptsLeft of [4, 3, 2, 1]) {
      const error = await expectCode(flows.verifyCode(decoy.flowToken, '123456', ctx), 'CODE_INVALID');
      expect(error.details).toEqual({ attemptsLeft });
    }
    // Locked exactly as a real account would be, so a lock tells nothing about who exists.
    const locked = await expectCode(flows.verifyCode(decoy.flowToken, '123456', ctx), 'RATE_LIMITED');
    expect(locked.details?.retryAfterSeconds).toBe(24 * 60 * 60);
    // The same name's other flow from here is locked too; from elsewhere it is not (locks are per source).
    await expectCode(flows.chooseMethod(again.flowToken, 'email', ctx), 'RATE_LIMITED');
    expect((await flows.start({ kind: 'reset', username: name }, { ip: '198.51.100.9' })).flow.step.kind).toBe('chooseMethod');
  });

  it('stores nothing of an unknown name beyond what its masked address shows', async () => {
    // A decoy's email option (when its method set has one) shows the initial and the typed domain, nothing more.
    const emailMask = (response: FlowResponse) =>
      response.flow.step.kind === 'chooseMethod'
        ? (response.flow.step.methods.find((m) => m.kind === 'email')?.maskedTarget ?? 'none')
        : 'not a chooser';
    const typed = await flows.start({ kind: 'reset', username: 'Hunter2-Password!' }, ctx);
    expect(['h•••@contoso.example', 'none']).toContain(emailMask(typed));
    const upn = await flows.start({ kind: 'reset', username: 'jan.jansen@fabrikam.nl' }, ctx);
    expect(['j•••@fabrikam.nl', 'none']).toContain(emailMask(upn));
    // The flow still shows the same step later (it is rebuilt from what was stored).
    expect((await flows.getFlow(typed.flowToken, ctx)).flow.step).toEqual(typed.flow.step);
    const rows = JSON.stringify([
      await server.runtime.store.db.selectFrom('flows').selectAll().execute(),
      await server.runtime.store.db.selectFrom('decoy_profiles').selectAll().execute(),
    ]);
    expect(rows.toLowerCase()).not.toContain('hunter2');
    expect(rows).not.toContain('jansen');
  });

  it('refuses every account when a two-gate policy cannot be met with the methods there are', async () => {
    const temp = makeTempDir();
    const policyFile = join(temp.dir, 'policy.json');
    // Security questions are one authenticator however many are asked (two mailboxes would be two).
    writeFileSync(policyFile, JSON.stringify({ gatesRequired: 2, methods: ['questions'] }));
    const twoGates = await createTestServer({ demo: true, env: { RESETDESK_POLICY_FILE: policyFile } });
    try {
      expect(twoGates.config.policy.gatesRequired).toBe(2);
      // Only questions are allowed: nobody can pass two different methods, known or unknown.
      for (const username of ['lena', 'jamal', 'zoe']) {
        await expectCode(twoGates.runtime.flows.start({ kind: 'reset', username }, ctx), 'ACCOUNT_NOT_VERIFIABLE');
      }
    } finally {
      await twoGates.close();
      temp.remove();
    }
  });
});

describe('flow housekeeping', () => {
  it('forgets flows a day after they expired, keeping their audit rows', async () => {
    const server = await createTestServer({ demo: true });
    try {
      const { flows, store, audit } = server.runtime;
      await flows.start({ kind: 'reset', username: 'adele' }, ctx);
      server.clock.advanceMinutes(15 + 24 * 60 - 1);
      expect(await flows.purgeExpiredFlows()).toBe(0);
      const { flowToken } = await flows.start({ kind: 'reset', username: 'adele' }, ctx);
      server.clock.advanceMinutes(2);
      expect(await flows.purgeExpiredFlows()).toBe(1);
      expect(await store.db.selectFrom('flows').selectAll().execute()).toHaveLength(1);
      expect((await flows.getFlow(flowToken, ctx)).flow.step.kind).toBe('chooseMethod');
      expect(await audit.list()).toHaveLength(2);
    } finally {
      await server.close();
    }
  });
});

describe('the "your password was reset" notice', () => {
  async function resetAdele(locale?: string): Promise<{ subject: string; body: string } | undefined> {
    const started = await flows.start({ kind: 'reset', username: 'adele', ...(locale ? { locale } : {}) }, ctx);
    await flows.chooseMethod(started.flowToken, 'email', ctx);
    const verified = await flows.verifyCode(started.flowToken, await latestCode('adele@contoso.example'), ctx);
    await flows.setPassword(verified.flowToken, 'Blue-Harbor-42-Kite', ctx);
    const mails = await server.runtime.outbox.list();
    return mails.find((m) => m.to === 'adele@contoso.example' && !/code/u.test(m.body));
  }

  it('keeps its English words for a flow without a locale', async () => {
    const mail = await resetAdele();
    expect(mail?.subject).toMatch(/^.+: your password was reset$/u);
    const lines = mail?.body.split('\n') ?? [];
    expect(lines.slice(0, 3)).toEqual(['Hello Adele Vance,', '', `Your password was reset on ${server.clock.now().toISOString()}.`]);
    expect(lines[3]).toMatch(/^If this wasn't you, contact your administrator( \(.+\))?\.$/u);
  });

  it('is Dutch for a Dutch flow', async () => {
    const mail = await resetAdele('nl-BE');
    expect(mail?.subject).toMatch(/^.+: uw wachtwoord is opnieuw ingesteld$/u);
    expect(mail?.body.split('\n').slice(0, 3)).toEqual([
      'Hallo Adele Vance,',
      '',
      `Uw wachtwoord is opnieuw ingesteld op ${server.clock.now().toISOString()}.`,
    ]);
  });
});
