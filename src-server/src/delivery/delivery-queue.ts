import { sql } from 'kysely';
import type { ExpressionBuilder } from 'kysely';
import type { AuditLog } from '../audit/audit-log';
import { AppError } from '../errors/app-error';
import type { DeliveryQueueTable } from '../store/database-schema';
import type { ResetDeskDb } from '../store/store';
import type { Clock } from '../support/clock';
import type { Delivery, OutgoingMessage, StandIn } from './delivery';
import { dialectSql } from '../store/dialect';
import { silentLog } from '../support/log';
import type { Log } from '../support/log';

type DeliveryQueueDb = { delivery_queue: DeliveryQueueTable };

export interface DeliveryQueueDeps {
  db: ResetDeskDb;
  tenantId: string;
  // Where messages really go: the dev outbox, or (no channel configured) one that refuses.
  channel: Delivery;
  audit: AuditLog;
  clock: Clock;
  maxAttempts?: number;
  // First retry after this long, doubling after each failure.
  retryAfterSeconds?: number;
  // Told of every failed send, so the channel is checked at once (health/channel-health.ts).
  // A send failed (`final`: its last try, the message is given up): the health monitor checks and counts.
  onSendFailed?: (channel: OutgoingMessage['channel'], final: boolean) => void;
  // The worker's logger (its lines carry the worker's name); a message's enqueue is logged on its request's.
  log?: Log;
}

const DEFAULT_MAX_ATTEMPTS = 3;
const DEFAULT_RETRY_AFTER_SECONDS = 30;
// A claimed row whose worker died (a crash between claiming and recording) is taken again after this long. So a
// message is sent at least once: after a crash mid-send it may go twice, never not at all (a second code is harmless;
// a lost one leaves the person waiting).
const CLAIM_LEASE_SECONDS = 120;
// No message is worth sending after the codes in it expired (10 minutes at most): give up, and forget its body.
const GIVE_UP_AFTER_MINUTES = 15;

/**
 * The outbox between the flows and the channels. A request only adds a row (one insert, the same for a real message
 * and a decoy's padding), so what the person is told, and how fast, never depends on whether a channel is configured,
 * works or is slow. A worker in this process sends the rows, retries with backoff and writes every failure to the
 * audit log. Claims are one UPDATE in the store, so several workers (or instances) never send a row twice.
 */
export class DeliveryQueue implements Delivery {
  private readonly deps: DeliveryQueueDeps;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(deps: DeliveryQueueDeps) {
    this.deps = deps;
  }

  private get log(): Log {
    return this.deps.log ?? silentLog;
  }

  async send(message: OutgoingMessage): Promise<void> {
    logQueued(message);
    await this.insert({
      channel: message.channel,
      to_address: message.to,
      subject: message.subject,
      body: message.body,
      html: message.html ?? null,
      locale: message.locale ?? null,
      call_id: message.callId ?? null,
      status: 'queued',
      user_id: message.about?.userId ?? null,
      flow_id: message.about?.flowId ?? null,
    });
    this.kick();
  }

  async pad(standIn?: StandIn): Promise<void> {
    // The same line and the same insert as a real message, with nothing in it; the worker only ever purges these.
    if (standIn) logQueued(standIn);
    await this.insert({
      channel: 'email',
      to_address: null,
      subject: null,
      body: null,
      html: null,
      locale: null,
      call_id: null,
      status: 'padding',
      user_id: null,
      flow_id: null,
    });
  }

