import type { Kysely, Migration } from 'kysely';
import { dialectSql } from '../store/dialect';

/**
 * The delivery outbox. A request only adds a row; a worker sends it, so the answer to a person never
 * depends on whether (or how fast) the channel works. The delivery issue grows this into the full queue.
 */
export const deliveryQueueMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('delivery_queue')
      .$call(dialectSql(db).autoId)
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      // Null for a padding row (a decoy's stand-in message: nothing is ever sent for it).
      .addColumn('to_address', 'text')
      .addColumn('subject', 'text')
      .addColumn('body', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text')
      .addColumn('flow_id', 'text')
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .execute();
    await db.schema
      .createIndex('delivery_queue_status_next')
      .on('delivery_queue')
      .columns(['status', 'next_attempt_at'])
      .execute();
  },
};
