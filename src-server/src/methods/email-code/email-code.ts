import type { MethodOption } from '@resetdesk/shared';
import type { OutgoingMessage } from '../../delivery/delivery';
import type { DirectoryUser } from '../../directory/directory';
import type { DecoyProfile } from '../decoy-profile';
import { DeliveredCodeMethod } from '../code-base/delivered-code';
import type { DeliveredCodeMethodDeps } from '../code-base/delivered-code';
import { maskEmail } from '../masked-email';
import { messagesFor } from '../../messages/catalogue';
import { renderEmail } from '../../messages/email-template';

export const EMAIL_METHOD_ID = 'email';

export type EmailCodeMethodDeps = DeliveredCodeMethodDeps;

/** A one-time code sent by email: 6 digits, 10 minutes, 5 tries, one use. */
export class EmailCodeMethod extends DeliveredCodeMethod {
  readonly kind = 'email' as const;

  optionFor(user: DirectoryUser): MethodOption | null {
    if (!user.email) return null;
    return { id: EMAIL_METHOD_ID, kind: 'email', maskedTarget: maskEmail(user.email) };
  }

  decoyOptionFor(profile: DecoyProfile): MethodOption {
    return { id: EMAIL_METHOD_ID, kind: 'email', maskedTarget: maskEmail(profile.email) };
  }

  protected messageFor(user: DirectoryUser, code: string, locale: string | null): OutgoingMessage | null {
    if (!user.email) return null;
    const messages = messagesFor(locale);
    const words = messages.emailCode;
    const organization = this.deps.policy.organizationName;
    const email = renderEmail({
      language: messages.language,
      organization,
      subject: words.subject(organization),
      greeting: messages.common.greeting(user.displayName),
      blocks: [
        { code, sentence: words.codeSentence(code), label: words.codeLabel },
        words.expiry(this.deps.policy.codeLifetimeMinutes),
        words.notYou,
      ],
    });
    return { channel: 'email', to: user.email, subject: email.subject, body: email.text, html: email.html };
  }
}
