import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { FLOW_TOKEN_HEADER, ROUTES } from '@resetdesk/shared';
import { createResetServerClient } from '../../../src-main/reset-server/reset-server-client';
import type { ResetServerClient } from '../../../src-main/reset-server/reset-server-client';
import { findClosedPort, sendJson, startScriptedServer } from '../support/scripted-server';
import type { ScriptedServer } from '../support/scripted-server';
import { CHOOSE_METHOD_STEP, ENTER_CODE_STEP, FLOW_TOKEN, flowResponse } from '../support/flow-fixtures';

let server: ScriptedServer;
let client: ResetServerClient;

beforeEach(async () => {
  server = await startScriptedServer((_req, res) => sendJson(res, 500, { nothing: 'scripted' }));
  client = createResetServerClient({ serverUrl: server.url, timeoutMs: 2000, retryDelaysMs: [10, 10] });
});

afterEach(async () => {
  await server.close();
});

describe('reset server client: successful answers', () => {
  it('starts a flow with a JSON POST and returns the validated response', async () => {
    const answer = flowResponse(CHOOSE_METHOD_STEP);
    server.respondWith((_req, res) => sendJson(res, 201, answer));

    const result = await client.call('startReset', undefined, { username: 'jan@contoso.com', locale: 'nl' });

    expect(result).toEqual({ ok: true, value: answer });
    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(ROUTES.startFlow);
    expect(request?.headers['content-type']).toMatch(/^application\/json/u);
    expect(JSON.parse(request?.body ?? '')).toEqual({ kind: 'reset', username: 'jan@contoso.com', locale: 'nl' });
    expect(request?.headers[FLOW_TOKEN_HEADER]).toBeUndefined();
  });

  it('sends the flow token only in the header, never in the URL', async () => {
    server.respondWith((_req, res) => sendJson(res, 200, flowResponse(ENTER_CODE_STEP)));

    const results = [
      await client.call('chooseMethod', FLOW_TOKEN, { methodId: 'email-1' }),
      await client.call('verifyCode', FLOW_TOKEN, { code: '123456' }),
      await client.call('setPassword', FLOW_TOKEN, { newPassword: 'Correct-Horse-9' }),
      await client.call('getFlow', FLOW_TOKEN, {}),
    ];

    expect(results.every((result) => result.ok)).toBe(true);
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `POST ${ROUTES.chooseMethod}`,
      `POST ${ROUTES.verifyCode}`,
      `POST ${ROUTES.setPassword}`,
      `GET ${ROUTES.getFlow}`,
    ]);
    for (const request of server.requests) {
      expect(request.headers[FLOW_TOKEN_HEADER]).toBe(FLOW_TOKEN);
      expect(request.url).not.toContain(FLOW_TOKEN);
    }
    expect(JSON.parse(server.requests[1]?.body ?? '')).toEqual({ code: '123456' });
  });

  it('cancels with DELETE and accepts 204 No Content', async () => {
    server.respondWith((_req, res) => {
      res.writeHead(204);
      res.end();
    });

    expect(await client.call('cancelFlow', FLOW_TOKEN, {})).toEqual({ ok: true, value: undefined });
    expect(server.requests[0]?.method).toBe('DELETE');
    expect(server.requests[0]?.url).toBe(ROUTES.cancelFlow);
    expect(server.requests[0]?.headers[FLOW_TOKEN_HEADER]).toBe(FLOW_TOKEN);
  });

  it('reads the public config', async () => {
    const config = { organizationName: 'Contoso', contactAdminUrl: 'https://help.contoso.com', demoMode: true };
    server.respondWith((_req, res) => sendJson(res, 200, config));

    expect(await client.publicConfig()).toEqual({ ok: true, value: config });
  });
});

