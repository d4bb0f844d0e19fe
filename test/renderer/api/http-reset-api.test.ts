import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FLOW_TOKEN_HEADER, ROUTES } from '@resetdesk/shared';
import type { FlowView } from '@resetdesk/shared';
import { createHttpResetApi } from '../../../src-renderer/src/api/http-reset-api';
import { chooseMethodView, doneView, enterCodeView, newPasswordView } from '../support/flow-fixtures';

const TOKEN = 'a'.repeat(43);

interface Seen {
  method: string;
  url: string;
  token: string | undefined;
  contentType: string | undefined;
  body: unknown;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

const flowResponse = (flow: FlowView) => ({ flowToken: TOKEN, flow });

// A real HTTP server on an ephemeral port: the client is exercised through node's fetch, sockets and all.
let server: Server;
let baseUrl: string;
let seen: Seen[];
let handler: Handler;

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const token = req.headers[FLOW_TOKEN_HEADER];
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        token: typeof token === 'string' ? token : undefined,
        contentType: req.headers['content-type'],
        body: raw === '' ? undefined : JSON.parse(raw),
      });
      handler(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  seen = [];
  handler = (_req, res) => json(res, 500, { nope: true });
});

describe('http reset api', () => {
  it('starts a flow, then sends the token only in the header', async () => {
    const answers = [flowResponse(chooseMethodView()), flowResponse(enterCodeView())];
    handler = (req, res) => json(res, req.url === ROUTES.startFlow ? 201 : 200, answers.shift());
    const api = createHttpResetApi({ baseUrl });

    expect(await api.startReset({ username: 'jan@contoso.com', locale: 'nl-NL' })).toEqual({ ok: true, value: chooseMethodView() });
    expect(await api.chooseMethod({ methodId: 'email-1' })).toEqual({ ok: true, value: enterCodeView() });

    expect(seen).toEqual([
      {
        method: 'POST',
        url: ROUTES.startFlow,
        token: undefined,
        contentType: 'application/json',
        body: { kind: 'reset', username: 'jan@contoso.com', locale: 'nl-NL' },
      },
      {
        method: 'POST',
        url: ROUTES.chooseMethod,
        token: TOKEN,
        contentType: 'application/json',
        body: { methodId: 'email-1' },
      },
    ]);
    expect(seen.some((s) => s.url.includes(TOKEN))).toBe(false);
  });

  it('takes the rotated token after a passed gate and sends only that one afterwards (issue 9 item 10)', async () => {
    const ROTATED = 'b'.repeat(43);
    const answers = [
      { flowToken: TOKEN, flow: enterCodeView() },
      { flowToken: ROTATED, flow: newPasswordView() },
      { flowToken: ROTATED, flow: doneView() },
    ];
    handler = (req, res) => json(res, req.url === ROUTES.startFlow ? 201 : 200, answers.shift());
    const api = createHttpResetApi({ baseUrl });
    await api.startReset({ username: 'jan' });
    await api.verifyCode({ code: '123456' });
    await api.setPassword({ newPassword: 'Correct-Horse-9' });
    expect(seen.map((s) => s.token)).toEqual([undefined, TOKEN, ROTATED]);
  });

  it('passes the server error through as it is', async () => {
    handler = (req, res) =>
      req.url === ROUTES.startFlow
        ? json(res, 201, flowResponse(enterCodeView()))
        : json(res, 400, { error: { code: 'CODE_INVALID', message: 'Wrong code.', details: { attemptsLeft: 2 } } });
    const api = createHttpResetApi({ baseUrl });
    await api.startReset({ username: 'jan' });

    expect(await api.verifyCode({ code: '111111' })).toEqual({
      ok: false,
      error: { code: 'CODE_INVALID', message: 'Wrong code.', details: { attemptsLeft: 2 } },
    });
    expect(seen[1]).toMatchObject({ url: ROUTES.verifyCode, token: TOKEN, body: { code: '111111' } });
  });

  it.each([
    ['a success body outside the contract', 200, '{"flowToken":"short","flow":{}}', 'SERVER_BAD_RESPONSE'],
    ['a success body that is not JSON', 201, '<html>hello</html>', 'SERVER_BAD_RESPONSE'],
    ['an error body outside the contract', 400, '{"error":{"code":"NOT_A_CODE","message":"x"}}', 'SERVER_BAD_RESPONSE'],
    ['an empty 500', 500, '', 'SERVER_BAD_RESPONSE'],
    ["a proxy's 502 page", 502, '<h1>Bad gateway</h1>', 'SERVER_UNREACHABLE'],
    ["a proxy's 504 page", 504, '<h1>Gateway timeout</h1>', 'SERVER_TIMEOUT'],
  ])('maps %s to %s', async (_name, status, body, code) => {
    handler = (_req, res) => res.writeHead(status, { 'content-type': 'text/plain' }).end(body);
    const result = await createHttpResetApi({ baseUrl }).startReset({ username: 'jan' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe(code);
  });

  it('maps a refused connection to SERVER_UNREACHABLE', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));

    const result = await createHttpResetApi({ baseUrl: `http://127.0.0.1:${port}` }).startReset({ username: 'jan' });
    expect(result).toMatchObject({ ok: false, error: { code: 'SERVER_UNREACHABLE' } });
  });

  it('maps a server that does not answer in time to SERVER_TIMEOUT', async () => {
    handler = () => {}; // never answers
    const started = Date.now();
    const result = await createHttpResetApi({ baseUrl, timeoutMs: 200 }).startReset({ username: 'jan' });
    expect(result).toMatchObject({ ok: false, error: { code: 'SERVER_TIMEOUT' } });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('times out a server that sends headers and then stalls', async () => {
    handler = (_req, res) => {
      res.writeHead(201, { 'content-type': 'application/json' });
      res.write('{"flowToken":');
    };
    const result = await createHttpResetApi({ baseUrl, timeoutMs: 200 }).startReset({ username: 'jan' });
    expect(result).toMatchObject({ ok: false, error: { code: 'SERVER_TIMEOUT' } });
  });

  it('never puts the token in an error message', async () => {
    handler = (req, res) =>
      req.url === ROUTES.startFlow ? json(res, 201, flowResponse(chooseMethodView())) : json(res, 200, { junk: TOKEN });
    const api = createHttpResetApi({ baseUrl });
    await api.startReset({ username: 'jan' });
    const result = await api.chooseMethod({ methodId: 'email-1' });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain(TOKEN);
  });

  it('cancels with DELETE and the token, then forgets the token', async () => {
    handler = (req, res) => {
      if (req.url === ROUTES.startFlow) json(res, 201, flowResponse(chooseMethodView()));
      else if (req.method === 'DELETE') res.writeHead(204).end();
      else json(res, 410, { error: { code: 'FLOW_EXPIRED', message: 'No flow.' } });
    };
    const api = createHttpResetApi({ baseUrl });
    await api.startReset({ username: 'jan' });

    expect(await api.cancelFlow({})).toEqual({ ok: true, value: { cancelled: true } });
    expect(seen[1]).toMatchObject({ method: 'DELETE', url: ROUTES.cancelFlow, token: TOKEN });

    // Nothing left to cancel: no request at all.
    expect(await api.cancelFlow({})).toEqual({ ok: true, value: { cancelled: true } });
    expect(seen).toHaveLength(2);

    await api.chooseMethod({ methodId: 'email-1' });
    expect(seen[2]).toMatchObject({ url: ROUTES.chooseMethod, token: undefined });
  });

  it('forgets the token after FLOW_EXPIRED and after the flow is done', async () => {
    const answers: [number, unknown][] = [
      [201, flowResponse(chooseMethodView())],
      [404, { error: { code: 'FLOW_EXPIRED', message: 'Expired.' } }],
      [200, flowResponse(chooseMethodView())],
      [201, flowResponse(enterCodeView())],
      [200, flowResponse(doneView())],
      [404, { error: { code: 'FLOW_EXPIRED', message: 'Expired.' } }],
    ];
    handler = (_req, res) => {
      const [status, body] = answers.shift() ?? [500, {}];
      json(res, status, body);
    };
    const api = createHttpResetApi({ baseUrl });
    await api.startReset({ username: 'jan' });
    await api.chooseMethod({ methodId: 'email-1' });
    await api.chooseMethod({ methodId: 'email-1' });
    await api.startReset({ username: 'jan' });
    await api.setPassword({ newPassword: 'Correct-Horse-7' });
    await api.setPassword({ newPassword: 'Correct-Horse-7' });
    expect(seen.map((s) => s.token)).toEqual([undefined, TOKEN, undefined, undefined, TOKEN, undefined]);
  });

  it('refuses input outside the contract without sending it', async () => {
    const api = createHttpResetApi({ baseUrl });
    expect(await api.verifyCode({ code: '12ab56' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await api.startReset({ username: '   ' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(seen).toEqual([]);
  });

  it('reads the public config as app info', async () => {
    handler = (_req, res) =>
      json(res, 200, { organizationName: 'Contoso', contactAdminUrl: 'https://help.contoso.com', demoMode: true });
    expect(await createHttpResetApi({ baseUrl }).getAppInfo({})).toEqual({
      ok: true,
      value: { organizationName: 'Contoso', contactAdminUrl: 'https://help.contoso.com' },
    });
    expect(seen[0]).toMatchObject({ method: 'GET', url: ROUTES.getPublicConfig, token: undefined });
  });

  it('passes on the tenant domain for the User ID example (issue 9 item 16)', async () => {
    handler = (_req, res) => json(res, 200, { organizationName: 'Contoso', demoMode: true, userIdDomain: 'contoso.example' });
    expect(await createHttpResetApi({ baseUrl }).getAppInfo({})).toEqual({
      ok: true,
      value: { organizationName: 'Contoso', userIdDomain: 'contoso.example' },
    });
  });

  it('rejects a public config outside the contract', async () => {
    handler = (_req, res) => json(res, 200, { organizationName: 'Contoso' });
    expect(await createHttpResetApi({ baseUrl }).getAppInfo({})).toMatchObject({
      ok: false,
      error: { code: 'SERVER_BAD_RESPONSE' },
    });
  });
});
