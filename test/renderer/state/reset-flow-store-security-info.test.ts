import { describe, expect, it } from 'vitest';
import type { ManageSecurityInfoStep } from '@resetdesk/shared';
import { createResetFlowStore, selectScreen } from '../../../src-renderer/src/state/reset-flow-store';
import { FakeResetApi } from '../support/fake-reset-api';
import { failure, success, view } from '../support/flow-fixtures';

const manage = (methods: ManageSecurityInfoStep['methods'] = []) =>
  view({ kind: 'manageSecurityInfo', methods, canAdd: ['email', 'phone'], methodsRequired: 1 }, undefined);
const confirm = () =>
  view({
    kind: 'confirmRegistration',
    method: 'email',
    proof: {
      kind: 'code',
      maskedTarget: 'b•••@x.example',
      codeLength: 6,
      codeExpiresAt: '2030-01-01T12:10:00.000Z',
      attemptsLeft: 5,
    },
  });

describe('reset flow store: security info', () => {
  it('walks sign-in, add, confirm and finish, keeping the errors each screen can fix there', async () => {
    const api = new FakeResetApi().answer(
      success(view({ kind: 'signIn' })),
      failure({ code: 'CREDENTIALS_INVALID', message: 'x' }),
      success(manage()),
      failure({ code: 'EMAIL_ADDRESS_INVALID', message: 'x' }),
      success(confirm()),
      failure({ code: 'CODE_INVALID', message: 'x', details: { attemptsLeft: 4 } }),
      success(manage([{ id: 'email:1', kind: 'email', maskedTarget: 'b•••@x.example', fromDirectory: false,
        isDefault: true, removable: false }])),
      failure({ code: 'SECURITY_INFO_REQUIRED', message: 'x' }),
      success(view({ kind: 'done', outcome: 'securityInfoSaved' })),
    );
    const store = createResetFlowStore(api);
    const state = () => store.getState();
    await state().startRegistration('bianca', 'en');
    expect(selectScreen(state())).toBe('signIn');
    expect(state().username).toBe('bianca');
    await state().signInToSecurityInfo('wrong');
    expect([selectScreen(state()), state().stepError?.code]).toEqual(['signIn', 'CREDENTIALS_INVALID']);
    await state().signInToSecurityInfo('right');
    expect([selectScreen(state()), state().stepError]).toEqual(['manageSecurityInfo', null]);
    await state().beginRegistration({ kind: 'email', address: 'nope' });
    expect([selectScreen(state()), state().stepError?.code]).toEqual(['manageSecurityInfo', 'EMAIL_ADDRESS_INVALID']);
    await state().beginRegistration({ kind: 'email', address: 'b@x.example' });
    await state().confirmRegistration('000000');
    expect([selectScreen(state()), state().stepError?.code]).toEqual(['confirmRegistration', 'CODE_INVALID']);
    await state().confirmRegistration('123456');
    await state().removeSecurityInfo('email:1');
    expect(state().stepError?.code).toBe('SECURITY_INFO_REQUIRED');
    await state().finishRegistration();
    expect(selectScreen(state())).toBe('done');
    expect(api.calls.map((c) => c.method)).toEqual([
      'startRegistration', 'signIn', 'signIn', 'beginRegistration', 'beginRegistration', 'confirmRegistration',
      'confirmRegistration', 'removeSecurityInfo', 'finishRegistration',
    ]);
    expect(api.calls[0]).toEqual({ method: 'startRegistration', input: { username: 'bianca', locale: 'en' } });
  });

  it('ends on the error screen for what no security-info screen can fix', async () => {
    const api = new FakeResetApi().answer(success(manage()), failure({ code: 'FLOW_EXPIRED', message: 'x' }));
    const store = createResetFlowStore(api);
    await store.getState().startRegistration('bianca');
    await store.getState().setDefaultMethod('email:1');
    expect(selectScreen(store.getState())).toBe('error');
  });
});
