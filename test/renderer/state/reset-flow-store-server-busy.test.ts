import { describe, expect, it } from 'vitest';
import type { ApiError } from '@resetdesk/shared';
import { createResetFlowStore, selectScreen } from '../../../src-renderer/src/state/reset-flow-store';
import en from '../../../src-renderer/src/i18n/languages/en.json';
import nl from '../../../src-renderer/src/i18n/languages/nl.json';
import { FakeResetApi } from '../support/fake-reset-api';
import { doneView, failure, newPasswordView, success } from '../support/flow-fixtures';

// Issue 15: a busy server (its hash queue full) changed nothing, so the wizard says "try again in N seconds" and lets
// the person send the same step again without starting over.

const busy: ApiError = { code: 'SERVER_BUSY', message: 'busy', details: { retryAfterSeconds: 4 } };

describe('SERVER_BUSY in the wizard', () => {
  it('shows the error screen; Try again returns to the same step of the same flow, which completes', async () => {
    const api = new FakeResetApi().answer(success(newPasswordView()), failure(busy), success(doneView()));
    const store = createResetFlowStore(api);
    await store.getState().startReset('jan');
    await store.getState().setPassword('Velvet-Harbor-88!q');
    expect(selectScreen(store.getState())).toBe('error');
    expect(store.getState().error?.details?.retryAfterSeconds).toBe(4);

    store.getState().retryStep();
    expect(selectScreen(store.getState())).toBe('newPassword');
    expect(store.getState().error).toBeNull();
    await store.getState().setPassword('Velvet-Harbor-88!q');
    expect(selectScreen(store.getState())).toBe('done');
  });

  it('has its title, action and the Try again button in English and Dutch', () => {
    expect(en.errors.SERVER_BUSY.title).toBe('The server is busy');
    expect(nl.errors.SERVER_BUSY.title).toBe('De server heeft het druk');
    expect(en.error.tryAgain).toBe('Try again');
    expect(nl.error.tryAgain).toBe('Opnieuw proberen');
  });
});
