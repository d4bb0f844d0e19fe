import type { ResetDeskDb } from '../store/store';
import type { Clock } from '../support/clock';
import { addMinutes } from '../support/clock';
import type { AuditEntry, AuditLog } from './audit-log';

/** How many rows of one event a stranger may add: per source address and in all, per window. */
export interface AuditCapLimits {
  windowMinutes: number;
  perSource: number;
  total: number;
}

// 20 refusals from one address in 10 minutes tell IT everything one more would; 1,000 in all bounds a flood from many
// addresses to about 150,000 rows a day (tens of MB), where an uncapped flood is limited only by the disk.
export const DEFAULT_AUDIT_CAP: AuditCapLimits = { windowMinutes: 10, perSource: 20, total: 1000 };

const CAPPED_NOTE = 'limit reached: further rows like this from this address are not logged for a while';

/**
 * Audit rows that anyone can cause without credentials (refused enrollments, bad device signatures). The audit log
 * is append-only (a database trigger refuses deletes), so these rows cannot be purged later: instead they are capped
 * when written. The last row before the cap says so, so IT sees that a flood happened.
 */
export class CappedAudit {
  private readonly deps: { db: ResetDeskDb; tenantId: string; clock: Clock; audit: AuditLog; limits?: AuditCapLimits };

  constructor(deps: { db: ResetDeskDb; tenantId: string; clock: Clock; audit: AuditLog; limits?: AuditCapLimits }) {
    this.deps = deps;
  }

  /** Records the entry unless its event already reached the cap for its address or in all; true when recorded. */
  async record(entry: AuditEntry): Promise<boolean> {
    const limits = this.deps.limits ?? DEFAULT_AUDIT_CAP;
    const since = addMinutes(this.deps.clock.now(), -limits.windowMinutes).toISOString();
    const recent = this.deps.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', this.deps.tenantId)
      .where('event', '=', entry.event)
      .where('at', '>=', since);
    const total = Number((await recent.executeTakeFirst())?.n ?? 0);
    if (total >= limits.total) return false;
    const ip = entry.ip ?? null;
    const fromSource = Number(
      (await (ip === null ? recent.where('ip', 'is', null) : recent.where('ip', '=', ip)).executeTakeFirst())?.n ?? 0,
    );
    if (fromSource >= limits.perSource) return false;
    const last = fromSource === limits.perSource - 1 || total === limits.total - 1;
    await this.deps.audit.record(last ? { ...entry, detail: entry.detail ? `${entry.detail}; ${CAPPED_NOTE}` : CAPPED_NOTE } : entry);
    return true;
  }
}
