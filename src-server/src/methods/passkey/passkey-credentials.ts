import type { ResetDeskDb } from '../../store/store';
import type { Clock } from '../../support/clock';
import { passkeyDb } from './passkey-tables';
import type { PasskeyCredentialRow, PasskeyDb } from './passkey-tables';

export interface NewPasskeyCredential {
  id: string;
  userId: string;
  userHandle: string;
  rpId: string;
  publicKey: string;
  signCount: number;
  transports: readonly string[];
}

/**
 * The passkeys people registered, per tenant and directory user id, and the two single-use records the ceremonies
 * need: the used assertion challenges and the pending registrations. Every check-then-act is one statement, so two
 * parallel requests (on one instance or two) cannot both win.
 */
export class PasskeyCredentials {
  private readonly db: PasskeyDb;
  private readonly tenantId: string;
  private readonly clock: Clock;

  constructor(deps: { db: ResetDeskDb; tenantId: string; clock: Clock }) {
    this.db = passkeyDb(deps.db);
    this.tenantId = deps.tenantId;
    this.clock = deps.clock;
  }

  /** The user's passkeys for this relying party, oldest first. */
  ofUser(userId: string, rpId: string): Promise<PasskeyCredentialRow[]> {
    return this.db
      .selectFrom('passkey_credentials')
      .selectAll()
      .where('tenant_id', '=', this.tenantId)
      .where('user_id', '=', userId)
      .where('rp_id', '=', rpId)
      .orderBy('created_at')
      .execute();
  }

  /** One passkey by its credential id, whoever it belongs to. */
  find(credentialId: string): Promise<PasskeyCredentialRow | undefined> {
    return this.db
      .selectFrom('passkey_credentials')
      .selectAll()
      .where('tenant_id', '=', this.tenantId)
      .where('id', '=', credentialId)
      .executeTakeFirst();
  }

  /** Stores a new passkey; false when one with this credential id is stored already (one statement: the key). */
  async add(credential: NewPasskeyCredential): Promise<boolean> {
    const result = await this.db
      .insertInto('passkey_credentials')
      .values({
        id: credential.id,
        tenant_id: this.tenantId,
        user_id: credential.userId,
        user_handle: credential.userHandle,
        rp_id: credential.rpId,
        public_key: credential.publicKey,
        sign_count: credential.signCount,
        transports: JSON.stringify(credential.transports),
        created_at: this.clock.now().toISOString(),
        last_used_at: null,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  /** Removes one passkey of a user (security info); false when it is not theirs. */
  async remove(userId: string, credentialId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('passkey_credentials')
      .where('tenant_id', '=', this.tenantId)
      .where('user_id', '=', userId)
      .where('id', '=', credentialId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }

  /** Removes every passkey of a user (the helpdesk's "reset methods"); how many there were. */
  async removeAll(userId: string): Promise<number> {
    const result = await this.db
      .deleteFrom('passkey_credentials')
      .where('tenant_id', '=', this.tenantId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Records an assertion challenge as used; false when it was used already (a replay, or the parallel loser). */
  async useChallenge(challenge: string, credentialId: string): Promise<boolean> {
    const result = await this.db
      .insertInto('passkey_used_challenges')
      .values({ challenge, tenant_id: this.tenantId, credential_id: credentialId, used_at: this.clock.now().toISOString() })
      .onConflict((oc) => oc.column('challenge').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  async challengeWasUsed(challenge: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('passkey_used_challenges')
      .select('challenge')
      .where('challenge', '=', challenge)
      .where('tenant_id', '=', this.tenantId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Moves the signature counter on, only forward (0 stays allowed for authenticators that keep no counter, whose
   * stored count is 0 too): false when another request already moved it as far, i.e. the same assertion twice.
   */
  async advanceCounter(credentialId: string, newCount: number): Promise<boolean> {
    const result = await this.db
      .updateTable('passkey_credentials')
      .set({ sign_count: newCount, last_used_at: this.clock.now().toISOString() })
      .where('id', '=', credentialId)
      .where('tenant_id', '=', this.tenantId)
      .where((eb) =>
        newCount === 0 ? eb('sign_count', '=', 0) : eb('sign_count', '<', newCount),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Starts (or restarts) a user's registration ceremony: any earlier challenge of theirs stops working. */
  async beginRegistration(userId: string, challenge: string, userHandle: string, expiresAt: Date): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('passkey_pending_registrations')
        .where('tenant_id', '=', this.tenantId)
        .where('user_id', '=', userId)
        .execute();
      await trx
        .insertInto('passkey_pending_registrations')
        .values({ tenant_id: this.tenantId, user_id: userId, challenge, user_handle: userHandle, expires_at: expiresAt.toISOString() })
        .execute();
    });
  }

  /** Takes the user's pending registration for this challenge, once: null when unknown, expired or already taken. */
  async takeRegistration(userId: string, challenge: string): Promise<{ userHandle: string } | null> {
    const row = await this.db
      .selectFrom('passkey_pending_registrations')
      .select(['user_handle', 'expires_at'])
      .where('tenant_id', '=', this.tenantId)
      .where('user_id', '=', userId)
      .where('challenge', '=', challenge)
      .executeTakeFirst();
    if (!row) return null;
    const deleted = await this.db
      .deleteFrom('passkey_pending_registrations')
      .where('tenant_id', '=', this.tenantId)
      .where('user_id', '=', userId)
      .where('challenge', '=', challenge)
      .executeTakeFirst();
    if (Number(deleted.numDeletedRows) !== 1) return null;
    return this.clock.now() < new Date(row.expires_at) ? { userHandle: row.user_handle } : null;
  }

  /**
   * Housekeeping: forgets used challenges older than a day. Their challenges expired long before (5 minutes), so a
   * later replay of one is still refused, only named PASSKEY_REJECTED instead of PASSKEY_REPLAYED.
   */
  async purgeUsedChallenges(): Promise<void> {
    const before = new Date(this.clock.now().getTime() - 24 * 60 * 60_000).toISOString();
    await this.db
      .deleteFrom('passkey_used_challenges')
      .where('tenant_id', '=', this.tenantId)
      .where('used_at', '<', before)
      .execute();
  }
}
