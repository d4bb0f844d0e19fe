import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ErrorResponseSchema, FLOW_TOKEN_HEADER, FlowResponseSchema, ROUTES } from '@resetdesk/shared';
import type { ErrorResponse, FlowResponse } from '@resetdesk/shared';
import { DEMO_USERS } from '../../../src-server/src/demo/demo-users';
import { CONTENT_SECURITY_POLICY } from '../../../src-server/src/http/security-headers';
import { createBuiltinUsers } from '../../../src-server/src/directory/builtin/builtin-users';
import { PasswordHasher } from '../../../src-server/src/support/password-hash';
import { DEFAULT_TENANT_ID } from '../../../src-server/src/store/tenants';
import { call, createTestServer, latestCodeFor, startFlow, TEST_SCRYPT_COST } from '../support/server-fixtures';
import type { TestServer } from '../support/server-fixtures';

function demoUser(username: string) {
  const user = DEMO_USERS.find((u) => u.username === username);
  if (!user) throw new Error(`no demo user ${username}`);
  return user;
}

async function signIn(server: TestServer, username: string, password: string): Promise<boolean> {
  const response = await call<{ signedIn: boolean }>(server.app, 'POST', ROUTES.demoSignIn, {
    body: { username, password },
  });
  expect(response.status).toBe(200);
  return response.body.signedIn;
}

/** Runs a flow up to the newPassword step and returns its token (the one the passed gate rotated to). */
async function verifiedFlow(server: TestServer, username: string): Promise<string> {
  const started = await startFlow(server.app, username);
  expect(started.status).toBe(201);
  const token = started.body.flowToken;
  const chosen = await call(server.app, 'POST', ROUTES.chooseMethod, { token, body: { methodId: 'email' } });
  expect(chosen.status).toBe(200);
  const code = await latestCodeFor(server.app, demoUser(username).email ?? '');
  const verified = await call<FlowResponse>(server.app, 'POST', ROUTES.verifyCode, { token, body: { code } });
  expect(verified.body.flow.step.kind).toBe('newPassword');
  return verified.body.flowToken;
}

/** An unknown name starting with `prefix` whose decoy offers email alone, as adele's account does. */
async function decoyEmailOnly(app: TestServer['app'], prefix: string): Promise<string> {
  for (let i = 0; i < 500; i += 1) {
    const name = i === 0 ? prefix : `${prefix}${i}`;
    const step = FlowResponseSchema.parse((await startFlow(app, name)).body).flow.step;
    if (step.kind === 'chooseMethod' && step.methods.map((m) => m.kind).join() === 'email') return name;
  }
  throw new Error('no email-only decoy');
}

