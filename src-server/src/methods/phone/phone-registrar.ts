import type { BeginRegistrationRequest } from '@resetdesk/shared';
import type { OutgoingMessage } from '../../delivery/delivery';
import type { DirectoryUser } from '../../directory/directory';
import { messagesFor } from '../../messages/catalogue';
import { CodeProvedRegistrar } from '../code-base/registration-code';
import type { RegistrationCodeDeps } from '../code-base/registration-code';
import { directoryContact } from '../directory-contact';
import { maskPhone } from '../masked-phone';
import type { MethodRegistrar, RegisteredItem, RegistrarContext } from '../method-registrar';
import { RegistrationInputError } from '../method-registrar';
import { spokenDigits, toE164 } from './phone-number';
import type { RegisteredPhones } from './registered-phones';

const DIRECTORY_ITEM = 'directory:phone';
const ITEM_PREFIX = 'phone:';

/**
 * Registering a mobile phone: the number in international format (libphonenumber-js), proved by a code sent by text
 * message or spoken in a call, then saved once in E.164 for both the SMS and the voice method.
 */
export class PhoneRegistrar extends CodeProvedRegistrar<'phone'> implements MethodRegistrar<'phone'> {
  readonly kind = 'phone' as const;
  private readonly phones: RegisteredPhones;

  constructor(deps: RegistrationCodeDeps & { registeredPhones: RegisteredPhones }) {
    super(deps);
    this.phones = deps.registeredPhones;
  }

  async list(user: DirectoryUser): Promise<RegisteredItem[]> {
    const own = directoryContact(user, this.deps.policy, 'phone');
    const items: RegisteredItem[] = own
      ? [{ id: DIRECTORY_ITEM, kind: 'phone', maskedTarget: maskPhone(own), fromDirectory: true }]
      : [];
    for (const entry of await this.phones.entries(user.id)) {
      items.push(registeredItem(entry.id, entry.e164));
    }
    return items;
  }

  async begin(context: RegistrarContext, input: Extract<BeginRegistrationRequest, { kind: 'phone' }>): Promise<void> {
    const e164 = toE164(input.number, input.country, input.via);
    if (!e164) {
      throw new RegistrationInputError('PHONE_NUMBER_INVALID', 'This is not a mobile number in international format.');
    }
    const own = context.user.phone ? toE164(context.user.phone, undefined, 'voice') : null;
    const known = [own, ...(await this.phones.entries(context.user.id)).map((e) => e.e164)];
    if (known.includes(e164)) {
      throw new RegistrationInputError('SECURITY_INFO_DUPLICATE', 'This phone is registered already.');
    }
    await this.sendProof(context, e164, input.via);
  }

  async remove(user: DirectoryUser, itemId: string): Promise<RegisteredItem | null> {
    if (!itemId.startsWith(ITEM_PREFIX)) return null;
    const item = (await this.list(user)).find((i) => i.id === itemId);
    if (!item || !(await this.phones.remove(user.id, itemId.slice(ITEM_PREFIX.length)))) return null;
    return item;
  }

  /** The first registered phone (the SMS and voice methods' number when the directory holds none). */
  async firstNumber(userId: string): Promise<string | null> {
    return (await this.phones.entries(userId))[0]?.e164 ?? null;
  }

  protected mask(target: string): string {
    return maskPhone(target);
  }

  protected async save(user: DirectoryUser, e164: string): Promise<RegisteredItem> {
    await this.phones.add(user.id, e164);
    const entry = (await this.phones.entries(user.id)).find((e) => e.e164 === e164);
    if (!entry) throw new Error('The registered phone was not stored');
    return registeredItem(entry.id, e164);
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

function registeredItem(rowId: string, e164: string): RegisteredItem {
  return { id: `${ITEM_PREFIX}${rowId}`, kind: 'phone', maskedTarget: maskPhone(e164), fromDirectory: false };
}
