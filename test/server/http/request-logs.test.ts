import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLOW_TOKEN_HEADER, ROUTES } from '@resetdesk/shared';
import type { FlowResponse } from '@resetdesk/shared';
import { DEMO_USERS } from '../../../src-server/src/demo/demo-users';
import type { DemoUser } from '../../../src-server/src/demo/demo-users';
import { createTestServer } from '../support/server-fixtures';
import type { TestServer } from '../support/server-fixtures';

// Issue 15: JSON logs with a request id on every line of a request, the services' lines (flows' audit events,
// delivery, directory) among them; and still no secret in any line, after a reset with every method and a change.

function demoUser(username: string): DemoUser {
  const user = DEMO_USERS.find((u) => u.username === username);
  if (!user) throw new Error(username);
  return user;
}
const jamal = demoUser('jamal');
const METHODS = ['email', 'sms', 'voice', 'questions', 'totp', 'approval'] as const;

let server: TestServer;
// Everything that must never be logged, gathered while the flows run.
const secrets = new Set<string>();
const requestIds = new Set<string>();

beforeAll(async () => {
  server = await createTestServer({ demo: true });
});

afterAll(async () => {
  await server.close();
});

async function post(url: string, token: string | null, body: unknown): Promise<FlowResponse> {
  const response = await server.app.inject({
    method: 'POST',
    url,
    headers: token ? { [FLOW_TOKEN_HEADER]: token } : {},
    payload: body as object,
  });
  const id = response.headers['x-request-id'];
  expect(typeof id).toBe('string');
  requestIds.add(String(id));
  expect(response.statusCode, response.body).toBeLessThan(300);
  const answer = response.json<FlowResponse>();
  if (answer.flowToken) secrets.add(answer.flowToken);
  return answer;
}

async function outboxBody(to: string): Promise<string> {
  const message = (await server.runtime.outbox.list()).find((m) => m.to === to); // newest first
  if (!message) throw new Error(`nothing sent to ${to}`);
  return message.body;
}

/** Chooses `method` over HTTP and answers it the way jamal would; returns the token of the next step. */
async function pass(token: string, method: (typeof METHODS)[number]): Promise<string> {
  const chosen = await post(ROUTES.chooseMethod, token, { methodId: method });
  const step = chosen.flow.step;
  const code = async (pattern: RegExp, to: string) => {
    const found = pattern.exec(await outboxBody(to))?.[1] ?? '';
    secrets.add(found);
    return post(ROUTES.verifyCode, token, { code: found });
  };
  let passed: FlowResponse;
  if (method === 'email') passed = await code(/verification code is (\d+)/u, jamal.email ?? '');
  else if (method === 'sms') passed = await code(/^(\d{6}) is your/u, jamal.phone ?? '');
  else if (method === 'voice') {
    const callId = /Call id: (\S+)/u.exec(await outboxBody(jamal.phone ?? ''))?.[1] ?? '';
    secrets.add(callId);
    expect(await server.runtime.methods.voice.answerCall(callId, 'press-hash')).toBe(true);
    passed = await post(ROUTES.checkDecision, token, {});
  } else if (method === 'questions') {
    if (step.kind !== 'answerQuestions') throw new Error(step.kind);
    const answers = step.questions.map((q) => ({
      questionId: q.id,
      answer: (jamal.questions ?? []).find((r) => r.key === q.key)?.answer ?? '',
    }));
    passed = await post(ROUTES.answerQuestions, token, { answers });
  } else if (method === 'totp') {
    const epoch = Math.floor(server.clock.now().getTime() / 1000);
    const totp = await generate({ secret: jamal.totpSecret ?? '', epoch });
    secrets.add(totp);
    passed = await post(ROUTES.verifyCode, token, { code: totp });
  } else {
    if (step.kind !== 'awaitApproval') throw new Error(step.kind);
    const key = jamal.approver?.key ?? '';
    const [request] = (await server.runtime.methods.approval.pendingFor(key)) ?? [];
    await server.runtime.methods.approval.decide(key, request?.id ?? '', { decision: 'approve', number: step.number ?? 0 });
    passed = await post(ROUTES.checkDecision, token, {});
  }
  expect(passed.flow.step.kind).toBe('newPassword');
  return passed.flowToken;
}

