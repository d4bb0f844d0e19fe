import type { DirectoryUser } from '../../directory/directory';
import { directoryContact } from '../directory-contact';
import type { RegisteredItem, RegistrarContext } from '../method-registrar';
import { RegistrationInputError } from '../method-registrar';
import { CodeProvedRegistrar } from './registration-code';
import type { RegistrationCodeDeps } from './registration-code';

/** One registered contact: its row id and the detail (a lowercase address, an E.164 number). */
export interface ContactEntry {
  id: string;
  target: string;
}

/** Where a contact's registrations are kept (email-code/registered-emails.ts, phone/registered-phones.ts). */
export interface ContactEntries {
  add(userId: string, target: string): Promise<void>;
  /** The person's registered details, oldest first. */
  entries(userId: string): Promise<ContactEntry[]>;
  /** False when the row is not the person's (or gone already). */
  remove(userId: string, id: string): Promise<boolean>;
}

/**
 * A registrar of a contact detail (an email address, a phone): the directory's own detail is listed first as
 * `directory:<kind>` and never removed here (the directory owns it), the registered ones as `<kind>:<row id>`; a new
 * detail the person has already is refused, any other is proved by a code to it and saved once the code came back.
 * Subclasses say how a detail is read from the input, masked and sent to.
 */
export abstract class ContactRegistrar<K extends 'email' | 'phone'> extends CodeProvedRegistrar<K> {
  // An address is where notices go too (flows/engine/account-notices.ts); a phone is not.
  protected abstract readonly noticesGo: boolean;
  private readonly contacts: ContactEntries;

  constructor(deps: RegistrationCodeDeps, contacts: ContactEntries) {
    super(deps);
    this.contacts = contacts;
  }

  /** The directory's own detail in its stored form (whatever the policy), so that it is not registered again. */
  protected abstract ownTarget(user: DirectoryUser): string | null;

  async list(user: DirectoryUser): Promise<RegisteredItem[]> {
    const own = directoryContact(user, this.deps.policy, this.kind);
    const items = own ? [this.item(`directory:${this.kind}`, own, true)] : [];
    for (const entry of await this.contacts.entries(user.id)) items.push(this.item(this.itemId(entry), entry.target, false));
    return items;
  }

  async remove(user: DirectoryUser, itemId: string): Promise<RegisteredItem | null> {
    const prefix = `${this.kind}:`;
    if (!itemId.startsWith(prefix)) return null;
    const item = (await this.list(user)).find((i) => i.id === itemId);
    if (!item || !(await this.contacts.remove(user.id, itemId.slice(prefix.length)))) return null;
    return item;
  }

  /** Sends a code to `target` (checked by the subclass) unless the person has it already; `duplicate` says so. */
  protected async proveNew(context: RegistrarContext, target: string, via: string, duplicate: string): Promise<void> {
    const registered = (await this.contacts.entries(context.user.id)).map((entry) => entry.target);
    if ([this.ownTarget(context.user), ...registered].includes(target)) {
      throw new RegistrationInputError('SECURITY_INFO_DUPLICATE', duplicate);
    }
    await this.sendProof(context, target, via);
  }

  protected async save(user: DirectoryUser, target: string): Promise<RegisteredItem> {
    await this.contacts.add(user.id, target);
    const entry = (await this.contacts.entries(user.id)).find((e) => e.target === target);
    if (!entry) throw new Error(`The registered ${this.kind} was not stored`);
    return this.item(this.itemId(entry), target, false);
  }

  private itemId(entry: ContactEntry): string {
    return `${this.kind}:${entry.id}`;
  }

  private item(id: string, target: string, fromDirectory: boolean): RegisteredItem {
    const item: RegisteredItem = { id, kind: this.kind, maskedTarget: this.mask(target), fromDirectory };
    return this.noticesGo ? { ...item, noticeAddress: target } : item;
  }
}
