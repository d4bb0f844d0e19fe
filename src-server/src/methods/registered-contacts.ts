import type { DirectoryUser } from '../directory/directory';
import type { RegisteredEmails } from './email-code/registered-emails';
import type { RegisteredPhones } from './phone/registered-phones';

/**
 * The email and phone a person registered in security info stand in for the directory's when it holds none, so
 * the email, SMS and voice methods offer and send to them (Entra's authentication contact info). The directory's
 * own detail comes first: a registered second address still gets every notice (flows/engine/account-notices.ts).
 */
export class RegisteredContacts {
  constructor(private readonly deps: { emails: RegisteredEmails; phones: RegisteredPhones }) {}

  async complete(user: DirectoryUser): Promise<DirectoryUser> {
    if (user.email && user.phone) return user;
    const email = user.email ?? (await this.deps.emails.list(user.id))[0] ?? null;
    const phone = user.phone ?? (await this.deps.phones.entries(user.id))[0]?.e164 ?? null;
    return { ...user, email, phone };
  }
}
