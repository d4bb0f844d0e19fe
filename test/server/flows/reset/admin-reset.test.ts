import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generate } from 'otplib';
import type { ErrorCode } from '@resetdesk/shared';
import { AppError } from '../../../../src-server/src/errors/app-error';
import type { ResetFlowService } from '../../../../src-server/src/flows/reset/reset-flow-service';
import { createTestServer } from '../../support/server-fixtures';
import type { TestServer } from '../../support/server-fixtures';

// An administrator's reset end to end on the real runtime: two gates with two different real methods (email code and
// an authenticator-app code), security questions never offered, then the helpdesk is told.

// A TOTP secret only this test registers for Megan (base32, as authenticator apps take it).
const MEGAN_TOTP_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

let server: TestServer;
let flows: ResetFlowService;
const ctx = { ip: '192.0.2.40' };

beforeEach(async () => {
  server = await createTestServer({ demo: true });
  flows = server.runtime.flows;
});

afterEach(async () => {
  await server.close();
});

async function latestCode(to: string): Promise<string> {
  const messages = await server.runtime.outbox.list();
  const code = /code is (\d+)/u.exec(messages.find((m) => m.to === to)?.body ?? '')?.[1];
  if (!code) throw new Error('no code');
  return code;
}

async function refusalCode(promise: Promise<unknown>): Promise<ErrorCode | 'ok'> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

async function registerMeganTotp(): Promise<void> {
  const megan = await server.runtime.directory.findUser('megan');
  if (!megan) throw new Error('no demo user megan');
  await server.runtime.methods.totp.register(megan, MEGAN_TOTP_SECRET);
}

function totpNow(): Promise<string> {
  return generate({ secret: MEGAN_TOTP_SECRET, epoch: Math.floor(server.clock.now().getTime() / 1000) });
}

describe('administrator reset', () => {
  it('does not count her registered security questions: with only email left she cannot reset', async () => {
    expect(await refusalCode(flows.start({ kind: 'reset', username: 'megan' }, ctx))).toBe('ACCOUNT_NOT_VERIFIABLE');
    // An ordinary member with questions (Lena) is offered them under the same policy.
    const lena = await flows.start({ kind: 'reset', username: 'lena' }, ctx);
    expect(lena.flow.step).toMatchObject({ kind: 'chooseMethod', methods: [{ kind: 'questions' }] });
  });

  it('takes two gates with different methods, never offers questions, and tells the helpdesk afterwards', async () => {
    await registerMeganTotp();
    const started = await flows.start({ kind: 'reset', username: 'megan' }, ctx);
    expect(started.flow.step).toMatchObject({ kind: 'chooseMethod', gate: 1, gatesRequired: 2 });
    if (started.flow.step.kind !== 'chooseMethod') throw new Error(started.flow.step.kind);
    expect(started.flow.step.methods.map((m) => m.kind)).toEqual(['email', 'totp']);
    expect(await refusalCode(flows.chooseMethod(started.flowToken, 'questions', ctx))).toBe('METHOD_UNAVAILABLE');

    await flows.chooseMethod(started.flowToken, 'email', ctx);
    const afterFirst = await flows.verifyCode(started.flowToken, await latestCode('megan@contoso.example'), ctx);
    expect(afterFirst.flow.step).toMatchObject({ kind: 'chooseMethod', gate: 2, methods: [{ kind: 'totp' }] });
    // Each passed gate rotates the token (issue 9 item 10).
    await flows.chooseMethod(afterFirst.flowToken, 'totp', ctx);
    const afterSecond = await flows.verifyCode(afterFirst.flowToken, await totpNow(), ctx);
    expect(afterSecond.flow.step.kind).toBe('newPassword');
    await flows.setPassword(afterSecond.flowToken, 'Granite-Orbit-77!', ctx);

    const helpdesk = (await server.runtime.outbox.list()).filter((m) => m.to === 'helpdesk@contoso.example');
    expect(helpdesk).toHaveLength(1);
    expect(helpdesk[0]?.subject).toContain('administrator account megan');
    expect(helpdesk[0]?.body).not.toContain('Granite-Orbit-77!');
    const user = (await server.runtime.outbox.list()).filter((m) => m.to === 'megan@contoso.example');
    expect(user[0]?.body).toContain("If this wasn't you");
  });

  it('never gets the reset with one gate, even when the policy asks for one', async () => {
    await registerMeganTotp();
    const started = await flows.start({ kind: 'reset', username: 'megan' }, ctx);
    await flows.chooseMethod(started.flowToken, 'email', ctx);
    const afterFirst = await flows.verifyCode(started.flowToken, await latestCode('megan@contoso.example'), ctx);
    expect(afterFirst.flow.step.kind).toBe('chooseMethod');
    // An ordinary member passes with one gate under the same policy.
    const adele = await flows.start({ kind: 'reset', username: 'adele' }, ctx);
    expect(adele.flow.step).toMatchObject({ gatesRequired: 1 });
  });
});
