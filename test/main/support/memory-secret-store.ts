import type { SecretStore } from '../../../src-main/secrets/secret-store';

/**
 * A FAKE SecretStore in memory, for tests about what is stored (enrollment over HTTP) rather than where. The real
 * keychain store is tested against gnome-keyring in test/main/secrets/keychain-secret-store.test.ts.
 */
export function createMemorySecretStore(): SecretStore & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    get: (account) => Promise.resolve(entries.get(account) ?? null),
    set: (account, secret) => {
      entries.set(account, secret);
      return Promise.resolve();
    },
    delete: (account) => Promise.resolve(entries.delete(account)),
  };
}
