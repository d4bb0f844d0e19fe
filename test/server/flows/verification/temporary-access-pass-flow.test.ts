import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ErrorCode, FlowResponse } from '@resetdesk/shared';
import { DEMO_METHODS, DEMO_USERS } from '../../../../src-server/src/demo/demo-users';
import { AppError } from '../../../../src-server/src/errors/app-error';
import { createTestServer, decoyNameWith, makeTempDir } from '../../support/server-fixtures';
import type { TestServer } from '../../support/server-fixtures';

// A Temporary Access Pass as a reset and unlock proof, through the real flow service and store: off unless the
// policy lists 'tap'; bianca (nothing registered) resets with one; an expired, used or revoked pass is named; an
// unknown name that shows the method answers a pass as a real account answers a wrong one.

const ctx = { ip: '192.0.2.44' };
let server: TestServer;
let temp: ReturnType<typeof makeTempDir> | undefined;

afterEach(async () => {
  await server.close();
  temp?.remove();
  temp = undefined;
});

async function serverWithTap(): Promise<TestServer> {
  temp = makeTempDir();
  const file = join(temp.dir, 'policy.json');
  writeFileSync(file, JSON.stringify({ captcha: { mode: 'off' }, methods: [...DEMO_METHODS, 'tap'] }));
  return createTestServer({ demo: true, env: { RESETDESK_POLICY_FILE: file } });
}

async function userOf(username: string) {
  const user = await server.runtime.directory.findUser(username);
  if (!user) throw new Error(username);
  return user;
}

async function issue(username: string, oneTime = false, lifetimeMinutes = 60) {
  const user = await userOf(username);
  return server.runtime.methods.tap.passes.issue({ user, lifetimeMinutes, oneTime, issuedBy: 'test' });
}

async function atPassScreen(username: string, kind: 'reset' | 'unlock' = 'reset'): Promise<FlowResponse> {
  const started = await server.runtime.flows.start({ kind, username }, ctx);
  expect(started.flow.step).toMatchObject({ kind: 'chooseMethod' });
  return server.runtime.flows.chooseMethod(started.flowToken, 'tap', ctx);
}

async function refusal(promise: Promise<unknown>): Promise<{ code: ErrorCode; attemptsLeft?: number }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, ...error.details };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('Temporary Access Pass in reset and unlock', () => {
  it('is not a reset proof unless the policy lists it', async () => {
    server = await createTestServer({ demo: true });
    await issue('bianca');
    const started = server.runtime.flows.start({ kind: 'reset', username: 'bianca' }, ctx);
    expect(await refusal(started)).toMatchObject({ code: 'ACCOUNT_NOT_VERIFIABLE' });
  });

  it('lets a person with nothing registered reset with the pass, on the code screen', async () => {
    server = await serverWithTap();
    const before = await server.runtime.flows.start({ kind: 'reset', username: 'bianca' }, ctx).catch((e) => e);
    expect(before).toMatchObject({ code: 'ACCOUNT_NOT_VERIFIABLE' });
    const { pass } = await issue('bianca', true);
    const started = await server.runtime.flows.start({ kind: 'reset', username: 'bianca' }, ctx);
    expect(started.flow.step).toMatchObject({ kind: 'chooseMethod', methods: [{ id: 'tap', kind: 'tap' }] });
    const entering = await server.runtime.flows.chooseMethod(started.flowToken, 'tap', ctx);
    expect(entering.flow.step).toMatchObject({ kind: 'enterCode', codeLength: 10, method: { kind: 'tap' } });
    expect(entering.flow.step).not.toHaveProperty('resendsLeft');
    const passed = await server.runtime.flows.verifyCode(entering.flowToken, pass, ctx);
    expect(passed.flow.step.kind).toBe('newPassword');
  });

  it('names an expired, a used and a revoked pass; a wrong one costs an attempt like a wrong code', async () => {
    server = await serverWithTap();
    const once = await issue('bianca', true);
    const wrong = await atPassScreen('bianca');
    expect(await refusal(server.runtime.flows.verifyCode(wrong.flowToken, '1234567890', ctx))).toMatchObject({
      code: 'CODE_INVALID',
      attemptsLeft: 4,
    });
    const first = await atPassScreen('bianca');
    await server.runtime.flows.verifyCode(first.flowToken, once.pass, ctx);
    const again = await atPassScreen('bianca');
    expect((await refusal(server.runtime.flows.verifyCode(again.flowToken, once.pass, ctx))).code).toBe('TAP_USED');

    const revoked = await issue('bianca');
    await server.runtime.methods.tap.passes.revoke(await userOf('bianca'), 'test', revoked.id);
    const afterRevoke = await atPassScreen('bianca');
    const revokedRefusal = await refusal(server.runtime.flows.verifyCode(afterRevoke.flowToken, revoked.pass, ctx));
    expect(revokedRefusal.code).toBe('TAP_REVOKED');

    const expiring = await issue('bianca', false, 10);
    const early = await atPassScreen('bianca');
    server.clock.advanceMinutes(11);
    expect((await refusal(server.runtime.flows.verifyCode(early.flowToken, expiring.pass, ctx))).code).toBe(
      'TAP_EXPIRED',
    );
  });

  it('unlocks a locked account with the pass', async () => {
    server = await serverWithTap();
    const diego = DEMO_USERS.find((u) => u.username === 'diego');
    expect(diego?.locked).toBe(true);
    const { pass } = await issue('diego');
    const entering = await atPassScreen('diego', 'unlock');
    const done = await server.runtime.flows.verifyCode(entering.flowToken, pass, ctx);
    expect(done.flow.step.kind).toBe('done');
    expect((await userOf('diego')).locked).toBe(false);
  });

  it('answers a pass for an unknown name that shows the method as a real account answers a wrong pass', async () => {
    server = await serverWithTap();
    await issue('bianca');
    server.runtime.decoySurvey.invalidate();
    await server.runtime.decoySurvey.settled();
    const name = await decoyNameWith(server, 'tap');
    const decoy = await atPassScreen(name);
    const real = await atPassScreen('bianca');
    const strip = (r: FlowResponse) => ({ ...r.flow.step, codeExpiresAt: '' });
    expect(strip(decoy)).toEqual(strip(real));
    const decoyRefusal = await refusal(server.runtime.flows.verifyCode(decoy.flowToken, '1234567890', ctx));
    const realRefusal = await refusal(server.runtime.flows.verifyCode(real.flowToken, '1234567890', ctx));
    expect(decoyRefusal).toEqual(realRefusal);
  });
});
