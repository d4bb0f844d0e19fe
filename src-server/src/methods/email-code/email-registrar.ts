import { z } from 'zod';
import type { BeginRegistrationRequest } from '@resetdesk/shared';
import type { OutgoingMessage } from '../../delivery/delivery';
import type { DirectoryUser } from '../../directory/directory';
import { messagesFor } from '../../messages/catalogue';
import { renderEmail } from '../../messages/email-template';
import { CodeProvedRegistrar } from '../code-base/registration-code';
import type { RegistrationCodeDeps } from '../code-base/registration-code';
import { directoryContact } from '../directory-contact';
import { maskEmail } from '../masked-email';
import type { MethodRegistrar, RegisteredItem, RegistrarContext } from '../method-registrar';
import { RegistrationInputError } from '../method-registrar';
import type { RegisteredEmails } from './registered-emails';

const AddressSchema = z.email().max(320);
const DIRECTORY_ITEM = 'directory:email';
const ITEM_PREFIX = 'email:';

/**
 * Registering an email address: a code goes to the address, and only the right code back saves it as a registered
 * email (registered-emails.ts), which the email method then uses and every notice goes to.
 */
export class EmailRegistrar extends CodeProvedRegistrar<'email'> implements MethodRegistrar<'email'> {
  readonly kind = 'email' as const;
  private readonly emails: RegisteredEmails;

  constructor(deps: RegistrationCodeDeps & { registeredEmails: RegisteredEmails }) {
    super(deps);
    this.emails = deps.registeredEmails;
  }

  async list(user: DirectoryUser): Promise<RegisteredItem[]> {
    const own = directoryContact(user, this.deps.policy, 'email');
    const items: RegisteredItem[] = own
      ? [{ id: DIRECTORY_ITEM, kind: 'email', maskedTarget: maskEmail(own), fromDirectory: true, noticeAddress: own }]
      : [];
    for (const entry of await this.emails.entries(user.id)) {
      items.push({
        id: `${ITEM_PREFIX}${entry.id}`,
        kind: 'email',
        maskedTarget: maskEmail(entry.address),
        fromDirectory: false,
        noticeAddress: entry.address,
      });
    }
    return items;
  }

  async begin(context: RegistrarContext, input: Extract<BeginRegistrationRequest, { kind: 'email' }>): Promise<void> {
    const parsed = AddressSchema.safeParse(input.address.trim().toLowerCase());
    if (!parsed.success) throw new RegistrationInputError('EMAIL_ADDRESS_INVALID', 'This is not an email address.');
    const address = parsed.data;
    const known = [context.user.email?.toLowerCase(), ...(await this.emails.list(context.user.id))];
    if (known.includes(address)) {
      throw new RegistrationInputError('SECURITY_INFO_DUPLICATE', 'This address is registered already.');
    }
    await this.sendProof(context, address, 'email');
  }

  async remove(user: DirectoryUser, itemId: string): Promise<RegisteredItem | null> {
    if (!itemId.startsWith(ITEM_PREFIX)) return null;
    const item = (await this.list(user)).find((i) => i.id === itemId);
    if (!item || !(await this.emails.remove(user.id, itemId.slice(ITEM_PREFIX.length)))) return null;
    return item;
  }

  protected mask(target: string): string {
    return maskEmail(target);
  }

  protected async save(user: DirectoryUser, address: string): Promise<RegisteredItem> {
    await this.emails.add(user.id, address);
    const saved = (await this.list(user)).find((i) => !i.fromDirectory && i.noticeAddress === address);
    if (!saved) throw new Error('The registered address was not stored');
    return saved;
  }

  protected messageFor(to: string, _via: string, code: string, user: DirectoryUser, locale: string | null):
    OutgoingMessage {
    const messages = messagesFor(locale);
    const words = messages.registration;
    const organization = this.deps.policy.organizationName;
    const email = renderEmail({
      language: messages.language,
      organization,
      subject: words.emailSubject(organization),
      greeting: messages.common.greeting(user.displayName),
      blocks: [
        words.emailIntro,
        { code, sentence: words.codeSentence(code), label: words.codeLabel },
        words.expiry(this.deps.policy.codeLifetimeMinutes),
        words.notYou,
      ],
    });
    return { channel: 'email', to, subject: email.subject, body: email.text, html: email.html };
  }
}
