import type { AuditEntry, AuditLog } from '../../audit/audit-log';
import type { Delivery } from '../../delivery/delivery';
import type { DirectoryUser } from '../../directory/directory';
import { messagesFor } from '../../messages/catalogue';
import type { ServerMessages } from '../../messages/catalogue';
import { renderEmail } from '../../messages/email-template';
import type { ResetPolicy } from '../../policy/reset-policy';
import type { Clock } from '../../support/clock';

export interface AccountNoticeDeps {
  policy: ResetPolicy;
  delivery: Delivery;
  audit: AuditLog;
  clock: Clock;
}

/** What happened to the account, as a key of the catalogue's accountNotice section. */
export type AccountNoticeKind = keyof ServerMessages['accountNotice'];

/**
 * Tells the account's owner, by email in the flow's language, that their password was reset or changed or their
 * account unlocked, so that someone who did not do it can react. Sent after the change succeeded: a lost notice is
 * audited but never turns the change into an error for the user.
 */
export async function sendAccountNotice(
  deps: AccountNoticeDeps,
  kind: AccountNoticeKind,
  user: DirectoryUser,
  locale: string | null,
  audit: AuditEntry,
): Promise<void> {
  if (!user.email) return;
  const messages = messagesFor(locale);
  const notice = messages.accountNotice[kind];
  const contact = deps.policy.contactAdminUrl ? ` (${deps.policy.contactAdminUrl})` : '';
  const organization = deps.policy.organizationName;
  const email = renderEmail({
    language: messages.language,
    organization,
    subject: notice.subject(organization),
    greeting: messages.common.greeting(user.displayName),
    blocks: [notice.body(deps.clock.now().toISOString()), messages.common.contactAdministrator(contact)],
  });
  try {
    const { subject, text, html } = email;
    await deps.delivery.send({ channel: 'email', to: user.email, subject, body: text, html });
  } catch {
    await deps.audit.record({ ...audit, event: 'notification.failed', outcome: 'failure' });
  }
}
