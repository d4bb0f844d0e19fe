import type { Entry } from 'ldapts';
import type { SignInResult } from '../directory';
import { DirectoryError } from '../directory-error';
import type { LdapConnection } from '../ldap-common/ldap-connection';
import { firstValue, PERMANENTLY_LOCKED } from './ldap-entries';
import { LDAP_COMPARE_FALSE, LDAP_COMPARE_TRUE, LDAP_INVALID_CREDENTIALS, operationFailure, resultCode } from './ldap-failures';
import { PasswordPolicyControl, PpolicyError } from './ldap-ppolicy';

/** What the entry's ppolicy attributes say about a sign-in with the right password. */
export function stateAfterRightPassword(entry: Entry): SignInResult {
  const lockedTime = firstValue(entry, 'pwdAccountLockedTime');
  if (lockedTime === PERMANENTLY_LOCKED) return 'disabled';
  if (lockedTime !== null) return 'locked';
  // ppolicy sets pwdReset only after an administrator's reset under pwdMustChange.
  if (firstValue(entry, 'pwdReset')?.toUpperCase() === 'TRUE') return 'must_change';
  return 'ok';
}

/**
 * Checks a password without a bind: an LDAP compare of userPassword as the service account. slapd compares against
 * the stored hash, and a compare is not a bind, so ppolicy neither counts a wrong one nor refuses it for a locked
 * account. true/false, or null when the service account may not compare (then only a bind can tell).
 */
export async function comparePassword(connection: LdapConnection, dn: string, password: string): Promise<boolean | null> {
  try {
    return await connection.withService('read', (client) => client.compare(dn, 'userPassword', password));
  } catch (error) {
    const code = resultCode(error);
    if (code === LDAP_COMPARE_TRUE) return true;
    if (code === LDAP_COMPARE_FALSE) return false;
    if (code !== null) return null;
    throw operationFailure(error, 'Comparing a password');
  }
}

/**
 * A sign-in as the person: a bind with the password-policy control. Measured against slapd 2.5: a locked account's
 * bind fails with 49 and the control's accountLocked for the right AND a wrong password (ppolicy refuses before it
 * checks the password), so the control alone must not decide 'locked': the compare does, which tells only whoever
 * knows the password. The right password of a must-change account binds, with changeAfterReset.
 */
export async function bindSignIn(connection: LdapConnection, entry: Entry, password: string): Promise<SignInResult> {
  const control = new PasswordPolicyControl();
  try {
    await connection.asPerson(entry.dn, password, undefined, [control]);
    return control.error === PpolicyError.changeAfterReset ? 'must_change' : 'ok';
  } catch (error) {
    if (resultCode(error) !== LDAP_INVALID_CREDENTIALS) {
      if (error instanceof DirectoryError) throw error;
      throw operationFailure(error, 'A sign-in bind');
    }
    if (control.error !== PpolicyError.accountLocked) return 'invalid';
    const right = await comparePassword(connection, entry.dn, password);
    if (right !== true) return 'invalid';
    // The entry was read before this bind, which may itself have locked the account.
    return firstValue(entry, 'pwdAccountLockedTime') === PERMANENTLY_LOCKED ? 'disabled' : 'locked';
  }
}

/** A check that counts nothing toward lockout: compare, then the entry's state; a bind only when compare is denied. */
export async function compareSignIn(connection: LdapConnection, entry: Entry, password: string): Promise<SignInResult> {
  const right = await comparePassword(connection, entry.dn, password);
  if (right === null) return bindSignIn(connection, entry, password);
  if (!right) return 'invalid';
  return stateAfterRightPassword(entry);
}
