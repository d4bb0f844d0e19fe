import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FLOW_TOKEN_HEADER, ROUTES } from '@resetdesk/shared';
import { createResetServerClient } from '../../../src-main/reset-server/reset-server-client';
import { createFlowTokenStore } from '../../../src-main/session/flow-token-store';
import type { FlowTokenStore } from '../../../src-main/session/flow-token-store';
import { createIpcHandlers, createSenderRelease } from '../../../src-main/ipc/ipc-handlers';
import type { IpcHandlers } from '../../../src-main/ipc/ipc-types';
import { createSilentLogger } from '../../../src-main/logging/logger';
import { findClosedPort, sendJson, startScriptedServer } from '../support/scripted-server';
import type { Responder, ScriptedServer } from '../support/scripted-server';
import {
  CHOOSE_METHOD_STEP,
  DONE_STEP,
  ENTER_CODE_STEP,
  FLOW_TOKEN,
  NEW_PASSWORD_STEP,
  flowResponse,
} from '../support/flow-fixtures';

const ctx = { senderId: 7, senderUrl: 'resetdesk://app/index.html' };
const otherWindow = { senderId: 8, senderUrl: 'resetdesk://app/index.html' };
const PUBLIC_CONFIG = { organizationName: 'Contoso', contactAdminUrl: 'https://help.contoso.com', demoMode: false };

/** A reset server that walks the flow like the real one: start, method, code, password, done. */
const walkingServer: Responder = (request, response) => {
  const route = `${request.method} ${request.url}`;
  if (route === `POST ${ROUTES.startFlow}`) return sendJson(response, 201, flowResponse(CHOOSE_METHOD_STEP));
  if (request.headers[FLOW_TOKEN_HEADER] !== FLOW_TOKEN && request.url !== ROUTES.getPublicConfig) {
    return sendJson(response, 404, { error: { code: 'FLOW_EXPIRED', message: 'Unknown flow' } });
  }
  if (route === `POST ${ROUTES.chooseMethod}`) return sendJson(response, 200, flowResponse(ENTER_CODE_STEP));
  if (route === `POST ${ROUTES.verifyCode}`) return sendJson(response, 200, flowResponse(NEW_PASSWORD_STEP));
  if (route === `POST ${ROUTES.setPassword}`) return sendJson(response, 200, flowResponse(DONE_STEP));
  if (route === `DELETE ${ROUTES.cancelFlow}`) {
    response.writeHead(204);
    return void response.end();
  }
  if (route === `GET ${ROUTES.getPublicConfig}`) return sendJson(response, 200, PUBLIC_CONFIG);
  return sendJson(response, 404, { error: { code: 'INVALID_INPUT', message: 'No such route' } });
};

let server: ScriptedServer;
let tokens: FlowTokenStore;
let handlers: IpcHandlers;

function handlersFor(serverUrl: string) {
  const client = createResetServerClient({ serverUrl, timeoutMs: 2000, retryDelaysMs: [] });
  return createIpcHandlers({ client, tokens, appVersion: '1.2.3', serverUrl, logger: createSilentLogger() });
}

beforeEach(async () => {
  server = await startScriptedServer(walkingServer);
  tokens = createFlowTokenStore();
  handlers = handlersFor(server.url);
});

afterEach(async () => {
  await server.close();
});

const requestLog = () => server.requests.map((r) => `${r.method} ${r.url}`);

