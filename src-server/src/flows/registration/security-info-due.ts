import type { DirectoryUser } from '../../directory/directory';
import type { RegistrationKit } from './registration-deps';
import { itemsOf, methodsRequired, reconfirmDue } from './security-info-view';

/** Why a person must go through security info before anything else, or null when nothing is due. */
export type SecurityInfoDue = 'register' | 'reconfirm' | null;

/**
 * Entra's registration interrupt: fewer methods than the policy requires ("More information required"), or the
 * reconfirmation interval passed since the person last confirmed or changed their security info ("Keep your account
 * secure"). Only where people may register here at all. Asked by the change flow once the password changed.
 */
export async function securityInfoDue(kit: RegistrationKit, user: DirectoryUser): Promise<SecurityInfoDue> {
  if (!kit.policy.registrationAllowed) return null;
  // Accounts that may not use self-service may not register for it either.
  if (!user.accountEnabled || !user.enabledForReset || !(await kit.guard.requirements(user)).allowed) return null;
  // Someone with no confirmation on record (seeded, imported, registered before it was kept) would never be asked:
  // their first change password (or security-info sign-in) starts the interval. Not a reset's steps: a reset is the
  // way in without the password, and its verification is no look at the security info.
  await kit.profiles.startIfNone(user.id);
  const count = (await itemsOf(kit, user)).length;
  if (count < methodsRequired(kit)) return 'register';
  return (await reconfirmDue(kit, user, count)) ? 'reconfirm' : null;
}
