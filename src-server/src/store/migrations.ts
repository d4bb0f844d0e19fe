import { Migrator } from 'kysely';
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import { initialSchema, resetProtection, unlockAndChangeFlows, verificationMethods } from './early-migrations';
import { deliveryQueueMigration } from '../delivery/delivery-queue-migration';
import { deliveryQueueHtmlMigration } from '../delivery/delivery-queue-html-migration';
import { deliveryQueueVoiceMigration } from '../delivery/delivery-queue-voice-migration';
import { placedCallsMigration } from '../delivery/voice/placed-calls-migration';
import { seenCallbacksMigration } from '../delivery/seen-callbacks-migration';
import { webhookSeenIdsMigration } from '../delivery/webhook/webhook-seen-ids-migration';
import { strangerRowsMigration } from './stranger-rows-migration';
import { flowStateNamesMigration } from './flow-state-names-migration';
import { directoryUserIdsMigration } from './directory-user-ids-migration';
import { deviceTrustMigration } from '../devices/device-migration';
import { decoyProfilesByNameMigration, decoyProfilesMigration } from '../flows/decoy/decoy-migration';
import { passwordProtectionMigration } from '../password/password-migration';
import { throttleLeasesMigration } from '../throttle/throttle-migration';
import { wasntMeMigration } from '../wasnt-me/wasnt-me-migration';
import { passkeyMigration } from '../methods/passkey/passkey-migration';
import { temporaryAccessPassMigration } from '../methods/temporary-access-pass/tap-migration';
import { totpEnrollmentMigration } from '../methods/authenticator-code/totp-enrollment-migration';
import { registrationMigration } from '../methods/registration-migration';
import { keyFingerprintsMigration } from '../secrets/key-fingerprints-migration';
import { auditFlowIndexMigration } from '../audit/audit-flow-index-migration';
import { flowLeasesMigration } from './flow-leases-migration';

/**
 * Every migration, in order. Kysely applies them in name order, so the numeric prefix decides; several `0006_` names
 * exist because they were added side by side, and their order among themselves does not matter (they touch
 * different tables). Applied migrations are never renamed or edited: a change is a new migration.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001_initial_schema': initialSchema,
  '0002_unlock_and_change_flows': unlockAndChangeFlows,
  '0003_verification_methods': verificationMethods,
  '0004_device_trust': deviceTrustMigration,
  '0005_reset_protection': resetProtection,
  '0006_password_banned_terms_and_history': passwordProtectionMigration,
  '0006_sec-edges_stranger_rows': strangerRowsMigration,
  '0006_sec-enum_decoy_profiles': decoyProfilesMigration,
  '0006_sec-enum_delivery_queue': deliveryQueueMigration,
  '0006_sec-throttle_leases_and_flow_bindings': throttleLeasesMigration,
  '0007_decoy_profiles_by_name': decoyProfilesByNameMigration,
  '0008_flows_state_names': flowStateNamesMigration,
  '0009_email_delivery_queue_html': deliveryQueueHtmlMigration,
  '0010_directory_user_ids': directoryUserIdsMigration,
  '0011_delivery_queue_voice': deliveryQueueVoiceMigration,
  '0012_placed_calls': placedCallsMigration,
  '0013_twilio-voice_seen_callbacks': seenCallbacksMigration,
  '0014_webhook-gateway_seen_ids': webhookSeenIdsMigration,
  '0015_wasnt_me': wasntMeMigration,
  '0016_passkeys': passkeyMigration,
  '0017_temporary_access_passes': temporaryAccessPassMigration,
  '0018_totp_enrollments': totpEnrollmentMigration,
  '0019_registration_security_info': registrationMigration,
  '0020_key_fingerprints': keyFingerprintsMigration,
  '0021_audit_log_flow_index': auditFlowIndexMigration,
  '0022_flow_leases': flowLeasesMigration,
};

const inCodeProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve({ ...MIGRATIONS }),
};

/** Brings the database to the latest schema; throws (with the failing migration's name) if one fails. */
export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: inCodeProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'before any migration';
    throw new Error(`Database migration failed (${failed})`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
