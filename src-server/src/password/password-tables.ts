import type { Generated, Kysely } from 'kysely';
import type { DatabaseSchema, IsoTimestamp } from '../store/database-schema';
import type { ResetDeskDb } from '../store/store';

export interface BannedTermsTable {
  tenant_id: string;
  // As the administrator typed it, trimmed and lowercased; the checker normalises it.
  term: string;
  added_at: IsoTimestamp;
  added_by: string | null;
}

export interface PasswordHistoryTable {
  id: Generated<number>;
  tenant_id: string;
  user_id: string;
  // The scrypt hash the directory held before a new password replaced it.
  password_hash: string;
  replaced_at: IsoTimestamp;
}

/** The password-protection tables, beside (not inside) the core schema, so the feature stays in its folder. */
export type PasswordTables = {
  banned_terms: BannedTermsTable;
  password_history: PasswordHistoryTable;
};

export type PasswordDb = Kysely<DatabaseSchema & PasswordTables>;

export function passwordDb(db: ResetDeskDb): PasswordDb {
  return db.withTables<PasswordTables>();
}
