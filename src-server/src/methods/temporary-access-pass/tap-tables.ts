import type { Kysely, Selectable } from 'kysely';
import type { IsoTimestamp, SqliteBool } from '../../store/column-types';
import type { DatabaseSchema } from '../../store/database-schema';
import type { ResetDeskDb } from '../../store/store';

export interface TemporaryAccessPassesTable {
  id: string;
  tenant_id: string;
  // The directory's stable id, so a pass follows the person through a rename.
  user_id: string;
  // As it was at issue: for `tap list` only.
  username: string;
  // HMAC-SHA256 under the server's code key: the pass itself is shown once, to the helpdesk, and never stored.
  pass_hash: string;
  one_time: SqliteBool;
  use_count: number;
  issued_by: string;
  created_at: IsoTimestamp;
  expires_at: IsoTimestamp;
  first_used_at: IsoTimestamp | null;
  last_used_at: IsoTimestamp | null;
  revoked_at: IsoTimestamp | null;
  revoked_by: string | null;
}

/** The table of the TAP migration, beside the core schema so that the feature keeps it. */
export type TapTables = { temporary_access_passes: TemporaryAccessPassesTable };
export type TapDb = Kysely<DatabaseSchema & TapTables>;
export type TemporaryAccessPassRow = Selectable<TemporaryAccessPassesTable>;

export function tapDb(db: ResetDeskDb): TapDb {
  return db.withTables<TapTables>();
}
