import type { ChangePasswordRequest } from '@resetdesk/shared';
import type { AuditEntry } from '../../audit/audit-log';
import type { Directory, DirectoryUser } from '../../directory/directory';
import type { PasswordChecker } from '../../password/password-checker';
import { judgeNewPassword, passwordRejected } from '../../password/new-password-verdict';
import type { ResetGuard } from '../../policy/reset-guard';
import type { ResetPolicy } from '../../policy/reset-policy';
import type { FlowRow } from '../../store/database-schema';
import type { ThrottleScopes } from '../../throttle/reset-throttle';
import { verdictOfSignIn } from '../engine/check-verdicts';
import { NAME_OF_NOBODY } from '../engine/decoy-name';
import { contactAdmin, flowExpired } from '../engine/flow-audit';
import type { FlowEngine } from '../engine/flow-engine';

export interface ChangeCheckDeps {
  directory: Directory;
  policy: ResetPolicy;
  passwordChecker: PasswordChecker;
  guard: ResetGuard;
  engine: FlowEngine;
}

// Checking a decoy's "old password" against the name of nobody (engine/decoy-name.ts) costs the directory one dummy
// hash, like a real check, and can never touch a real account.
export { NAME_OF_NOBODY };

const CREDENTIALS_MESSAGE = 'The user ID or the old password is not correct.';

/** Steps 1 and 2: the user-independent rules, then the old password. Returns the user it proved. */
export async function verifyOldPassword(
  deps: ChangeCheckDeps,
  flow: FlowRow,
  request: ChangePasswordRequest,
  audit: AuditEntry,
  scopes: ThrottleScopes,
): Promise<DirectoryUser> {
  const { engine } = deps;
  await refuseWeak(deps, request.newPassword, null, audit);
  // A decoy looks up nobody: the directory read a real account's step makes (a round trip on LDAP and AD).
  const found = await deps.directory.findUser(flow.decoy === 1 ? NAME_OF_NOBODY : flow.username);
  const user = flow.decoy === 1 ? null : found;
  // The user was removed or renamed under the flow: it cannot go on.
  if (flow.decoy !== 1 && (!user || user.id !== flow.user_id)) throw flowExpired();
  // One old password of the account checked at a time, counted as failed until proved right, toward the change
  // path's own per-source throttle only: never the directory's lockout (countFailure false) nor the reset path.
  const checked = await deps.guard.runCheck(
    scopes,
    'change',
    () =>
      deps.directory.verifyPassword(user ? flow.username : NAME_OF_NOBODY, request.oldPassword, {
        countFailure: false,
      }),
    verdictOfSignIn,
  );
  if (!checked.ok) {
    await engine.refuseIf(audit, checked.refusal);
    throw checked.refusal;
  }
  const result = user ? checked.result : 'invalid';
  if (user && (result === 'ok' || result === 'must_change')) return user;
  if (result === 'locked') return engine.fail(audit, 'ACCOUNT_LOCKED', 'The account is locked: unlock it first.');
  if (result === 'disabled') return engine.fail(audit, 'ACCOUNT_NOT_ENABLED', 'The account is disabled.');
  return engine.fail(audit, 'CREDENTIALS_INVALID', CREDENTIALS_MESSAGE);
}

/** Step 3, once the old password proved who is asking. */
export async function checkNewPassword(
  deps: ChangeCheckDeps,
  user: DirectoryUser,
  request: ChangePasswordRequest,
  audit: AuditEntry,
): Promise<void> {
  if (user.managedExternally || user.protectedAccount) await deps.engine.refuseIf(audit, contactAdmin(deps.policy));
  await deps.engine.refuseHeld(user, audit);
  // The old password was just proved to be the current one, so comparing with it is the history check. NFC as
  // the directory's hash does: the same visible text is the same password.
  if (request.newPassword.normalize('NFC') === request.oldPassword.normalize('NFC')) {
    await deps.engine.fail(audit, 'PASSWORD_REUSED', 'The new password must differ from the current one.');
  }
  await refuseWeak(deps, request.newPassword, user, audit);
}

/** Without a user (before the old password is proved): the user-independent rules only, no history. */
async function refuseWeak(
  deps: ChangeCheckDeps,
  password: string,
  user: DirectoryUser | null,
  audit: AuditEntry,
): Promise<void> {
  const verdict = await judgeNewPassword(deps, user, password);
  if (verdict.ok) return;
  await deps.engine.record({ ...audit, detail: verdict.reasons.join(',') });
  throw passwordRejected(verdict);
}
