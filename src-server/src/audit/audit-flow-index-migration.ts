import type { Kysely, Migration } from 'kysely';

/**
 * An index for one flow's audit rows (audit-log.ts listForFlow): every new password reads its flow's trail
 * (flows/reset/password-write.ts), and without it that read scanned the whole audit log on the event loop, a cost
 * that grew with the log's age (4 ms a read after one bench run, with every other request waiting behind it).
 */
export const auditFlowIndexMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('audit_log_flow').on('audit_log').columns(['tenant_id', 'flow_id', 'id']).execute();
  },
};
