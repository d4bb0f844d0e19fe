import { describe, expect, it } from 'vitest';
import type { FlowView, PasskeyAttestation } from '@resetdesk/shared';
import { createResetFlowStore, selectScreen } from '../../../src-renderer/src/state/reset-flow-store';
import { FakeResetApi } from '../support/fake-reset-api';
import { failure, success, view } from '../support/flow-fixtures';

// The store's part of a passkey being registered (the proof's refusals stay on it) and "Choose another method" on the
// reset's passkey step (back to the chooser the server last sent, without a call).

const passkeyProof = () =>
  view({
    kind: 'confirmRegistration',
    method: 'passkey',
    proof: {
      kind: 'passkey',
      options: {
        challenge: 'Y2hhbGxlbmdlLWNoYWxsZW5nZQ',
        rp: { name: 'Contoso', id: 'localhost' },
        user: { id: 'dXNlci1oYW5kbGU', name: 'bianca', displayName: 'Bianca' },
        pubKeyCredParams: [{ alg: -7, type: 'public-key' }],
        timeout: 300_000,
        attestation: 'none',
        excludeCredentials: [],
        authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
      },
      expiresAt: '2030-01-01T12:05:00.000Z',
      attemptsLeft: 5,
    },
  });
const manage = () => view({ kind: 'manageSecurityInfo', methods: [], canAdd: ['passkey'], methodsRequired: 1 });
const ATTESTATION: PasskeyAttestation = {
  id: 'Y3JlZGVudGlhbC1pZC0x',
  rawId: 'Y3JlZGVudGlhbC1pZC0x',
  type: 'public-key',
  response: { clientDataJSON: 'e30', attestationObject: 'AA' },
  clientExtensionResults: {},
};

describe('reset flow store: registering a passkey', () => {
  it.each(['PASSKEY_REGISTRATION_FAILED', 'PASSKEY_REGISTRATION_REPLAYED', 'PASSKEY_REGISTRATION_FOREIGN'] as const)(
    'keeps %s on the proof (Try again), and a verified one goes back to the list',
    async (code) => {
      const api = new FakeResetApi().answer(
        success(passkeyProof()),
        failure({ code, message: 'no', details: { attemptsLeft: 4 } }),
        success(manage()),
      );
      const store = createResetFlowStore(api);
      await store.getState().beginRegistration({ kind: 'passkey' });
      await store.getState().confirmPasskeyRegistration(ATTESTATION);
      expect([selectScreen(store.getState()), store.getState().stepError?.code]).toEqual(['confirmRegistration', code]);
      await store.getState().confirmPasskeyRegistration(ATTESTATION);
      expect([selectScreen(store.getState()), store.getState().stepError]).toEqual(['manageSecurityInfo', null]);
      expect(api.calls.at(-1)).toEqual({ method: 'confirmRegistration', input: { attestation: ATTESTATION } });
    },
  );

  it('goes back to the last chooser on "Choose another method", and forgets it on start over', async () => {
    const METHODS = [
      { id: 'email', kind: 'email', maskedTarget: 'b•••@x.example' },
      { id: 'passkey', kind: 'passkey', maskedTarget: '' },
    ] as const;
    const chooser: FlowView = view({ kind: 'chooseMethod', gate: 1, gatesRequired: 1, methods: [...METHODS] });
    const step = view({
      kind: 'usePasskey',
      gate: 1,
      gatesRequired: 1,
      method: METHODS[1],
      options: { challenge: 'Y2hhbGxlbmdlLWNoYWxsZW5nZQ', rpId: 'localhost', timeout: 120_000,
        userVerification: 'required', allowCredentials: [] },
      expiresAt: '2030-01-01T12:05:00.000Z',
    });
    const api = new FakeResetApi().answer(success(chooser), success(step));
    const store = createResetFlowStore(api);
    await store.getState().startReset('bianca', 'en');
    await store.getState().chooseMethod('passkey');
    expect(selectScreen(store.getState())).toBe('usePasskey');
    store.getState().chooseAnotherMethod();
    expect(store.getState().flow).toEqual(chooser);
    await store.getState().startOver();
    expect(store.getState().chooser).toBeNull();
  });
});