  /** Starts the worker soon, unless it is running (then it goes round once more). Never waits for it. */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.work())
      // The store failed under the worker: the rows stay queued and the next kick (or the timer) tries again.
      .catch((error: unknown) => this.log.error({ err: error }, 'delivery worker round failed'))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Resolves once every message that is due has been tried (the demo outbox and tests read after this). */
  async settle(): Promise<void> {
    this.kick();
    while (this.running) await this.running;
  }

  /** Sends every row that is due, one at a time. */
  async work(): Promise<void> {
    await this.expireStale();
    for (;;) {
      const row = await this.claimNext();
      if (!row) break;
      await this.deliver(row);
    }
    await this.purge();
  }

  private async insert(
    row: Pick<
      DeliveryQueueTable,
      'channel' | 'to_address' | 'subject' | 'body' | 'html' | 'locale' | 'call_id' | 'status' | 'user_id' | 'flow_id'
    >,
  ): Promise<void> {
    const now = this.deps.clock.now().toISOString();
    await this.deps.db
      .insertInto('delivery_queue')
      .values({ ...row, tenant_id: this.deps.tenantId, next_attempt_at: now, created_at: now, last_error: null, finished_at: null })
      .execute();
  }

  private async claimNext() {
    const now = this.deps.clock.now();
    const nowIso = now.toISOString();
    const leaseUntil = new Date(now.getTime() + CLAIM_LEASE_SECONDS * 1000).toISOString();
    const claimable = (eb: ExpressionBuilder<DeliveryQueueDb, 'delivery_queue'>) =>
      eb.or([eb('status', '=', 'queued'), eb('status', '=', 'sending')]);
    return this.deps.db
      .updateTable('delivery_queue')
      .set({ status: 'sending', attempts: sql<number>`attempts + 1`, next_attempt_at: leaseUntil })
      .where('id', '=', (eb) =>
        eb
          .selectFrom('delivery_queue')
          .select('id')
          .where('tenant_id', '=', this.deps.tenantId)
          .where(claimable)
          .where('next_attempt_at', '<=', nowIso)
          .orderBy('id')
          .limit(1)
          .$call(dialectSql(this.deps.db).claim),
      )
      // Claimed by nobody else meanwhile: still claimable and still due (one UPDATE, so two workers never both win).
      .where(claimable)
      .where('next_attempt_at', '<=', nowIso)
      .returningAll()
      .executeTakeFirst();
  }

  private async deliver(row: NonNullable<Awaited<ReturnType<DeliveryQueue['claimNext']>>>): Promise<void> {
    const maxAttempts = this.deps.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    const now = this.deps.clock.now();
    try {
      await this.deps.channel.send({
        channel: row.channel,
        to: row.to_address ?? '',
        subject: row.subject ?? '',
        body: row.body ?? '',
        ...(row.html === null ? {} : { html: row.html }),
        ...(row.locale === null ? {} : { locale: row.locale }),
        ...(row.call_id === null ? {} : { callId: row.call_id }),
        about: { userId: row.user_id, flowId: row.flow_id },
      });
      await this.finish(row.id, 'sent', null);
      this.log.info({ channel: row.channel, attempt: row.attempts, message: row.id }, 'message sent');
    } catch (error) {
      // Only the error code is kept: a channel's message might quote the address or the body.
      const code = error instanceof AppError ? error.code : 'DELIVERY_FAILED';
      const final = row.attempts >= maxAttempts;
      this.deps.onSendFailed?.(row.channel, final);
      this.log.warn({ channel: row.channel, attempt: row.attempts, message: row.id, code, final }, 'send failed');
      await this.deps.audit.record({
        event: 'delivery.failed',
        outcome: 'failure',
        log: this.log,
        userId: row.user_id,
        flowId: row.flow_id,
        detail: `${row.channel} attempt ${row.attempts}/${maxAttempts} ${code}${final ? ' gave_up' : ''}`,
      });
      if (final) {
        await this.finish(row.id, 'failed', code);
      } else {
        const delaySeconds = (this.deps.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS) * 2 ** (row.attempts - 1);
        await this.deps.db
          .updateTable('delivery_queue')
          .set({ status: 'queued', last_error: code, next_attempt_at: new Date(now.getTime() + delaySeconds * 1000).toISOString() })
          .where('id', '=', row.id)
          .execute();
      }
    }
  }

  /** A finished row forgets its body (it may hold a code) and its address. */
  private async finish(id: number, status: 'sent' | 'failed', error: string | null): Promise<void> {
    await this.deps.db
      .updateTable('delivery_queue')
      .set({
        status,
        body: null,
        html: null,
        call_id: null,
        to_address: null,
        last_error: error,
        finished_at: this.deps.clock.now().toISOString(),
      })
      .where('id', '=', id)
      .execute();
  }

  /** Before anything is sent: a message older than the codes in it is given up and forgotten, never sent late. */
  private async expireStale(): Promise<void> {
    const staleBefore = new Date(this.deps.clock.now().getTime() - GIVE_UP_AFTER_MINUTES * 60_000).toISOString();
    await this.deps.db
      .updateTable('delivery_queue')
      .set({
        status: 'failed',
        body: null,
        html: null,
        call_id: null,
        to_address: null,
        last_error: 'EXPIRED',
        finished_at: this.deps.clock.now().toISOString(),
      })
      .where('tenant_id', '=', this.deps.tenantId)
      .where((eb) => eb.or([eb('status', '=', 'queued'), eb('status', '=', 'sending')]))
      .where('created_at', '<', staleBefore)
      .execute();
  }

  private async purge(): Promise<void> {
    await this.deps.db
      .deleteFrom('delivery_queue')
      .where('tenant_id', '=', this.deps.tenantId)
      .where((eb) => eb.or([eb('status', '=', 'padding'), eb('status', '=', 'sent')]))
      .execute();
  }

  /**
   * Deletes the failed rows finished more than `retentionDays` ago (they hold only the channel, the error code and
   * whom it was about: kept for the helpdesk for a while, not for ever). Returns how many went.
   */
  async purgeFailed(retentionDays: number): Promise<number> {
    const before = new Date(this.deps.clock.now().getTime() - retentionDays * 86_400_000).toISOString();
    const result = await this.deps.db
      .deleteFrom('delivery_queue')
      .where('tenant_id', '=', this.deps.tenantId)
      .where('status', '=', 'failed')
      .where('finished_at', '<', before)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

/** The enqueue's line on the request's logger: the channel only, for a message and a stand-in alike. */
function logQueued({ channel, log }: StandIn): void {
  log?.info({ component: 'delivery', channel }, 'message queued');
}
