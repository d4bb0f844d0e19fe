import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ErrorCode } from '@resetdesk/shared';
import { AppError } from '../../../src-server/src/errors/app-error';
import { createTestServer, decoyNameWith, makeTempDir } from '../support/server-fixtures';
import type { TestServer } from '../support/server-fixtures';

// The throttles as the reset flow applies them, on the real runtime with a clock the test moves.

let server: TestServer;
const ctx = { ip: '192.0.2.20' };

let temp: ReturnType<typeof makeTempDir>;

beforeEach(async () => {
  // The CAPTCHA after failures is tested on its own (captcha-and-help.test.ts); here it would only stand in the way.
  temp = makeTempDir();
  const policyFile = join(temp.dir, 'policy.json');
  writeFileSync(policyFile, JSON.stringify({ captcha: { mode: 'off' } }));
  server = await createTestServer({ demo: true, env: { RESETDESK_POLICY_FILE: policyFile } });
});

afterEach(async () => {
  await server.close();
  temp.remove();
});

async function refusal(promise: Promise<unknown>): Promise<AppError | null> {
  try {
    await promise;
    return null;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

async function expectRefused(promise: Promise<unknown>, code: ErrorCode): Promise<AppError> {
  const error = await refusal(promise);
  expect(error?.code).toBe(code);
  return error as AppError;
}

async function latestCode(to: string): Promise<string> {
  const messages = await server.runtime.outbox.list();
  const code = /code is (\d+)/u.exec(messages.find((m) => m.to === to)?.body ?? '')?.[1];
  if (!code) throw new Error('no code');
  return code;
}

async function flowAtCode(username: string): Promise<string> {
  const { flowToken } = await server.runtime.flows.start({ kind: 'reset', username }, ctx);
  await server.runtime.flows.chooseMethod(flowToken, 'email', ctx);
  return flowToken;
}

async function resetAdele(password: string): Promise<void> {
  const token = await flowAtCode('adele');
  const verified = await server.runtime.flows.verifyCode(token, await latestCode('adele@contoso.example'), ctx);
  await server.runtime.flows.setPassword(verified.flowToken, password, ctx);
}

describe('throttles in the reset flow', () => {
  it('locks the reset path, not the account, after 5 failed checks across flows, and says when it unlocks', async () => {
    const flows = server.runtime.flows;
    for (let i = 0; i < 4; i++) {
      const token = await flowAtCode('adele');
      await expectRefused(flows.verifyCode(token, '000000', ctx), 'CODE_INVALID');
      server.clock.advanceMinutes(60);
    }
    const token = await flowAtCode('adele');
    const locked = await expectRefused(flows.verifyCode(token, '000000', ctx), 'RATE_LIMITED');
    expect(locked.details).toEqual({ retryAfterSeconds: 86_400, contactUrl: 'https://help.contoso.example/password' });
    const again = await expectRefused(flows.start({ kind: 'reset', username: 'adele' }, ctx), 'RATE_LIMITED');
    expect(again.details?.retryAfterSeconds).toBe(86_400);
    // The account itself still signs in: only the reset path is locked.
    expect(await server.runtime.directory.verifyPassword('adele', 'Harbor-Lantern-17')).toBe('ok');
    // Someone else at the same kiosk is not affected.
    expect(await refusal(flows.start({ kind: 'reset', username: 'diego' }, ctx))).toBeNull();
    server.clock.advanceMinutes(24 * 60);
    expect(await refusal(flows.start({ kind: 'reset', username: 'adele' }, ctx))).toBeNull();
    const audit = await server.runtime.audit.list({ username: 'adele' });
    expect(audit.some((row) => row.detail?.startsWith('RATE_LIMITED'))).toBe(true);
  });

  it('caps a method at 5 tries an hour with a short wait, never a 24-hour lock (issue 9 item 8)', async () => {
    for (let i = 0; i < 5; i++) {
      await flowAtCode('adele');
      server.clock.advanceMinutes(2);
    }
    const { flowToken } = await server.runtime.flows.start({ kind: 'reset', username: 'adele' }, ctx);
    const capped = await expectRefused(server.runtime.flows.chooseMethod(flowToken, 'email', ctx), 'RATE_LIMITED');
    // The first code went 10 minutes ago: the next may go in 50 minutes.
    expect(capped.details?.retryAfterSeconds).toBe(50 * 60);
    expect((await server.runtime.outbox.list()).length).toBe(5);
    server.clock.advanceMinutes(50);
    const later = await server.runtime.flows.start({ kind: 'reset', username: 'adele' }, ctx);
    expect((await server.runtime.flows.chooseMethod(later.flowToken, 'email', ctx)).flow.step.kind).toBe('enterCode');
  });

  it('treats an unknown name exactly like a known one', async () => {
    const nobody = await decoyNameWith(server, 'email');
    for (let i = 0; i < 5; i++) await flowAtCode(nobody);
    for (let i = 0; i < 5; i++) await flowAtCode('diego');
    const answers = [];
    for (const username of [nobody, 'diego']) {
      const { flowToken } = await server.runtime.flows.start({ kind: 'reset', username }, ctx);
      answers.push((await expectRefused(server.runtime.flows.chooseMethod(flowToken, 'email', ctx), 'RATE_LIMITED')).details);
    }
    expect(answers[0]).toEqual(answers[1]);
  });

  it('allows at most 5 resets of one account per hour, and clears failures after a reset', async () => {
    const flows = server.runtime.flows;
    // Four failures, then a successful reset: the failures are forgotten.
    for (let i = 0; i < 4; i++) {
      const token = await flowAtCode('adele');
      await expectRefused(flows.verifyCode(token, '000000', ctx), 'CODE_INVALID');
    }
    await resetAdele('Violet-Canyon-92!');
    const token = await flowAtCode('adele');
    await expectRefused(flows.verifyCode(token, '000000', ctx), 'CODE_INVALID');
    // The method tries were cleared as well, so four more resets fit in the hour; the sixth does not.
    for (let i = 0; i < 4; i++) {
      server.clock.advanceMinutes(1);
      await resetAdele(`Amber-Glacier-6${i}?`);
    }
    server.clock.advanceMinutes(1);
    // Issue 9 item 15: the sixth is refused when it starts, before any code, and says when (the first reset was 5
    // minutes ago, so in 55 minutes).
    const sixth = await expectRefused(flows.start({ kind: 'reset', username: 'adele' }, ctx), 'TOO_MANY_RESETS');
    expect(sixth.details).toEqual({ retryAfterSeconds: 55 * 60, contactUrl: 'https://help.contoso.example/password' });
    expect(await server.runtime.directory.verifyPassword('adele', 'Amber-Glacier-63?')).toBe('ok');
    // An unlock is no reset: it still starts.
    expect((await flows.start({ kind: 'unlock', username: 'adele' }, ctx)).flow.step.kind).toBe('chooseMethod');
  });

  it('counts a failed check of every method toward the same lock: answers, authenticator and SMS codes', async () => {
    const flows = server.runtime.flows;
    // Jamal has every method registered. Two wrong answer sets, two wrong authenticator codes...
    const asking = await flows.start({ kind: 'reset', username: 'jamal' }, ctx);
    const step = (await flows.chooseMethod(asking.flowToken, 'questions', ctx)).flow.step;
    if (step.kind !== 'answerQuestions') throw new Error(step.kind);
    const wrong = step.questions.map((q) => ({ questionId: q.id, answer: 'not the answer' }));
    await expectRefused(flows.answerQuestions(asking.flowToken, wrong, ctx), 'ANSWERS_REJECTED');
    await expectRefused(flows.answerQuestions(asking.flowToken, wrong, ctx), 'ANSWERS_REJECTED');
    const totp = await flows.start({ kind: 'reset', username: 'jamal' }, ctx);
    await flows.chooseMethod(totp.flowToken, 'totp', ctx);
    // Not a valid code at any time step: TOTP codes are 6 digits, this is 8.
    await expectRefused(flows.verifyCode(totp.flowToken, '00000000', ctx), 'CODE_INVALID');
    await expectRefused(flows.verifyCode(totp.flowToken, '00000000', ctx), 'CODE_INVALID');
    // ...and the fifth failure, a wrong SMS code, locks the reset path.
    const sms = await flows.start({ kind: 'reset', username: 'jamal' }, ctx);
    await flows.chooseMethod(sms.flowToken, 'sms', ctx);
    const locked = await expectRefused(flows.verifyCode(sms.flowToken, '00000000', ctx), 'RATE_LIMITED');
    expect(locked.details?.retryAfterSeconds).toBe(86_400);
    await expectRefused(flows.start({ kind: 'reset', username: 'jamal' }, ctx), 'RATE_LIMITED');
    // The account itself is untouched.
    expect(await server.runtime.directory.verifyPassword('jamal', 'Harbor-Violet-58')).toBe('ok');
  });
});
