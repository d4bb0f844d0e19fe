import { Migrator } from 'kysely';
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import { initialSchema, resetProtection, unlockAndChangeFlows, verificationMethods } from './early-migrations';
import { deliveryQueueMigration } from '../delivery/delivery-queue-migration';
import { deliveryQueueHtmlMigration } from '../delivery/delivery-queue-html-migration';
import { strangerRowsMigration } from './stranger-rows-migration';
import { flowStateNamesMigration } from './flow-state-names-migration';
import { deviceTrustMigration } from '../devices/device-migration';
import { decoyProfilesByNameMigration, decoyProfilesMigration } from '../flows/decoy/decoy-migration';
import { passwordProtectionMigration } from '../password/password-migration';
import { throttleLeasesMigration } from '../throttle/throttle-migration';

/** Every migration, in order. Names sort lexically, so keep the numeric prefix. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001_initial_schema': initialSchema,
  '0002_unlock_and_change_flows': unlockAndChangeFlows,
  // Came from a parallel branch as 0002; renumbered at merge time (only test/demo databases existed then).
  '0003_verification_methods': verificationMethods,
  // Issue 6 (device trust) was built beside issues 5 and 3 as 0002; append-only, so it runs after all of main's.
  '0004_device_trust': deviceTrustMigration,
  '0005_reset_protection': resetProtection,
  // Kysely applies migrations in name order; the keys are listed in that order.
  '0006_password_banned_terms_and_history': passwordProtectionMigration,
  '0006_sec-edges_stranger_rows': strangerRowsMigration,
  '0006_sec-enum_decoy_profiles': decoyProfilesMigration,
  '0006_sec-enum_delivery_queue': deliveryQueueMigration,
  '0006_sec-throttle_leases_and_flow_bindings': throttleLeasesMigration,
  '0007_decoy_profiles_by_name': decoyProfilesByNameMigration,
  '0008_flows_state_names': flowStateNamesMigration,
  '0009_email_delivery_queue_html': deliveryQueueHtmlMigration,
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
