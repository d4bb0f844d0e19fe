import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVER_KEY_HEADER, ROUTES } from '@resetdesk/shared';
import type { ApproverRequest, FlowResponse } from '@resetdesk/shared';
import { DEMO_METHODS, DEMO_USERS } from '../../../../src-server/src/demo/demo-users';
import { call, createTestServer, latestCodeFor, makeTempDir } from '../../support/server-fixtures';
import type { TestServer } from '../../support/server-fixtures';

// Two gates over HTTP: the second chooser leaves out the method already passed; the approver page and API, and the
// demo phone, as a browser or a phone reaches them.

let temp: ReturnType<typeof makeTempDir>;
let server: TestServer;

beforeAll(async () => {
  temp = makeTempDir();
  const policyFile = join(temp.dir, 'policy.json');
  writeFileSync(policyFile, JSON.stringify({ gatesRequired: 2, methods: DEMO_METHODS }));
  server = await createTestServer({ demo: true, env: { RESETDESK_POLICY_FILE: policyFile } });
});

afterAll(async () => {
  await server.close();
  temp.remove();
});

const jamal = DEMO_USERS.find((u) => u.username === 'jamal');
const approverKey = jamal?.approver?.key ?? '';

describe('two gates', () => {
  it('needs two different methods; the second chooser shows only what is left', async () => {
    const started = await call<FlowResponse>(server.app, 'POST', ROUTES.startFlow, {
      body: { kind: 'reset', username: 'jamal' },
    });
    const token = started.body.flowToken;
    expect(started.body.flow.step).toMatchObject({ kind: 'chooseMethod', gate: 1, gatesRequired: 2 });
    await call(server.app, 'POST', ROUTES.chooseMethod, { token, body: { methodId: 'email' } });
    const code = await latestCodeFor(server.app, jamal?.email ?? '');
    const second = await call<FlowResponse>(server.app, 'POST', ROUTES.verifyCode, { token, body: { code } });
    // The passed gate rotated the token (issue 9 item 10): the rest of the flow uses the new one.
    const nextToken = second.body.flowToken;
    expect(second.body.flow.step).toMatchObject({ kind: 'chooseMethod', gate: 2, gatesRequired: 2 });
    const step = second.body.flow.step;
    if (step.kind !== 'chooseMethod') throw new Error(step.kind);
    // Not that mailbox again; his second (registered) address is another mailbox (email-2), so it stays.
    expect(step.methods.map((m) => m.id)).toEqual(['email-2', 'sms', 'voice', 'questions', 'totp', 'approval']);
    // The passed method cannot be chosen again.
    const again = await call<{ error: { code: string } }>(server.app, 'POST', ROUTES.chooseMethod, {
      token: nextToken,
      body: { methodId: 'email' },
    });
    expect(again.body.error.code).toBe('METHOD_UNAVAILABLE');

    const waiting = await call<FlowResponse>(server.app, 'POST', ROUTES.chooseMethod, {
      token: nextToken,
      body: { methodId: 'approval' },
    });
    const approvalStep = waiting.body.flow.step;
    if (approvalStep.kind !== 'awaitApproval') throw new Error(approvalStep.kind);

    // The approver's phone: a page served by the reset server, and its API with the device key in a header.
    const page = await server.app.inject({ method: 'GET', url: ROUTES.approverPage });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/u);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const script = await server.app.inject({ method: 'GET', url: ROUTES.approverScript });
    expect(script.headers['content-type']).toMatch(/javascript/u);
    const listed = await server.app.inject({
      method: 'GET',
      url: ROUTES.approverRequests,
      headers: { [APPROVER_KEY_HEADER]: approverKey },
    });
    const [request] = (listed.json() as { requests: ApproverRequest[] }).requests;
    // Number matching by typing: the approver page is never told the number (issue 9 item 11).
    expect(request).toBeDefined();
    expect(request).not.toHaveProperty('numbers');
    expect(JSON.stringify(request)).not.toContain(`:${approvalStep.number},`);
    const unknown = await server.app.inject({
      method: 'GET',
      url: ROUTES.approverRequests,
      headers: { [APPROVER_KEY_HEADER]: 'x'.repeat(32) },
    });
    expect(unknown.statusCode).toBe(400);
    const decided = await server.app.inject({
      method: 'POST',
      url: ROUTES.approverDecision,
      headers: { [APPROVER_KEY_HEADER]: approverKey },
      payload: { requestId: request?.id, decision: 'approve', number: approvalStep.number },
    });
    expect(decided.json()).toEqual({ outcome: 'approved' });
    const polled = await call<FlowResponse>(server.app, 'POST', ROUTES.checkDecision, { token: nextToken, body: {} });
    expect(polled.body.flow.step.kind).toBe('newPassword');
  });

  it('counts authenticators, not methods: one phone is one gate for SMS and calls alike (issue 9 item 7)', async () => {
    // karim has only a phone (SMS and voice): one authenticator cannot pass two gates, so he cannot start at all.
    const karim = await call<{ error: { code: string } }>(server.app, 'POST', ROUTES.startFlow, {
      body: { kind: 'reset', username: 'karim' },
    });
    expect(karim.status).toBe(403);
    expect(karim.body.error.code).toBe('ACCOUNT_NOT_VERIFIABLE');

    // jamal passes SMS; the call to the same phone is neither offered nor accepted for the second gate.
    const started = await call<FlowResponse>(server.app, 'POST', ROUTES.startFlow, {
      body: { kind: 'reset', username: 'jamal' },
    });
    const token = started.body.flowToken;
    await call(server.app, 'POST', ROUTES.chooseMethod, { token, body: { methodId: 'sms' } });
    const texts = await server.runtime.outbox.list();
    const code = /^(\d+) is your/u.exec(texts.find((m) => m.channel === 'sms' && m.to === jamal?.phone)?.body ?? '')?.[1];
    const second = await call<FlowResponse>(server.app, 'POST', ROUTES.verifyCode, { token, body: { code } });
    const step = second.body.flow.step;
    if (step.kind !== 'chooseMethod') throw new Error(step.kind);
    expect(step.methods.map((m) => m.kind)).toEqual(['email', 'email', 'questions', 'totp', 'approval']);
    // (With the token the passed gate rotated to.)
    const voice = await call<{ error: { code: string } }>(server.app, 'POST', ROUTES.chooseMethod, {
      token: second.body.flowToken,
      body: { methodId: 'voice' },
    });
    expect(voice.body.error.code).toBe('METHOD_UNAVAILABLE');
  });

  it('offers a decoy as many methods as the gates need, so unknown names look like real ones', async () => {
    const started = await call<FlowResponse>(server.app, 'POST', ROUTES.startFlow, {
      body: { kind: 'reset', username: 'nobody' },
    });
    // With two gates only jamal of the demo accounts can reset (karim's SMS and call are one phone), so every decoy
    // offers what he has: the tenant's own distribution (decoy-flows.test.ts).
    expect(started.body.flow.step).toMatchObject({
      kind: 'chooseMethod',
      methods: [
        { kind: 'email' },
        // As his second (registered) address.
        { id: 'email-2', kind: 'email' },
        { kind: 'sms', maskedTarget: expect.stringMatching(/^••• ••• ••\d\d$/u) },
        { kind: 'voice' },
        { kind: 'questions' },
        { kind: 'totp' },
        { kind: 'approval' },
      ],
    });
  });

  it('answers a voice call through the demo phone endpoint', async () => {
    const started = await call<FlowResponse>(server.app, 'POST', ROUTES.startFlow, {
      body: { kind: 'reset', username: 'jamal' },
    });
    const token = started.body.flowToken;
    await call(server.app, 'POST', ROUTES.chooseMethod, { token, body: { methodId: 'voice' } });
    const outbox = server.runtime.outbox;
    const callId = /Call id: (\S+)/u.exec((await outbox.list()).find((m) => m.channel === 'voice')?.body ?? '')?.[1];
    const unknown = await call(server.app, 'POST', ROUTES.demoPhone, {
      body: { callId: 'y'.repeat(24), action: 'press-hash' },
    });
    expect(unknown.status).toBe(409);
    const answered = await call(server.app, 'POST', ROUTES.demoPhone, { body: { callId, action: 'press-hash' } });
    expect(answered.status).toBe(204);
    const polled = await call<FlowResponse>(server.app, 'POST', ROUTES.checkDecision, { token, body: {} });
    expect(polled.body.flow.step).toMatchObject({ kind: 'chooseMethod', gate: 2 });
  });
});
