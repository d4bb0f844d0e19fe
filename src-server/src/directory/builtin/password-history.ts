import type { PasswordHasher } from '../../support/password-hash';
import type { ResetDeskDb } from '../../store/store';
import { passwordDb } from '../../password/password-tables';

/** The most any policy may ask for (PasswordPolicySchema.historyCount): older hashes are deleted. */
export const MAX_HISTORY = 24;

/**
 * The built-in directory's password history: the scrypt hashes of earlier passwords, newest first. Only hashes are
 * kept, at the directory's own cost, so the history is no easier to attack than the current password.
 */
export class PasswordHistory {
  constructor(
    private readonly db: ResetDeskDb,
    private readonly tenantId: string,
    private readonly hasher: PasswordHasher,
  ) {}

  /** Keeps the hash a new password replaces, and drops hashes beyond MAX_HISTORY. */
  async recordReplaced(userId: string, replacedHash: string, at: string): Promise<void> {
    const db = passwordDb(this.db);
    await db
      .insertInto('password_history')
      .values({ tenant_id: this.tenantId, user_id: userId, password_hash: replacedHash, replaced_at: at })
      .execute();
    const keep = await this.newest(userId, MAX_HISTORY);
    const oldestKept = keep.at(-1)?.id;
    if (oldestKept !== undefined) {
      await db
        .deleteFrom('password_history')
        .where('tenant_id', '=', this.tenantId)
        .where('user_id', '=', userId)
        .where('id', '<', oldestKept)
        .execute();
    }
  }

  /**
   * Whether `password` is one of the last `count` passwords: the current hash and the `count - 1` before it. The
   * hashes are verified in parallel (scrypt runs on libuv's pool), all of them, so the time says nothing of which.
   */
  async isRecent(userId: string, currentHash: string | null, password: string, count: number): Promise<boolean> {
    if (count <= 0) return false;
    const earlier = await this.newest(userId, count);
    const hashes = [...(currentHash ? [currentHash] : []), ...earlier.map((r) => r.password_hash)].slice(0, count);
    const matches = await Promise.all(hashes.map((hash) => this.hasher.verify(hash, password)));
    return matches.some(Boolean);
  }

  /** A user's newest history rows, newest first. */
  private newest(userId: string, limit: number) {
    return passwordDb(this.db)
      .selectFrom('password_history')
      .select(['id', 'password_hash'])
      .where('tenant_id', '=', this.tenantId)
      .where('user_id', '=', userId)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }
}
