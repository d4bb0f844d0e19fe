import { describe, expect, it } from 'vitest';
import type { PasskeyAssertion } from '@resetdesk/shared';
import { createResetFlowStore, selectScreen } from '../../../src-renderer/src/state/reset-flow-store';
import { FakeResetApi } from '../support/fake-reset-api';
import { chooseMethodView, failure, newPasswordView, success, view } from '../support/flow-fixtures';

const PASSKEY = { id: 'passkey', kind: 'passkey', maskedTarget: '' } as const;
const passkeyView = () =>
  view({
    kind: 'usePasskey',
    gate: 1,
    gatesRequired: 1,
    method: PASSKEY,
    options: {
      challenge: 'Y2hhbGxlbmdlLWNoYWxsZW5nZQ',
      rpId: 'localhost',
      timeout: 120_000,
      userVerification: 'required',
      allowCredentials: [],
    },
    expiresAt: '2030-01-01T12:05:00.000Z',
  });
const ASSERTION: PasskeyAssertion = {
  id: 'Y3JlZGVudGlhbC1pZC0x',
  rawId: 'Y3JlZGVudGlhbC1pZC0x',
  type: 'public-key',
  response: { clientDataJSON: 'e30', authenticatorData: 'AA', signature: 'AA' },
  clientExtensionResults: {},
};

describe('reset flow store: the passkey step', () => {
  it.each(['PASSKEY_REPLAYED', 'PASSKEY_WRONG_CREDENTIAL', 'PASSKEY_REJECTED'] as const)(
    'keeps %s on the passkey step (the challenge is still open), and a later answer moves on',
    async (code) => {
      const api = new FakeResetApi().answer(
        success(chooseMethodView()),
        success(passkeyView()),
        failure({ code, message: 'no', details: { attemptsLeft: 4 } }),
        success(newPasswordView()),
      );
      const store = createResetFlowStore(api);
      await store.getState().startReset('jan');
      await store.getState().chooseMethod('passkey');
      await store.getState().verifyPasskey(ASSERTION);
      expect(selectScreen(store.getState())).toBe('usePasskey');
      expect(store.getState().stepError?.code).toBe(code);
      expect(api.calls.at(-1)).toEqual({ method: 'verifyPasskey', assertion: ASSERTION });
      await store.getState().verifyPasskey(ASSERTION);
      expect(selectScreen(store.getState())).toBe('newPassword');
      expect(store.getState().stepError).toBeNull();
    },
  );

  it('ends the flow on the error screen for what the step cannot fix (a locked method)', async () => {
    const api = new FakeResetApi().answer(
      success(chooseMethodView()),
      success(passkeyView()),
      failure({ code: 'CODE_ATTEMPTS_EXCEEDED', message: 'locked', details: { attemptsLeft: 0 } }),
    );
    const store = createResetFlowStore(api);
    await store.getState().startReset('jan');
    await store.getState().chooseMethod('passkey');
    await store.getState().verifyPasskey(ASSERTION);
    expect(selectScreen(store.getState())).toBe('error');
  });
});
