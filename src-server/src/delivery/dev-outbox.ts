import type { DemoOutboxMessage } from '@resetdesk/shared';
import type { Clock } from '../support/clock';
import type { ResetDeskDb } from '../store/store';
import type { Delivery, OutgoingMessage } from './delivery';

export interface DevOutboxDeps {
  db: ResetDeskDb;
  tenantId: string;
  clock: Clock;
  // Where the console copy goes (stdout by default). This is the demo's mailbox, not a log: it shows codes on purpose.
  print?: (text: string) => void;
}

const printToStdout = (text: string): void => {
  process.stdout.write(`${text}\n`);
};

/**
 * The demo's delivery channel: keeps every message in the outbox table (the demo outbox endpoint reads it) and prints
 * it to the console prefixed `[dev outbox]`.
 */
export class DevOutbox implements Delivery {
  private readonly deps: DevOutboxDeps;
  private readonly print: (text: string) => void;
  private beforeListing: () => Promise<void> = () => Promise.resolve();

  constructor(deps: DevOutboxDeps) {
    this.deps = deps;
    this.print = deps.print ?? printToStdout;
  }

  async send(message: OutgoingMessage): Promise<void> {
    // The demo phone (and the tests) find a call by its id: the outbox is the demo's phone line.
    const body = message.callId ? `${message.body}\nCall id: ${message.callId}` : message.body;
    await this.deps.db
      .insertInto('outbox')
      .values({
        tenant_id: this.deps.tenantId,
        channel: message.channel,
        to_address: message.to,
        subject: message.subject,
        body,
        created_at: this.deps.clock.now().toISOString(),
      })
      .execute();
    const lines = [`${message.channel} to ${message.to}: ${message.subject}`, ...body.split('\n')];
    this.print(lines.map((line) => `[dev outbox] ${line}`).join('\n'));
  }

  /**
   * Messages reach this outbox through the delivery queue's worker: listing first lets the queue deliver what is due,
   * so a reader (a person, a test) never looks between a request and its send.
   */
  waitBeforeListing(wait: () => Promise<void>): void {
    this.beforeListing = wait;
  }

  /** Newest first. */
  async list(limit = 50): Promise<DemoOutboxMessage[]> {
    await this.beforeListing();
    const rows = await this.deps.db
      .selectFrom('outbox')
      .selectAll()
      .where('tenant_id', '=', this.deps.tenantId)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      channel: row.channel,
      to: row.to_address,
      subject: row.subject,
      body: row.body,
      createdAt: row.created_at,
    }));
  }
}
