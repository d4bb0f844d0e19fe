import type { AuditEntry, AuditLog } from '../../audit/audit-log';
import type { Delivery } from '../../delivery/delivery';
import type { DirectoryUser } from '../../directory/directory';
import { messagesFor } from '../../messages/catalogue';
import type { ServerMessages } from '../../messages/catalogue';
import type { EmailBlock } from '../../messages/email-template';
import { renderEmail } from '../../messages/email-template';
import type { RegisteredEmails } from '../../methods/email-code/registered-emails';
import type { ResetPolicy } from '../../policy/reset-policy';
import type { Clock } from '../../support/clock';
import type { NoticeLinks } from '../../wasnt-me/notice-links';
import { logOf } from '../../support/log';

export interface AccountNoticeDeps {
  policy: ResetPolicy;
  delivery: Delivery;
  audit: AuditLog;
  clock: Clock;
  // "This wasn't me" links (absent in embeddings without them: the notice then has none).
  noticeLinks?: NoticeLinks;
  // Addresses registered as an email method beside the directory's: each gets the notice too.
  registeredEmails?: RegisteredEmails;
}

/** What happened to the account, as a key of the catalogue's accountNotice section. */
export type AccountNoticeKind = keyof ServerMessages['accountNotice'];

/** Every address the person registered, the directory's first, each once (addresses compare case-insensitively). */
async function recipientsOf(
  deps: AccountNoticeDeps,
  user: DirectoryUser,
  alsoTo: readonly string[],
): Promise<string[]> {
  const registered = (await deps.registeredEmails?.list(user.id)) ?? [];
  const seen = new Set<string>();
  return [user.email, ...registered, ...alsoTo].filter((address): address is string => {
    const key = address?.trim().toLowerCase();
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Tells the account's owner, by email in the flow's language, that their password was reset or changed or their
 * account unlocked, so that someone who did not do it can react: on every address they registered, each with its
 * own single-use "This wasn't me" link (when the server knows its public address). Sent after the change succeeded:
 * a lost notice is audited but never turns the change into an error for the user.
 */
export async function sendAccountNotice(
  deps: AccountNoticeDeps,
  kind: AccountNoticeKind,
  user: DirectoryUser,
  locale: string | null,
  audit: AuditEntry,
  // Addresses that are no longer registered but must hear of it (security info: the address just removed).
  alsoTo: readonly string[] = [],
): Promise<void> {
  const recipients = await recipientsOf(deps, user, alsoTo);
  const messages = messagesFor(locale);
  const notice = messages.accountNotice[kind];
  const contact = deps.policy.contactAdminUrl ? ` (${deps.policy.contactAdminUrl})` : '';
  const organization = deps.policy.organizationName;
  const noticeId = deps.noticeLinks?.newNoticeId() ?? '';
  const at = deps.clock.now().toISOString();
  for (const to of recipients) {
    try {
      const link = await deps.noticeLinks?.issue(noticeId, { flowId: audit.flowId ?? null, user, kind, locale });
      const words = messages.common;
      const wasntMe: EmailBlock[] = link
        ? [{ link, sentence: words.wasntMeSentence(link), label: words.wasntMeLabel, text: words.wasntMeLinkText }]
        : [];
      const email = renderEmail({
        language: messages.language,
        organization,
        subject: notice.subject(organization),
        greeting: words.greeting(user.displayName),
        blocks: [notice.body(at), ...wasntMe, words.contactAdministrator(contact)],
      });
      const { subject, text, html } = email;
      const about = { userId: user.id, flowId: audit.flowId ?? null };
      await deps.delivery.send({ channel: 'email', to, subject, body: text, html, about, ...logOf(audit) });
    } catch {
      await deps.audit.record({ ...audit, event: 'notification.failed', outcome: 'failure' });
    }
  }
}
