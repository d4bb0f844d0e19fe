import type { DirectoryUser } from '../directory/directory';
import type { RegisteredEmails } from './email-code/registered-emails';
import type { RegisteredPhones } from './phone/registered-phones';
import type { SecurityInfoProfiles } from './security-info-profiles';
import type { ContactEntry } from './code-base/contact-registrar';

// No stable id of any directory looks like this (ids are GUIDs, entryUUIDs or built-in UUIDs).
const NOBODY = 'decoy:nobody';

/**
 * The email and phone a person registered in security info stand in for the directory's when it holds none, so
 * the email, SMS and voice methods offer and send to them (Entra's authentication contact info); any further ones
 * are options of their own. The directory's
 * own detail comes first: a registered second address still gets every notice (flows/engine/account-notices.ts).
 */
export class RegisteredContacts {
  constructor(
    private readonly deps: {
      emails: RegisteredEmails;
      phones: RegisteredPhones;
      // The default method (it comes first in the chooser: methods/default-first.ts).
      profiles?: Pick<SecurityInfoProfiles, 'get'>;
    },
  ) {}

  /**
   * Both lists are read for everyone, whatever the directory holds, one after the other: a start then costs every
   * account the same reads (and `mirror` gives an unknown name the same two), so timing tells nothing.
   */
  async complete(user: DirectoryUser, defaultItemId: string | null = null): Promise<DirectoryUser> {
    const emailEntries = await this.deps.emails.entries(user.id);
    const phones = await this.deps.phones.entries(user.id);
    const email = user.email ?? emailEntries[0]?.target ?? null;
    const phone = user.phone ?? phones[0]?.target ?? null;
    // Every further one is an option of its own (methods/extra-contacts.ts): the same detail is never listed twice.
    const same = (a: string, b: string | null) => b !== null && a.trim().toLowerCase() === b.trim().toLowerCase();
    const digits = (value: string | null) => value?.replace(/\D/gu, '') ?? null;
    const extraEmails = emailEntries.map((e) => e.target).filter((address) => !same(address, email));
    const extraPhones = phones.map((p) => p.target).filter((e164) => digits(e164) !== digits(phone));
    if (defaultItemId === null) return { ...user, email, phone, extraEmails, extraPhones };
    // The default's place among its kind's options: 1 for the first (the directory's own, or the first registered).
    const sameDigits = (a: string, b: string | null) => b !== null && digits(a) === digits(b);
    const [kind, id] = defaultItemId.split(':');
    const place = (entries: readonly ContactEntry[], first: string | null, extras: readonly string[], alike = same) => {
      const target = entries.find((entry) => entry.id === id)?.target;
      if (target === undefined || alike(target, first)) return 1;
      const at = extras.findIndex((detail) => alike(detail, target));
      return at < 0 ? 1 : at + 2;
    };
    let defaultContact = 1;
    if (kind === 'email') defaultContact = place(emailEntries, email, extraEmails);
    if (kind === 'phone') defaultContact = place(phones, phone, extraPhones, sameDigits);
    return { ...user, email, phone, extraEmails, extraPhones, defaultContact };
  }

  /** The security-info item the person chose as their default, or null (read for every account, as `mirror`). */
  async defaultOf(userId: string): Promise<string | null> {
    return (await this.deps.profiles?.get(userId))?.defaultMethodId ?? null;
  }

  /**
   * The same reads as `complete` and `defaultOf`, for a typed name that matches nobody (a decoy flow's subject), so
   * an unknown name costs what an account does.
   */
  async mirror(): Promise<void> {
    await this.deps.profiles?.get(NOBODY);
    await this.deps.emails.entries(NOBODY);
    await this.deps.phones.entries(NOBODY);
  }
}
