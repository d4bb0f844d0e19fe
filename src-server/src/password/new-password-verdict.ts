import type { Directory, DirectoryUser } from '../directory/directory';
import { AppError } from '../errors/app-error';
import type { ResetPolicy } from '../policy/reset-policy';
import type { PasswordCheck, PasswordChecker } from './password-checker';

export interface NewPasswordDeps {
  passwordChecker: PasswordChecker;
  directory: Directory;
  policy: ResetPolicy;
}

/**
 * The final verdict on a new password for `user` (or for nobody yet: no names, no history): the checker's rules,
 * then the directory's history. History costs one scrypt per remembered password, so it is asked only when every
 * other rule passes.
 */
export async function judgeNewPassword(
  deps: NewPasswordDeps,
  user: DirectoryUser | null,
  password: string,
): Promise<PasswordCheck> {
  const verdict = deps.passwordChecker.check(password, user ? [user.username, user.displayName] : []);
  const count = deps.policy.passwordPolicy.historyCount;
  if (!verdict.ok || !user || count === 0 || !deps.directory.isRecentPassword) return verdict;
  if (await deps.directory.isRecentPassword(user.id, password, count)) {
    return { ...verdict, ok: false, reasons: [...verdict.reasons, 'PASSWORD_IN_HISTORY'] };
  }
  return verdict;
}

/**
 * PASSWORD_REJECTED with every reason; for banned terms also what was found and the score, so the person sees why.
 * Those terms are parts of the password the person just typed: they go to that person's screen, never to a log.
 */
export function passwordRejected(verdict: PasswordCheck): AppError {
  const banned = verdict.reasons.includes('BANNED_PASSWORD');
  return new AppError('PASSWORD_REJECTED', 'The new password does not meet the password policy.', {
    reasons: verdict.reasons,
    ...(banned ? { password: verdict.findings } : {}),
  });
}
