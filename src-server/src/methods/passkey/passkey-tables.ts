import type { Kysely, Selectable } from 'kysely';
import type { DatabaseSchema, IsoTimestamp } from '../../store/database-schema';
import type { ResetDeskDb } from '../../store/store';

export interface PasskeyCredentialsTable {
  // The credential id as the authenticator gave it (base64url): what an assertion names.
  id: string;
  tenant_id: string;
  // The directory's stable id of the person (objectGUID, entryUUID, the built-in directory's id), never the name.
  user_id: string;
  // The WebAuthn user handle (random, base64url), the same for all of one person's passkeys.
  user_handle: string;
  // The relying party it was made for: a passkey made for another host cannot sign for this one.
  rp_id: string;
  // COSE public key, base64url.
  public_key: string;
  // The authenticator's signature counter as last seen (0 for authenticators that keep none, like synced passkeys).
  sign_count: number;
  // JSON array of the transports the authenticator reported (usb, internal, hybrid...).
  transports: string;
  created_at: IsoTimestamp;
  last_used_at: IsoTimestamp | null;
}

/** Every assertion challenge that was accepted once: the primary key makes a second use lose, on any instance. */
export interface PasskeyUsedChallengesTable {
  challenge: string;
  tenant_id: string;
  credential_id: string;
  used_at: IsoTimestamp;
}

/** A registration ceremony under way: one per person, its challenge usable once, until expires_at. */
export interface PasskeyPendingRegistrationsTable {
  tenant_id: string;
  user_id: string;
  challenge: string;
  user_handle: string;
  expires_at: IsoTimestamp;
}

export type PasskeyTables = {
  passkey_credentials: PasskeyCredentialsTable;
  passkey_used_challenges: PasskeyUsedChallengesTable;
  passkey_pending_registrations: PasskeyPendingRegistrationsTable;
};

export type PasskeyDb = Kysely<DatabaseSchema & PasskeyTables>;
export type PasskeyCredentialRow = Selectable<PasskeyCredentialsTable>;

export function passkeyDb(db: ResetDeskDb): PasskeyDb {
  return db.withTables<PasskeyTables>();
}
