import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'otplib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ROUTES } from '@resetdesk/shared';
import type { ErrorResponse, FlowResponse } from '@resetdesk/shared';
import { DEMO_METHODS, DEMO_USERS } from '../../../../src-server/src/demo/demo-users';
import { call, createTestServer, makeTempDir } from '../../support/server-fixtures';
import type { TestServer } from '../../support/server-fixtures';

// Parallel guesses on every verify path besides email codes and security answers (parallel-guesses.test.ts): TOTP
// codes, SMS codes, approvals (a wrong number typed or a denial) and voice calls (hung up), and parallel polls of one
// flow. Each burst of 20 must get at most the allowed number of checks judged as failures, and a right answer that
// arrives once the reset path is locked must be refused.

let server: TestServer;
let temp: ReturnType<typeof makeTempDir>;

type Answer = FlowResponse & ErrorResponse;

const LIMIT = 5;

afterEach(async () => {
  await server.close();
  temp.remove();
});

async function serverWithPolicy(policy: object): Promise<TestServer> {
  temp = makeTempDir();
  const file = join(temp.dir, 'policy.json');
  writeFileSync(file, JSON.stringify(policy));
  return createTestServer({ demo: true, env: { RESETDESK_POLICY_FILE: file } });
}

// Method tries are raised so that 21 flows may each ask for a challenge: the limit under test is the failed checks.
function manyFlowsServer(): Promise<TestServer> {
  return serverWithPolicy({
    captcha: { mode: 'off' },
    methods: DEMO_METHODS,
    throttle: { methodTries: { max: 100, windowMinutes: 60, lockMinutes: 60 } },
  });
}

function demo(username: string) {
  const user = DEMO_USERS.find((u) => u.username === username);
  if (!user) throw new Error(`no demo user ${username}`);
  return user;
}

