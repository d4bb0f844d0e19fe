import type { WasntMeConfirmed, WasntMeNotice } from '@resetdesk/shared';
import type { AuditLog } from '../audit/audit-log';
import type { CappedAudit } from '../audit/capped-audit';
import type { Delivery } from '../delivery/delivery';
import type { Directory } from '../directory/directory';
import { AppError } from '../errors/app-error';
import { wasntMeReport } from '../help-requests/helpdesk-messages';
import type { AccountHolds } from '../policy/account-holds';
import type { ResetPolicy } from '../policy/reset-policy';
import type { NoticeLinks } from './notice-links';
import type { NoticeLinkRow } from './wasnt-me-tables';

export interface WasntMeServiceDeps {
  links: NoticeLinks;
  holds: AccountHolds;
  directory: Directory;
  policy: ResetPolicy;
  delivery: Delivery;
  audit: AuditLog;
  // Refused links are anyone's to send: their rows are capped.
  strangerAudit: CappedAudit;
}

type Restriction = WasntMeConfirmed['restriction'];

function invalidLink(): AppError {
  return new AppError('NOTICE_LINK_INVALID', 'This link is unknown, expired or was already used: nothing changed.');
}

/**
 * The "This wasn't me" page's two calls. Looking a link up changes nothing. Confirming uses the link (and its
 * notice's other links) in one statement, so of parallel confirms exactly one goes on; it then holds the account's
 * self-service, asks the directory for the policy's action (wasntMe.action) where it can, and tells the helpdesk with
 * the flow's audit trail. A used, expired or forged link changes nothing and gets NOTICE_LINK_INVALID.
 */
export class WasntMeService {
  private readonly deps: WasntMeServiceDeps;

  constructor(deps: WasntMeServiceDeps) {
    this.deps = deps;
  }

  async lookup(token: string, ip: string | null): Promise<WasntMeNotice> {
    const row = await this.deps.links.find(token);
    if (!row) return this.refuse('lookup', ip);
    return { kind: row.kind, at: row.created_at, organizationName: this.deps.policy.organizationName };
  }

  async confirm(token: string, ip: string | null): Promise<WasntMeConfirmed> {
    const row = await this.deps.links.consume(token);
    if (!row) return this.refuse('confirm', ip);
    const placed = await this.deps.holds.place({ id: row.user_id, username: row.username }, 'wasnt_me');
    const action = this.deps.policy.wasntMe.action;
    const restriction = await this.restrict(row.user_id, action);
    const audit = { flowId: row.flow_id, userId: row.user_id, username: row.username, ip };
    const detail = `${row.kind} hold:${placed ? 'placed' : 'kept'} ${action}:${restriction}`;
    await this.deps.audit.record({ ...audit, event: 'wasnt_me.confirmed', outcome: 'success', detail });
    await this.tellHelpdesk(row, `${action}: ${restriction}`, audit);
    return { held: true, action, restriction };
  }

  private async restrict(userId: string, action: WasntMeConfirmed['action']): Promise<Restriction> {
    if (action === 'none') return 'none';
    const directory = this.deps.directory;
    if (!directory.restrictAccount) return 'unsupported';
    try {
      return await directory.restrictAccount(userId, action);
    } catch {
      // The hold stands; the helpdesk reads "failed" and acts in the directory itself.
      return 'failed';
    }
  }

  private async tellHelpdesk(row: NoticeLinkRow, action: string, audit: { flowId: string | null }): Promise<void> {
    const trail = row.flow_id ? await this.deps.audit.listForFlow(row.flow_id) : [];
    const message = wasntMeReport(this.deps.policy, {
      username: row.username,
      what: row.kind,
      at: row.created_at,
      action,
      trail,
    });
    if (!message) return;
    try {
      await this.deps.delivery.send({ ...message, about: { userId: row.user_id, flowId: audit.flowId } });
    } catch {
      await this.deps.audit.record({ ...audit, event: 'notification.failed', outcome: 'failure', detail: 'wasnt_me' });
    }
  }

  private async refuse(step: 'lookup' | 'confirm', ip: string | null): Promise<never> {
    await this.deps.strangerAudit.record({ event: 'wasnt_me.refused', outcome: 'failure', ip, detail: step });
    throw invalidLink();
  }
}
