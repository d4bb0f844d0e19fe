import type { DirectoryUser } from '../directory/directory';
import type { OutgoingMessage } from '../delivery/delivery';
import { messagesFor } from '../messages/catalogue';
import type { ResetPolicy } from '../policy/reset-policy';
import type { AuditLogRow } from '../store/database-schema';

/**
 * Messages to the helpdesk (policy helpdeskEmail). They name the user and what happened, never a secret: no code, no
 * password, no answer.
 */

export function privilegedResetNotice(
  policy: Pick<ResetPolicy, 'organizationName' | 'helpdeskEmail'>,
  user: Pick<DirectoryUser, 'username' | 'displayName'>,
  at: Date,
  ip: string | null,
  locale: string | null = null,
): OutgoingMessage | null {
  if (!policy.helpdeskEmail) return null;
  const words = messagesFor(locale).helpdesk;
  return {
    channel: 'email',
    to: policy.helpdeskEmail,
    subject: words.adminResetSubject(policy.organizationName, user.username),
    body: words.adminResetBody(user.username, user.displayName, at.toISOString(), ip),
  };
}

/** "Contact your administrator" sent from the wizard: which account and what the wizard showed the person. */
export function contactRequestMessage(
  policy: Pick<ResetPolicy, 'organizationName' | 'helpdeskEmail'>,
  request: { username: string; displayName: string; reason: string; at: Date; ip: string | null },
  locale: string | null = null,
): OutgoingMessage | null {
  if (!policy.helpdeskEmail) return null;
  const words = messagesFor(locale).helpdesk;
  const { username, displayName, reason, ip } = request;
  return {
    channel: 'email',
    to: policy.helpdeskEmail,
    subject: words.helpRequestSubject(policy.organizationName, username),
    body: words.helpRequestBody(username, displayName, reason, request.at.toISOString(), ip),
  };
}

/** The account's owner confirmed "This wasn't me": what happened, the hold, and the flow's audit trail (no secrets). */
export function wasntMeReport(
  policy: Pick<ResetPolicy, 'organizationName' | 'helpdeskEmail'>,
  report: { username: string; what: string; at: string; action: string; trail: readonly AuditLogRow[] },
  locale: string | null = null,
): OutgoingMessage | null {
  if (!policy.helpdeskEmail) return null;
  const words = messagesFor(locale).helpdesk;
  const lines = report.trail.map((row) =>
    [row.at, row.event, row.outcome, row.ip ? `from ${row.ip}` : null, row.detail ? `(${row.detail})` : null]
      .filter((part) => part !== null)
      .join(' '),
  );
  return {
    channel: 'email',
    to: policy.helpdeskEmail,
    subject: words.wasntMeSubject(policy.organizationName, report.username),
    body: words.wasntMeBody(
      report.username,
      report.what,
      report.at,
      report.action,
      lines.length > 0 ? lines.join('\n') : words.wasntMeNoTrail,
    ),
  };
}
