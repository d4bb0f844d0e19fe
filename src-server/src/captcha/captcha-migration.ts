import type { Kysely, Migration } from 'kysely';

/**
 * Each challenge remembers the proof-of-work difficulty it was issued with: the difficulty grows with the failures of
 * the client that asked for it, so the answer must be checked against the challenge's own number, not the policy's.
 * Older rows (null) are checked against the policy's base difficulty.
 */
export const captchaDifficultyMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('captcha_challenges').addColumn('pow_bits', 'integer').execute();
    await db.schema.createIndex('captcha_challenges_expiry').on('captcha_challenges').columns(['tenant_id', 'expires_at']).execute();
  },
};
