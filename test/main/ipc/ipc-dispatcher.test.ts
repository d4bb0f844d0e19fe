import { describe, expect, it, vi } from 'vitest';
import { ok } from '@resetdesk/shared';
import type { FlowView } from '@resetdesk/shared';
import { createIpcDispatcher } from '../../../src-main/ipc/ipc-dispatcher';
import type { IpcHandlers } from '../../../src-main/ipc/ipc-types';
import { createRedactingLogger } from '../../../src-main/logging/logger';
import { createRecordingSink } from '../support/recording-sink';
import { ENTER_CODE_STEP, FLOW_TOKEN, flowResponse } from '../support/flow-fixtures';

const APP = 'resetdesk://app';
const trusted = { senderId: 1, senderUrl: `${APP}/index.html` };
const VIEW: FlowView = flowResponse(ENTER_CODE_STEP).flow;

// Handlers are spies here: these tests are about what the dispatcher lets through, not what handlers do.
function spyHandlers(overrides: Partial<IpcHandlers> = {}) {
  const handlers = {
    startReset: vi.fn(async () => ok(VIEW)),
    chooseMethod: vi.fn(async () => ok(VIEW)),
    verifyCode: vi.fn(async () => ok(VIEW)),
    getFlow: vi.fn(async () => ok(VIEW)),
    answerQuestions: vi.fn(async () => ok(VIEW)),
    checkDecision: vi.fn(async () => ok(VIEW)),
    setPassword: vi.fn(async () => ok(VIEW)),
    cancelFlow: vi.fn(async () => ok({ cancelled: true as const })),
    getAppInfo: vi.fn(async () => ok({ version: '1.0.0', serverOrigin: 'https://x', organizationName: 'Contoso' })),
    ...overrides,
  };
  return handlers;
}

function setup(overrides: Partial<IpcHandlers> = {}, trustedOrigins = [APP]) {
  const handlers = spyHandlers(overrides);
  const sink = createRecordingSink();
  const dispatcher = createIpcDispatcher({
    handlers: handlers as IpcHandlers,
    trustedOrigins,
    logger: createRedactingLogger(sink),
  });
  return { handlers, sink, dispatcher };
}

describe('ipc dispatcher', () => {
  it('passes valid input from a trusted sender to the handler and returns its validated output', async () => {
    const { dispatcher, handlers } = setup();

    const result = await dispatcher.dispatch('verifyCode', { code: ' 123456 ' }, trusted);

    expect(result).toEqual({ ok: true, value: VIEW });
    // The handler sees the parsed (trimmed) input and the context.
    expect(handlers['verifyCode']).toHaveBeenCalledWith({ code: '123456' }, trusted);
  });

  it.each([
    'https://evil.example/index.html',
    'resetdesk://other/index.html',
    'file:///C:/app/index.html',
    'about:blank',
    'data:text/html,hi',
    '',
    'null',
  ])('rejects the sender %j without calling any handler', async (senderUrl) => {
    const { dispatcher, handlers } = setup();

    const result = await dispatcher.dispatch('startReset', { username: 'jan' }, { senderId: 1, senderUrl });

    expect(result.ok || result.error.code).toBe('SENDER_REJECTED');
    expect(handlers['startReset']).not.toHaveBeenCalled();
  });

  it('trusts exactly the configured origins (for example a browser test page)', async () => {
    const { dispatcher } = setup({}, ['http://127.0.0.1:4173']);
    const fromPage = await dispatcher.dispatch('cancelFlow', {}, { senderId: 2, senderUrl: 'http://127.0.0.1:4173/x' });
    const otherPort = await dispatcher.dispatch('cancelFlow', {}, { senderId: 2, senderUrl: 'http://127.0.0.1:4174/' });
    expect(fromPage.ok).toBe(true);
    expect(otherPort.ok || otherPort.error.code).toBe('SENDER_REJECTED');
  });

  it('rejects invalid input without calling the handler or echoing the input', async () => {
    const { dispatcher, handlers } = setup();

    const cases: [string, unknown][] = [
      ['verifyCode', { code: '12ab-Secret' }],
      ['setPassword', { newPassword: '' }],
      ['setPassword', { newPassword: 'Hunter2!', stolen: 'Hunter2!' }],
      ['startReset', null],
      ['startReset', 'jan'],
      ['cancelFlow', { anything: 1 }],
    ];
    for (const [channel, input] of cases) {
      const result = await dispatcher.dispatch(channel, input, trusted);
      expect(result.ok || result.error.code).toBe('INVALID_INPUT');
      const text = JSON.stringify(result);
      expect(text).not.toContain('Secret');
      expect(text).not.toContain('Hunter2');
      expect(text).not.toContain('stolen');
    }
    for (const handler of Object.values(handlers)) expect(handler).not.toHaveBeenCalled();
  });

  it.each(['flow:unknown', '__proto__', 'toString', 'constructor'])(
    'answers INVALID_INPUT for the unknown channel %s',
    async (channel) => {
      const { dispatcher } = setup();
      const result = await dispatcher.dispatch(channel, {}, trusted);
      expect(result.ok || result.error.code).toBe('INVALID_INPUT');
    },
  );

  it('turns output that breaks the contract (a token in the view) into INTERNAL', async () => {
    const leaky = vi.fn(async () => ok({ ...VIEW, flowToken: FLOW_TOKEN }) as never);
    const { dispatcher, sink } = setup({ 'chooseMethod': leaky });

    const result = await dispatcher.dispatch('chooseMethod', { methodId: 'email-1' }, trusted);

    expect(result.ok || result.error.code).toBe('INTERNAL');
    expect(JSON.stringify(result)).not.toContain(FLOW_TOKEN);
    expect(sink.text()).not.toContain(FLOW_TOKEN);
  });

  it('turns a thrown or rejected handler into INTERNAL, never a rejection', async () => {
    const throwing = vi.fn(() => {
      throw new Error('boom with password Hunter2!');
    });
    const rejecting = vi.fn(() => Promise.reject(new TypeError('nope')));
    const { dispatcher, sink } = setup({ 'startReset': throwing, 'getAppInfo': rejecting });

    await expect(dispatcher.dispatch('startReset', { username: 'jan' }, trusted)).resolves.toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
    await expect(dispatcher.dispatch('getAppInfo', {}, trusted)).resolves.toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
    expect(sink.text()).not.toContain('Hunter2');
  });

  it('logs the channel and the outcome code only', async () => {
    const { dispatcher, sink } = setup();

    await dispatcher.dispatch('setPassword', { newPassword: 'Hunter2!Hunter2!' }, trusted);
    await dispatcher.dispatch('verifyCode', { code: 'x654321' }, trusted);
    await dispatcher.dispatch('startReset', { username: 'jan' }, { senderId: 9, senderUrl: 'https://evil.example' });

    expect(sink.lines).toEqual([
      ['info', 'ipc', { channel: 'setPassword', outcome: 'ok' }],
      ['warn', 'ipc', { channel: 'verifyCode', outcome: 'INVALID_INPUT' }],
      ['warn', 'ipc', { channel: 'startReset', outcome: 'SENDER_REJECTED' }],
    ]);
  });
});
