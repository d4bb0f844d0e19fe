import type { MethodOption } from '@resetdesk/shared';
import type { DirectoryUser } from '../../directory/directory';
import type { DecoyProfile } from '../decoy-profile';
import { directoryContact } from '../directory-contact';
import { DeliveredCodeMethod } from './delivered-code';

/**
 * A code sent to a contact detail the directory holds (the email address, the mobile number): offered when the
 * policy lets that detail serve as a method, shown masked; a decoy shows its profile's made-up detail the same way.
 */
export abstract class ContactCodeMethod extends DeliveredCodeMethod {
  abstract override readonly kind: 'email' | 'sms';
  protected abstract readonly methodId: string;
  protected abstract readonly contact: 'email' | 'phone';
  protected abstract mask(detail: string): string;
  protected abstract decoyDetail(profile: DecoyProfile): string;

  optionFor(user: DirectoryUser): MethodOption | null {
    const detail = directoryContact(user, this.deps.policy, this.contact);
    return detail ? { id: this.methodId, kind: this.kind, maskedTarget: this.mask(detail) } : null;
  }

  decoyOptionFor(profile: DecoyProfile): MethodOption {
    return { id: this.methodId, kind: this.kind, maskedTarget: this.mask(this.decoyDetail(profile)) };
  }
}
