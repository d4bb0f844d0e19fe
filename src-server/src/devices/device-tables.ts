import type { Generated, Kysely, Selectable } from 'kysely';
import type { DatabaseSchema, IsoTimestamp } from '../store/database-schema';
import type { ResetDeskDb } from '../store/store';

export interface EnrollmentTokensTable {
  id: string;
  tenant_id: string;
  // SHA-256 of the token: the token itself is shown once, to IT, when it is created.
  token_hash: string;
  label: string | null;
  max_uses: number;
  uses: Generated<number>;
  created_at: IsoTimestamp;
  expires_at: IsoTimestamp;
  revoked_at: IsoTimestamp | null;
}

export interface DevicesTable {
  id: string;
  tenant_id: string;
  name: string;
  // SHA-256 of the app-scoped machine id; a credential presented with another one is refused.
  machine_id_hash: string;
  enrollment_token_id: string | null;
  app_version: string | null;
  enrolled_at: IsoTimestamp;
  last_seen_at: IsoTimestamp | null;
  last_ip: string | null;
  revoked_at: IsoTimestamp | null;
  revoked_reason: string | null;
}

export interface DeviceNoncesTable {
  device_id: string;
  nonce: string;
  seen_at: IsoTimestamp;
}

/** The device tables, kept beside (not inside) the core schema so that this feature stays in its own folder. */
export type DeviceTables = {
  enrollment_tokens: EnrollmentTokensTable;
  devices: DevicesTable;
  device_nonces: DeviceNoncesTable;
};

export type DeviceDb = Kysely<DatabaseSchema & DeviceTables>;
export type DeviceRow = Selectable<DevicesTable>;
export type EnrollmentTokenRow = Selectable<EnrollmentTokensTable>;

export function deviceDb(db: ResetDeskDb): DeviceDb {
  return db.withTables<DeviceTables>();
}
