import type { Kysely } from 'kysely';
import type { ResetDeskDb } from '../store/store';

/** One row per server key: its fingerprint as first recorded (key-fingerprints-migration.ts). */
export interface ServerKeyFingerprintsTable {
  name: string;
  fingerprint: string;
  recorded_at: string;
}

export type KeyFingerprintTables = { server_key_fingerprints: ServerKeyFingerprintsTable };

export function keyFingerprintsDb(db: ResetDeskDb): Kysely<KeyFingerprintTables> {
  return db.withTables<KeyFingerprintTables>() as unknown as Kysely<KeyFingerprintTables>;
}
