import { describe, expect, it } from 'vitest';
import type { CaptchaChallenge } from '@resetdesk/shared';
import { createResetFlowStore, selectScreen } from '../../../src-renderer/src/state/reset-flow-store';
import { FakeResetApi } from '../support/fake-reset-api';
import { chooseMethodView, failure, success } from '../support/flow-fixtures';

const CHALLENGE: CaptchaChallenge = {
  id: 'abcdefghijklmnopqrstuv',
  image: { width: 220, height: 72, length: 5, paths: [{ d: 'M0 0 L10 10', strokeWidth: 2, shade: 0 }] },
  proofOfWork: { salt: 'abcdefghijklmnopqrstuv', difficultyBits: 8 },
  expiresAt: '2030-01-01T12:05:00.000Z',
};

describe('reset flow store: CAPTCHA and helpdesk requests', () => {
  it('stays on the username step with a fresh CAPTCHA when the server asks for one, and sends the answer', async () => {
    const api = new FakeResetApi().answer(
      failure({ code: 'CAPTCHA_REQUIRED', message: 'solve it' }),
      failure({ code: 'CAPTCHA_INVALID', message: 'wrong' }),
      success(chooseMethodView()),
    );
    api.captcha = { ok: true, value: CHALLENGE };
    const store = createResetFlowStore(api);
    await store.getState().startReset('jan');
    await Promise.resolve();
    expect(selectScreen(store.getState())).toBe('username');
    expect(store.getState().stepError?.code).toBe('CAPTCHA_REQUIRED');
    expect(store.getState().captcha).toEqual(CHALLENGE);

    await store.getState().startReset('jan', 'en', { id: CHALLENGE.id, text: 'WRONG' });
    await Promise.resolve();
    expect(selectScreen(store.getState())).toBe('username');
    expect(store.getState().stepError?.code).toBe('CAPTCHA_INVALID');

    await store.getState().startReset('jan', 'en', { id: CHALLENGE.id, proofOfWorkNonce: '42' });
    expect(selectScreen(store.getState())).toBe('chooseMethod');
    expect(store.getState().captcha).toBeNull();
  });

  it('shows the error screen when no CAPTCHA can be fetched', async () => {
    const api = new FakeResetApi().answer(failure({ code: 'CAPTCHA_REQUIRED', message: 'solve it' }));
    api.captcha = { ok: false, error: { code: 'SERVER_UNREACHABLE', message: 'down' } };
    const store = createResetFlowStore(api);
    await store.getState().startReset('jan');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.getState().error?.code).toBe('SERVER_UNREACHABLE');
  });

  it('asks the helpdesk about the user ID last submitted, with the error code only', async () => {
    const api = new FakeResetApi().answer(failure({ code: 'ACCOUNT_NOT_ENABLED', message: 'no' }));
    const store = createResetFlowStore(api);
    expect(await store.getState().requestHelp('ACCOUNT_NOT_ENABLED')).toBe(false);
    await store.getState().startReset('carlos');
    expect(await store.getState().requestHelp('ACCOUNT_NOT_ENABLED')).toBe(true);
    expect(api.helpRequests).toEqual([{ username: 'carlos', reason: 'ACCOUNT_NOT_ENABLED' }]);
    api.helpAnswer = { ok: false, error: { code: 'DELIVERY_FAILED', message: 'no helpdesk' } };
    expect(await store.getState().requestHelp('ACCOUNT_NOT_ENABLED')).toBe(false);
  });

  it('answers the help request\'s CAPTCHA with the device\'s proof of work (issue 9 item 8)', async () => {
    const api = new FakeResetApi().answer(failure({ code: 'ACCOUNT_NOT_ENABLED', message: 'no' }));
    api.captcha = { ok: true, value: { ...CHALLENGE, proofOfWork: { ...CHALLENGE.proofOfWork, difficultyBits: 4 } } };
    const store = createResetFlowStore(api);
    await store.getState().startReset('carlos');
    expect(await store.getState().requestHelp('ACCOUNT_NOT_ENABLED')).toBe(true);
    expect(api.helpRequests[0]?.captcha).toMatchObject({ id: CHALLENGE.id, proofOfWorkNonce: expect.stringMatching(/^\d+$/u) });
  });
});
