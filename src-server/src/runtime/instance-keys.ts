import type { DeviceKey } from '../devices/device-key';
import { checkSharedKeys, fingerprintOf, fingerprintOfDerived } from '../secrets/key-fingerprints';
import type { ServerSecrets } from '../secrets/server-secrets';
import type { Store } from '../store/store';
import type { Clock } from '../support/clock';

/**
 * Every instance on one database must hold the same keys: refused at start when they differ from the first
 * instance's (secrets/key-fingerprints.ts). On PostgreSQL that is several instances; on SQLite several processes can
 * share one file too (and a keys folder lost and made anew would fail every code and device the old keys made).
 */
export async function checkInstanceKeys(
  store: Store,
  keysDir: string,
  secrets: ServerSecrets,
  deviceKey: DeviceKey,
  clock: Clock,
): Promise<void> {
  const keys = {
    codeHmacKey: fingerprintOf(secrets.codeHmacKey),
    decoyKey: fingerprintOf(secrets.decoyKey),
    deviceKey: fingerprintOfDerived(deviceKey.secretFor('resetdesk-key-fingerprint')),
  };
  await checkSharedKeys(store.db, keys, keysDir, clock.now());
}
