import { describe, expect, it } from 'vitest';
import type { FlowView, Result } from '@resetdesk/shared';
import { createResetFlowStore, selectScreen } from '../../../src-renderer/src/state/reset-flow-store';
import { FakeResetApi } from '../support/fake-reset-api';
import {
  chooseMethodView,
  doneView,
  EXPIRES_AT,
  enterCodeView,
  failure,
  newPasswordView,
  success,
} from '../support/flow-fixtures';

function deferred() {
  let resolve!: (value: Result<FlowView>) => void;
  const promise = new Promise<Result<FlowView>>((r) => (resolve = r));
  return { promise, resolve };
}

describe('reset flow store', () => {
  it('walks the happy path, one screen per server step', async () => {
    const api = new FakeResetApi().answer(
      success(chooseMethodView()),
      success(enterCodeView()),
      success(newPasswordView()),
      success(doneView()),
    );
    const store = createResetFlowStore(api);
    const screen = () => selectScreen(store.getState());

    expect(screen()).toBe('username');
    await store.getState().startReset('jan@contoso.com', 'nl');
    expect(screen()).toBe('chooseMethod');
    await store.getState().chooseMethod('email-1');
    expect(screen()).toBe('enterCode');
    await store.getState().verifyCode('123456');
    expect(screen()).toBe('newPassword');
    await store.getState().setPassword('Correct-Horse-7');
    expect(screen()).toBe('done');
    expect(store.getState()).toMatchObject({ busy: false, error: null, stepError: null });

    expect(api.calls).toEqual([
      { method: 'startReset', username: 'jan@contoso.com', locale: 'nl' },
      { method: 'chooseMethod', methodId: 'email-1' },
      { method: 'verifyCode', code: '123456' },
      { method: 'setPassword', newPassword: 'Correct-Horse-7' },
    ]);
  });

  it('is busy while a call runs and ignores a second submit meanwhile', async () => {
    const pending = deferred();
    const api = new FakeResetApi().answer(pending.promise);
    const store = createResetFlowStore(api);

    const first = store.getState().startReset('jan');
    expect(store.getState().busy).toBe(true);
    await store.getState().startReset('jan');
    expect(api.calls).toHaveLength(1);

    pending.resolve(success(chooseMethodView()));
    await first;
    expect(store.getState().busy).toBe(false);
    expect(selectScreen(store.getState())).toBe('chooseMethod');
  });

  it('stays on enterCode after CODE_INVALID, with the attempts left from the server', async () => {
    const api = new FakeResetApi().answer(
      success(enterCodeView(3)),
      failure({ code: 'CODE_INVALID', message: 'wrong code', details: { attemptsLeft: 2 } }),
      success(newPasswordView()),
    );
    const store = createResetFlowStore(api);
    await store.getState().startReset('jan');
    await store.getState().verifyCode('000000');

    const state = store.getState();
    expect(selectScreen(state)).toBe('enterCode');
    expect(state.error).toBeNull();
    expect(state.stepError?.code).toBe('CODE_INVALID');
    expect(state.flow?.step).toMatchObject({ kind: 'enterCode', attemptsLeft: 2 });

    // The right code next: the inline error is gone.
    await store.getState().verifyCode('123456');
    expect(selectScreen(store.getState())).toBe('newPassword');
    expect(store.getState().stepError).toBeNull();
  });

  it('stays on newPassword after PASSWORD_REJECTED, keeping the reasons', async () => {
    const api = new FakeResetApi().answer(
      success(newPasswordView()),
      failure({
        code: 'PASSWORD_REJECTED',
        message: 'rejected',
        details: { reasons: ['BANNED_PASSWORD', 'CONTAINS_USER_NAME'] },
      }),
    );
    const store = createResetFlowStore(api);
    await store.getState().startReset('jan');
    await store.getState().setPassword('Password1!');

    expect(selectScreen(store.getState())).toBe('newPassword');
    expect(store.getState().stepError?.details?.reasons).toEqual(['BANNED_PASSWORD', 'CONTAINS_USER_NAME']);
    expect(store.getState().error).toBeNull();
  });

  it.each([
    ['ACCOUNT_NOT_ENABLED', 'username'],
    ['SERVER_UNREACHABLE', 'username'],
    ['CODE_ATTEMPTS_EXCEEDED', 'enterCode'],
    ['CODE_EXPIRED', 'enterCode'],
    ['DIRECTORY_ERROR', 'newPassword'],
    // A recoverable code on the wrong step is not recoverable there.
    ['PASSWORD_REJECTED', 'enterCode'],
    ['CODE_INVALID', 'username'],
  ] as const)('shows %s (from %s) on the error screen', async (code, from) => {
    const api = new FakeResetApi();
    if (from === 'enterCode') api.answer(success(enterCodeView()));
    if (from === 'newPassword') api.answer(success(newPasswordView()));
    api.answer(failure({ code, message: 'failed', details: { correlationId: 'abc123' } }));
    const store = createResetFlowStore(api);
    if (from !== 'username') await store.getState().startReset('jan');

    if (from === 'username') await store.getState().startReset('jan');
    else if (from === 'enterCode') await store.getState().verifyCode('123456');
    else await store.getState().setPassword('Correct-Horse-7');

    expect(selectScreen(store.getState())).toBe('error');
    expect(store.getState().error).toEqual({ code, message: 'failed', details: { correlationId: 'abc123' } });
    expect(store.getState().busy).toBe(false);
  });

  it('start over cancels the open flow and returns to the username screen', async () => {
    const api = new FakeResetApi().answer(success(enterCodeView()));
    const store = createResetFlowStore(api);
    await store.getState().startReset('jan');
    await store.getState().startOver();

    expect(selectScreen(store.getState())).toBe('username');
    expect(store.getState()).toMatchObject({ flow: null, error: null, stepError: null, busy: false });
    expect(api.calls.at(-1)).toEqual({ method: 'cancelFlow' });
  });

  it('start over from the error screen also cancels, and from done or no flow it does not', async () => {
    const api = new FakeResetApi().answer(
      success(enterCodeView()),
      failure({ code: 'CODE_EXPIRED', message: 'expired' }),
      success(doneView()),
    );
    const store = createResetFlowStore(api);
    await store.getState().startOver();
    expect(api.calls).toEqual([]);

    await store.getState().startReset('jan');
    await store.getState().verifyCode('123456');
    expect(selectScreen(store.getState())).toBe('error');
    await store.getState().startOver();
    expect(api.calls.filter((c) => c.method === 'cancelFlow')).toHaveLength(1);
    expect(selectScreen(store.getState())).toBe('username');

    await store.getState().startReset('jan');
    expect(selectScreen(store.getState())).toBe('done');
    await store.getState().startOver();
    expect(api.calls.filter((c) => c.method === 'cancelFlow')).toHaveLength(1);
    expect(selectScreen(store.getState())).toBe('username');
  });

  it('drops an answer that arrives after start over', async () => {
    const pending = deferred();
    const api = new FakeResetApi().answer(success(chooseMethodView()), pending.promise);
    const store = createResetFlowStore(api);
    await store.getState().startReset('jan');
    const late = store.getState().chooseMethod('email-1');
    await store.getState().startOver();
    pending.resolve(success(enterCodeView()));
    await late;

    expect(selectScreen(store.getState())).toBe('username');
    expect(store.getState().busy).toBe(false);
  });

  it('shows FLOW_EXPIRED once expiresAt has passed, not before', async () => {
    let now = Date.parse(EXPIRES_AT) - 1000;
    const api = new FakeResetApi().answer(success(chooseMethodView()));
    const store = createResetFlowStore(api, { now: () => now });

    store.getState().expireIfPast();
    expect(selectScreen(store.getState())).toBe('username');

    await store.getState().startReset('jan');
    store.getState().expireIfPast();
    expect(selectScreen(store.getState())).toBe('chooseMethod');

    now += 1000;
    store.getState().expireIfPast();
    expect(selectScreen(store.getState())).toBe('error');
    expect(store.getState().error?.code).toBe('FLOW_EXPIRED');
  });

  it('does not expire a finished flow', async () => {
    const api = new FakeResetApi().answer(success(doneView()));
    const store = createResetFlowStore(api, { now: () => Date.parse(EXPIRES_AT) + 60_000 });
    await store.getState().startReset('jan');
    store.getState().expireIfPast();
    expect(selectScreen(store.getState())).toBe('done');
  });

  it('loads the app info, and keeps working without it', async () => {
    const api = new FakeResetApi();
    api.appInfo = { ok: true, value: { organizationName: 'Contoso', contactAdminUrl: 'https://help.contoso.com' } };
    const store = createResetFlowStore(api);
    await store.getState().loadAppInfo();
    expect(store.getState().appInfo).toEqual({ organizationName: 'Contoso', contactAdminUrl: 'https://help.contoso.com' });

    const failing = new FakeResetApi();
    failing.appInfo = { ok: false, error: { code: 'SERVER_UNREACHABLE', message: 'down' } };
    const other = createResetFlowStore(failing);
    await other.getState().loadAppInfo();
    expect(other.getState()).toMatchObject({ appInfo: null, error: null });
  });
});
