import type { Kysely } from 'kysely';
import type { DatabaseSchema, IsoTimestamp } from '../store/database-schema';
import type { ResetDeskDb } from '../store/store';

export interface RegisteredPhonesTable {
  id: string;
  tenant_id: string;
  user_id: string;
  // E.164 (+31612345678), as libphonenumber-js formats it: one phone is one row.
  e164: string;
  created_at: IsoTimestamp;
}

export interface SecurityInfoProfilesTable {
  tenant_id: string;
  user_id: string;
  default_method_id: string | null;
  confirmed_at: IsoTimestamp | null;
}

/** The tables of the registration migration, beside the core schema so that their features keep them. */
export type RegistrationTables = {
  registered_phones: RegisteredPhonesTable;
  security_info_profiles: SecurityInfoProfilesTable;
};

export function registrationDb(db: ResetDeskDb): Kysely<DatabaseSchema & RegistrationTables> {
  return db.withTables<RegistrationTables>();
}
