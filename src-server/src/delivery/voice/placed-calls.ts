import { createHash } from 'node:crypto';
import { TenantRows } from '../../store/rows';

/** Which provider placed a call: Twilio's Calls API, or the organisation's own gateway (Standard Webhooks). */
export type CallProvider = 'twilio' | 'webhook';

/** What a provider's answer for one placed call turned out to be (see PlacedCalls.takeAnswer). */
export type CallAnswerLookup =
  | { kind: 'answer'; callIdHash: string }
  | { kind: 'unknown' }
  | { kind: 'replayed' };

const hashOf = (callId: string): string => createHash('sha256').update(callId).digest('hex');

/**
 * The calls a provider placed, by the provider's own reference (Twilio's CallSid, the gateway's message id), each
 * tied to the hash of the call id whose pending decision it answers. The call id itself never leaves the server: the
 * provider reports an answer for its reference, and only the first answer counts (a replayed callback finds the row
 * taken).
 */
export class PlacedCalls extends TenantRows {
  async remember(provider: CallProvider, providerRef: string, callId: string, expiresAt: Date): Promise<void> {
    await this.db
      .insertInto('placed_calls')
      .values({
        tenant_id: this.tenantId,
        provider,
        provider_ref: providerRef,
        call_id_hash: hashOf(callId),
        created_at: this.clock.now().toISOString(),
        expires_at: expiresAt.toISOString(),
        answered_at: null,
      })
      .execute();
  }

  /**
   * Marks the call answered and gives the hash of its call id, once: one UPDATE that only an unanswered row matches,
   * so of two parallel (or replayed) callbacks exactly one gets the answer.
   */
  async takeAnswer(provider: CallProvider, providerRef: string): Promise<CallAnswerLookup> {
    const now = this.clock.now().toISOString();
    const taken = await this.db
      .updateTable('placed_calls')
      .set({ answered_at: now })
      .where('tenant_id', '=', this.tenantId)
      .where('provider', '=', provider)
      .where('provider_ref', '=', providerRef)
      .where('answered_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('call_id_hash')
      .executeTakeFirst();
    if (taken) return { kind: 'answer', callIdHash: taken.call_id_hash };
    const known = await this.db
      .selectFrom('placed_calls')
      .select('answered_at')
      .where('tenant_id', '=', this.tenantId)
      .where('provider', '=', provider)
      .where('provider_ref', '=', providerRef)
      .executeTakeFirst();
    return known?.answered_at ? { kind: 'replayed' } : { kind: 'unknown' };
  }

  /** Forgets calls that can no longer be answered (a day after their ring time ended). */
  async purge(): Promise<void> {
    const before = new Date(this.clock.now().getTime() - 24 * 3600_000).toISOString();
    await this.db
      .deleteFrom('placed_calls')
      .where('tenant_id', '=', this.tenantId)
      .where('expires_at', '<', before)
      .execute();
  }
}
