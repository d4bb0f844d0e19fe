import { ResultCodeError } from 'ldapts';
import type { SignInResult } from '../directory';
import { DirectoryError } from '../directory-error';
import { describe } from '../ldap-common/ldap-connection';
import {
  LDAP_BUSY,
  LDAP_CONSTRAINT_VIOLATION,
  LDAP_INSUFFICIENT_ACCESS,
  LDAP_INVALID_CREDENTIALS,
  LDAP_NO_SUCH_OBJECT,
  LDAP_UNAVAILABLE,
  LDAP_UNWILLING_TO_PERFORM,
} from '../ldap-common/ldap-result-codes';

/**
 * Active Directory's answers, classified by code only: the LDAP result code and the Win32 error that AD (and Samba)
 * put first in the diagnostic message (`0000052D: ...`), or the `data NNN` code of a failed bind. The wording after the
 * codes differs between Windows versions, languages and Samba, so it is never read.
 */

// ERROR_PASSWORD_RESTRICTION: complexity, length, history or minimum age.
const PASSWORD_RESTRICTION = '0000052D';
// ERROR_INVALID_PASSWORD: the old password of a change (delete + add of unicodePwd) is wrong.
const INVALID_OLD_PASSWORD = '00000056';

function win32Code(message: string): string {
  return /^([0-9A-Fa-f]{8}):/u.exec(message.trim())?.[1]?.toUpperCase() ?? '';
}

/** A refused modify (reset, change, unlock) as the DirectoryError the flows map to a screen. */
export function modifyFailure(error: unknown, what: string): DirectoryError {
  if (error instanceof DirectoryError) return error;
  if (!(error instanceof ResultCodeError)) {
    return new DirectoryError('unavailable', `${what}: ${describe(error)}`, { cause: error });
  }
  const code = win32Code(error.message);
  const detail = `${what}: ${describe(error)}`;
  const refused = error.code === LDAP_CONSTRAINT_VIOLATION || error.code === LDAP_UNWILLING_TO_PERFORM;
  if (refused && code === PASSWORD_RESTRICTION) {
    return new DirectoryError('policy', detail, { cause: error });
  }
  if (error.code === LDAP_CONSTRAINT_VIOLATION && code === INVALID_OLD_PASSWORD) {
    return new DirectoryError('wrong_password', detail, { cause: error });
  }
  if (error.code === LDAP_NO_SUCH_OBJECT) return new DirectoryError('not_found', detail, { cause: error });
  if (error.code === LDAP_BUSY || error.code === LDAP_UNAVAILABLE) {
    return new DirectoryError('unavailable', detail, { cause: error });
  }
  // LDAP_INSUFFICIENT_ACCESS (the service account lacks the delegation) and everything else: the password is unchanged.
  return new DirectoryError('refused', detail, { cause: error });
}

export function isInsufficientAccess(error: unknown): boolean {
  return error instanceof ResultCodeError && error.code === LDAP_INSUFFICIENT_ACCESS;
}

/** The `data NNN` sub-code of a failed bind (`... AcceptSecurityContext error, data 52e, v4563`), lowercase. */
export function bindDataCode(error: unknown): string | null {
  if (!(error instanceof ResultCodeError) || error.code !== LDAP_INVALID_CREDENTIALS) return null;
  return /\bdata ([0-9a-f]{1,8})\b/iu.exec(error.message)?.[1]?.toLowerCase() ?? null;
}

/**
 * A failed bind as a sign-in result. AD checks the password before it reports 533 (disabled), 701 (account
 * expired), 773 (must change) and 532 (password expired): those codes prove the password right, so they may be told.
 * 775 (locked out) is different: AD and Samba return it before looking at the password, for a wrong one too, so it
 * proves nothing and is answered as 'invalid' (the flows read the lock state from findUser, which needs no password).
 * 52e (wrong password), 525 (no such user) and every other code: 'invalid'.
 */
export function signInFromBindCode(code: string | null): SignInResult {
  switch (code) {
    case '533':
    case '701':
      return 'disabled';
    case '773':
    case '532':
      return 'must_change';
    default:
      return 'invalid';
  }
}
