/**
 * Where the main process keeps what must survive a restart and must not sit in a plain file: the device credential.
 * The only implementation is the OS keychain (keychain-secret-store.ts); there is deliberately no file fallback, so a
 * missing or locked keychain is an error the user sees (KEYCHAIN_UNAVAILABLE), not a silent downgrade.
 */
export interface SecretStore {
  /** The secret stored under `account`, or null when there is none. */
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  /** True when something was deleted. */
  delete(account: string): Promise<boolean>;
}

/**
 * Every failure of the keychain: not installed, no session bus, locked, access refused, timed out. `reason` is the
 * library's own description (it names the backend failure, never the secret) for the log.
 */
export class KeychainUnavailableError extends Error {
  override readonly name = 'KeychainUnavailableError';
  readonly code = 'KEYCHAIN_UNAVAILABLE' as const;
  readonly reason: string;

  constructor(operation: string, reason: string) {
    super(`The OS keychain is unavailable (${operation}): ${reason}`);
    this.reason = reason;
  }
}
