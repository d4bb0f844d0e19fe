import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'otplib';
import { afterEach, describe, expect, it } from 'vitest';
import type { FlowResponse } from '@resetdesk/shared';
import { DEMO_METHODS, DEMO_USERS } from '../../../../src-server/src/demo/demo-users';
import { DEFAULT_LOCKOUT_THRESHOLD } from '../../../../src-server/src/directory/builtin/builtin-directory';
import { AppError } from '../../../../src-server/src/errors/app-error';
import { createTestServer, makeTempDir } from '../../support/server-fixtures';
import type { TestServer } from '../../support/server-fixtures';

// An unlock flow takes the same verification as a reset, whatever the method: every method's last gate must unlock the
// account (and leave the password alone), not only the email code's.

const ctx = { ip: '192.0.2.20' };
let server: TestServer;
let temp: ReturnType<typeof makeTempDir> | null = null;

afterEach(async () => {
  await server.close();
  temp?.remove();
  temp = null;
});

function demo(username: string) {
  const user = DEMO_USERS.find((u) => u.username === username);
  if (!user) throw new Error(username);
  return user;
}

/** Locks the account the way a person does: wrong passwords until the directory's threshold. */
async function lockOut(username: string): Promise<void> {
  for (let i = 0; i < DEFAULT_LOCKOUT_THRESHOLD; i++) {
    await server.runtime.directory.verifyPassword(username, 'Not-The-Password-1');
  }
  expect(await server.runtime.directory.verifyPassword(username, demo(username).password)).toBe('locked');
}

async function outboxBody(to: string): Promise<string> {
  const message = (await server.runtime.outbox.list()).find((m) => m.to === to);
  if (!message) throw new Error(`nothing sent to ${to}`);
  return message.body;
}

/** Chooses `methodId` in the flow and answers it correctly, the way that method's user would. */
async function pass(username: string, flowToken: string, methodId: string): Promise<FlowResponse> {
  const { flows, methods } = server.runtime;
  const user = demo(username);
  const chosen = await flows.chooseMethod(flowToken, methodId, ctx);
  const step = chosen.flow.step;
  switch (methodId) {
    case 'email': {
      const code = /verification code is (\d+)/u.exec(await outboxBody(user.email ?? ''))?.[1] ?? '';
      return flows.verifyCode(flowToken, code, ctx);
    }
    case 'sms': {
      const code = /^(\d{6}) is your/u.exec(await outboxBody(user.phone ?? ''))?.[1] ?? '';
      return flows.verifyCode(flowToken, code, ctx);
    }
    case 'voice': {
      const callId = /Call id: (\S+)/u.exec(await outboxBody(user.phone ?? ''))?.[1] ?? '';
      expect(await methods.voice.answerCall(callId, 'press-hash')).toBe(true);
      return flows.checkDecision(flowToken, ctx);
    }
    case 'questions': {
      if (step.kind !== 'answerQuestions') throw new Error(step.kind);
      const answers = step.questions.map((q) => ({
        questionId: q.id,
        answer: (user.questions ?? []).find((r) => r.key === q.key)?.answer ?? '',
      }));
      return flows.answerQuestions(flowToken, answers, ctx);
    }
    case 'totp': {
      const epoch = Math.floor(server.clock.now().getTime() / 1000);
      return flows.verifyCode(flowToken, await generate({ secret: user.totpSecret ?? '', epoch }), ctx);
    }
    case 'approval': {
      if (step.kind !== 'awaitApproval') throw new Error(step.kind);
      const key = user.approver?.key ?? '';
      const [request] = (await methods.approval.pendingFor(key)) ?? [];
      await methods.approval.decide(key, request?.id ?? '', { decision: 'approve', number: step.number ?? 0 });
      return flows.checkDecision(flowToken, ctx);
    }
    default:
      throw new Error(methodId);
  }
}

describe('unlock with one gate', () => {
  it.each([
    ['karim', 'sms'],
    ['karim', 'voice'],
    ['lena', 'questions'],
    ['henry', 'totp'],
    ['isabel', 'approval'],
    ['jamal', 'email'],
  ])('unlocks locked-out %s after %s; the password is unchanged and signs in', async (username, methodId) => {
    server = await createTestServer({ demo: true });
    await lockOut(username);
    const { flowToken } = await server.runtime.flows.start({ kind: 'unlock', username }, ctx);
    const done = await pass(username, flowToken, methodId);
    expect(done.flow).toMatchObject({ flowKind: 'unlock', step: { kind: 'done', outcome: 'accountUnlocked' } });
    expect(await server.runtime.directory.verifyPassword(username, demo(username).password)).toBe('ok');
    const events = (await server.runtime.audit.list({ username })).map((e) => e.event);
    expect(events).toContain('account.unlocked');
  });

  it('tells an account that is not locked so only after a non-email method, and ends the flow', async () => {
    server = await createTestServer({ demo: true });
    const { flowToken } = await server.runtime.flows.start({ kind: 'unlock', username: 'henry' }, ctx);
    const refused = pass('henry', flowToken, 'totp');
    await expect(refused).rejects.toBeInstanceOf(AppError);
    await expect(refused).rejects.toMatchObject({ code: 'ACCOUNT_NOT_LOCKED' });
    await expect(server.runtime.flows.getFlow(flowToken, ctx)).rejects.toMatchObject({ code: 'FLOW_EXPIRED' });
  });
});

describe('unlock with two gates', () => {
  it('unlocks only after the second, different method (SMS, then an authenticator approval)', async () => {
    temp = makeTempDir();
    const policyFile = join(temp.dir, 'policy.json');
    writeFileSync(policyFile, JSON.stringify({ gatesRequired: 2, methods: DEMO_METHODS }));
    server = await createTestServer({ demo: true, env: { RESETDESK_POLICY_FILE: policyFile } });
    await lockOut('jamal');
    const { flowToken } = await server.runtime.flows.start({ kind: 'unlock', username: 'jamal' }, ctx);
    const first = await pass('jamal', flowToken, 'sms');
    expect(first.flow.step).toMatchObject({ kind: 'chooseMethod', gate: 2, gatesRequired: 2 });
    expect(await server.runtime.directory.verifyPassword('jamal', demo('jamal').password)).toBe('locked');
    // The passed gate rotated the token (issue 9 item 10).
    const done = await pass('jamal', first.flowToken, 'approval');
    expect(done.flow.step).toEqual({ kind: 'done', outcome: 'accountUnlocked' });
    expect(await server.runtime.directory.verifyPassword('jamal', demo('jamal').password)).toBe('ok');
  });
});
