import { describe, expect, it } from 'vitest';
import type { ApiError, FlowView, Result } from '@resetdesk/shared';
import { createResetFlowStore, selectScreen } from '../../../src-renderer/src/state/reset-flow-store';
import { FakeResetApi } from '../support/fake-reset-api';
import { newPasswordView } from '../support/flow-fixtures';

// Issue 9 item 17: a rejection of the new password is about the password that was sent; once the person types a
// different one it must not stay on screen.

const success = (value: FlowView): Result<FlowView> => ({ ok: true, value });
const failure = (error: ApiError): Result<FlowView> => ({ ok: false, error });
const rejected: ApiError = { code: 'PASSWORD_REJECTED', message: 'rejected', details: { reasons: ['BANNED_PASSWORD'] } };

describe('new-password rejections clear as the person types', () => {
  it('drops PASSWORD_REJECTED when the new password is edited, and stays on the step', async () => {
    const api = new FakeResetApi().answer(success(newPasswordView()), failure(rejected));
    const store = createResetFlowStore(api);
    await store.getState().startReset('jan');
    await store.getState().setPassword('Password123!');
    expect(store.getState().stepError?.code).toBe('PASSWORD_REJECTED');

    store.getState().newPasswordEdited();
    expect(store.getState().stepError).toBeNull();
    expect(selectScreen(store.getState())).toBe('newPassword');
    expect(store.getState().error).toBeNull();
  });

  it('drops PASSWORD_REUSED too, but keeps an error that is not about the new password', async () => {
    const store = createResetFlowStore(new FakeResetApi());
    store.setState({ stepError: { code: 'PASSWORD_REUSED', message: 'reused' } });
    store.getState().newPasswordEdited();
    expect(store.getState().stepError).toBeNull();

    const wrongOld: ApiError = { code: 'CREDENTIALS_INVALID', message: 'wrong' };
    store.setState({ stepError: wrongOld });
    store.getState().newPasswordEdited();
    expect(store.getState().stepError).toBe(wrongOld);
  });
});
