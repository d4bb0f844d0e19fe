import type { MethodOption } from '@resetdesk/shared';
import type { DirectoryUser } from '../../directory/directory';
import type { DecoyProfile } from '../decoy-profile';
import { directoryContact } from '../directory-contact';
import { DeliveredCodeMethod } from './delivered-code';

/** Which contact detail a code method sends to, how it is shown masked, and a decoy's made-up one. */
export interface ContactSpec {
  methodId: string;
  detail: 'email' | 'phone';
  mask(detail: string): string;
  decoyDetail(profile: DecoyProfile): string;
}

/**
 * A code sent to a contact detail the directory holds (the email address, the mobile number): offered when the
 * policy lets that detail serve as a method, shown masked; a decoy shows its profile's made-up detail the same way.
 */
export abstract class ContactCodeMethod extends DeliveredCodeMethod {
  abstract override readonly kind: 'email' | 'sms';
  protected abstract readonly contact: ContactSpec;

  // The channel is the kind's own: an email code goes by email, an SMS code by text message.
  get channel(): 'email' | 'sms' {
    return this.kind;
  }

  optionFor(user: DirectoryUser): MethodOption | null {
    const detail = directoryContact(user, this.deps.policy, this.contact.detail);
    return detail ? { id: this.contact.methodId, kind: this.kind, maskedTarget: this.contact.mask(detail) } : null;
  }

  decoyOptionFor(profile: DecoyProfile): MethodOption {
    const maskedTarget = this.contact.mask(this.contact.decoyDetail(profile));
    return { id: this.contact.methodId, kind: this.kind, maskedTarget };
  }
}
