import { createHmac, randomInt, randomUUID } from 'node:crypto';
import type { AuditLog } from '../../audit/audit-log';
import { AppError } from '../../errors/app-error';
import type { ResetDeskDb } from '../../store/store';
import type { Clock } from '../../support/clock';
import type { TapPolicy } from './tap-policy';
import { tapStateOf } from './tap-state';
import type { TapState } from './tap-state';
import { tapDb } from './tap-tables';
import type { TapDb, TemporaryAccessPassRow } from './tap-tables';

// Digits only, as every code the wizard's code screen and the API take (6-10 digits); ten give 10^10 passes, and the
// per-flow attempts, the method lock and the throttles bound the guesses long before that matters.
export const TAP_LENGTH = 10;
// How long after its end a pass still puts its method on the chooser, so the person who holds it is told that it
// expired, was used or was revoked instead of not seeing it at all.
const SHOWN_AFTER_END_MS = 7 * 24 * 60 * 60 * 1000;

export interface TemporaryAccessPassDeps {
  db: ResetDeskDb;
  tenantId: string;
  clock: Clock;
  // The server's code key: passes are kept as HMACs under it (a copy of the database does not give them away).
  hmacKey: Buffer;
  audit: AuditLog;
  policy: { temporaryAccessPass: TapPolicy };
}

export interface IssueTapInput {
  user: { id: string; username: string };
  lifetimeMinutes: number;
  oneTime: boolean;
  // Who issued it (the operator), for the audit row and `tap list`.
  issuedBy: string;
}

/** The pass is in `pass` once, for the helpdesk to hand over: it is not kept anywhere. */
export interface IssuedTap {
  id: string;
  pass: string;
  expiresAt: Date;
  oneTime: boolean;
}

/** A pass as `tap list` shows it: never the pass. */
export interface TapListing {
  id: string;
  userId: string;
  username: string;
  state: TapState;
  oneTime: boolean;
  useCount: number;
  issuedBy: string;
  createdAt: string;
  expiresAt: string;
}

export type TapRedemption =
  | { result: 'ok'; passId: string }
  | { result: 'invalid' }
  | { result: Exclude<TapState, 'issued'> };

/**
 * Temporary Access Passes, per person: issued by the helpdesk for a lifetime within the policy's bounds, one-time or
 * usable until they expire, revocable. `redeem` is how a flow (reset, unlock, sign-in to security info) uses one.
 */
export class TemporaryAccessPasses {
  private readonly db: TapDb;

  constructor(private readonly deps: TemporaryAccessPassDeps) {
    this.db = tapDb(deps.db);
  }

  /** Issues a new pass. INVALID_INPUT when the lifetime is outside the policy's bounds. Audited (never the pass). */
  async issue(input: IssueTapInput): Promise<IssuedTap> {
    const { minLifetimeMinutes, maxLifetimeMinutes } = this.deps.policy.temporaryAccessPass;
    if (!Number.isInteger(input.lifetimeMinutes) || input.lifetimeMinutes < minLifetimeMinutes ||
      input.lifetimeMinutes > maxLifetimeMinutes) {
      throw new AppError('INVALID_INPUT', `A pass lives from ${minLifetimeMinutes} to ${maxLifetimeMinutes} minutes.`);
    }
    const pass = Array.from({ length: TAP_LENGTH }, () => randomInt(10)).join('');
    const now = this.deps.clock.now();
    const id = randomUUID();
    const expiresAt = new Date(now.getTime() + input.lifetimeMinutes * 60_000);
    await this.db
      .insertInto('temporary_access_passes')
      .values({
        id,
        tenant_id: this.deps.tenantId,
        user_id: input.user.id,
        username: input.user.username,
        pass_hash: this.hash(pass),
        one_time: input.oneTime ? 1 : 0,
        use_count: 0,
        issued_by: input.issuedBy,
        created_at: now.toISOString(),
        expires_at: expiresAt.toISOString(),
        first_used_at: null,
        last_used_at: null,
        revoked_at: null,
        revoked_by: null,
      })
      .execute();
    await this.audit('tap.issued', input.user, `${id} ${input.oneTime ? 'one-time' : 'multi-use'} ` +
      `${input.lifetimeMinutes}m by ${input.issuedBy}`);
    return { id, pass, expiresAt, oneTime: input.oneTime };
  }

