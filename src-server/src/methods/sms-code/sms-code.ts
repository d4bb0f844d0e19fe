import { directoryContact } from '../directory-contact';
import type { MethodOption } from '@resetdesk/shared';
import type { OutgoingMessage } from '../../delivery/delivery';
import type { DirectoryUser } from '../../directory/directory';
import type { DecoyProfile } from '../decoy-profile';
import { DeliveredCodeMethod } from '../code-base/delivered-code';
import { maskPhone } from '../masked-phone';
import { messagesFor } from '../../messages/catalogue';

export const SMS_METHOD_ID = 'sms';

/** A one-time code by text message to the user's mobile phone (in the flow's language): the email code's rules. */
export class SmsCodeMethod extends DeliveredCodeMethod {
  readonly kind = 'sms' as const;

  optionFor(user: DirectoryUser): MethodOption | null {
    const phone = directoryContact(user, this.deps.policy, 'phone');
    return phone ? { id: SMS_METHOD_ID, kind: 'sms', maskedTarget: maskPhone(phone) } : null;
  }

  decoyOptionFor(profile: DecoyProfile): MethodOption {
    return { id: SMS_METHOD_ID, kind: 'sms', maskedTarget: maskPhone(profile.phoneDigits) };
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
