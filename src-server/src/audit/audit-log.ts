import type { FlowKind } from '@resetdesk/shared';
import type { AuditLogRow } from '../store/database-schema';
import { TenantRows } from '../store/rows';
import type { Log } from '../support/log';

export type AuditEvent =
  | 'flow.started'
  | 'flow.refused'
  | 'flow.cancelled'
  // One verification gate, whatever the method (code, questions, call, approval). Rows written before these names
  // carry code.sent / code.refused / code.verified / code.rejected (the log is append-only).
  | 'verification.sent'
  | 'verification.refused'
  | 'verification.passed'
  | 'verification.rejected'
  | 'password.rejected'
  | 'password.reset'
  // Written before the directory is asked to write a reset's new password: a crash after the write but before the
  // flow's commit leaves this row behind, so the retry knows to finish the flow (flows/reset/password-write.ts) and
  // the trail shows the attempt even if no one comes back (password.reset_unconfirmed).
  | 'password.write_started'
  // A write whose flow expired after a crash with no retry: the password may or may not have changed (detail:
  // INTERRUPTED); the person was sent the account notice anyway.
  | 'password.reset_unconfirmed'
  | 'password.reset_failed'
  | 'notification.failed'
  // A queued message could not be delivered (detail: channel, attempt, error code; never the address or body).
  | 'delivery.failed'
  // A provider's callback (Twilio's status report, a gateway's event) without a valid signature, stale or replayed
  // (detail: provider and why; capped).
  | 'delivery.callback_refused'
  | 'approval.decided'
  | 'call.answered'
  | 'account.unlocked'
  | 'account.unlock_refused'
  | 'password.changed'
  | 'password.change_rejected'
  | 'sign_in'
  | 'passkey.registered'
  // Device trust (src-server/src/devices).
  | 'device.enrolled'
  | 'device.enroll_refused'
  | 'device.refused'
  | 'device.revoked'
  // Reset policy and help requests.
  | 'policy.changed'
  | 'contact.requested'
  // "This wasn't me" (src-server/src/wasnt-me): a confirmed link (detail: the hold and the directory's action), a
  // refused one (unknown, forged, expired or used; capped), and an administrator lifting a hold.
  | 'wasnt_me.confirmed'
  | 'wasnt_me.refused'
  | 'hold.released'
  // Temporary Access Passes (methods/temporary-access-pass): issued, revoked and used (detail: the pass's id, never
  // the pass).
  | 'tap.issued'
  | 'tap.revoked'
  | 'tap.used'
  // A person's registered methods cleared by an administrator (`users methods reset`).
  | 'methods.reset'
  // Security info (flows/registration/): the password accepted or refused, a proof sent for a new method, a method
  // added, removed or made the default (detail: its kind; never the address or number), a refused step, finished.
  | 'security_info.signed_in'
  | 'security_info.sign_in_rejected'
  | 'security_info.proof_sent'
  | 'security_info.added'
  | 'security_info.removed'
  | 'security_info.default_changed'
  | 'security_info.refused'
  | 'security_info.confirmed';

export type AuditOutcome = 'success' | 'failure';

/** One audit row. `detail` is a short machine-readable note (an error code, rule names): never a secret. */
export interface AuditEntry {
  event: AuditEvent;
  outcome: AuditOutcome;
  flowId?: string | null;
  userId?: string | null;
  username?: string | null;
  ip?: string | null;
  detail?: string | null;
  // Not stored (the row has no column for them): facts that observers such as the metrics count by. The flow's kind
  // and the verification method's kind, both from closed sets.
  flowKind?: FlowKind;
  method?: string;
  // The logger of the request (or worker) the row is written for: the row is logged on it too, with the event,
  // outcome and detail only (never stored).
  log?: Log;
}

/** Told of every row after it was written (metrics/audit-metrics.ts); it must not throw and must not wait. */
export type AuditObserver = (entry: AuditEntry) => void;

export interface AuditQuery {
  username?: string;
  // Only rows at or after this moment.
  since?: Date;
  limit?: number;
}

/** Writes to and reads from the append-only audit_log table. */
export class AuditLog extends TenantRows {
  private readonly observers: AuditObserver[] = [];

  /** Adds an observer of every recorded row (the one place metrics are derived from, instead of calls everywhere). */
  observe(observer: AuditObserver): void {
    this.observers.push(observer);
  }

  async record(entry: AuditEntry): Promise<void> {
    const { event, outcome } = entry;
    entry.log?.info({ component: 'audit', event, outcome, detail: entry.detail ?? null, flowId: entry.flowId ?? null },
      'audit event');
    await this.db
      .insertInto('audit_log')
      .values({
        tenant_id: this.tenantId,
        at: this.clock.now().toISOString(),
        event: entry.event,
        outcome: entry.outcome,
        flow_id: entry.flowId ?? null,
        user_id: entry.userId ?? null,
        username: entry.username ?? null,
        ip: entry.ip ?? null,
        detail: entry.detail ?? null,
      })
      .execute();
    for (const observer of this.observers) {
      // An observer's bug must never fail the request whose row was written.
      try {
        observer(entry);
      } catch {
        // ignored: see above
      }
    }
  }

  /** One flow's rows, oldest first: what the helpdesk is told when its owner says "this wasn't me". */
  async listForFlow(flowId: string, limit = 200): Promise<AuditLogRow[]> {
    return this.db
      .selectFrom('audit_log')
      .selectAll()
      .where('tenant_id', '=', this.tenantId)
      .where('flow_id', '=', flowId)
      .orderBy('id', 'asc')
      .limit(limit)
      .execute();
  }

  /** Newest first. */
  async list(query: AuditQuery = {}): Promise<AuditLogRow[]> {
    let select = this.db.selectFrom('audit_log').selectAll().where('tenant_id', '=', this.tenantId);
    if (query.username !== undefined) select = select.where('username', '=', query.username.trim().toLowerCase());
    if (query.since !== undefined) select = select.where('at', '>=', query.since.toISOString());
    return select
      .orderBy('id', 'desc')
      .limit(query.limit ?? 100)
      .execute();
  }
}
