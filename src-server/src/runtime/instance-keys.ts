import type { DeviceKey } from '../devices/device-key';
import { checkSharedKeys, fingerprintOf, fingerprintOfDerived } from '../secrets/key-fingerprints';
import type { ServerSecrets } from '../secrets/server-secrets';
import type { Store } from '../store/store';
import type { Clock } from '../support/clock';

/**
 * On PostgreSQL (the store several instances share) every instance must hold the same keys: refused at start when
 * they differ from the first instance's (secrets/key-fingerprints.ts). SQLite has one server per file, whose keys
 * folder is its own, so nothing is compared there.
 */
export async function checkInstanceKeys(
  store: Store,
  keysDir: string,
  secrets: ServerSecrets,
  deviceKey: DeviceKey,
  clock: Clock,
): Promise<void> {
  if (store.dialect !== 'postgres') return;
  const keys = {
    codeHmacKey: fingerprintOf(secrets.codeHmacKey),
    decoyKey: fingerprintOf(secrets.decoyKey),
    deviceKey: fingerprintOfDerived(deviceKey.secretFor('resetdesk-key-fingerprint')),
  };
  await checkSharedKeys(store.db, keys, keysDir, clock.now());
}
