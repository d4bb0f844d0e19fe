import type { AuditEntry } from '../../audit/audit-log';
import type { Directory, DirectoryUser } from '../../directory/directory';
import { AppError } from '../../errors/app-error';
import { sendAccountNotice } from '../engine/account-notices';
import type { AccountNoticeDeps } from '../engine/account-notices';
import { directoryFailureDetail, directoryFailureError } from '../engine/directory-failure';

export interface UnlockDeps extends AccountNoticeDeps {
  directory: Directory;
}

/**
 * "I know my password but my account is locked", after the user passed every verification gate: unlock without
 * touching the password. Whether the account was locked at all is told only now, after verification, so the unlock
 * path teaches a stranger nothing about an account. Throws ACCOUNT_NOT_LOCKED or DIRECTORY_ERROR (after auditing).
 */
export async function unlockVerifiedAccount(
  deps: UnlockDeps,
  user: DirectoryUser,
  locale: string | null,
  audit: AuditEntry,
): Promise<void> {
  let locked: boolean;
  try {
    // Ask the directory now rather than trust the state read when the flow started: it may have changed since.
    locked = (await deps.directory.lockState(user.id)).locked;
  } catch (cause) {
    const detail = directoryFailureDetail(cause);
    await deps.audit.record({ ...audit, event: 'account.unlock_refused', outcome: 'failure', detail });
    throw directoryFailureError(cause, 'The directory could not tell whether the account is locked.');
  }
  if (!locked) {
    await deps.audit.record({
      ...audit,
      event: 'account.unlock_refused',
      outcome: 'failure',
      detail: 'ACCOUNT_NOT_LOCKED',
    });
    throw new AppError('ACCOUNT_NOT_LOCKED', 'The account is not locked: sign in with your password.');
  }
  try {
    await deps.directory.unlock(user.id);
  } catch (cause) {
    const detail = directoryFailureDetail(cause);
    await deps.audit.record({ ...audit, event: 'account.unlock_refused', outcome: 'failure', detail });
    throw directoryFailureError(cause, 'The directory did not unlock the account.');
  }
  await deps.audit.record({ ...audit, event: 'account.unlocked', outcome: 'success', detail: null });
  await sendAccountNotice(deps, 'accountUnlocked', user, locale, audit);
}
