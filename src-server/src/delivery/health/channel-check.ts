import type { OutgoingMessage } from '../delivery';

/** A delivery channel by what it carries (one adapter per kind: SMTP for email, Twilio for sms, ...). */
export type ChannelName = OutgoingMessage['channel'];

/**
 * What a check found: up, or down with a reason code (a library's error code, an HTTP status, a provider's numeric
 * code). Never a message text: those may quote an address, a host or a credential.
 */
export type CheckOutcome = { ok: true } | { ok: false; reason: string };

/**
 * The health port: a channel adapter implements `check()` (SMTP connects and says EHLO, Twilio fetches its account)
 * and the monitor (channel-health.ts) runs it in the background and after send failures.
 */
export interface ChannelCheck {
  readonly channel: ChannelName;
  check(): Promise<CheckOutcome>;
}

/** One channel's state as the health report and the chooser see it. */
export interface ChannelState {
  channel: ChannelName;
  state: 'up' | 'down';
  // When the channel entered this state (the server's start for a channel that never changed).
  since: Date;
  // Why it is down (null when up).
  reason: string | null;
  // Messages through it given up after their last try, since the server started (each is a delivery.failed row).
  givenUp: number;
}

/** What the flows ask: which channels are down now (a channel that is not checked is never down). */
export interface ChannelAvailability {
  downChannels(): ReadonlySet<ChannelName>;
}

/** Reason codes are short tokens; anything else a check returns is replaced, so no text can leak through. */
export function safeReason(reason: string): string {
  return /^[A-Za-z0-9_ .-]{1,40}$/u.test(reason) ? reason : 'CHECK_FAILED';
}