describe('ipc handlers: the flow token stays in main', () => {
  it('starts a flow, keeps the token per window and returns only the view', async () => {
    const result = await handlers.startReset({ username: 'jan@contoso.com' }, ctx);

    expect(result.ok && result.value.step.kind).toBe('chooseMethod');
    expect(JSON.stringify(result)).not.toContain(FLOW_TOKEN);
    expect(tokens.get(ctx.senderId)).toBe(FLOW_TOKEN);
    expect(tokens.get(otherWindow.senderId)).toBeUndefined();
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual({ kind: 'reset', username: 'jan@contoso.com' });
  });

  it('walks the whole flow with the stored token and forgets it when done', async () => {
    await handlers.startReset({ username: 'jan' }, ctx);
    const chosen = await handlers.chooseMethod({ methodId: 'email-1' }, ctx);
    const verified = await handlers.verifyCode({ code: '123456' }, ctx);
    expect(tokens.get(ctx.senderId)).toBe(FLOW_TOKEN);
    const done = await handlers.setPassword({ newPassword: 'Correct-Horse-9' }, ctx);

    expect([chosen, verified, done].map((r) => r.ok && r.value.step.kind)).toEqual([
      'enterCode',
      'newPassword',
      'done',
    ]);
    for (const result of [chosen, verified, done]) expect(JSON.stringify(result)).not.toContain(FLOW_TOKEN);
    expect(tokens.get(ctx.senderId)).toBeUndefined();
    for (const request of server.requests.slice(1)) expect(request.headers[FLOW_TOKEN_HEADER]).toBe(FLOW_TOKEN);
  });

  it('takes the rotated token the server returns after a passed gate, and sends only that one afterwards', async () => {
    // Issue 9 item 10: the reset server gives the flow a new token after each passed gate.
    const ROTATED = 'tok_' + 'Z9y8X7w6'.repeat(5);
    await server.close();
    server = await startScriptedServer((request, response) => {
      const token = request.headers[FLOW_TOKEN_HEADER];
      if (request.url === ROUTES.startFlow) return sendJson(response, 201, flowResponse(CHOOSE_METHOD_STEP));
      if (request.url === ROUTES.chooseMethod && token === FLOW_TOKEN) return sendJson(response, 200, flowResponse(ENTER_CODE_STEP));
      if (request.url === ROUTES.verifyCode && token === FLOW_TOKEN) return sendJson(response, 200, flowResponse(NEW_PASSWORD_STEP, ROTATED));
      if (request.url === ROUTES.setPassword && token === ROTATED) return sendJson(response, 200, flowResponse(DONE_STEP, ROTATED));
      return sendJson(response, 410, { error: { code: 'FLOW_EXPIRED', message: 'Unknown flow' } });
    });
    handlers = handlersFor(server.url);
    await handlers.startReset({ username: 'jan' }, ctx);
    await handlers.chooseMethod({ methodId: 'email-1' }, ctx);
    await handlers.verifyCode({ code: '123456' }, ctx);
    expect(tokens.get(ctx.senderId)).toBe(ROTATED);
    const done = await handlers.setPassword({ newPassword: 'Correct-Horse-9' }, ctx);
    expect(done.ok && done.value.step.kind).toBe('done');
  });

  it('answers FLOW_EXPIRED without calling the server when this window has no flow', async () => {
    await handlers.startReset({ username: 'jan' }, ctx);

    const result = await handlers.verifyCode({ code: '123456' }, otherWindow);

    expect(result.ok || result.error.code).toBe('FLOW_EXPIRED');
    expect(requestLog()).toEqual([`POST ${ROUTES.startFlow}`]);
  });

  it('forgets the token when the server says the flow expired', async () => {
    tokens.set(ctx.senderId, 'stale-token-'.repeat(4));

    const result = await handlers.chooseMethod({ methodId: 'email-1' }, ctx);

    expect(result.ok || result.error.code).toBe('FLOW_EXPIRED');
    expect(tokens.get(ctx.senderId)).toBeUndefined();
  });

  it('keeps the token after other errors (a wrong code can be retried)', async () => {
    await handlers.startReset({ username: 'jan' }, ctx);
    server.respondWith((_req, res) =>
      sendJson(res, 400, { error: { code: 'CODE_INVALID', message: 'Wrong code', details: { attemptsLeft: 2 } } }),
    );

    const result = await handlers.verifyCode({ code: '000000' }, ctx);

    expect(result).toEqual({
      ok: false,
      error: { code: 'CODE_INVALID', message: 'Wrong code', details: { attemptsLeft: 2 } },
    });
    expect(tokens.get(ctx.senderId)).toBe(FLOW_TOKEN);
  });

  it('cancels on the server with the token and forgets it', async () => {
    await handlers.startReset({ username: 'jan' }, ctx);

    const result = await handlers.cancelFlow({}, ctx);

    expect(result).toEqual({ ok: true, value: { cancelled: true } });
    expect(tokens.get(ctx.senderId)).toBeUndefined();
    expect(server.requests.at(-1)).toMatchObject({ method: 'DELETE', url: ROUTES.cancelFlow });
    expect(server.requests.at(-1)?.headers[FLOW_TOKEN_HEADER]).toBe(FLOW_TOKEN);
  });

  it('cancels locally even without a flow or when the server is unreachable', async () => {
    expect(await handlers.cancelFlow({}, ctx)).toEqual({ ok: true, value: { cancelled: true } });
    expect(server.requests).toHaveLength(0);

    const offline = handlersFor(`http://127.0.0.1:${await findClosedPort()}`);
    tokens.set(ctx.senderId, FLOW_TOKEN);
    expect(await offline.cancelFlow({}, ctx)).toEqual({ ok: true, value: { cancelled: true } });
    expect(tokens.get(ctx.senderId)).toBeUndefined();
  });

  it('cancels the previous flow of a window that starts again', async () => {
    await handlers.startReset({ username: 'jan' }, ctx);
    await handlers.startReset({ username: 'piet' }, ctx);
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(requestLog()).toContain(`DELETE ${ROUTES.cancelFlow}`);
    expect(tokens.get(ctx.senderId)).toBe(FLOW_TOKEN);
  });

  it('releases a closed window: token forgotten, flow cancelled on the server', async () => {
    const client = createResetServerClient({ serverUrl: server.url, timeoutMs: 2000 });
    const release = createSenderRelease({ client, tokens, logger: createSilentLogger() });
    await handlers.startReset({ username: 'jan' }, ctx);

    await release(ctx.senderId);

    expect(tokens.get(ctx.senderId)).toBeUndefined();
    expect(requestLog().at(-1)).toBe(`DELETE ${ROUTES.cancelFlow}`);
  });
});

