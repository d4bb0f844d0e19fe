import { DeliveryChannelSchema } from '@resetdesk/shared';
import type { AuditEntry, AuditEvent } from '../audit/audit-log';
import { throttleRuleOf } from '../throttle/refusal-text';
import type { ServerMetrics } from './server-metrics';

/** What a flow event says about the flow as a whole (the steps in between are not outcomes). */
const FLOW_OUTCOMES: Partial<Record<AuditEvent, string>> = {
  'flow.started': 'started',
  'flow.refused': 'refused',
  'flow.cancelled': 'cancelled',
  'password.reset': 'completed',
  'account.unlocked': 'completed',
  'password.changed': 'completed',
  'password.reset_failed': 'failed',
  'account.unlock_refused': 'failed',
};

const VERIFICATION_OUTCOMES: Partial<Record<AuditEvent, string>> = {
  'verification.sent': 'sent',
  'verification.passed': 'passed',
  'verification.rejected': 'rejected',
  'verification.refused': 'refused',
};

// A method kind is a short lowercase word; anything else (a row from before the kinds were named) counts as unknown.
const METHOD_KIND = /^[a-z][a-z_]{0,30}$/u;

/**
 * The one place counters are derived from the audit trail: every row the flows write already says what happened, so
 * the metrics follow the audit log instead of calls sprinkled through the flows. Only closed-set facts become labels:
 * the flow's kind, the method's kind, the throttle rule, the channel; never the row's user, name, address or flow id.
 */
export function auditMetricsObserver(metrics: ServerMetrics): (entry: AuditEntry) => void {
  return (entry) => {
    const flowOutcome = FLOW_OUTCOMES[entry.event];
    if (flowOutcome !== undefined && entry.flowKind !== undefined) {
      metrics.flows.inc({ kind: entry.flowKind, outcome: flowOutcome });
    }
    const verification = VERIFICATION_OUTCOMES[entry.event];
    if (verification !== undefined) metrics.verifications.inc({ method: methodOf(entry), outcome: verification });
    const rule = throttleRule(entry);
    if (rule !== null) metrics.throttleRefusals.inc({ rule });
    if (entry.event === 'delivery.failed') metrics.deliveryFailures.inc({ channel: channelOf(entry.detail) });
  };
}

function methodOf(entry: AuditEntry): string {
  // Sent and passed rows carry the kind as their detail too (rows written before `method` existed did so as well).
  const kind = entry.method ?? (entry.outcome === 'success' ? entry.detail : null);
  return typeof kind === 'string' && METHOD_KIND.test(kind) ? kind : 'unknown';
}

/** The throttle rule a refusal row names: RATE_LIMITED with the rule's text, TOO_MANY_RESETS, or a busy account. */
function throttleRule(entry: AuditEntry): string | null {
  const detail = entry.detail ?? '';
  if (entry.outcome !== 'failure') return null;
  if (detail === 'TOO_MANY_RESETS') return 'resets';
  if (!detail.startsWith('RATE_LIMITED')) return null;
  if (entry.event === 'contact.requested') return 'help';
  return throttleRuleOf(detail) ?? 'busy';
}

/** A failure row's detail starts with its channel (delivery-queue.ts and the provider callbacks). */
function channelOf(detail: string | null | undefined): string {
  const first = (detail ?? '').split(' ')[0];
  return DeliveryChannelSchema.options.find((channel) => channel === first) ?? 'unknown';
}
