import type { Generated } from 'kysely';
import type { IsoTimestamp } from '../store/column-types';

// The delivery side's tables (part of store/database-schema.ts's DatabaseSchema).

export interface OutboxTable {
  id: Generated<number>;
  tenant_id: string;
  channel: 'email' | 'sms' | 'voice' | 'push';
  to_address: string;
  subject: string;
  body: string;
  created_at: IsoTimestamp;
}

/** Messages waiting for (or done with) their channel: see delivery/delivery-queue.ts. */
export interface DeliveryQueueTable {
  id: Generated<number>;
  tenant_id: string;
  channel: 'email' | 'sms' | 'voice' | 'push';
  to_address: string | null;
  subject: string | null;
  // May carry a one-time code: cleared once the message is sent or given up.
  body: string | null;
  // The HTML part of an email (holds the code too): cleared with the body.
  html: string | null;
  // The language of the words (a voice channel speaks with it).
  locale: string | null;
  // A voice call's secret handle (see OutgoingMessage.callId): cleared with the body.
  call_id: string | null;
  status: 'queued' | 'sending' | 'sent' | 'failed' | 'padding';
  user_id: string | null;
  flow_id: string | null;
  attempts: Generated<number>;
  next_attempt_at: IsoTimestamp;
  last_error: string | null;
  created_at: IsoTimestamp;
  finished_at: IsoTimestamp | null;
}

/** Calls a provider placed, answered once: see delivery/voice/placed-calls.ts. */
export interface PlacedCallsTable {
  tenant_id: string;
  provider: 'twilio' | 'webhook';
  // The provider's own reference for the call (Twilio's CallSid, the gateway's message id).
  provider_ref: string;
  // The hash of the call id (the pending decision's key); the call id itself is never stored.
  call_id_hash: string;
  created_at: IsoTimestamp;
  expires_at: IsoTimestamp;
  answered_at: IsoTimestamp | null;
}

/** Provider callbacks already taken, to refuse replays: see delivery/seen-callbacks.ts. */
export interface SeenCallbacksTable {
  tenant_id: string;
  source: string;
  // sha256 of the signature and the body: neither is kept.
  digest: string;
  seen_at: IsoTimestamp;
}
