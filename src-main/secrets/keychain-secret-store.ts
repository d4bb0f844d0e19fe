import { createRequire } from 'node:module';
import { KeychainUnavailableError } from './secret-store';
import type { SecretStore } from './secret-store';

/**
 * The keytar API (https://github.com/atom/node-keytar), as `@napi-rs/keyring/keytar` implements it, plus an abort
 * signal. It is built here from `@napi-rs/keyring`'s AsyncEntry because `@napi-rs/keyring/keytar` cannot pin the
 * Linux backend: without a Secret Service it silently falls back to the kernel keyutils keyring, which forgets
 * everything at reboot. A keychain that is not there must be an error, never a quiet downgrade.
 */
export interface KeytarApi {
  getPassword(service: string, account: string, signal?: AbortSignal): Promise<string | null>;
  setPassword(service: string, account: string, password: string, signal?: AbortSignal): Promise<void>;
  deletePassword(service: string, account: string, signal?: AbortSignal): Promise<boolean>;
}

interface AsyncEntryLike {
  getPassword(signal?: AbortSignal | null): Promise<string | null>;
  setPassword(password: string, signal?: AbortSignal | null): Promise<void>;
  deletePassword(signal?: AbortSignal | null): Promise<boolean>;
}
type AsyncEntryConstructor = new (
  service: string,
  account: string,
  options?: { linux?: { store?: 'secret-service' | 'keyutils' } },
) => AsyncEntryLike;

export interface KeychainSecretStoreOptions {
  /** The keychain's service name; every account of the app lives under it. */
  service: string;
  /** Defaults to `@napi-rs/keyring` (Credential Manager, macOS Keychain, Secret Service over D-Bus: never keyutils). */
  keytar?: KeytarApi;
  /**
   * A locked keychain may wait for an unlock prompt that nobody answers (a kiosk, a lock screen): give up after this
   * long and show KEYCHAIN_UNAVAILABLE instead of hanging the wizard.
   */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 15_000;
// Secrets are small (a JSON credential); a bounded size keeps a corrupted entry from flooding memory or logs.
const MAX_SECRET_LENGTH = 8 * 1024;
const ACCOUNT_PATTERN = /^[a-z0-9][a-z0-9:._-]{0,127}$/u;

/** Loaded lazily, so that merely importing this module never touches the native binding. */
export function loadKeyringKeytar(): KeytarApi {
  const require = createRequire(import.meta.url);
  const { AsyncEntry } = require('@napi-rs/keyring') as { AsyncEntry: AsyncEntryConstructor };
  // Ignored on Windows and macOS; on Linux it requires the Secret Service (gnome-keyring, KWallet, KeePassXC).
  const entry = (service: string, account: string) =>
    new AsyncEntry(service, account, { linux: { store: 'secret-service' } });
  return {
    getPassword: (service, account, signal) => entry(service, account).getPassword(signal),
    setPassword: (service, account, password, signal) => entry(service, account).setPassword(password, signal),
    deletePassword: (service, account, signal) => entry(service, account).deletePassword(signal),
  };
}

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // The binding's messages are short backend descriptions ("Couldn't access platform storage: AccessDenied").
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

export function createKeychainSecretStore(options: KeychainSecretStoreOptions): SecretStore {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let keytar = options.keytar;

  async function run<T>(
    operation: string,
    account: string,
    call: (api: KeytarApi, signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    if (!ACCOUNT_PATTERN.test(account)) throw new TypeError(`Not a valid secret-store account name: ${account}`);
    let timer: NodeJS.Timeout | undefined;
    const abort = new AbortController();
    try {
      keytar ??= loadKeyringKeytar();
      const api = keytar;
      return await Promise.race([
        call(api, abort.signal),
        new Promise<never>((_resolve, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
    } catch (error) {
      throw new KeychainUnavailableError(operation, describe(error));
    } finally {
      clearTimeout(timer);
      abort.abort();
    }
  }

  return {
    get: (account) =>
      run('read', account, async (api, signal) => {
        const value = await api.getPassword(options.service, account, signal);
        if (value !== null && value.length > MAX_SECRET_LENGTH) throw new Error('the stored entry is too large');
        return value;
      }),
    set: (account, secret) => {
      if (secret.length > MAX_SECRET_LENGTH) return Promise.reject(new TypeError('The secret is too large to store'));
      return run('write', account, (api, signal) => api.setPassword(options.service, account, secret, signal));
    },
    delete: (account) => run('delete', account, (api, signal) => api.deletePassword(options.service, account, signal)),
  };
}
