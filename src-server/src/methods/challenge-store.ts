import { sql } from 'kysely';
import type { VerificationCodeRow } from '../store/database-schema';
import { ClockedRows } from '../store/rows';

export interface NewChallenge {
  flowId: string;
  methodId: string;
  // HMAC of the code for code methods; empty for methods that keep no code (TOTP, questions).
  codeHmac: string;
  expiresAt: Date;
  maxAttempts: number;
  data?: string | null;
}

/**
 * The challenge rows every method uses to count sends and attempts (the verification_codes table): one row per
 * challenge sent, the newest open one is the one that counts, a newer one replaces the older.
 */
export class ChallengeStore extends ClockedRows {
  async countSent(flowId: string, methodId: string): Promise<number> {
    const row = await this.db
      .selectFrom('verification_codes')
      .select((eb) => eb.fn.countAll<number>().as('sent'))
      .where('flow_id', '=', flowId)
      .where('method_id', '=', methodId)
      .executeTakeFirst();
    return Number(row?.sent ?? 0);
  }

  async isLocked(flowId: string, methodId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('verification_codes')
      .select('id')
      .where('flow_id', '=', flowId)
      .where('method_id', '=', methodId)
      .whereRef('attempts', '>=', 'max_attempts')
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Stores a new challenge and retires any open one for the same flow and method, in one transaction. */
  async replace(challenge: NewChallenge): Promise<void> {
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('verification_codes')
        .set({ invalidated_at: now })
        .where('flow_id', '=', challenge.flowId)
        .where('method_id', '=', challenge.methodId)
        .where('consumed_at', 'is', null)
        .where('invalidated_at', 'is', null)
        .execute();
      await trx
        .insertInto('verification_codes')
        .values({
          flow_id: challenge.flowId,
          method_id: challenge.methodId,
          code_hmac: challenge.codeHmac,
          created_at: now,
          expires_at: challenge.expiresAt.toISOString(),
          max_attempts: challenge.maxAttempts,
          challenge_data: challenge.data ?? null,
        })
        .execute();
    });
  }

  /** The newest challenge that is neither used nor replaced. */
  latest(flowId: string, methodId: string): Promise<VerificationCodeRow | undefined> {
    return this.db
      .selectFrom('verification_codes')
      .selectAll()
      .where('flow_id', '=', flowId)
      .where('method_id', '=', methodId)
      .where('consumed_at', 'is', null)
      .where('invalidated_at', 'is', null)
      .orderBy('id', 'desc')
      .executeTakeFirst();
  }

  async consume(id: number): Promise<void> {
    await this.db
      .updateTable('verification_codes')
      .set({ consumed_at: this.clock.now().toISOString() })
      .where('id', '=', id)
      .execute();
  }

  /**
   * Uses a challenge up only if nothing used it before (one statement): true for exactly one of parallel callers, so a
   * right code that two requests carry saves once.
   */
  async consumeOnce(id: number): Promise<boolean> {
    const result = await this.db
      .updateTable('verification_codes')
      .set({ consumed_at: this.clock.now().toISOString() })
      .where('id', '=', id)
      .where('consumed_at', 'is', null)
      .where('invalidated_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  /**
   * Counts a one-time outcome (a denied call or approval) on the challenge, once: true for the first caller only, so a
   * wizard that keeps polling after a denial does not add a failure per poll.
   */
  async countOnce(row: VerificationCodeRow): Promise<boolean> {
    const result = await this.db
      .updateTable('verification_codes')
      .set({ attempts: sql<number>`attempts + 1` })
      .where('id', '=', row.id)
      .whereRef('attempts', '<', 'max_attempts')
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  /** Counts one wrong answer (one statement, so parallel guesses cannot skip it); optionally stores new data. */
  async countWrong(row: VerificationCodeRow, data?: string): Promise<number> {
    await this.db
      .updateTable('verification_codes')
      .set({ attempts: sql<number>`attempts + 1`, ...(data === undefined ? {} : { challenge_data: data }) })
      .where('id', '=', row.id)
      .execute();
    return Math.max(0, row.max_attempts - row.attempts - 1);
  }
}
