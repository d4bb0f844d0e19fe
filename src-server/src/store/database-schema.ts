import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { FlowKind } from '@resetdesk/shared';
import type { IsoTimestamp, SqliteBool } from './column-types';
import type { DeliveryQueueTable, OutboxTable, PlacedCallsTable, SeenCallbacksTable } from '../delivery/delivery-tables';

export type { IsoTimestamp, SqliteBool } from './column-types';
export type { DeliveryQueueTable, OutboxTable, PlacedCallsTable, SeenCallbacksTable } from '../delivery/delivery-tables';

export interface TenantsTable {
  id: string;
  name: string;
  created_at: IsoTimestamp;
}

/** The built-in directory. `username` is stored normalised (trimmed, lowercase) and unique per tenant. */
export interface UsersTable {
  id: string;
  tenant_id: string;
  username: string;
  display_name: string;
  email: string | null;
  phone: string | null;
  password_hash: string | null;
  account_enabled: SqliteBool;
  enabled_for_reset: SqliteBool;
  // On-premises account without password writeback: the reset must happen elsewhere (CONTACT_ADMIN).
  managed_externally: SqliteBool;
  locked_at: IsoTimestamp | null;
  failed_sign_ins: Generated<number>;
  must_change_password: Generated<SqliteBool>;
  password_changed_at: IsoTimestamp | null;
  created_at: IsoTimestamp;
}

export interface GroupsTable {
  id: string;
  tenant_id: string;
  name: string;
  created_at: IsoTimestamp;
}

export interface GroupMembersTable {
  group_id: string;
  user_id: string;
}

export const FLOW_STATES = [
  'choose_method',
  // A method was chosen and its challenge sent (a code, questions, a call, an approval): waiting for the answer.
  'verify',
  'new_password',
  // Change flows only: waiting for old + new password.
  'change_password',
  // Register flows (security info): waiting for the password; the list of methods; a new method waiting for its proof.
  'sign_in',
  'manage',
  'register_confirm',
  'completed',
  'cancelled',
] as const;
export type FlowState = (typeof FLOW_STATES)[number];

export interface FlowsTable {
  id: string;
  tenant_id: string;
  // SHA-256 of the flow token: the token itself is only ever held by the client.
  token_hash: string;
  kind: FlowKind;
  state: FlowState;
  // Null for a decoy flow (the typed name matched no user).
  user_id: string | null;
  decoy: SqliteBool;
  // The directory's username for a real flow; for a decoy only the pseudonym its mask needs (see decoy-name.ts).
  username: string;
  // JSON array of the method ids already passed in this flow; its length is the number of gates passed.
  passed_method_ids: Generated<string>;
  method_id: string | null;
  client_ip: string | null;
  locale: string | null;
  created_at: IsoTimestamp;
  updated_at: IsoTimestamp;
  expires_at: IsoTimestamp;
  completed_at: IsoTimestamp | null;
}

export interface VerificationCodesTable {
  id: Generated<number>;
  flow_id: string;
  method_id: string;
  // HMAC-SHA256(codeHmacKey, flowId|code): the code itself is never stored.
  code_hmac: string;
  created_at: IsoTimestamp;
  expires_at: IsoTimestamp;
  attempts: Generated<number>;
  max_attempts: number;
  consumed_at: IsoTimestamp | null;
  // Set when a newer code replaced this one.
  invalidated_at: IsoTimestamp | null;
  // What else the method must remember about this challenge (JSON; security questions: the ids asked). Never a secret.
  challenge_data: string | null;
}

export type RegisteredMethodKind = 'questions' | 'totp' | 'approval';

/** A method a user registered beyond their directory's email and phone. `data` is JSON owned by the method module. */
export interface MethodRegistrationsTable {
  id: string;
  tenant_id: string;
  user_id: string;
  kind: RegisteredMethodKind;
  // Security questions: answer hashes; TOTP: the AES-256-GCM encrypted secret; approval: the device's label.
  data: string;
  // Approval devices: SHA-256 of the device key, to find the device from the key it presents.
  lookup_hash: string | null;
  // TOTP: the last time step accepted, so a code is never accepted twice.
  last_used_step: number | null;
  created_at: IsoTimestamp;
}

/** A voice call or an approval request waiting for the user's phone. */
export interface PendingApprovalsTable {
  id: string;
  flow_id: string;
  method_id: string;
  kind: 'voice' | 'approval';
  user_id: string | null;
  // SHA-256 of the call's id (voice: what the phone answers with); for approvals, of a random value nobody holds.
  secret_hash: string;
  // Number matching: the number the wizard shows, and the three the approver picks from (JSON).
  number: number | null;
  numbers: string | null;
  status: 'pending' | 'approved' | 'denied' | 'consumed' | 'replaced';
  from_ip: string | null;
  created_at: IsoTimestamp;
  expires_at: IsoTimestamp;
  decided_at: IsoTimestamp | null;
}