  /** Newest first; one person's with `userId`. */
  async list(userId?: string): Promise<TapListing[]> {
    let query = this.db.selectFrom('temporary_access_passes').selectAll().where('tenant_id', '=', this.deps.tenantId);
    if (userId !== undefined) query = query.where('user_id', '=', userId);
    const rows = await query.orderBy('created_at', 'desc').execute();
    const now = this.deps.clock.now();
    return rows.map((row) => ({
      id: row.id,
      userId: row.user_id,
      username: row.username,
      state: tapStateOf(row, now),
      oneTime: row.one_time === 1,
      useCount: row.use_count,
      issuedBy: row.issued_by,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
    }));
  }

  /** Revokes the person's passes still in force (or only `passId`); returns how many. Audited. */
  async revoke(user: { id: string; username: string }, revokedBy: string, passId?: string): Promise<number> {
    const now = this.deps.clock.now().toISOString();
    // In force: not revoked, not expired, not a one-time pass used up (an ended pass keeps how it ended).
    let update = this.db
      .updateTable('temporary_access_passes')
      .set({ revoked_at: now, revoked_by: revokedBy })
      .where('tenant_id', '=', this.deps.tenantId)
      .where('user_id', '=', user.id)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .where((eb) => eb.or([eb('one_time', '=', 0), eb('use_count', '=', 0)]));
    if (passId !== undefined) update = update.where('id', '=', passId);
    const result = await update.executeTakeFirst();
    const count = Number(result.numUpdatedRows);
    if (count > 0) await this.audit('tap.revoked', user, `${passId ?? 'all'} (${count}) by ${revokedBy}`);
    return count;
  }

  /** Whether the person holds a pass worth offering: in force, or ended lately (so its end can be told). */
  async hasRecentPass(userId: string): Promise<boolean> {
    const since = new Date(this.deps.clock.now().getTime() - SHOWN_AFTER_END_MS).toISOString();
    const row = await this.db
      .selectFrom('temporary_access_passes')
      .select('id')
      .where('tenant_id', '=', this.deps.tenantId)
      .where('user_id', '=', userId)
      .where('expires_at', '>', since)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Uses the person's pass. One conditional UPDATE decides: of two requests at once with a one-time pass exactly one
   * gets 'ok', the other 'used'. A pass that matches but cannot be used says why; a wrong one is 'invalid'.
   */
  async redeem(user: { id: string; username: string }, pass: string): Promise<TapRedemption> {
    const row = await this.findByPass(user.id, pass);
    if (!row) return { result: 'invalid' };
    const now = this.deps.clock.now();
    const before = tapStateOf(row, now);
    if (before !== 'issued') return { result: before };
    const at = now.toISOString();
    const result = await this.db
      .updateTable('temporary_access_passes')
      .set((eb) => ({
        use_count: eb('use_count', '+', 1),
        first_used_at: eb.fn.coalesce('first_used_at', eb.val(at)),
        last_used_at: at,
      }))
      .where('id', '=', row.id)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', at)
      .where((eb) => eb.or([eb('one_time', '=', 0), eb('use_count', '=', 0)]))
      .executeTakeFirst();
    if (result.numUpdatedRows !== 1n) {
      // Another request used it (or revoked it) between the read and the write: say what it is now.
      const after = await this.findByPass(user.id, pass);
      const state = after ? tapStateOf(after, now) : 'revoked';
      return { result: state === 'issued' ? 'used' : state };
    }
    await this.audit('tap.used', user, row.id);
    return { result: 'ok', passId: row.id };
  }

  private findByPass(userId: string, pass: string): Promise<TemporaryAccessPassRow | undefined> {
    return this.db
      .selectFrom('temporary_access_passes')
      .selectAll()
      .where('tenant_id', '=', this.deps.tenantId)
      .where('user_id', '=', userId)
      .where('pass_hash', '=', this.hash(pass))
      .executeTakeFirst();
  }

  private hash(pass: string): string {
    // Labelled, so the same key's HMAC of a flow's code can never equal a pass's.
    return createHmac('sha256', this.deps.hmacKey).update(`tap|${this.deps.tenantId}|${pass}`).digest('hex');
  }

  private audit(event: 'tap.issued' | 'tap.revoked' | 'tap.used', user: { id: string; username: string },
    detail: string): Promise<void> {
    return this.deps.audit.record({
      event,
      outcome: 'success',
      userId: user.id,
      username: user.username,
      detail: detail.slice(0, 200),
    });
  }
}
