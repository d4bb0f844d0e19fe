import type { DirectoryUser } from '../directory/directory';
import type { RegisteredEmails } from './email-code/registered-emails';
import type { RegisteredPhones } from './phone/registered-phones';

// No stable id of any directory looks like this (ids are GUIDs, entryUUIDs or built-in UUIDs).
const NOBODY = 'decoy:nobody';

/**
 * The email and phone a person registered in security info stand in for the directory's when it holds none, so
 * the email, SMS and voice methods offer and send to them (Entra's authentication contact info). The directory's
 * own detail comes first: a registered second address still gets every notice (flows/engine/account-notices.ts).
 */
export class RegisteredContacts {
  constructor(private readonly deps: { emails: RegisteredEmails; phones: RegisteredPhones }) {}

  /**
   * Both lists are read for everyone, whatever the directory holds, one after the other: a start then costs every
   * account the same reads (and `mirror` gives an unknown name the same two), so timing tells nothing.
   */
  async complete(user: DirectoryUser): Promise<DirectoryUser> {
    const emails = await this.deps.emails.list(user.id);
    const phones = await this.deps.phones.entries(user.id);
    return { ...user, email: user.email ?? emails[0] ?? null, phone: user.phone ?? phones[0]?.target ?? null };
  }

  /** The same two reads as `complete`, for a typed name that matches nobody (a decoy flow's subject). */
  async mirror(): Promise<void> {
    await this.deps.emails.list(NOBODY);
    await this.deps.phones.entries(NOBODY);
  }
}
