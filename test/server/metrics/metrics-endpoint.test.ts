import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLOW_TOKEN_HEADER, ROUTES } from '@resetdesk/shared';
import type { FlowResponse } from '@resetdesk/shared';
import { DEMO_USERS } from '../../../src-server/src/demo/demo-users';
import { createTestServer, latestCodeFor, makeTempDir } from '../support/server-fixtures';
import type { TestServer } from '../support/server-fixtures';

// /metrics after real flows over HTTP (a reset with a wrong and a right code, a change, a cancel, an unknown name, a
// throttled account): the counts are there by kind, method, rule and channel, and nothing that names a person, an
// address, a flow or a token is anywhere in the output.
const CLIENT = '192.0.2.77';
const NEW_PASSWORD = 'Blue-Harbor-42-Kite';
let temp: ReturnType<typeof makeTempDir>;
let server: TestServer;
const secrets = new Set<string>([CLIENT]);

async function post(url: string, body: object, token?: string) {
  const response = await server.app.inject({
    method: 'POST',
    url,
    remoteAddress: CLIENT,
    headers: token ? { [FLOW_TOKEN_HEADER]: token } : {},
    payload: body,
  });
  const json = response.json<FlowResponse>();
  if (json.flowToken) secrets.add(json.flowToken);
  return { status: response.statusCode, body: json };
}

async function metricsText(headers: Record<string, string> = {}): Promise<string> {
  const response = await server.app.inject({ method: 'GET', url: ROUTES.metrics, headers });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toContain('text/plain');
  return response.body;
}