describe('ipc handlers: app info', () => {
  it('combines the version, the server origin and the public config, fetched once', async () => {
    const first = await handlers.getAppInfo({}, ctx);
    const second = await handlers.getAppInfo({}, otherWindow);

    expect(first).toEqual({
      ok: true,
      value: {
        version: '1.2.3',
        serverOrigin: server.url,
        organizationName: 'Contoso',
        contactAdminUrl: 'https://help.contoso.com',
      },
    });
    expect(second).toEqual(first);
    expect(requestLog()).toEqual([`GET ${ROUTES.getPublicConfig}`]);
  });

  it('relays the public config as the server has it now, without a token and uncached', async () => {
    await handlers.startReset({ username: 'jan' }, ctx);
    expect(await handlers.getPublicConfig({}, ctx)).toEqual({ ok: true, value: PUBLIC_CONFIG });
    expect(await handlers.getPublicConfig({}, ctx)).toEqual({ ok: true, value: PUBLIC_CONFIG });
    const reads = server.requests.filter((r) => r.url === ROUTES.getPublicConfig);
    expect(reads.map((r) => [r.method, r.headers[FLOW_TOKEN_HEADER]])).toEqual([
      ['GET', undefined],
      ['GET', undefined],
    ]);
  });

  it('does not cache a failure', async () => {
    server.respondWith((_req, res) => sendJson(res, 503, { error: { code: 'INTERNAL', message: 'starting' } }));
    const failed = await handlers.getAppInfo({}, ctx);
    server.respondWith(walkingServer);
    const recovered = await handlers.getAppInfo({}, ctx);

    expect(failed.ok || failed.error.code).toBe('INTERNAL');
    expect(recovered.ok).toBe(true);
  });
});

describe('CAPTCHA and helpdesk channels', () => {
  const CHALLENGE = {
    id: 'abcdefghijklmnopqrstuv',
    image: { width: 220, height: 72, length: 5, paths: [{ d: 'M0 0 L10 10', strokeWidth: 2, shade: 0 }] },
    proofOfWork: { salt: 'abcdefghijklmnopqrstuv', difficultyBits: 8 },
    expiresAt: '2030-01-01T12:05:00.000Z',
  };

  it('fetch a CAPTCHA, pass its answer with the start, and send help requests without any flow token', async () => {
    server.respondWith((request, response) => {
      if (request.url === ROUTES.getCaptcha) return sendJson(response, 201, CHALLENGE);
      if (request.url === ROUTES.requestHelp) return sendJson(response, 202, { received: true });
      return walkingServer(request, response);
    });
    expect(await handlers.getCaptcha({}, ctx)).toEqual({ ok: true, value: CHALLENGE });
    const solution = { id: CHALLENGE.id, proofOfWorkNonce: '42' };
    await handlers.startReset({ username: 'jan', captcha: solution }, ctx);
    const start = server.requests.find((r) => r.url === ROUTES.startFlow);
    expect(JSON.parse(start?.body ?? '{}')).toMatchObject({ username: 'jan', captcha: solution });
    const help = await handlers.requestHelp({ username: 'jan', reason: 'ACCOUNT_NOT_ENABLED' }, ctx);
    expect(help).toEqual({ ok: true, value: { received: true } });
    const sent = server.requests.find((r) => r.url === ROUTES.requestHelp);
    expect(sent?.headers[FLOW_TOKEN_HEADER]).toBeUndefined();
    expect(JSON.parse(sent?.body ?? '{}')).toEqual({ username: 'jan', reason: 'ACCOUNT_NOT_ENABLED' });
  });

  it('answer a CAPTCHA outside the contract with SERVER_BAD_RESPONSE', async () => {
    server.respondWith((request, response) =>
      request.url === ROUTES.getCaptcha ? sendJson(response, 201, { ...CHALLENGE, extra: 1 }) : walkingServer(request, response),
    );
    const result = await handlers.getCaptcha({}, ctx);
    expect(result.ok || result.error.code).toBe('SERVER_BAD_RESPONSE');
  });
});
