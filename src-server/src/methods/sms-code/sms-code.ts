import { directoryContact } from '../directory-contact';
import type { MethodOption } from '@resetdesk/shared';
import type { OutgoingMessage } from '../../delivery/delivery';
import type { DirectoryUser } from '../../directory/directory';
import type { DecoyProfile } from '../decoy-profile';
import { DeliveredCodeMethod } from '../code-base/delivered-code';
import { maskPhone } from '../masked-phone';

export const SMS_METHOD_ID = 'sms';

/** A one-time code by text message to the user's mobile phone: the same rules as the email code. */
export class SmsCodeMethod extends DeliveredCodeMethod {
  readonly kind = 'sms' as const;

  optionFor(user: DirectoryUser): MethodOption | null {
    const phone = directoryContact(user, this.deps.policy, 'phone');
    return phone ? { id: SMS_METHOD_ID, kind: 'sms', maskedTarget: maskPhone(phone) } : null;
  }

  decoyOptionFor(profile: DecoyProfile): MethodOption {
    return { id: SMS_METHOD_ID, kind: 'sms', maskedTarget: maskPhone(profile.phoneDigits) };
  }

  protected messageFor(user: DirectoryUser, code: string): OutgoingMessage | null {
    if (!user.phone) return null;
    // Short, and the code first: lock screens show only the start of a text message.
    return {
      channel: 'sms',
      to: user.phone,
      subject: `${this.deps.policy.organizationName} password reset`,
      body: `${code} is your ${this.deps.policy.organizationName} verification code. It expires in ${this.deps.policy.codeLifetimeMinutes} minutes.`,
    };
  }
}
