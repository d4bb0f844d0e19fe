import type { AuditEntry, AuditLog } from '../audit/audit-log';
import type { Delivery } from '../delivery/delivery';
import type { Directory, DirectoryUser } from '../directory/directory';
import { AppError } from '../errors/app-error';
import type { ResetPolicy } from '../policy/reset-policy';
import type { Clock } from '../support/clock';

export interface UnlockDeps {
  directory: Directory;
  policy: ResetPolicy;
  delivery: Delivery;
  audit: AuditLog;
  clock: Clock;
}

/**
 * "I know my password but my account is locked", after the user passed every verification gate: unlock without
 * touching the password. Whether the account was locked at all is told only now, after verification, so the unlock
 * path teaches a stranger nothing about an account. Throws ACCOUNT_NOT_LOCKED or DIRECTORY_ERROR (after auditing).
 */
export async function unlockVerifiedAccount(deps: UnlockDeps, user: DirectoryUser, audit: AuditEntry): Promise<void> {
  let locked: boolean;
  try {
    // Ask the directory now rather than trust the state read when the flow started: it may have changed since.
    locked = (await deps.directory.lockState(user.id)).locked;
  } catch (cause) {
    await deps.audit.record({ ...audit, event: 'account.unlock_refused', outcome: 'failure', detail: 'DIRECTORY_ERROR' });
    throw new AppError('DIRECTORY_ERROR', 'The directory could not tell whether the account is locked.', undefined, {
      cause,
    });
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
    await deps.audit.record({ ...audit, event: 'account.unlock_refused', outcome: 'failure', detail: 'DIRECTORY_ERROR' });
    throw new AppError('DIRECTORY_ERROR', 'The directory did not unlock the account.', undefined, { cause });
  }
  await deps.audit.record({ ...audit, event: 'account.unlocked', outcome: 'success', detail: null });
  await notifyUnlocked(deps, user, audit);
}

async function notifyUnlocked(deps: UnlockDeps, user: DirectoryUser, audit: AuditEntry): Promise<void> {
  if (!user.email) return;
  const contact = deps.policy.contactAdminUrl ? ` (${deps.policy.contactAdminUrl})` : '';
  try {
    await deps.delivery.send({
      channel: 'email',
      to: user.email,
      subject: `${deps.policy.organizationName}: your account was unlocked`,
      body: [
        `Hello ${user.displayName},`,
        '',
        `Your account was unlocked on ${deps.clock.now().toISOString()}. Your password was not changed.`,
        `If this wasn't you, contact your administrator${contact}.`,
      ].join('\n'),
    });
  } catch {
    // The unlock itself succeeded; a lost notification must not turn it into an error for the user.
    await deps.audit.record({ ...audit, event: 'notification.failed', outcome: 'failure' });
  }
}
