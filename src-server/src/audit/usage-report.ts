import type { ResetDeskDb } from '../store/store';

export type ReportedFlow = 'reset' | 'unlock' | 'change';

// The audit events that end an attempt, by flow and outcome (a refused start has no flow kind yet: it counts among
// the failure reasons only).
const OUTCOME_EVENTS = {
  'password.reset': ['reset', 'success'],
  'password.reset_failed': ['reset', 'failure'],
  'account.unlocked': ['unlock', 'success'],
  'account.unlock_refused': ['unlock', 'failure'],
  'password.changed': ['change', 'success'],
  'password.change_rejected': ['change', 'failure'],
} as const satisfies Record<string, readonly [ReportedFlow, 'success' | 'failure']>;
type OutcomeEvent = keyof typeof OUTCOME_EVENTS;
const OUTCOME_EVENT_NAMES = Object.keys(OUTCOME_EVENTS) as OutcomeEvent[];

// A verification passed for a flow started at most this long before its outcome (flows live minutes, not days).
const FLOW_LOOKBACK_MS = 24 * 60 * 60 * 1000;
// An error code as the audit details write them (RATE_LIMITED, DIRECTORY_UNAVAILABLE, ...).
const ERROR_CODE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$|^[A-Z]{4,}$/u;

export interface ActivityCount {
  // The UTC day, YYYY-MM-DD.
  day: string;
  flow: ReportedFlow;
  outcome: 'success' | 'failure';
  // The methods the flow passed, in the order passed ("sms+approval" for two gates); null when none was (a change
  // proves the old password; a failure may come before any gate).
  method: string | null;
  count: number;
}

export interface FailureReason {
  code: string;
  count: number;
}

/**
 * What the administrator's usage report reads from the audit log: the outcomes of resets, unlocks and changes per
 * day, by method, and the most common failure codes. Only aggregates leave here: no user ID, name, address or flow.
 * Two indexed range reads (audit_log_event_at) grouped here rather than in SQL, so one query serves both dialects
 * (SQLite and PostgreSQL aggregate strings differently) and a flow's methods are counted once per outcome.
 */
export class AuditUsageQuery {
  constructor(private readonly deps: { db: ResetDeskDb; tenantId: string }) {}

  async activity(since: Date): Promise<ActivityCount[]> {
    const { db, tenantId } = this.deps;
    const outcomes = await db
      .selectFrom('audit_log')
      .select(['at', 'event', 'flow_id'])
      .where('tenant_id', '=', tenantId)
      .where('event', 'in', OUTCOME_EVENT_NAMES)
      .where('at', '>=', since.toISOString())
      .orderBy('id')
      .execute();
    const passed = await db
      .selectFrom('audit_log')
      .select(['flow_id', 'detail'])
      .where('tenant_id', '=', tenantId)
      .where('event', '=', 'verification.passed')
      .where('at', '>=', new Date(since.getTime() - FLOW_LOOKBACK_MS).toISOString())
      .orderBy('id')
      .execute();
    const methodsOf = new Map<string, string[]>();
    for (const row of passed) {
      if (row.flow_id === null || row.detail === null) continue;
      methodsOf.set(row.flow_id, [...(methodsOf.get(row.flow_id) ?? []), row.detail]);
    }
    const counts = new Map<string, ActivityCount>();
    for (const row of outcomes) {
      const [flow, outcome] = OUTCOME_EVENTS[row.event as OutcomeEvent];
      const methods = row.flow_id === null ? undefined : methodsOf.get(row.flow_id);
      const method = methods ? methods.join('+') : null;
      const day = row.at.slice(0, 10);
      const key = [day, flow, outcome, method].join('\u0000');
      const entry = counts.get(key) ?? { day, flow, outcome, method, count: 0 };
      entry.count += 1;
      counts.set(key, entry);
    }
    return [...counts.values()].sort(
      (a, b) =>
        a.day.localeCompare(b.day) ||
        a.flow.localeCompare(b.flow) ||
        a.outcome.localeCompare(b.outcome) ||
        (a.method ?? '').localeCompare(b.method ?? ''),
    );
  }

  /** The `limit` most common error codes among failures (a detail's first word that is a code), most common first. */
  async failureReasons(since: Date, limit: number): Promise<FailureReason[]> {
    const { db, tenantId } = this.deps;
    const rows = await db
      .selectFrom('audit_log')
      .select(['detail', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('tenant_id', '=', tenantId)
      .where('outcome', '=', 'failure')
      .where('at', '>=', since.toISOString())
      .groupBy('detail')
      .execute();
    const byCode = new Map<string, number>();
    for (const row of rows) {
      const code = (row.detail ?? '').split(/[\s;,]+/u).find((word) => ERROR_CODE.test(word));
      if (code !== undefined) byCode.set(code, (byCode.get(code) ?? 0) + Number(row.n));
    }
    return [...byCode.entries()]
      .map(([code, count]) => ({ code, count }))
      .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code))
      .slice(0, limit);
  }
}
