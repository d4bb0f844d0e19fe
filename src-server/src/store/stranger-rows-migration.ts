import type { Kysely, Migration } from 'kysely';

/**
 * Rows strangers can create, kept in bounds:
 * - each CAPTCHA challenge remembers the proof-of-work difficulty it was issued with (it grows with the failures of
 *   the client that asked), so an answer is checked against that, not the policy's base (null: rows from before);
 *   an expiry index for purging them;
 * - an index for counting recent audit rows of one event, which caps the refusals strangers can write.
 */
export const strangerRowsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('captcha_challenges').addColumn('pow_bits', 'integer').execute();
    await db.schema.createIndex('captcha_challenges_expiry').on('captcha_challenges').columns(['tenant_id', 'expires_at']).execute();
    await db.schema.createIndex('audit_log_event_at').on('audit_log').columns(['tenant_id', 'event', 'at']).execute();
  },
};
