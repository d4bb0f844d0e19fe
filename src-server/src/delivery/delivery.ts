/** A message to a person. Bodies may carry a one-time code: they go to the recipient only, never to a log. */
export interface OutgoingMessage {
  channel: 'email';
  to: string;
  subject: string;
  body: string;
}

/** How messages leave the server (SMTP, SMS gateway, ... later; the dev outbox now). */
export interface Delivery {
  send(message: OutgoingMessage): Promise<void>;
}
