import { createHmac } from 'node:crypto';
import type { PendingApprovalRow } from '../../store/database-schema';
import { ClockedRows } from '../../store/rows';

/** The method id of a pairing's rows (challenge and pending decision), as the register flow names its proofs. */
export const PAIRING_METHOD_ID = 'register:approval';

/**
 * The key a pairing hands to the new device, derived from the pairing's random nonce with the server's key: the
 * wizard can be shown the link again on every poll while only the nonce (useless without the server key) and the
 * key's SHA-256 are stored. Once paired the nonce is wiped (forgetNonce), so the key exists only on the device.
 */
export function pairingKeyOf(serverKey: Buffer, nonce: string): string {
  return createHmac('sha256', serverKey).update(`approver-pairing:${nonce}`).digest('base64url');
}

/**
 * Pairings waiting for their device, kept in pending_approvals beside the sign-in approvals but with no user id:
 * the person's registered device (which lists its user's open approvals) never sees them, only the new device
 * holding the pairing's own key can, through the key's hash.
 */
export class ApproverPairings extends ClockedRows {
  /** The open pairing whose device key hashes to `keyHash` (not decided, not replaced, not expired). */
  findOpen(keyHash: string): Promise<PendingApprovalRow | undefined> {
    return this.db
      .selectFrom('pending_approvals')
      .selectAll()
      .where('secret_hash', '=', keyHash)
      .where('method_id', '=', PAIRING_METHOD_ID)
      .where('kind', '=', 'approval')
      .where('status', '=', 'pending')
      .where('expires_at', '>', this.clock.now().toISOString())
      .executeTakeFirst();
  }

  /** The username of the flow a pairing belongs to (the approver page says whose security info it joins). */
  async usernameOf(flowId: string): Promise<string> {
    const flow = await this.db.selectFrom('flows').select('username').where('id', '=', flowId).executeTakeFirst();
    return flow?.username ?? '';
  }

  /** Drops a finished pairing's nonce: its key can no longer be derived from what the server keeps. */
  async forgetNonce(challengeId: number, data: string): Promise<void> {
    await this.db
      .updateTable('verification_codes')
      .set({ challenge_data: data })
      .where('id', '=', challengeId)
      .execute();
  }
}
