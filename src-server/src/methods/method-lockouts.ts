import type { ResetDeskDb } from '../store/store';
import type { Clock } from '../support/clock';
import { addMinutes } from '../support/clock';

/**
 * After a flow used up a method's attempts, that method stays closed for the user for the policy's period, so starting
 * over does not buy fresh guesses. Only the reset path is locked: the account and its password are untouched.
 */
export class MethodLockouts {
  private readonly db: ResetDeskDb;
  private readonly tenantId: string;
  private readonly clock: Clock;

  constructor(deps: { db: ResetDeskDb; tenantId: string; clock: Clock }) {
    this.db = deps.db;
    this.tenantId = deps.tenantId;
    this.clock = deps.clock;
  }

  async lock(userId: string, methodKind: string, minutes: number): Promise<void> {
    const lockedUntil = addMinutes(this.clock.now(), minutes).toISOString();
    await this.db
      .insertInto('method_lockouts')
      .values({ tenant_id: this.tenantId, user_id: userId, method_kind: methodKind, locked_until: lockedUntil })
      .onConflict((oc) => oc.columns(['user_id', 'method_kind']).doUpdateSet({ locked_until: lockedUntil }))
      .execute();
  }

  /** Seconds until the method opens again for the user; 0 when it is open. */
  async secondsLeft(userId: string, methodKind: string): Promise<number> {
    const row = await this.db
      .selectFrom('method_lockouts')
      .select('locked_until')
      .where('user_id', '=', userId)
      .where('method_kind', '=', methodKind)
      .executeTakeFirst();
    if (!row) return 0;
    return Math.max(0, Math.ceil((Date.parse(row.locked_until) - this.clock.now().getTime()) / 1000));
  }
}