/** The value of one series, 0 when it was never counted. */
function valueOf(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

beforeAll(async () => {
  temp = makeTempDir();
  const policy = join(temp.dir, 'policy.json');
  // Two wrong answers lock the reset path: the second is the throttle's refusal (rule "path").
  writeFileSync(policy, JSON.stringify({ throttle: { identityFailures: { max: 2, windowMinutes: 60, lockMinutes: 60 } } }));
  server = await createTestServer({ demo: true, env: { RESETDESK_POLICY_FILE: policy } });
  for (const user of DEMO_USERS) {
    for (const value of [user.username, user.email, user.phone]) if (value) secrets.add(value);
  }
  for (const user of (await server.runtime.directory.listUsers?.()) ?? []) secrets.add(user.id);

  // adele: a wrong code, then the right one, then a new password.
  const adele = await post(ROUTES.startFlow, { kind: 'reset', username: 'adele' });
  const chosen = await post(ROUTES.chooseMethod, { methodId: 'email' }, adele.body.flowToken);
  expect((await post(ROUTES.verifyCode, { code: '000000' }, chosen.body.flowToken)).status).toBe(400);
  const code = await latestCodeFor(server.app, 'adele@contoso.example');
  secrets.add(code);
  const verified = await post(ROUTES.verifyCode, { code }, chosen.body.flowToken);
  expect(verified.status).toBe(200);
  expect((await post(ROUTES.setPassword, { newPassword: NEW_PASSWORD }, verified.body.flowToken)).status).toBe(200);
  // grace changes her password with the old one.
  const grace = await post(ROUTES.startFlow, { kind: 'change', username: 'grace' });
  const changed = await post(
    ROUTES.changePassword,
    { oldPassword: 'Linen-Summit-75', newPassword: NEW_PASSWORD },
    grace.body.flowToken,
  );
  expect(changed.status).toBe(200);
  // An unknown name gets a decoy flow, cancelled.
  secrets.add('someone.unknown');
  const stranger = await post(ROUTES.startFlow, { kind: 'reset', username: 'someone.unknown' });
  expect(stranger.status).toBe(201);
  const cancel = await server.app.inject({
    method: 'DELETE',
    url: ROUTES.cancelFlow,
    remoteAddress: CLIENT,
    headers: { [FLOW_TOKEN_HEADER]: stranger.body.flowToken },
  });
  expect(cancel.statusCode).toBe(204);
  // diego: two wrong codes; the second reaches the limit and is refused by the throttle.
  const diego = await post(ROUTES.startFlow, { kind: 'reset', username: 'diego' });
  const diegoCode = await post(ROUTES.chooseMethod, { methodId: 'email' }, diego.body.flowToken);
  await post(ROUTES.verifyCode, { code: '000000' }, diegoCode.body.flowToken);
  expect((await post(ROUTES.verifyCode, { code: '000001' }, diegoCode.body.flowToken)).status).toBe(429);
  // A URL with something that looks like an id in it matches no route: it must not become a label.
  secrets.add('abc123secretid');
  await server.app.inject({ method: 'GET', url: '/api/v1/flows/abc123secretid' });
  await server.runtime.outbox.list();
  for (const row of await server.runtime.audit.list({ limit: 500 })) if (row.flow_id) secrets.add(row.flow_id);
});

afterAll(async () => {
  await server?.close();
  temp?.remove();
});

describe('/metrics', () => {
  it('counts flows by kind and outcome, verifications by method and outcome, throttles by rule', async () => {
    const text = await metricsText();
    expect(valueOf(text, 'resetdesk_flows_total{kind="reset",outcome="started"}')).toBe(3);
    expect(valueOf(text, 'resetdesk_flows_total{kind="reset",outcome="completed"}')).toBe(1);
    expect(valueOf(text, 'resetdesk_flows_total{kind="reset",outcome="cancelled"}')).toBe(1);
    expect(valueOf(text, 'resetdesk_flows_total{kind="change",outcome="started"}')).toBe(1);
    expect(valueOf(text, 'resetdesk_flows_total{kind="change",outcome="completed"}')).toBe(1);
    expect(valueOf(text, 'resetdesk_verifications_total{method="email",outcome="sent"}')).toBe(2);
    expect(valueOf(text, 'resetdesk_verifications_total{method="email",outcome="passed"}')).toBe(1);
    expect(valueOf(text, 'resetdesk_verifications_total{method="email",outcome="rejected"}')).toBe(3);
    expect(valueOf(text, 'resetdesk_throttle_refusals_total{rule="path"}')).toBe(1);
    expect(text).not.toMatch(/method="unknown"/u);
  });

  it('counts delivery attempts by channel, times steps by route pattern and the directory by operation', async () => {
    const text = await metricsText();
    // Two codes and the reset and change notices (the demo outbox is the channel behind the queue).
    expect(valueOf(text, 'resetdesk_delivery_attempts_total{channel="email"}')).toBeGreaterThanOrEqual(4);
    expect(valueOf(text, 'resetdesk_delivery_failures_total{channel="email"}')).toBe(0);
    const verify = `route="${ROUTES.verifyCode}",method="POST",status="400"`;
    expect(valueOf(text, `resetdesk_http_request_duration_seconds_count{${verify}}`)).toBe(2);
    expect(valueOf(text, `resetdesk_http_request_duration_seconds_count{route="unmatched",method="GET",status="404"}`))
      .toBe(1);
    // adele's reset and grace's change (the built-in directory has no changePassword: the change writes through it).
    expect(valueOf(text, 'resetdesk_directory_operation_duration_seconds_count{operation="setPassword",outcome="ok"}'))
      .toBe(2);
    expect(valueOf(text, 'resetdesk_directory_operation_duration_seconds_count{operation="findUser",outcome="ok"}'))
      .toBeGreaterThan(3);
    // The registry is this server's own: the process facts are there too, under the same prefix.
    expect(text).toContain('resetdesk_process_cpu_seconds_total');
  });

  it('has no user ID, name, address, code, flow id, token or client address anywhere', async () => {
    const text = await metricsText();
    expect(secrets.size).toBeGreaterThan(40);
    for (const secret of secrets) expect(text, secret).not.toContain(secret);
    // Every route label is a route pattern the router knows, or "unmatched".
    const routes = new Set([...text.matchAll(/route="([^"]*)"/gu)].map((m) => m[1]));
    for (const route of routes) expect(route === 'unmatched' || Object.values(ROUTES).some((r) => r === route), route);
  });

  it('answers only loopback callers that no proxy forwarded, when no token is configured', async () => {
    const remote = await server.app.inject({ method: 'GET', url: ROUTES.metrics, remoteAddress: '10.0.0.9' });
    expect(remote.statusCode).toBe(404);
    const forwarded = await server.app.inject({
      method: 'GET',
      url: ROUTES.metrics,
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    expect(forwarded.statusCode).toBe(404);
  });

  it('asks for the configured bearer token, from anywhere, when there is one', async () => {
    const tokenFile = join(temp.dir, 'metrics-token');
    writeFileSync(tokenFile, 'a-long-random-metrics-token\n', { mode: 0o600 });
    const config = join(temp.dir, 'config.json');
    writeFileSync(config, JSON.stringify({ operations: { metrics: { bearerToken: { file: tokenFile } } } }));
    const guarded = await createTestServer({ demo: false, env: { RESETDESK_CONFIG_FILE: config } });
    try {
      const ask = (headers: Record<string, string>) =>
        guarded.app.inject({ method: 'GET', url: ROUTES.metrics, remoteAddress: '10.0.0.9', headers });
      const none = await ask({});
      expect(none.statusCode).toBe(401);
      expect(none.headers['www-authenticate']).toBe('Bearer');
      expect((await ask({ authorization: 'Bearer wrong' })).statusCode).toBe(401);
      const right = await ask({ authorization: 'Bearer a-long-random-metrics-token' });
      expect(right.statusCode).toBe(200);
      expect(right.body).toContain('resetdesk_flows_total');
    } finally {
      await guarded.close();
    }
  });
});
