import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OPERATION_NAMES, buildBridge } from '@resetdesk/shared';
import { createMainCore } from '../../../src-main/composition/create-main-core';
import { parseAppConfig } from '../../../src-main/config/app-config';
import { createRedactingLogger } from '../../../src-main/logging/logger';
import { sendJson, startScriptedServer } from '../support/scripted-server';
import type { ScriptedServer } from '../support/scripted-server';
import { createRecordingSink } from '../support/recording-sink';
import { CHOOSE_METHOD_STEP, DONE_STEP, ENTER_CODE_STEP, FLOW_TOKEN, NEW_PASSWORD_STEP, flowResponse } from '../support/flow-fixtures';

const PAGE = 'http://127.0.0.1:4173';
let server: ScriptedServer;

beforeEach(async () => {
  const steps = [CHOOSE_METHOD_STEP, ENTER_CODE_STEP, NEW_PASSWORD_STEP, DONE_STEP];
  server = await startScriptedServer((_req, res) => sendJson(res, 200, flowResponse(steps.shift() ?? DONE_STEP)));
});

afterEach(async () => {
  await server.close();
});

describe('main core (the Electron-free main process)', () => {
  it('runs a whole reset through the bridge and the dispatcher, secrets never logged', async () => {
    const sink = createRecordingSink();
    const core = createMainCore({
      config: parseAppConfig({ serverUrl: server.url }),
      appVersion: '0.1.0',
      trustedOrigins: [PAGE],
      logger: createRedactingLogger(sink),
    });
    const bridge = buildBridge((channel, input) =>
      core.dispatcher.dispatch(channel, input, { senderId: 1, senderUrl: `${PAGE}/index.html` }),
    );

    await bridge.startReset({ username: 'jan@contoso.com' });
    await bridge.chooseMethod({ methodId: 'email-1' });
    await bridge.verifyCode({ code: '482913' });
    const done = await bridge.setPassword({ newPassword: 'Correct-Horse-9' });

    expect(done.ok && done.value.step).toEqual(DONE_STEP);
    const everything = sink.text();
    for (const secret of ['482913', 'Correct-Horse-9', FLOW_TOKEN]) expect(everything).not.toContain(secret);
    expect(server.requests[0]?.headers['user-agent']).toBe('ResetDesk/0.1.0');
  });

  it('answers CONFIG_INVALID on every channel when the configuration is invalid', async () => {
    const core = createMainCore({
      config: parseAppConfig({ serverUrl: 'http://reset.contoso.com' }),
      appVersion: '0.1.0',
      trustedOrigins: [PAGE],
      logger: createRedactingLogger(createRecordingSink()),
    });
    // Valid inputs, so that the answer is the configuration's error and not INVALID_INPUT; the rest take {}.
    const inputs: Record<string, unknown> = {
      startReset: { username: 'jan' },
      chooseMethod: { methodId: 'm' },
      verifyCode: { code: '123456' },
      answerQuestions: { answers: [{ questionId: 'q', answer: 'a' }] },
      setPassword: { newPassword: 'x' },
      checkPassword: { newPassword: 'x' },
      startUnlock: { username: 'jan' },
      startChange: { username: 'jan' },
      changePassword: { oldPassword: 'x', newPassword: 'y' },
      requestHelp: { username: 'jan', reason: 'ACCOUNT_NOT_ENABLED' },
      verifyPasskey: {
        assertion: {
          id: 'Y3JlZGVudGlhbC1pZC0x',
          rawId: 'Y3JlZGVudGlhbC1pZC0x',
          type: 'public-key',
          response: { clientDataJSON: 'e30', authenticatorData: 'AA', signature: 'AA' },
        },
      },
      startRegistration: { username: 'jan' },
      signIn: { password: 'x' },
      beginRegistration: { kind: 'email', address: 'jan@contoso.com' },
      confirmRegistration: { code: '123456' },
      removeSecurityInfo: { methodId: 'm' },
      setDefaultMethod: { methodId: 'm' },
      signInWithTap: { pass: '1234567890' },
    };
    for (const channel of OPERATION_NAMES) {
      const result = await core.dispatcher.dispatch(channel, inputs[channel] ?? {}, { senderId: 1, senderUrl: PAGE });
      expect(result.ok || result.error.code, channel).toBe('CONFIG_INVALID');
    }
    expect(server.requests).toHaveLength(0);
  });
});