describe('reset server client: failures', () => {
  it('passes a contract error body through unchanged, details included', async () => {
    const error = { code: 'CODE_INVALID', message: 'Wrong code', details: { attemptsLeft: 2 } };
    server.respondWith((_req, res) => sendJson(res, 400, { error }));

    expect(await client.call('verifyCode', FLOW_TOKEN, { code: '000000' })).toEqual({ ok: false, error });
  });

  it('maps a 500 with junk to SERVER_BAD_RESPONSE', async () => {
    server.respondWith((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end('<h1>Internal Server Error</h1>');
    });

    const result = await client.call('startReset', undefined, { username: 'jan' });
    expect(result.ok || result.error.code).toBe('SERVER_BAD_RESPONSE');
  });

  it('maps unparseable JSON and contract mismatches on success to SERVER_BAD_RESPONSE', async () => {
    server.respondWith((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"flowToken": ');
    });
    const unparseable = await client.call('startReset', undefined, { username: 'jan' });
    expect(unparseable.ok || unparseable.error.code).toBe('SERVER_BAD_RESPONSE');

    // A flow view with a token smuggled into it breaks the strict contract.
    const tampered = flowResponse(CHOOSE_METHOD_STEP);
    server.respondWith((_req, res) => sendJson(res, 200, { ...tampered, flow: { ...tampered.flow, extra: 1 } }));
    const mismatch = await client.call('startReset', undefined, { username: 'jan' });
    expect(mismatch.ok || mismatch.error.code).toBe('SERVER_BAD_RESPONSE');

    // An error body with an error code the contract does not know.
    server.respondWith((_req, res) => sendJson(res, 400, { error: { code: 'TEAPOT', message: 'no' } }));
    const unknownCode = await client.call('startReset', undefined, { username: 'jan' });
    expect(unknownCode.ok || unknownCode.error.code).toBe('SERVER_BAD_RESPONSE');
  });

  it('does not follow redirects', async () => {
    const target = await startScriptedServer((_req, res) => sendJson(res, 201, flowResponse(CHOOSE_METHOD_STEP)));
    try {
      server.respondWith((_req, res) => {
        res.writeHead(307, { location: `${target.url}${ROUTES.startFlow}` });
        res.end();
      });
      const result = await client.call('startReset', undefined, { username: 'jan' });
      expect(result.ok || result.error.code).toBe('SERVER_BAD_RESPONSE');
      expect(target.requests).toHaveLength(0);
    } finally {
      await target.close();
    }
  });

  it('maps a refused connection to SERVER_UNREACHABLE', async () => {
    const port = await findClosedPort();
    const offline = createResetServerClient({
      serverUrl: `http://127.0.0.1:${port}`,
      timeoutMs: 2000,
      retryDelaysMs: [],
    });

    const result = await offline.call('startReset', undefined, { username: 'jan' });
    expect(result.ok || result.error.code).toBe('SERVER_UNREACHABLE');
  });

  it('maps a TLS failure (https to a plain HTTP server) to SERVER_UNREACHABLE', async () => {
    const tls = createResetServerClient({
      serverUrl: server.url.replace('http:', 'https:'),
      timeoutMs: 2000,
      retryDelaysMs: [10, 10],
    });

    const result = await tls.publicConfig();
    expect(result.ok || result.error.code).toBe('SERVER_UNREACHABLE');
    // TLS failures are not retried: asking again would not change the certificate.
    expect(server.requests).toHaveLength(0);
  });

  it('maps a slow answer to SERVER_TIMEOUT', async () => {
    const slow = createResetServerClient({ serverUrl: server.url, timeoutMs: 150, retryDelaysMs: [] });
    server.respondWith((_req, res) => {
      setTimeout(() => sendJson(res, 201, flowResponse(CHOOSE_METHOD_STEP)), 1000).unref();
    });

    const result = await slow.call('startReset', undefined, { username: 'jan' });
    expect(result.ok || result.error.code).toBe('SERVER_TIMEOUT');
  });

  it('never puts the password or token into an error message', async () => {
    const port = await findClosedPort();
    const offline = createResetServerClient({ serverUrl: `http://127.0.0.1:${port}`, timeoutMs: 500, retryDelaysMs: [] });

    const result = await offline.call('setPassword', FLOW_TOKEN, { newPassword: 'Sup3r-Secret-Pw' });
    expect(result.ok).toBe(false);
    const text = JSON.stringify(result);
    expect(text).not.toContain('Sup3r-Secret-Pw');
    expect(text).not.toContain(FLOW_TOKEN);
  });
});

describe('reset server client: retries', () => {
  it('does not retry a POST that timed out', async () => {
    const slow = createResetServerClient({ serverUrl: server.url, timeoutMs: 100, retryDelaysMs: [10, 10] });
    server.respondWith((_req, res) => {
      setTimeout(() => sendJson(res, 200, flowResponse(ENTER_CODE_STEP)), 500).unref();
    });

    const result = await slow.call('verifyCode', FLOW_TOKEN, { code: '123456' });
    expect(result.ok || result.error.code).toBe('SERVER_TIMEOUT');
    // Give a retry (if any) time to arrive before counting.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.requests).toHaveLength(1);
  });

  it('retries a GET twice after timeouts, then succeeds', async () => {
    const slowThenFast = createResetServerClient({ serverUrl: server.url, timeoutMs: 150, retryDelaysMs: [10, 10] });
    const config = { organizationName: 'Contoso', demoMode: false };
    server.respondWith((_req, res) => {
      const answer = () => sendJson(res, 200, config);
      if (server.requests.length < 3) setTimeout(answer, 1000).unref();
      else answer();
    });

    expect(await slowThenFast.publicConfig()).toEqual({ ok: true, value: config });
    expect(server.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'GET']);
  });

  it('gives up on a GET after two retries', async () => {
    const slow = createResetServerClient({ serverUrl: server.url, timeoutMs: 100, retryDelaysMs: [10, 10] });
    server.respondWith((_req, res) => {
      setTimeout(() => sendJson(res, 200, flowResponse(ENTER_CODE_STEP)), 1000).unref();
    });

    const result = await slow.call('getFlow', FLOW_TOKEN, {});
    expect(result.ok || result.error.code).toBe('SERVER_TIMEOUT');
    expect(server.requests).toHaveLength(3);
  });

  it('retries a GET after dropped connections', async () => {
    // A raw TCP server that accepts and immediately resets every connection.
    let connections = 0;
    const dropper: Server = createServer((socket) => {
      connections += 1;
      socket.resetAndDestroy();
    });
    await new Promise<void>((resolve) => dropper.listen(0, '127.0.0.1', resolve));
    const address = dropper.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const flaky = createResetServerClient({
        serverUrl: `http://127.0.0.1:${port}`,
        timeoutMs: 1000,
        retryDelaysMs: [10, 10],
      });
      const result = await flaky.publicConfig();
      expect(result.ok || result.error.code).toBe('SERVER_UNREACHABLE');
      expect(connections).toBe(3);
    } finally {
      await new Promise<void>((resolve) => dropper.close(() => resolve()));
    }
  });

  it('does not retry a GET that got an answer (even an error)', async () => {
    server.respondWith((_req, res) => sendJson(res, 503, { error: { code: 'INTERNAL', message: 'down' } }));

    const result = await client.publicConfig();
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'down' } });
    expect(server.requests).toHaveLength(1);
  });
});
