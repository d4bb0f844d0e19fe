import type { OutgoingMessage } from '../../delivery/delivery';
import type { DirectoryUser } from '../../directory/directory';
import type { DecoyProfile } from '../decoy-profile';
import { ContactCodeMethod } from '../code-base/contact-code';
import { maskPhone } from '../masked-phone';
import { messagesFor } from '../../messages/catalogue';

export const SMS_METHOD_ID = 'sms';

/** A one-time code by text message to the user's mobile phone (in the flow's language): the email code's rules. */
export class SmsCodeMethod extends ContactCodeMethod {
  readonly kind = 'sms' as const;
  protected readonly methodId = SMS_METHOD_ID;
  protected readonly contact = 'phone' as const;

  protected mask(detail: string): string {
    return maskPhone(detail);
  }

  protected decoyDetail(profile: DecoyProfile): string {
    return profile.phoneDigits;
  }

  protected messageFor(user: DirectoryUser, code: string, locale: string | null): OutgoingMessage | null {
    if (!user.phone) return null;
    const words = messagesFor(locale).smsCode;
    const organization = this.deps.policy.organizationName;
    return {
      channel: 'sms',
      to: user.phone,
      subject: words.subject(organization),
      body: words.body(code, organization, this.deps.policy.codeLifetimeMinutes),
    };
  }
}
