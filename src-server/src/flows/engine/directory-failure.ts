import type { PasswordRejectionReason } from '@resetdesk/shared';
import { DirectoryError } from '../../directory/directory-error';
import type { DirectoryFailure } from '../../directory/directory-error';
import { AppError } from '../../errors/app-error';
import { isStoreUnavailable, storeUnavailable } from '../../store/store-unavailable';

// The directory's own refusal of a new password, as the reason the wizard explains.
const REJECTION_REASON: Partial<Record<DirectoryFailure, PasswordRejectionReason>> = {
  policy: 'DIRECTORY_POLICY',
  history: 'PASSWORD_IN_HISTORY',
  too_short: 'TOO_SHORT',
  too_young: 'PASSWORD_TOO_RECENT',
};

/**
 * What the person is told when the directory refused or failed a write: the directory's policy refusals as a
 * PASSWORD_REJECTED they can act on, an outage as DIRECTORY_UNAVAILABLE, anything else as `fallback` (the cause goes
 * to the server log only).
 */
export function directoryFailureError(cause: unknown, fallback: string): AppError {
  if (cause instanceof AppError) return cause;
  // The built-in directory lives in the store: its outage is the database's, not a refusal of the password. (An LDAP
  // adapter's DirectoryError carries a socket error as its cause too: it is the directory's, named below.)
  if (!(cause instanceof DirectoryError) && isStoreUnavailable(cause)) return storeUnavailable(cause);
  const failure = cause instanceof DirectoryError ? cause.failure : 'refused';
  const reason = REJECTION_REASON[failure];
  if (reason) {
    return new AppError('PASSWORD_REJECTED', 'The directory refused the new password under its own policy.', {
      reasons: [reason],
    }, { cause });
  }
  if (failure === 'unavailable') return directoryUnavailable(cause);
  if (failure === 'wrong_password') {
    return new AppError('CREDENTIALS_INVALID', 'The user ID or the old password is wrong.', undefined, { cause });
  }
  if (failure === 'locked') {
    return new AppError('ACCOUNT_LOCKED', 'The account is locked: unlock it first.', undefined, { cause });
  }
  return new AppError('DIRECTORY_ERROR', fallback, undefined, { cause });
}

export function directoryUnavailable(cause: unknown): AppError {
  return new AppError('DIRECTORY_UNAVAILABLE', 'The directory cannot be reached right now.', undefined, { cause });
}

/** The audit detail for a failed write: the failure's name, never the directory's message. */
export function directoryFailureDetail(cause: unknown): string {
  return cause instanceof DirectoryError ? `DIRECTORY_${cause.failure.toUpperCase()}` : 'DIRECTORY_ERROR';
}
