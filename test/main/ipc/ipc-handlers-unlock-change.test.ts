import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PASSWORD_POLICY, FLOW_TOKEN_HEADER, ROUTES } from '@resetdesk/shared';
import type { FlowStep } from '@resetdesk/shared';
import { createResetServerClient } from '../../../src-main/reset-server/reset-server-client';
import { createIpcHandlers } from '../../../src-main/ipc/ipc-handlers';
import { createFlowTokenStore } from '../../../src-main/session/flow-token-store';
import type { FlowTokenStore } from '../../../src-main/session/flow-token-store';
import type { IpcHandlers } from '../../../src-main/ipc/ipc-types';
import { createSilentLogger } from '../../../src-main/logging/logger';
import { sendJson, startScriptedServer } from '../support/scripted-server';
import type { ScriptedServer } from '../support/scripted-server';
import { CHOOSE_METHOD_STEP, FLOW_TOKEN, flowResponse } from '../support/flow-fixtures';

// The main-process handlers of the unlock and change-password channels against a scripted reset server.
const ctx = { senderId: 3, senderUrl: 'resetdesk://app/index.html' };
const CHANGE_STEP: FlowStep = { kind: 'changePassword', policy: DEFAULT_PASSWORD_POLICY, userNames: [] };

let server: ScriptedServer;
let tokens: FlowTokenStore;
let handlers: IpcHandlers;

beforeEach(async () => {
  server = await startScriptedServer((request, response) => {
    const route = `${request.method} ${request.url}`;
    if (route === `POST ${ROUTES.startFlow}`) {
      const kind = (JSON.parse(request.body) as { kind: string }).kind;
      return sendJson(response, 201, flowResponse(kind === 'change' ? CHANGE_STEP : CHOOSE_METHOD_STEP));
    }
    if (route === `POST ${ROUTES.changePassword}`) {
      if (request.headers[FLOW_TOKEN_HEADER] !== FLOW_TOKEN) {
        return sendJson(response, 410, { error: { code: 'FLOW_EXPIRED', message: 'Unknown flow' } });
      }
      const body = JSON.parse(request.body) as { oldPassword: string };
      if (body.oldPassword !== 'Right-Old-1') {
        return sendJson(response, 401, { error: { code: 'CREDENTIALS_INVALID', message: 'Wrong user ID or password' } });
      }
      return sendJson(response, 200, flowResponse({ kind: 'done', outcome: 'passwordChanged' }));
    }
    if (route === `GET ${ROUTES.getPublicConfig}`) {
      return sendJson(response, 200, { organizationName: 'Contoso', demoMode: false, unlockAllowed: false, changeAllowed: true });
    }
    return sendJson(response, 404, { error: { code: 'INVALID_INPUT', message: 'No such route' } });
  });
  tokens = createFlowTokenStore();
  const client = createResetServerClient({ serverUrl: server.url, timeoutMs: 2000, retryDelaysMs: [] });
  handlers = createIpcHandlers({ client, tokens, appVersion: '1', serverUrl: server.url, logger: createSilentLogger() });
});

afterEach(async () => {
  await server.close();
});

describe('ipc handlers: unlock and change', () => {
  it('starts an unlock flow with kind unlock and keeps the token in main', async () => {
    const result = await handlers.startUnlock({ username: 'frank', locale: 'nl' }, ctx);
    expect(result.ok && result.value.step.kind).toBe('chooseMethod');
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual({ kind: 'unlock', username: 'frank', locale: 'nl' });
    expect(tokens.get(ctx.senderId)).toBe(FLOW_TOKEN);
  });

  it('changes a password with the stored token, passes CREDENTIALS_INVALID through and forgets the token when done', async () => {
    const started = await handlers.startChange({ username: 'grace' }, ctx);
    expect(started.ok && started.value.step.kind).toBe('changePassword');
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual({ kind: 'change', username: 'grace' });

    const wrong = await handlers.changePassword({ oldPassword: 'Wrong-1', newPassword: 'New-Harbor-22' }, ctx);
    expect(wrong).toEqual({ ok: false, error: { code: 'CREDENTIALS_INVALID', message: 'Wrong user ID or password' } });
    expect(tokens.get(ctx.senderId)).toBe(FLOW_TOKEN);

    const done = await handlers.changePassword({ oldPassword: 'Right-Old-1', newPassword: 'New-Harbor-22' }, ctx);
    expect(done.ok && done.value.step).toEqual({ kind: 'done', outcome: 'passwordChanged' });
    expect(tokens.get(ctx.senderId)).toBeUndefined();
    expect(server.requests[2]?.headers[FLOW_TOKEN_HEADER]).toBe(FLOW_TOKEN);
  });

  it('answers FLOW_EXPIRED for a change without a flow, without calling the server', async () => {
    const result = await handlers.changePassword({ oldPassword: 'a', newPassword: 'b' }, ctx);
    expect(result.ok || result.error.code).toBe('FLOW_EXPIRED');
    expect(server.requests).toHaveLength(0);
  });

  it('publishes the policy switches in app:info', async () => {
    const info = await handlers.getAppInfo({}, ctx);
    expect(info.ok && info.value).toMatchObject({ unlockAllowed: false, changeAllowed: true });
  });
});
