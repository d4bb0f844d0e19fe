import type { OutgoingMessage } from '../../delivery/delivery';
import type { DirectoryUser } from '../../directory/directory';
import type { DecoyProfile } from '../decoy-profile';
import { ContactCodeMethod } from '../code-base/contact-code';
import type { ContactSpec } from '../code-base/contact-code';
import type { DeliveredCodeMethodDeps } from '../code-base/delivered-code';
import { maskEmail } from '../masked-email';
import { messagesFor } from '../../messages/catalogue';
import { renderEmail } from '../../messages/email-template';

export const EMAIL_METHOD_ID = 'email';

export type EmailCodeMethodDeps = DeliveredCodeMethodDeps;

export interface EmailCodeMessageInput {
  to: string;
  displayName: string;
  code: string;
  // The flow's language tag (English when null or not spoken).
  locale: string | null;
  organizationName: string;
  lifetimeMinutes: number;
}

/** The email carrying a code (text and HTML) in the flow's language; the subject never holds the code. */
export function emailCodeMessage(input: EmailCodeMessageInput): OutgoingMessage {
  const messages = messagesFor(input.locale);
  const words = messages.emailCode;
  const email = renderEmail({
    language: messages.language,
    organization: input.organizationName,
    subject: words.subject(input.organizationName),
    greeting: messages.common.greeting(input.displayName),
    blocks: [
      { code: input.code, sentence: words.codeSentence(input.code), label: words.codeLabel },
      words.expiry(input.lifetimeMinutes),
      words.notYou,
    ],
  });
  return { channel: 'email', to: input.to, subject: email.subject, body: email.text, html: email.html };
}

const EMAIL_CONTACT: ContactSpec = {
  methodId: EMAIL_METHOD_ID,
  detail: 'email',
  mask: maskEmail,
  decoyDetail: (profile: DecoyProfile) => profile.email,
};

/** A one-time code sent by email: 6 digits, 10 minutes, 5 tries, one use. */
export class EmailCodeMethod extends ContactCodeMethod {
  readonly kind = 'email' as const;
  protected readonly contact = EMAIL_CONTACT;

  protected messageFor(user: DirectoryUser, code: string, locale: string | null): OutgoingMessage | null {
    if (!user.email) return null;
    return emailCodeMessage({
      to: user.email,
      displayName: user.displayName,
      code,
      locale,
      organizationName: this.deps.policy.organizationName,
      lifetimeMinutes: this.deps.policy.codeLifetimeMinutes,
    });
  }
}
