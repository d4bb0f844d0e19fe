import type { DirectoryUser } from '../directory/directory';
import type { OutgoingMessage } from '../delivery/delivery';
import type { ResetPolicy } from '../policy/reset-policy';

/**
 * Messages to the helpdesk (policy helpdeskEmail). They name the user and what happened, never a secret: no code, no
 * password, no answer.
 */

export function privilegedResetNotice(
  policy: Pick<ResetPolicy, 'organizationName' | 'helpdeskEmail'>,
  user: Pick<DirectoryUser, 'username' | 'displayName'>,
  at: Date,
  ip: string | null,
): OutgoingMessage | null {
  if (!policy.helpdeskEmail) return null;
  return {
    channel: 'email',
    to: policy.helpdeskEmail,
    subject: `${policy.organizationName}: administrator account ${user.username} reset its password`,
    body: [
      `The administrator account ${user.username} (${user.displayName}) reset its password with self-service reset`,
      `on ${at.toISOString()}${ip ? ` from ${ip}` : ''}.`,
      'If this was not expected, check the account and the audit log (resetdesk-server audit --user ' +
        `${user.username}).`,
    ].join('\n'),
  };
}

/** "Contact your administrator" sent from the wizard: which account and what the wizard showed the person. */
export function contactRequestMessage(
  policy: Pick<ResetPolicy, 'organizationName' | 'helpdeskEmail'>,
  request: { username: string; displayName: string; reason: string; at: Date; ip: string | null },
): OutgoingMessage | null {
  if (!policy.helpdeskEmail) return null;
  return {
    channel: 'email',
    to: policy.helpdeskEmail,
    subject: `${policy.organizationName}: password help requested for ${request.username}`,
    body: [
      `Someone at the password reset wizard asked for help with the account ${request.username} (${request.displayName}).`,
      `What the wizard showed them: ${request.reason}.`,
      `When: ${request.at.toISOString()}${request.ip ? `, from ${request.ip}` : ''}.`,
      'Verify the caller before you reset anything for them.',
    ].join('\n'),
  };
}
