import { describe, expect, it } from 'vitest';
import { createKeychainSecretStore } from '../../../src-main/secrets/keychain-secret-store';
import type { KeytarApi } from '../../../src-main/secrets/keychain-secret-store';
import { KeychainUnavailableError } from '../../../src-main/secrets/secret-store';

// The store's own guards (timeouts, names, sizes) with a scripted keytar: a FAKE backend, named as such, because a
// real keychain cannot be made to hang on demand. The real keychain is tested in keychain-secret-store.test.ts.
function fakeKeytar(overrides: Partial<KeytarApi>): KeytarApi {
  return {
    getPassword: () => Promise.resolve(null),
    setPassword: () => Promise.resolve(),
    deletePassword: () => Promise.resolve(false),
    ...overrides,
  };
}

describe('keychain SecretStore guards', () => {
  it('gives up on a keychain that never answers (an unanswered unlock prompt) with KEYCHAIN_UNAVAILABLE', async () => {
    const store = createKeychainSecretStore({
      service: 'ResetDesk-test',
      timeoutMs: 50,
      keytar: fakeKeytar({ getPassword: () => new Promise(() => undefined) }),
    });
    const error = await store.get('device-credential').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeychainUnavailableError);
    expect((error as KeychainUnavailableError).code).toBe('KEYCHAIN_UNAVAILABLE');
  });

  it('maps every backend failure to KEYCHAIN_UNAVAILABLE', async () => {
    const store = createKeychainSecretStore({
      service: 'ResetDesk-test',
      keytar: fakeKeytar({ setPassword: () => Promise.reject(new Error('Platform secure storage failure')) }),
    });
    await expect(store.set('device-credential', 'x')).rejects.toBeInstanceOf(KeychainUnavailableError);
  });

  it('refuses odd account names and oversized secrets before touching the keychain', async () => {
    let calls = 0;
    const store = createKeychainSecretStore({
      service: 'ResetDesk-test',
      keytar: fakeKeytar({ setPassword: () => Promise.resolve(void (calls += 1)) }),
    });
    await expect(store.get('../etc/passwd')).rejects.toBeInstanceOf(TypeError);
    await expect(store.set('device-credential', 'x'.repeat(9000))).rejects.toBeInstanceOf(TypeError);
    expect(calls).toBe(0);
  });
});
