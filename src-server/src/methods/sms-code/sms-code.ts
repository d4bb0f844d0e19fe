import type { OutgoingMessage } from '../../delivery/delivery';
import type { DirectoryUser } from '../../directory/directory';
import type { DecoyProfile } from '../decoy-profile';
import { ContactCodeMethod } from '../code-base/contact-code';
import type { ContactSpec } from '../code-base/contact-code';
import { maskPhone } from '../masked-phone';
import { messagesFor } from '../../messages/catalogue';

export const SMS_METHOD_ID = 'sms';

const SMS_CONTACT: ContactSpec = {
  methodId: SMS_METHOD_ID,
  detail: 'phone',
  mask: maskPhone,
  decoyDetail: (profile: DecoyProfile) => profile.phoneDigits,
};

/** A one-time code by text message to the user's mobile phone (in the flow's language): the email code's rules. */
export class SmsCodeMethod extends ContactCodeMethod {
  readonly kind = 'sms' as const;
  protected readonly contact = SMS_CONTACT;

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
