import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PASSWORD_POLICY, FLOW_TOKEN_HEADER, ROUTES } from '@resetdesk/shared';
import { createHttpResetApi } from '../../../src-renderer/src/api/http-reset-api';
import { chooseMethodView, view } from '../support/flow-fixtures';

// The browser's ResetApi for the unlock and change flows, against a real HTTP server on an ephemeral port.
const TOKEN = 'b'.repeat(43);
const changeView = view({ kind: 'changePassword', policy: DEFAULT_PASSWORD_POLICY, userNames: [] });
const changedView = view({ kind: 'done', outcome: 'passwordChanged' });

interface Seen {
  url: string;
  token: string | undefined;
  body: unknown;
}

let server: Server;
let baseUrl: string;
let seen: Seen[];

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const token = req.headers[FLOW_TOKEN_HEADER];
      const body = raw === '' ? undefined : (JSON.parse(raw) as Record<string, unknown>);
      seen.push({ url: req.url ?? '', token: typeof token === 'string' ? token : undefined, body });
      const send = (status: number, payload: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
      if (req.url === ROUTES.startFlow) {
        return send(201, { flowToken: TOKEN, flow: body?.kind === 'change' ? changeView : chooseMethodView() });
      }
      if (req.url === ROUTES.changePassword && body?.oldPassword === 'Wrong-1') {
        return send(401, { error: { code: 'CREDENTIALS_INVALID', message: 'Wrong user ID or password' } });
      }
      if (req.url === ROUTES.changePassword) return send(200, { flowToken: TOKEN, flow: changedView });
      if (req.url === ROUTES.getPublicConfig) {
        return send(200, { organizationName: 'Contoso', demoMode: true, unlockAllowed: true, changeAllowed: false });
      }
      return send(404, { error: { code: 'INVALID_INPUT', message: 'No such route' } });
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
});

describe('http reset api: unlock and change', () => {
  it('starts an unlock flow with kind unlock', async () => {
    const api = createHttpResetApi({ baseUrl });
    expect(await api.startUnlock({ username: 'frank', locale: 'en' })).toEqual({ ok: true, value: chooseMethodView() });
    expect(seen[0]).toEqual({ url: ROUTES.startFlow, token: undefined, body: { kind: 'unlock', username: 'frank', locale: 'en' } });
  });

  it('changes a password with the token in the header; a wrong old password is a plain error', async () => {
    const api = createHttpResetApi({ baseUrl });
    expect(await api.startChange({ username: 'grace' })).toEqual({ ok: true, value: changeView });
    expect(seen[0]?.body).toEqual({ kind: 'change', username: 'grace' });
    expect(await api.changePassword({ oldPassword: 'Wrong-1', newPassword: 'New-Harbor-22' })).toEqual({
      ok: false,
      error: { code: 'CREDENTIALS_INVALID', message: 'Wrong user ID or password' },
    });
    expect(await api.changePassword({ oldPassword: 'Right-1', newPassword: 'New-Harbor-22' })).toEqual({ ok: true, value: changedView });
    expect(seen.slice(1)).toEqual([
      { url: ROUTES.changePassword, token: TOKEN, body: { oldPassword: 'Wrong-1', newPassword: 'New-Harbor-22' } },
      { url: ROUTES.changePassword, token: TOKEN, body: { oldPassword: 'Right-1', newPassword: 'New-Harbor-22' } },
    ]);
  });

  it('refuses a change outside the contract without sending it', async () => {
    const api = createHttpResetApi({ baseUrl });
    const result = await api.changePassword({ oldPassword: '', newPassword: 'New-Harbor-22' });
    expect(result.ok || result.error.code).toBe('INVALID_INPUT');
    expect(seen).toEqual([]);
  });

  it('reads the policy switches into the app info', async () => {
    const info = await createHttpResetApi({ baseUrl }).getAppInfo({});
    expect(info).toEqual({ ok: true, value: { organizationName: 'Contoso', unlockAllowed: true, changeAllowed: false } });
  });
});
