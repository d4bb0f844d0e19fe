import { createKeychainSecretStore } from '../../../src-main/secrets/keychain-secret-store';
import { KeychainUnavailableError } from '../../../src-main/secrets/secret-store';

/**
 * Runs SecretStore operations in a process of its own and prints one JSON line of results. The keyring binding keeps
 * one D-Bus session connection per process (libdbus), so each keyring the test starts needs a fresh process: the test
 * runs this script with that keyring's DBUS_SESSION_BUS_ADDRESS.
 *
 * argv[2]: JSON array of {op: 'get'|'set'|'delete', account, secret?}. Output: one entry per op, {value} or {error}.
 */
type Op = { op: 'get' | 'delete'; account: string } | { op: 'set'; account: string; secret: string };

const ops = JSON.parse(process.argv[2] ?? '[]') as Op[];
const store = createKeychainSecretStore({ service: 'ResetDesk-test', timeoutMs: 5_000 });
const results: unknown[] = [];
for (const op of ops) {
  try {
    if (op.op === 'set') {
      await store.set(op.account, op.secret);
      results.push({ value: null });
    } else if (op.op === 'get') results.push({ value: await store.get(op.account) });
    else results.push({ value: await store.delete(op.account) });
  } catch (error) {
    results.push({
      error: error instanceof KeychainUnavailableError ? error.code : 'OTHER',
      message: error instanceof Error ? error.message : String(error),
    });
  }
}
process.stdout.write(`${JSON.stringify(results)}\n`);
