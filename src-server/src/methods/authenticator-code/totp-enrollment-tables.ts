import type { Kysely, Selectable } from 'kysely';
import type { IsoTimestamp } from '../../store/column-types';
import type { DatabaseSchema } from '../../store/database-schema';
import type { ResetDeskDb } from '../../store/store';

export interface TotpEnrollmentsTable {
  id: string;
  tenant_id: string;
  user_id: string;
  // AES-256-GCM under the TOTP key, bound to the user id (totp-secret-box.ts), as a registered secret is.
  sealed_secret: string;
  // Wrong first codes so far.
  attempts: number;
  created_at: IsoTimestamp;
  expires_at: IsoTimestamp;
  confirmed_at: IsoTimestamp | null;
}

export type TotpEnrollmentTables = { totp_enrollments: TotpEnrollmentsTable };
export type TotpEnrollmentDb = Kysely<DatabaseSchema & TotpEnrollmentTables>;
export type TotpEnrollmentRow = Selectable<TotpEnrollmentsTable>;

export function totpEnrollmentDb(db: ResetDeskDb): TotpEnrollmentDb {
  return db.withTables<TotpEnrollmentTables>();
}
