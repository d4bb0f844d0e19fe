import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'otplib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROUTES } from '@resetdesk/shared';
import type { ErrorResponse, FlowResponse } from '@resetdesk/shared';
import { DEMO_METHODS, DEMO_USERS } from '../../../src-server/src/demo/demo-users';
import { authenticatorCount } from '../../../src-server/src/methods/authenticators';
import { call, createTestServer, latestCodeFor, makeTempDir } from '../support/server-fixtures';
import type { TestServer } from '../support/server-fixtures';

// Two gates count authenticators: the authenticator-app code and the approval come from one app install, so they are
// one gate, as an SMS and a call to one phone are (two-gates-and-approver-http.test.ts), and one mailbox is one gate.

let server: TestServer;
let temp: ReturnType<typeof makeTempDir>;

type Answer = FlowResponse & ErrorResponse;

beforeEach(async () => {
  temp = makeTempDir();
  const file = join(temp.dir, 'policy.json');
  writeFileSync(file, JSON.stringify({ gatesRequired: 2, methods: DEMO_METHODS, captcha: { mode: 'off' } }));
  server = await createTestServer({ demo: true, env: { RESETDESK_POLICY_FILE: file } });
});

afterEach(async () => {
  await server.close();
  temp.remove();
});

function demo(username: string) {
  const user = DEMO_USERS.find((u) => u.username === username);
  if (!user) throw new Error(`no demo user ${username}`);
  return user;
}

async function start(username: string) {
  return call<Answer>(server.app, 'POST', ROUTES.startFlow, { body: { kind: 'reset', username } });
}

async function choose(token: string, methodId: string) {
  return call<Answer>(server.app, 'POST', ROUTES.chooseMethod, { token, body: { methodId } });
}

function totpNow(secret: string): Promise<string> {
  return generate({ secret, epoch: Math.floor(server.clock.now().getTime() / 1000) });
}

describe('one authenticator app is one gate', () => {
  it('leaves the approval out of the second gate after the TOTP code, and refuses it when asked for', async () => {
    const started = await start('jamal');
    await choose(started.body.flowToken, 'totp');
    const passed = await call<Answer>(server.app, 'POST', ROUTES.verifyCode, {
      token: started.body.flowToken,
      body: { code: await totpNow(demo('jamal').totpSecret ?? '') },
    });
    const step = passed.body.flow.step;
    if (step.kind !== 'chooseMethod') throw new Error(step.kind);
    expect(step.gate).toBe(2);
    expect(step.methods.map((m) => m.kind)).toEqual(['email', 'email', 'sms', 'voice', 'questions']);
    const approval = await choose(passed.body.flowToken, 'approval');
    expect(approval.body.error.code).toBe('METHOD_UNAVAILABLE');
  });

  it('leaves the TOTP code out of the second gate after an approval', async () => {
    const started = await start('jamal');
    const waiting = await choose(started.body.flowToken, 'approval');
    const shown = waiting.body.flow.step.kind === 'awaitApproval' ? waiting.body.flow.step.number : undefined;
    const key = demo('jamal').approver?.key ?? '';
    const [request] = (await server.runtime.methods.approval.pendingFor(key)) ?? [];
    await server.runtime.methods.approval.decide(key, request?.id ?? '', { decision: 'approve', number: shown ?? 0 });
    const passed = await call<Answer>(server.app, 'POST', ROUTES.checkDecision, { token: started.body.flowToken, body: {} });
    const step = passed.body.flow.step;
    if (step.kind !== 'chooseMethod') throw new Error(step.kind);
    expect(step.methods.map((m) => m.kind)).toEqual(['email', 'email', 'sms', 'voice', 'questions']);
    expect((await choose(passed.body.flowToken, 'totp')).body.error.code).toBe('METHOD_UNAVAILABLE');
  });

  it('does not start a two-gate reset for someone whose only methods are one app (code and approval)', async () => {
    const henry = await server.runtime.directory.findUser('henry');
    if (!henry) throw new Error('no henry');
    await server.runtime.methods.approval.register(henry.id, "Henry's phone");
    const started = await start('henry');
    expect(started.status).toBe(403);
    expect(started.body.error.code).toBe('ACCOUNT_NOT_VERIFIABLE');
  });
});

describe('one mailbox is one gate', () => {
  it('does not start a two-gate reset for someone whose only method is email', async () => {
    const started = await start('adele');
    expect(started.status).toBe(403);
    expect(started.body.error.code).toBe('ACCOUNT_NOT_VERIFIABLE');
  });

  it('leaves the mailbox out of the second gate once an email code passed', async () => {
    const started = await start('jamal');
    await choose(started.body.flowToken, 'email');
    const passed = await call<Answer>(server.app, 'POST', ROUTES.verifyCode, {
      token: started.body.flowToken,
      body: { code: await latestCodeFor(server.app, demo('jamal').email ?? '') },
    });
    const step = passed.body.flow.step;
    if (step.kind !== 'chooseMethod') throw new Error(step.kind);
    // Not that mailbox again; his second (registered) address is another mailbox, so it stays.
    expect(step.methods.map((m) => m.id)).not.toContain('email');
    expect(step.methods.filter((m) => m.kind === 'email').map((m) => m.id)).toEqual(['email-2']);
    expect((await choose(passed.body.flowToken, 'email')).body.error.code).toBe('METHOD_UNAVAILABLE');
  });

  it('counts one address however it is spelled, one phone however it is written, and one app', () => {
    const user = { email: 'Jamal@Contoso.example ', phone: '+31 (6) 3456-7812' };
    expect(authenticatorCount([{ kind: 'email' }, { kind: 'email' }], user)).toBe(1);
    expect(authenticatorCount([{ kind: 'sms' }, { kind: 'voice' }], user)).toBe(1);
    expect(authenticatorCount([{ kind: 'totp' }, { kind: 'approval' }], user)).toBe(1);
    expect(authenticatorCount([{ kind: 'email' }, { kind: 'sms' }, { kind: 'totp' }, { kind: 'questions' }], user)).toBe(4);
  });
});
