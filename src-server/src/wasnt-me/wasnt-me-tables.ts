import type { Kysely, Selectable } from 'kysely';
import type { NoticeKind } from '@resetdesk/shared';
import type { DatabaseSchema, IsoTimestamp } from '../store/database-schema';
import type { ResetDeskDb } from '../store/store';

export interface NoticeLinksTable {
  // HMAC-SHA256 of the token under the server's key: the token itself is only in the email.
  token_hash: string;
  tenant_id: string;
  notice_id: string;
  flow_id: string | null;
  user_id: string;
  username: string;
  kind: NoticeKind;
  locale: string | null;
  created_at: IsoTimestamp;
  expires_at: IsoTimestamp;
  used_at: IsoTimestamp | null;
}

export interface AccountHoldsTable {
  id: string;
  tenant_id: string;
  user_id: string;
  username: string;
  // Why: 'wasnt_me' (a confirmed notice link), or what an admin wrote.
  reason: string;
  placed_at: IsoTimestamp;
  released_at: IsoTimestamp | null;
  released_by: string | null;
}

export interface RegisteredEmailsTable {
  id: string;
  tenant_id: string;
  user_id: string;
  // Stored trimmed and lowercased.
  address: string;
  created_at: IsoTimestamp;
}

/** The tables of migration 0015, beside the core schema so that their features keep them. */
export type WasntMeTables = {
  notice_links: NoticeLinksTable;
  account_holds: AccountHoldsTable;
  registered_emails: RegisteredEmailsTable;
};

export type WasntMeDb = Kysely<DatabaseSchema & WasntMeTables>;
export type NoticeLinkRow = Selectable<NoticeLinksTable>;
export type AccountHoldRow = Selectable<AccountHoldsTable>;

export function wasntMeDb(db: ResetDeskDb): WasntMeDb {
  return db.withTables<WasntMeTables>();
}
