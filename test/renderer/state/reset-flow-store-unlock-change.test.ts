import { describe, expect, it } from 'vitest';
import { DEFAULT_PASSWORD_POLICY } from '@resetdesk/shared';
import { createResetFlowStore, selectScreen } from '../../../src-renderer/src/state/reset-flow-store';
import { FakeResetApi } from '../support/fake-reset-api';
import { chooseMethodView, failure, success, view } from '../support/flow-fixtures';

const changeView = () => view({ kind: 'changePassword', policy: DEFAULT_PASSWORD_POLICY, userNames: [] });

describe('reset flow store: unlock and change', () => {
  it('starts an unlock flow and shows the unlocked done screen', async () => {
    const api = new FakeResetApi().answer(
      success(chooseMethodView()),
      success(view({ kind: 'done', outcome: 'accountUnlocked' })),
    );
    const store = createResetFlowStore(api);
    await store.getState().startUnlock('frank', 'en');
    expect(selectScreen(store.getState())).toBe('chooseMethod');
    expect(store.getState().username).toBe('frank');
    await store.getState().verifyCode('123456');
    expect(selectScreen(store.getState())).toBe('done');
    expect(api.calls[0]).toEqual({ method: 'startUnlock', username: 'frank', locale: 'en' });
  });

  it('keeps the change form for the errors the user can fix there, and ends the flow for the others', async () => {
    const api = new FakeResetApi().answer(
      success(changeView()),
      failure({ code: 'CREDENTIALS_INVALID', message: 'x' }),
      failure({ code: 'PASSWORD_REUSED', message: 'x' }),
      failure({ code: 'PASSWORD_REJECTED', message: 'x', details: { reasons: ['TOO_SHORT'] } }),
      failure({ code: 'ACCOUNT_LOCKED', message: 'x' }),
    );
    const store = createResetFlowStore(api);
    await store.getState().startChange('grace');
    expect(selectScreen(store.getState())).toBe('changePassword');
    for (const code of ['CREDENTIALS_INVALID', 'PASSWORD_REUSED', 'PASSWORD_REJECTED']) {
      await store.getState().changePassword('Old-1', 'New-Harbor-22');
      expect(selectScreen(store.getState())).toBe('changePassword');
      expect(store.getState().stepError?.code).toBe(code);
    }
    await store.getState().changePassword('Old-1', 'New-Harbor-22');
    expect(selectScreen(store.getState())).toBe('error');
    expect(store.getState().error?.code).toBe('ACCOUNT_LOCKED');
    await store.getState().startOver();
    expect(store.getState().username).toBeNull();
    expect(api.calls[1]).toEqual({ method: 'changePassword', oldPassword: 'Old-1', newPassword: 'New-Harbor-22' });
  });

  it('shows the unlock errors (not locked, not allowed) on the error screen', async () => {
    const api = new FakeResetApi().answer(failure({ code: 'UNLOCK_NOT_ALLOWED', message: 'x' }));
    const store = createResetFlowStore(api);
    await store.getState().startUnlock('frank');
    expect(selectScreen(store.getState())).toBe('error');
  });

  it('asks the server for its policy again on start over, so the first screen links follow it', async () => {
    const api = new FakeResetApi();
    const loaded = { organizationName: 'Contoso', version: '1.0', unlockAllowed: true, changeAllowed: true };
    api.appInfo = { ok: true, value: loaded };
    api.getPublicConfig = () =>
      Promise.resolve({ ok: true, value: { organizationName: 'Contoso', demoMode: false, unlockAllowed: false } });
    const store = createResetFlowStore(api);
    await store.getState().loadAppInfo();
    await store.getState().startOver();
    await expect.poll(() => store.getState().appInfo).toEqual({
      organizationName: 'Contoso',
      version: '1.0',
      unlockAllowed: false,
    });
  });
});