describe('reset server HTTP API (demo mode)', () => {
  let server: TestServer;

  beforeEach(async () => {
    server = await createTestServer({ demo: true });
  });

  afterEach(async () => {
    await server.close();
  });

  it("resets Adele's password end to end; the new password signs in and the old one does not", async () => {
    const adele = demoUser('adele');
    const started = await startFlow(server.app, 'adele');
    expect(started.status).toBe(201);
    expect(FlowResponseSchema.parse(started.body).flow.step.kind).toBe('chooseMethod');
    const token = started.body.flowToken;

    const chosen = await call<FlowResponse>(server.app, 'POST', ROUTES.chooseMethod, {
      token,
      body: { methodId: 'email' },
    });
    expect(chosen.status).toBe(200);
    expect(FlowResponseSchema.parse(chosen.body).flow.step).toMatchObject({ kind: 'enterCode', attemptsLeft: 5 });

    const code = await latestCodeFor(server.app, adele.email ?? '');
    const verified = await call<FlowResponse>(server.app, 'POST', ROUTES.verifyCode, { token, body: { code } });
    expect(verified.status).toBe(200);
    expect(verified.body.flow.step).toMatchObject({ kind: 'newPassword', userNames: ['adele', 'Adele Vance'] });

    const done = await call<FlowResponse>(server.app, 'POST', ROUTES.setPassword, {
      token: verified.body.flowToken,
      body: { newPassword: 'Blue-Harbor-42-Kite' },
    });
    expect(done.status).toBe(200);
    expect(done.body.flow.step).toEqual({ kind: 'done', outcome: 'passwordReset' });

    expect(await signIn(server, 'adele', 'Blue-Harbor-42-Kite')).toBe(true);
    expect(await signIn(server, 'adele', adele.password)).toBe(false);

    // The user is told about the reset, without any secret in the message.
    const outbox = await call<{ messages: { to: string; subject: string; body: string }[] }>(
      server.app,
      'GET',
      ROUTES.demoOutbox,
    );
    const notice = outbox.body.messages[0];
    expect(notice?.to).toBe('adele@contoso.example');
    expect(notice?.body).toContain("If this wasn't you, contact your administrator");
    expect(notice?.body).not.toContain('Blue-Harbor-42-Kite');
    expect(notice?.body).not.toContain(code);
  });

  it('unlocks Diego with the reset', async () => {
    const diego = demoUser('diego');
    expect(await signIn(server, 'diego', diego.password)).toBe(false);
    const token = await verifiedFlow(server, 'diego');
    const done = await call(server.app, 'POST', ROUTES.setPassword, {
      token,
      body: { newPassword: 'Red-Canyon-77-Sail' },
    });
    expect(done.status).toBe(200);
    expect(await signIn(server, 'diego', 'Red-Canyon-77-Sail')).toBe(true);
  });

  it.each([
    ['bianca', 403, 'ACCOUNT_NOT_VERIFIABLE'],
    ['carlos', 403, 'ACCOUNT_NOT_ENABLED'],
    ['emily', 403, 'CONTACT_ADMIN'],
  ])('answers %s with %i %s', async (username, status, code) => {
    const response = await startFlow(server.app, username);
    expect(response.status).toBe(status);
    expect(ErrorResponseSchema.parse(response.body).error.code).toBe(code);
    if (code === 'CONTACT_ADMIN') {
      expect((response.body as unknown as ErrorResponse).error.details?.contactUrl).toBe(
        'https://help.contoso.example/password',
      );
    }
  });

  it('shows attemptsLeft for a wrong code and locks the method at the fifth', async () => {
    const { body } = await startFlow(server.app, 'adele');
    const token = body.flowToken;
    await call(server.app, 'POST', ROUTES.chooseMethod, { token, body: { methodId: 'email' } });
    const code = await latestCodeFor(server.app, 'adele@contoso.example');
    const wrong = code === '000000' ? '111111' : '000000';
    for (const attemptsLeft of [4, 3, 2, 1]) {
      const response = await call<ErrorResponse>(server.app, 'POST', ROUTES.verifyCode, {
        token,
        body: { code: wrong },
      });
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ code: 'CODE_INVALID', details: { attemptsLeft } });
    }
    const fifth = await call<ErrorResponse>(server.app, 'POST', ROUTES.verifyCode, { token, body: { code: wrong } });
    // The fifth failed identity check in 24 hours also locks the reset path for 24 hours (Entra's default).
    expect(fifth.status).toBe(429);
    expect(fifth.body.error).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 24 * 60 * 60 } });
    const right = await call<ErrorResponse>(server.app, 'POST', ROUTES.verifyCode, { token, body: { code } });
    expect(right.body.error.code).toBe('RATE_LIMITED');
  });

  it('answers FLOW_EXPIRED (410) after 15 minutes, and for unknown or cancelled tokens', async () => {
    const { body } = await startFlow(server.app, 'adele');
    server.clock.advanceMinutes(15);
    const expired = await call<ErrorResponse>(server.app, 'GET', ROUTES.getFlow, { token: body.flowToken });
    expect(expired.status).toBe(410);
    expect(expired.body.error.code).toBe('FLOW_EXPIRED');

    const unknown = await call<ErrorResponse>(server.app, 'GET', ROUTES.getFlow, { token: 'B'.repeat(43) });
    expect(unknown.status).toBe(410);

    const fresh = await startFlow(server.app, 'adele');
    const cancelled = await call(server.app, 'DELETE', ROUTES.cancelFlow, { token: fresh.body.flowToken });
    expect(cancelled.status).toBe(204);
    const after = await call<ErrorResponse>(server.app, 'GET', ROUTES.getFlow, { token: fresh.body.flowToken });
    expect(after.body.error.code).toBe('FLOW_EXPIRED');
  });

  it('answers a request for the wrong step with 409 FLOW_STEP_MISMATCH', async () => {
    const { body } = await startFlow(server.app, 'adele');
    const response = await call<ErrorResponse>(server.app, 'POST', ROUTES.setPassword, {
      token: body.flowToken,
      body: { newPassword: 'Blue-Harbor-42-Kite' },
    });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('FLOW_STEP_MISMATCH');
  });

  it('rejects a weak password with 422 and every reason, and stays on newPassword', async () => {
    const token = await verifiedFlow(server, 'adele');
    const response = await call<ErrorResponse>(server.app, 'POST', ROUTES.setPassword, {
      token,
      body: { newPassword: 'summer2026' },
    });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('PASSWORD_REJECTED');
    expect(response.body.error.details?.reasons).toEqual(['MISSING_CHARACTER_CLASSES', 'BANNED_PASSWORD']);
    const current = await call<FlowResponse>(server.app, 'GET', ROUTES.getFlow, { token });
    expect(current.body.flow.step.kind).toBe('newPassword');
    expect(await signIn(server, 'adele', demoUser('adele').password)).toBe(true);
  });

  it('gives an unknown username the same response shape as a known one', async () => {
    const known = await startFlow(server.app, 'adele');
    // Decoys draw their methods from the demo's accounts (decoy-flows.test.ts): take an 'a' name whose decoy has email.
    const unknown = await startFlow(server.app, await decoyEmailOnly(server.app, 'aaron'));
    expect(unknown.status).toBe(known.status);
    expect(FlowResponseSchema.parse(unknown.body).flow.step).toEqual({
      ...known.body.flow.step,
      methods: [{ id: 'email', kind: 'email', maskedTarget: 'a•••@contoso.example' }],
    });
    expect(Object.keys(unknown.headers).sort()).toEqual(Object.keys(known.headers).sort());

    const chosenKnown = await call<FlowResponse>(server.app, 'POST', ROUTES.chooseMethod, {
      token: known.body.flowToken,
      body: { methodId: 'email' },
    });
    const chosenUnknown = await call<FlowResponse>(server.app, 'POST', ROUTES.chooseMethod, {
      token: unknown.body.flowToken,
      body: { methodId: 'email' },
    });
    expect(chosenUnknown.status).toBe(chosenKnown.status);
    expect(chosenUnknown.body.flow.step).toEqual(chosenKnown.body.flow.step);
    const wrong = await call<ErrorResponse>(server.app, 'POST', ROUTES.verifyCode, {
      token: unknown.body.flowToken,
      body: { code: '123456' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({ code: 'CODE_INVALID', details: { attemptsLeft: 4 } });
  });

  it('answers bad input with 400 INVALID_INPUT and changes nothing', async () => {
    const before = await server.runtime.store.db.selectFrom('flows').selectAll().execute();
    const bad: { body: unknown; url: string }[] = [
      { url: ROUTES.startFlow, body: { kind: 'reset' } },
      { url: ROUTES.startFlow, body: { kind: 'enroll', username: 'adele' } },
      { url: ROUTES.startFlow, body: { kind: 'reset', username: '   ' } },
      { url: ROUTES.startFlow, body: { kind: 'reset', username: 'a\u0000b' } },
      { url: ROUTES.startFlow, body: { kind: 'reset', username: 'adele', extra: true } },
      { url: ROUTES.startFlow, body: { kind: 'reset', username: 'x'.repeat(257) } },
      { url: ROUTES.startFlow, body: [] },
    ];
    for (const { url, body } of bad) {
      const response = await call<ErrorResponse>(server.app, 'POST', url, { body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(ErrorResponseSchema.parse(response.body).error.code).toBe('INVALID_INPUT');
    }
    const { body: flow } = await startFlow(server.app, 'adele');
    const token = flow.flowToken;
    for (const code of ['12345', 'abcdef', '1234567890123', 123456]) {
      const response = await call<ErrorResponse>(server.app, 'POST', ROUTES.verifyCode, { token, body: { code } });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('INVALID_INPUT');
    }
    const missingToken = await call<ErrorResponse>(server.app, 'POST', ROUTES.chooseMethod, {
      body: { methodId: 'email' },
    });
    expect(missingToken.status).toBe(400);
    expect(missingToken.body.error.code).toBe('INVALID_INPUT');

    const malformedJson = await server.app.inject({
      method: 'POST',
      url: ROUTES.startFlow,
      headers: { 'content-type': 'application/json' },
      payload: '{"kind":"reset",',
    });
    expect(malformedJson.statusCode).toBe(400);
    expect(malformedJson.json<ErrorResponse>().error.code).toBe('INVALID_INPUT');

    const huge = await server.app.inject({
      method: 'POST',
      url: ROUTES.setPassword,
      headers: { 'content-type': 'application/json', [FLOW_TOKEN_HEADER]: token },
      payload: JSON.stringify({ newPassword: 'x'.repeat(20_000) }),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json<ErrorResponse>().error.code).toBe('INVALID_INPUT');

    const after = await server.runtime.store.db.selectFrom('flows').selectAll().execute();
    expect(after).toHaveLength(before.length + 1);
    expect(after.every((row) => row.state === 'choose_method')).toBe(true);
    expect(await server.runtime.outbox.list()).toHaveLength(0);
  });

  it('serves health and public config with strict security headers and no caching', async () => {
    const health = await server.app.inject({ method: 'GET', url: ROUTES.health });
    expect(health.json()).toEqual({ status: 'ok', version: '0.1.0', channels: [] });
    expect(health.headers['cache-control']).toBe('no-store');
    expect(health.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(health.headers['x-content-type-options']).toBe('nosniff');
    expect(health.headers['referrer-policy']).toBe('no-referrer');

    const config = await call(server.app, 'GET', ROUTES.getPublicConfig);
    expect(config.body).toEqual({
      organizationName: 'Contoso',
      contactAdminUrl: 'https://help.contoso.example/password',
      demoMode: true,
      unlockAllowed: true,
      changeAllowed: true,
      registrationAllowed: true,
      userIdDomain: 'contoso.example',
    });
    expect(config.headers['cache-control']).toBe('no-store');

    const missing = await call<ErrorResponse>(server.app, 'GET', '/api/v1/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('INVALID_INPUT');
    expect(missing.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('never writes a code, password or flow token into its log', async () => {
    const token = await verifiedFlow(server, 'adele');
    const code = await latestCodeFor(server.app, 'adele@contoso.example');
    await call(server.app, 'POST', ROUTES.setPassword, { token, body: { newPassword: 'Summer2026' } });
    await call(server.app, 'POST', ROUTES.setPassword, { token, body: { newPassword: 'Blue-Harbor-42-Kite' } });
    await signIn(server, 'adele', 'Blue-Harbor-42-Kite');
    await signIn(server, 'adele', 'Harbor-Lantern-17');
    await call(server.app, 'POST', ROUTES.startFlow, { body: { kind: 'reset', username: 'Oops-My-Password-9' } });

    const log = server.logLines.join('\n');
    expect(server.logLines.length).toBeGreaterThan(10);
    expect(log).toContain('request completed');
    for (const secret of [code, token, 'Summer2026', 'Blue-Harbor-42-Kite', 'Harbor-Lantern-17', 'Oops-My-Password']) {
      expect(log).not.toContain(secret);
    }
    // The dev outbox console copy is the demo's mailbox: the code is there on purpose, and only there.
    expect(server.outboxPrints.join('\n')).toContain(code);
    expect(server.outboxPrints.every((text) => text.split('\n').every((line) => line.startsWith('[dev outbox]')))).toBe(
      true,
    );
  });
});

describe('reset server HTTP API (not in demo mode)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await createTestServer({ demo: false });
  });

  afterAll(async () => {
    await server.close();
  });

  it('has no demo routes', async () => {
    const outbox = await call<ErrorResponse>(server.app, 'GET', ROUTES.demoOutbox);
    expect(outbox.status).toBe(404);
    expect(outbox.body.error.code).toBe('INVALID_INPUT');
    const signInResponse = await call(server.app, 'POST', ROUTES.demoSignIn, {
      body: { username: 'adele', password: 'Harbor-Lantern-17' },
    });
    expect(signInResponse.status).toBe(404);
  });

  it('has no demo users and says it is not a demo', async () => {
    const config = await call<{ demoMode: boolean }>(server.app, 'GET', ROUTES.getPublicConfig);
    expect(config.body.demoMode).toBe(false);
    expect(await server.runtime.directory.findUser('adele')).toBeNull();
    // An unknown name still gets a (decoy) flow, never a "no such user" answer.
    expect((await startFlow(server.app, 'adele')).status).toBe(201);
  });

  it('queues codes without a delivery channel, never prints them, and audits the failure', async () => {
    const { runtime, clock } = server;
    await createBuiltinUsers(
      { db: runtime.store.db, tenantId: DEFAULT_TENANT_ID, hasher: new PasswordHasher(TEST_SCRYPT_COST), clock },
      [{ username: 'megan', displayName: 'Megan Bowen', email: 'megan@contoso.example', enabledForReset: true }],
    );
    const started = await startFlow(server.app, 'megan');
    expect(started.status).toBe(201);
    const method = await call<ErrorResponse>(server.app, 'POST', ROUTES.chooseMethod, {
      token: started.body.flowToken,
      body: { methodId: 'email' },
    });
    // The answer does not depend on delivery (an unknown name gets the same one): see delivery-independence.test.ts.
    expect(method.status).toBe(200);
    await runtime.outbox.list();
    expect(server.outboxPrints).toEqual([]);
    expect(await runtime.store.db.selectFrom('outbox').selectAll().execute()).toEqual([]);
    const failures = await runtime.store.db.selectFrom('audit_log').selectAll().where('event', '=', 'delivery.failed').execute();
    expect(failures.map((row) => row.detail)).toEqual(['email attempt 1/3 DELIVERY_FAILED']);
  });
});
