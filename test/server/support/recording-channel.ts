import type { Delivery, OutgoingMessage } from '../../../src-server/src/delivery/delivery';

/**
 * A named fake delivery channel that keeps every message it is given: the mailbox and phone of tests that run the
 * server in process (the SMTP tests use a real SMTP server instead).
 */
export class RecordingChannel implements Delivery {
  readonly sent: OutgoingMessage[] = [];

  send(message: OutgoingMessage): Promise<void> {
    this.sent.push(message);
    return Promise.resolve();
  }

  /** The code in the newest message (to `to`, when given); throws when there is none. */
  lastCode(to?: string): string {
    const message = this.sent.filter((sent) => to === undefined || sent.to === to).at(-1);
    const code = /code is (\d+)/u.exec(message?.body ?? '')?.[1];
    if (!code) throw new Error(`no code sent${to ? ` to ${to}` : ''}`);
    return code;
  }
}
