import type { BeginRegistrationRequest } from '@resetdesk/shared';
import type { OutgoingMessage } from '../../delivery/delivery';
import type { DirectoryUser } from '../../directory/directory';
import { messagesFor } from '../../messages/catalogue';
import { ContactRegistrar } from '../code-base/contact-registrar';
import type { RegistrationCodeDeps } from '../code-base/registration-code';
import { maskPhone } from '../masked-phone';
import type { MethodRegistrar, RegistrarContext } from '../method-registrar';
import { RegistrationInputError } from '../method-registrar';
import { spokenDigits, toE164 } from './phone-number';
import type { RegisteredPhones } from './registered-phones';

/**
 * Registering a mobile phone: the number in international format (libphonenumber-js), proved by a code sent by text
 * message or spoken in a call, then saved once in E.164 for both the SMS and the voice method.
 */
export class PhoneRegistrar extends ContactRegistrar<'phone'> implements MethodRegistrar<'phone'> {
  readonly kind = 'phone' as const;
  protected readonly noticesGo = false;

  constructor(deps: RegistrationCodeDeps & { registeredPhones: RegisteredPhones }) {
    super(deps, deps.registeredPhones);
  }

  async begin(context: RegistrarContext, input: Extract<BeginRegistrationRequest, { kind: 'phone' }>): Promise<void> {
    const e164 = toE164(input.number, input.country, input.via);
    if (!e164) {
      throw new RegistrationInputError('PHONE_NUMBER_INVALID', 'This is not a mobile number in international format.');
    }
    await this.proveNew(context, e164, input.via, 'This phone is registered already.');
  }

  protected ownTarget(user: DirectoryUser): string | null {
    return user.phone ? toE164(user.phone, undefined, 'voice') : null;
  }

  protected mask(target: string): string {
    return maskPhone(target);
  }

  protected messageFor(to: string, via: string, code: string, _user: DirectoryUser, locale: string | null):
    OutgoingMessage {
    const words = messagesFor(locale).registration;
    const organization = this.deps.policy.organizationName;
    const minutes = this.deps.policy.codeLifetimeMinutes;
    if (via === 'voice') {
      // No callId: nothing is answered on the call; the person types the code it speaks.
      const body = words.callPrompt(organization, spokenDigits(code));
      return { channel: 'voice', to, subject: words.callSubject(organization), body };
    }
    const body = words.smsBody(code, organization, minutes);
    return { channel: 'sms', to, subject: words.smsSubject(organization), body };
  }
}