interface LogLine {
  level: number;
  msg: string;
  reqId?: string;
  worker?: string;
  component?: string;
}

describe('request logs', () => {
  it('a reset with every method and a change: every line JSON, a request id on every request line, no secret', async () => {
    for (const secret of [jamal.password, jamal.email ?? '', jamal.phone ?? '', jamal.totpSecret ?? '']) secrets.add(secret);
    for (const answer of jamal.questions ?? []) secrets.add(answer.answer);
    secrets.add(jamal.approver?.key ?? '');
    secrets.add('jamal.idris@fabrikam.example');
    secrets.add(jamal.phone?.replace(/\s/gu, '') ?? '');
    for (const [index, method] of METHODS.entries()) {
      // Past the resets-per-hour limit and any earlier code's life: each reset stands alone.
      server.clock.advanceMinutes(120);
      const started = await post(ROUTES.startFlow, null, { kind: 'reset', username: 'jamal' });
      const token = await pass(started.flowToken, method);
      const newPassword = `Lantern-Harbor-${index}-Quiet-${method}`;
      secrets.add(newPassword);
      const done = await post(ROUTES.setPassword, token, { newPassword });
      expect(done.flow.step).toMatchObject({ kind: 'done' });
    }
    const current = `Lantern-Harbor-${METHODS.length - 1}-Quiet-approval`;
    const changed = `Copper-Window-${Date.now() % 1000}-Meadow`;
    secrets.add(changed);
    server.clock.advanceMinutes(120);
    const change = await post(ROUTES.startFlow, null, { kind: 'change', username: 'jamal' });
    const after = await post(ROUTES.changePassword, change.flowToken, { oldPassword: current, newPassword: changed });
    expect(after.flow.step).toMatchObject({ kind: 'done' });
    await server.runtime.outbox.list();

    const lines = server.logLines.flatMap((chunk) => chunk.split('\n').filter((line) => line.length > 0));
    const parsed = lines.map((line) => JSON.parse(line) as LogLine);
    for (const line of parsed) {
      // A request's line carries its id; the rest are the workers' (named) or the server's own.
      expect(line.reqId !== undefined || line.worker !== undefined || line.component === 'runtime', JSON.stringify(line))
        .toBe(true);
    }
    const requestLines = parsed.filter((line) => line.reqId !== undefined);
    expect(new Set(requestLines.map((line) => line.reqId))).toEqual(requestIds);
    // The services log on the request's logger while they serve it: the same id as the response's header.
    for (const component of ['audit', 'delivery', 'directory']) {
      const ofComponent = requestLines.filter((line) => line.component === component);
      expect(ofComponent.length, component).toBeGreaterThan(0);
      expect(ofComponent.every((line) => requestIds.has(line.reqId ?? ''))).toBe(true);
    }
    expect(parsed.some((line) => line.worker === 'delivery' && line.msg === 'message sent')).toBe(true);
    secrets.delete('');
    expect(secrets.size).toBeGreaterThan(25);
    for (const line of lines) {
      for (const secret of secrets) expect(line, `a secret in a log line: ${line}`).not.toContain(secret);
    }
  });

  it('answers its own request id unless a trusted proxy sent a well-formed one', async () => {
    const own = await server.app.inject({ method: 'GET', url: ROUTES.health, headers: { 'x-request-id': 'abcd-1234-efgh' } });
    expect(own.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/u);
    const proxied = await createTestServer({ demo: true, env: { RESETDESK_TRUSTED_PROXIES: '127.0.0.1' } });
    try {
      const id = 'edge-7f3a9c01.req';
      const forwarded = await proxied.app.inject({ method: 'GET', url: ROUTES.health, headers: { 'x-request-id': id } });
      expect(forwarded.headers['x-request-id']).toBe(id);
      expect(proxied.logLines.some((line) => (JSON.parse(line) as LogLine).reqId === id)).toBe(true);
      for (const bad of ['short', 'has space in it', 'x'.repeat(200), 'quote"injected', 'line\u2028break-here']) {
        const refused = await proxied.app.inject({ method: 'GET', url: ROUTES.health, headers: { 'x-request-id': bad } });
        expect(refused.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/u);
      }
    } finally {
      await proxied.close();
    }
  });
});
