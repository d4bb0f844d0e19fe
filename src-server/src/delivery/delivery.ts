import type { Log } from '../support/log';

/** A message to a person. Bodies may carry a one-time code: they go to the recipient only, never to a log. */
export interface OutgoingMessage {
  // sms and voice go to a phone number; push to an approver device (the dev outbox is every channel's stand-in).
  channel: 'email' | 'sms' | 'voice' | 'push';
  to: string;
  subject: string;
  body: string;
  // The same words as HTML (email only; a channel that sends email makes one from `body` when it is missing).
  html?: string;
  // The language the words are in (BCP 47, e.g. "nl"): a voice channel speaks the prompt with it.
  locale?: string | null;
  // A voice call's secret handle (its hash is the pending decision's key): the channel that places the call reports
  // the answer for it (VoiceCallMethod.answerCall). Never spoken, never in a URL; only the dev outbox shows it.
  callId?: string;
  // Whom and which flow it is about, for the audit row when it cannot be delivered (never sent anywhere).
  about?: { userId?: string | null; flowId?: string | null };
  // The logger of the request that sends it: the enqueue is logged there, with the channel only (never stored).
  log?: Log;
}

/** How messages leave the server (SMTP, SMS gateway, ... later; the dev outbox now). */
export interface Delivery {
  send(message: OutgoingMessage): Promise<void>;
  /**
   * Stands in for a message that is not sent (a decoy's code, a help request naming nobody) at the cost of a send, so
   * the answer takes as long either way. Channels themselves need not have it; the delivery queue does.
   */
  pad?(standIn?: StandIn): Promise<void>;
}

/**
 * What a pretend send says of itself: the channel a real message would take and the request's logger, so that the
 * enqueue's log line is the one a real send writes (the server log must not tell who exists either).
 */
export type StandIn = Pick<OutgoingMessage, 'channel' | 'log'>;

/** Sends `message`, or pads when there is none (see Delivery.pad), as `standIn` would have been sent. */
export async function sendOrPad(delivery: Delivery, message: OutgoingMessage | null, standIn?: StandIn): Promise<void> {
  if (message) await delivery.send(message);
  else await delivery.pad?.(standIn);
}
