import type { Kysely, Migration } from 'kysely';

/** Issue 12: an email is queued with its HTML part beside the text (both hold the code; both are cleared once sent). */
export const deliveryQueueHtmlMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('delivery_queue').addColumn('html', 'text').execute();
  },
};