/** After too many wrong answers the method is closed for this user until locked_until (the account stays usable). */
export interface MethodLockoutsTable {
  tenant_id: string;
  user_id: string;
  method_kind: string;
  locked_until: IsoTimestamp;
}

/** Append-only (triggers refuse UPDATE and DELETE). Never holds a secret. */
export interface AuditLogTable {
  id: Generated<number>;
  tenant_id: string;
  at: IsoTimestamp;
  event: string;
  outcome: string;
  flow_id: string | null;
  user_id: string | null;
  username: string | null;
  ip: string | null;
  detail: string | null;
}

export interface ThrottleEventsTable {
  id: Generated<number>;
  tenant_id: string;
  // Opaque: `<rule>|<scope>:<value>` (see throttle/reset-throttle.ts).
  key: string;
  at: IsoTimestamp;
}

export interface ThrottleLocksTable {
  tenant_id: string;
  key: string;
  until: IsoTimestamp;
}

/** The throttle account key of a flow: `user:<id>`, or for a decoy a keyed hash of the typed name. */
export interface FlowThrottleSubjectsTable {
  flow_id: string;
  account_key: string;
  // The enrolled device that started the flow; later steps must come from it (null: no device, the IP is compared).
  device_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A running check of one account (see throttle/check-lease.ts); expires by itself if its holder dies. */
export interface ThrottleLeasesTable {
  tenant_id: string;
  key: string;
  holder: string;
  expires_at: IsoTimestamp;
}

/** A request of a flow running in some process on this SQLite file (store/sqlite-flow-lock.ts). */
export interface FlowLeasesTable {
  key: string;
  // host|pid|thread|process mark|request nonce: a holder on this host whose process is gone is taken over at once.
  holder: string;
  expires_at: IsoTimestamp;
}

/** Policy settings changed with `resetdesk-server policy set`; they override the policy file. */
export interface PolicyOverridesTable {
  tenant_id: string;
  // A dotted path into the policy, for example `throttle.emails.max`.
  key: string;
  value_json: string;
  updated_at: IsoTimestamp;
}

export interface CaptchaChallengesTable {
  id: string;
  tenant_id: string;
  kind: 'image' | 'proofOfWork';
  // HMAC of the expected answer (image text, or the proof-of-work challenge), never the answer itself.
  answer_hmac: string;
  created_at: IsoTimestamp;
  expires_at: IsoTimestamp;
  used_at: IsoTimestamp | null;
  // Leading zero bits the proof of work needs for this challenge (null: the policy's base, rows from before 0006).
  pow_bits: number | null;
}

/** A decoy flow's profile (flows/decoy/decoy-profile.ts), as JSON. */
export interface DecoyProfilesTable {
  flow_id: string;
  profile: string;
}

/** The first decoy profile drawn for an unknown name, by a keyed HMAC of the canonical name (decoy-name-profiles.ts). */
export interface DecoyNameProfilesTable {
  name_key: string;
  profile: string;
  last_used_at: IsoTimestamp;
}

export interface DatabaseSchema {
  decoy_profiles: DecoyProfilesTable;
  decoy_name_profiles: DecoyNameProfilesTable;
  delivery_queue: DeliveryQueueTable;
  placed_calls: PlacedCallsTable;
  seen_callbacks: SeenCallbacksTable;
  throttle_events: ThrottleEventsTable;
  throttle_locks: ThrottleLocksTable;
  throttle_leases: ThrottleLeasesTable;
  flow_leases: FlowLeasesTable;
  flow_throttle_subjects: FlowThrottleSubjectsTable;
  policy_overrides: PolicyOverridesTable;
  captcha_challenges: CaptchaChallengesTable;
  tenants: TenantsTable;
  users: UsersTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  flows: FlowsTable;
  verification_codes: VerificationCodesTable;
  outbox: OutboxTable;
  audit_log: AuditLogTable;
  method_registrations: MethodRegistrationsTable;
  pending_approvals: PendingApprovalsTable;
  method_lockouts: MethodLockoutsTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type FlowRow = Selectable<FlowsTable>;
export type VerificationCodeRow = Selectable<VerificationCodesTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
export type OutboxRow = Selectable<OutboxTable>;
export type MethodRegistrationRow = Selectable<MethodRegistrationsTable>;
export type PendingApprovalRow = Selectable<PendingApprovalsTable>;
