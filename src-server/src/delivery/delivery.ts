/** A message to a person. Bodies may carry a one-time code: they go to the recipient only, never to a log. */
export interface OutgoingMessage {
  // sms and voice go to a phone number; push to an approver device (the dev outbox is every channel's stand-in).
  channel: 'email' | 'sms' | 'voice' | 'push';
  to: string;
  subject: string;
  body: string;
}

/** How messages leave the server (SMTP, SMS gateway, ... later; the dev outbox now). */
export interface Delivery {
  send(message: OutgoingMessage): Promise<void>;
}
