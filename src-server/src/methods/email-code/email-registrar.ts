import { z } from 'zod';
import type { BeginRegistrationRequest } from '@resetdesk/shared';
import type { OutgoingMessage } from '../../delivery/delivery';
import type { DirectoryUser } from '../../directory/directory';
import { messagesFor } from '../../messages/catalogue';
import { renderEmail } from '../../messages/email-template';
import { ContactRegistrar } from '../code-base/contact-registrar';
import type { RegistrationCodeDeps } from '../code-base/registration-code';
import { maskEmail } from '../masked-email';
import type { MethodRegistrar, RegistrarContext } from '../method-registrar';
import { RegistrationInputError } from '../method-registrar';
import type { RegisteredEmails } from './registered-emails';

const AddressSchema = z.email().max(320);

/**
 * Registering an email address: a code goes to the address, and only the right code back saves it as a registered
 * email (registered-emails.ts), which the email method then uses and every notice goes to.
 */
export class EmailRegistrar extends ContactRegistrar<'email'> implements MethodRegistrar<'email'> {
  readonly kind = 'email' as const;
  protected readonly noticesGo = true;

  constructor(deps: RegistrationCodeDeps & { registeredEmails: RegisteredEmails }) {
    super(deps, deps.registeredEmails);
  }

  async begin(context: RegistrarContext, input: Extract<BeginRegistrationRequest, { kind: 'email' }>): Promise<void> {
    const parsed = AddressSchema.safeParse(input.address.trim().toLowerCase());
    if (!parsed.success) throw new RegistrationInputError('EMAIL_ADDRESS_INVALID', 'This is not an email address.');
    await this.proveNew(context, parsed.data, 'email', 'This address is registered already.');
  }

  protected ownTarget(user: DirectoryUser): string | null {
    return user.email?.toLowerCase() ?? null;
  }

  protected mask(target: string): string {
    return maskEmail(target);
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
