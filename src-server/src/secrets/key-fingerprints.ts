import { createHash, createHmac } from 'node:crypto';
import type { ResetDeskDb } from '../store/store';
import { keyFingerprintsDb } from './key-fingerprints-tables';

/** A key's fingerprint: an HMAC of a fixed text under the key, so the key cannot be recovered from it. */
export function fingerprintOf(key: Buffer): string {
  return createHmac('sha256', key).update('resetdesk-key-fingerprint').digest('hex');
}

/** The same for a key that only gives derived secrets (the device key): a hash of one such secret. */
export function fingerprintOfDerived(derived: string): string {
  return createHash('sha256').update(`resetdesk-key-fingerprint|${derived}`).digest('hex');
}

/** Why this instance's keys are not the ones the shared database was started with; names keys, never values. */
export class KeyMismatchError extends Error {
  override readonly name = 'KeyMismatchError';
}

/**
 * Several instances on one database must share their keys (the keys folder's files, copied by configuration
 * management): a code made with one instance's HMAC key is checked by whichever instance gets the next request.
 * Records each key's fingerprint the first time (atomically: parallel first starts agree on one), and throws
 * KeyMismatchError when this instance's keys differ from the recorded ones.
 */
export async function checkSharedKeys(
  store: ResetDeskDb,
  keys: Readonly<Record<string, string>>,
  keysDir: string,
  now: Date,
): Promise<void> {
  const db = keyFingerprintsDb(store);
  const names = Object.keys(keys);
  await db
    .insertInto('server_key_fingerprints')
    .values(names.map((name) => ({ name, fingerprint: keys[name] as string, recorded_at: now.toISOString() })))
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const rows = await db.selectFrom('server_key_fingerprints').select(['name', 'fingerprint']).execute();
  const differing = rows.filter((row) => row.name in keys && keys[row.name] !== row.fingerprint).map((row) => row.name);
  if (differing.length === 0) return;
  throw new KeyMismatchError(
    `The keys in ${keysDir} (${differing.join(', ')}) are not the ones the other server instances on this database ` +
      'use. Copy server-secrets.json and device-key from the keys folder of an existing instance (every instance ' +
      'needs the same files), then start again.',
  );
}