function tally(answers: { status: number; body: Answer }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const answer of answers) {
    const key = answer.status === 200 ? 'ok' : answer.body.error.code;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

async function flowAt(username: string, methodId: string): Promise<{ token: string; step: FlowResponse['flow']['step'] }> {
  const started = await call<Answer>(server.app, 'POST', ROUTES.startFlow, { body: { kind: 'reset', username } });
  expect(started.status).toBe(201);
  const chosen = await call<Answer>(server.app, 'POST', ROUTES.chooseMethod, {
    token: started.body.flowToken,
    body: { methodId },
  });
  expect(chosen.status).toBe(200);
  return { token: chosen.body.flowToken, step: chosen.body.flow.step };
}

async function newestSmsCode(phone: string): Promise<string> {
  const message = (await server.runtime.outbox.list()).find((m) => m.channel === 'sms' && m.to === phone);
  const code = /^(\d{6}) is your/u.exec(message?.body ?? '')?.[1];
  if (!code) throw new Error(`no SMS code for ${phone}`);
  return code;
}

async function newestCallId(phone: string): Promise<string> {
  const message = (await server.runtime.outbox.list()).find((m) => m.channel === 'voice' && m.to === phone);
  const callId = /Call id: (\S+)/u.exec(message?.body ?? '')?.[1];
  if (!callId) throw new Error(`no call for ${phone}`);
  return callId;
}

function totpNow(secret: string): Promise<string> {
  return generate({ secret, epoch: Math.floor(server.clock.now().getTime() / 1000) });
}

function verifyCode(token: string, code: string) {
  return call<Answer>(server.app, 'POST', ROUTES.verifyCode, { token, body: { code } });
}

function poll(token: string) {
  return call<Answer>(server.app, 'POST', ROUTES.checkDecision, { token, body: {} });
}

/**
 * What every burst must show: the failures judged stop at the limit (the one that reaches it answers RATE_LIMITED),
 * everything after is refused, and the method was asked at most the limit plus the right answers that came early.
 */
function expectBurstHeld(counts: Record<string, number>, failureCode: string, checks: number): void {
  const ok = counts['ok'] ?? 0;
  expect(ok).toBeLessThanOrEqual(1);
  expect(counts[failureCode]).toBe(LIMIT - 1);
  expect(counts['RATE_LIMITED']).toBe(20 - (LIMIT - 1) - ok);
  expect(checks).toBeLessThanOrEqual(LIMIT + ok);
}

describe('parallel guesses on every verify path', () => {
  it('checks at most 5 of 20 parallel TOTP codes across flows and refuses a right code after the lock', async () => {
    server = await manyFlowsServer();
    const flows = [];
    for (let i = 0; i < 21; i++) flows.push(await flowAt('henry', 'totp'));
    const right = await totpNow(demo('henry').totpSecret ?? '');
    // Eight digits are no TOTP code at any time step: always wrong.
    const checks = vi.spyOn(server.runtime.methods.totp, 'verify');
    const answers = await Promise.all(flows.slice(0, 20).map(({ token }, i) => verifyCode(token, i < 19 ? '00000000' : right)));
    expectBurstHeld(tally(answers), 'CODE_INVALID', checks.mock.calls.length);
    // A right code after the lock is refused before it is looked at (it is a fresh code for the method: the next
    // time step's code, so a used-up code cannot be the reason).
    server.clock.advanceMinutes(1);
    const reserve = flows[20]?.token ?? '';
    const late = await verifyCode(reserve, await totpNow(demo('henry').totpSecret ?? ''));
    expect(late.body.error.code).toBe('RATE_LIMITED');
  });

  it('checks at most 5 of 20 parallel SMS codes across flows and refuses the right code after the lock', async () => {
    server = await manyFlowsServer();
    const phone = demo('karim').phone ?? '';
    const flows = [];
    for (let i = 0; i < 21; i++) flows.push(await flowAt('karim', 'sms'));
    // The newest code belongs to the reserve flow (started last): every code in the burst is wrong, and the reserve's
    // right code comes after it (the next test puts a right code inside the burst).
    const reserveCode = await newestSmsCode(phone);
    const wrong = reserveCode === '000000' ? '111111' : '000000';
    const checks = vi.spyOn(server.runtime.methods.sms, 'verify');
    const answers = await Promise.all(flows.slice(0, 20).map(({ token }) => verifyCode(token, wrong)));
    expectBurstHeld(tally(answers), 'CODE_INVALID', checks.mock.calls.length);
    expect(tally(answers)['ok']).toBeUndefined();
    // The reserve flow's right code, after the lock: refused before it is checked.
    const before = checks.mock.calls.length;
    const late = await verifyCode(flows[20]?.token ?? '', reserveCode);
    expect(late.body.error.code).toBe('RATE_LIMITED');
    expect(checks.mock.calls.length).toBe(before);
  });

  it('checks at most 5 of 20 parallel SMS codes with the right one last in the burst', async () => {
    server = await manyFlowsServer();
    const phone = demo('karim').phone ?? '';
    const flows = [];
    for (let i = 0; i < 20; i++) flows.push(await flowAt('karim', 'sms'));
    const right = await newestSmsCode(phone);
    const wrong = right === '000000' ? '111111' : '000000';
    const checks = vi.spyOn(server.runtime.methods.sms, 'verify');
    const answers = await Promise.all(flows.map(({ token }, i) => verifyCode(token, i < 19 ? wrong : right)));
    expectBurstHeld(tally(answers), 'CODE_INVALID', checks.mock.calls.length);
  });

  it('checks at most 5 of 20 parallel wrong SMS codes in one flow, then refuses its right code', async () => {
    server = await manyFlowsServer();
    const { token } = await flowAt('karim', 'sms');
    const right = await newestSmsCode(demo('karim').phone ?? '');
    const wrong = right === '000000' ? '111111' : '000000';
    const checks = vi.spyOn(server.runtime.methods.sms, 'verify');
    const answers = await Promise.all(Array.from({ length: 20 }, () => verifyCode(token, wrong)));
    expectBurstHeld(tally(answers), 'CODE_INVALID', checks.mock.calls.length);
    const late = await verifyCode(token, right);
    expect(late.status).not.toBe(200);
    expect(['RATE_LIMITED', 'CODE_ATTEMPTS_EXCEEDED']).toContain(late.body.error.code);
  });

  it('counts at most 5 of 20 parallel polls of denied approvals (wrong number or deny) and refuses an approval after the lock', async () => {
    server = await manyFlowsServer();
    const approval = server.runtime.methods.approval;
    const key = demo('isabel').approver?.key ?? '';
    const flows: { token: string }[] = [];
    // One flow at a time, so the one open request is this flow's: 19 answered wrongly, the 20th and 21st approved
    // with the number their wizard shows.
    for (let i = 0; i < 21; i++) {
      const { token, step } = await flowAt('isabel', 'approval');
      if (step.kind !== 'awaitApproval') throw new Error(step.kind);
      const [request] = (await approval.pendingFor(key)) ?? [];
      const shown = step.number ?? 10;
      const decision =
        i >= 19
          ? ({ decision: 'approve', number: shown } as const)
          : i % 2 === 0
            ? ({ decision: 'approve', number: shown === 99 ? 10 : shown + 1 } as const)
            : ({ decision: 'deny' } as const);
      expect(await approval.decide(key, request?.id ?? '', decision)).toBe(i >= 19 ? 'approved' : 'denied');
      flows.push({ token });
    }
    const checks = vi.spyOn(approval, 'verify');
    const answers = await Promise.all(flows.slice(0, 20).map(({ token }) => poll(token)));
    expectBurstHeld(tally(answers), 'APPROVAL_DENIED', checks.mock.calls.length);
    // The 21st flow was approved before the burst; its poll comes after the lock and is refused unchecked.
    const before = checks.mock.calls.length;
    const late = await poll(flows[20]?.token ?? '');
    expect(late.body.error.code).toBe('RATE_LIMITED');
    expect(checks.mock.calls.length).toBe(before);
  });

  it('counts at most 5 of 20 parallel polls of hung-up calls and refuses an answered call after the lock', async () => {
    server = await manyFlowsServer();
    const voice = server.runtime.methods.voice;
    const phone = demo('karim').phone ?? '';
    const flows: { token: string }[] = [];
    for (let i = 0; i < 21; i++) {
      const { token } = await flowAt('karim', 'voice');
      expect(await voice.answerCall(await newestCallId(phone), i >= 19 ? 'press-hash' : 'hang-up')).toBe(true);
      flows.push({ token });
    }
    const checks = vi.spyOn(voice, 'verify');
    const answers = await Promise.all(flows.slice(0, 20).map(({ token }) => poll(token)));
    expectBurstHeld(tally(answers), 'CALL_NOT_ANSWERED', checks.mock.calls.length);
    const before = checks.mock.calls.length;
    const late = await poll(flows[20]?.token ?? '');
    expect(late.body.error.code).toBe('RATE_LIMITED');
    expect(checks.mock.calls.length).toBe(before);
  });

  it('counts one denial once however many polls of it run in parallel', async () => {
    server = await manyFlowsServer();
    const approval = server.runtime.methods.approval;
    const key = demo('isabel').approver?.key ?? '';
    const { token } = await flowAt('isabel', 'approval');
    const [request] = (await approval.pendingFor(key)) ?? [];
    expect(await approval.decide(key, request?.id ?? '', { decision: 'deny' })).toBe('denied');
    const answers = await Promise.all(Array.from({ length: 20 }, () => poll(token)));
    expect(tally(answers)).toEqual({ APPROVAL_DENIED: 20 });
    // One failure was counted: three more denials are answered as denials, the fifth failure locks.
    for (let i = 0; i < LIMIT - 1; i++) {
      const next = await flowAt('isabel', 'approval');
      const [open] = (await approval.pendingFor(key)) ?? [];
      await approval.decide(key, open?.id ?? '', { decision: 'deny' });
      const answer = await poll(next.token);
      expect(answer.body.error.code).toBe(i < LIMIT - 2 ? 'APPROVAL_DENIED' : 'RATE_LIMITED');
    }
  });

  it('counts nothing for 20 parallel polls of a pending approval or call', async () => {
    server = await manyFlowsServer();
    const pendingApproval = await flowAt('isabel', 'approval');
    const pendingCall = await flowAt('karim', 'voice');
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => poll(i % 2 === 0 ? pendingApproval.token : pendingCall.token)),
    );
    expect(tally(answers)).toEqual({ ok: 20 });
    expect(answers.every((a) => a.body.flow.step.kind === 'awaitApproval')).toBe(true);
    // Nothing counted: five wrong SMS codes are still needed to lock karim's reset path.
    const sms = await flowAt('karim', 'sms');
    const smsCode = await newestSmsCode(demo('karim').phone ?? '');
    const wrong = smsCode === '000000' ? '111111' : '000000';
    for (let i = 0; i < LIMIT - 1; i++) expect((await verifyCode(sms.token, wrong)).body.error.code).toBe('CODE_INVALID');
  });
});
