import type { Kysely, Migration } from 'kysely';

/**
 * Issue 12: a queued call keeps its language (the provider speaks the prompt in it) and its call id (the provider
 * reports the answer for it); the call id is cleared with the body once the call is placed or given up.
 */
export const deliveryQueueVoiceMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('delivery_queue').addColumn('locale', 'text').execute();
    await db.schema.alterTable('delivery_queue').addColumn('call_id', 'text').execute();
  },
};
