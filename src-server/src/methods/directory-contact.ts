import type { DirectoryUser } from '../directory/directory';
import type { ResetPolicy } from '../policy/reset-policy';

/** The user's email address or phone number from the directory, when the policy lets it serve as a method. */
export function directoryContact(
  user: DirectoryUser,
  policy: Pick<ResetPolicy, 'directoryContactMethods'>,
  which: 'email' | 'phone',
): string | null {
  return policy.directoryContactMethods ? user[which] : null;
}
