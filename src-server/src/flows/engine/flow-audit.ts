import type { FlowKind } from '@resetdesk/shared';
import type { AuditEntry } from '../../audit/audit-log';
import type { DirectoryUser } from '../../directory/directory';
import { AppError } from '../../errors/app-error';
import type { ResetPolicy } from '../../policy/reset-policy';
import type { FlowRow } from '../../store/database-schema';
import { logOf } from '../../support/log';
import type { RequestContext } from './request-context';

export const STEP_MISMATCH_MESSAGE = 'This request does not fit the current step of the flow.';

/** What an unknown, expired, finished or foreign token gets: the same answer, so it tells nothing. */
export function flowExpired(): AppError {
  return new AppError('FLOW_EXPIRED', 'The flow is unknown, expired or finished: start again.');
}

/** The audit row of a start, before there is a flow: a refusal unless the start succeeds. */
export function startAudit(user: DirectoryUser | null, context: RequestContext, flowKind: FlowKind): AuditEntry {
  return {
    event: 'flow.refused',
    outcome: 'failure',
    flowKind,
    userId: user?.id ?? null,
    // Unknown names are not recorded: people sometimes type their password into the username box.
    username: user?.username ?? null,
    ip: context.ip,
    ...logOf(context),
  };
}

/** The audit row of a step of an existing flow. */
export function flowAudit(flow: FlowRow, context: RequestContext, event: AuditEntry['event']): AuditEntry {
  return {
    event,
    outcome: 'failure',
    flowKind: flow.kind,
    flowId: flow.id,
    userId: flow.user_id,
    // A decoy's name is whatever someone typed: keep it out of the audit trail (see startAudit).
    username: flow.decoy === 1 ? null : flow.username,
    ip: context.ip,
    ...logOf(context),
  };
}

/** Why an account may not use self-service at all, or null when it may. */
export function refusalFor(user: DirectoryUser, policy: ResetPolicy): AppError | null {
  if (!user.accountEnabled || !user.enabledForReset) {
    return new AppError('ACCOUNT_NOT_ENABLED', 'The account is not enabled for password reset.');
  }
  if (user.managedExternally || user.protectedAccount) return contactAdmin(policy);
  return null;
}

export function contactAdmin(policy: ResetPolicy): AppError {
  const contactUrl = policy.contactAdminUrl;
  return new AppError(
    'CONTACT_ADMIN',
    'The password of this account is managed elsewhere: contact your administrator.',
    contactUrl ? { contactUrl } : undefined,
  );
}
