import type { Kysely } from 'kysely';
import type { DatabaseSchema, IsoTimestamp } from '../../store/database-schema';
import type { ResetDeskDb } from '../../store/store';

/** The webhook-ids of the gateway's events already taken (seen-webhook-ids.ts): a replay finds its id here. */
export interface WebhookSeenIdsTable {
  tenant_id: string;
  webhook_id: string;
  // Past this the event would be stale anyway (its timestamp is out of tolerance), so the id can go.
  expires_at: IsoTimestamp;
}

/** The gateway's tables, beside (not inside) the core schema so that this provider stays in its own folder. */
export type WebhookTables = { webhook_seen_ids: WebhookSeenIdsTable };

export function webhookDb(db: ResetDeskDb): Kysely<DatabaseSchema & WebhookTables> {
  return db.withTables<WebhookTables>();
}
