import type { Entry } from 'ldapts';
import type { SignInResult } from '../directory';
import { DirectoryError } from '../directory-error';
import type { LdapConnection } from '../ldap-common/ldap-connection';
import { LDAP_INVALID_CREDENTIALS, resultCode } from '../ldap-common/ldap-result-codes';
import { operationFailure } from './ldap-failures';
import { PasswordPolicyControl, PpolicyError } from './ldap-ppolicy';

/**
 * A sign-in as the person: a bind with the password-policy control. It always counts a wrong password toward
 * ppolicy's lockout: LDAP has no other way to check a password (a compare of userPassword matches the stored hash
 * as an octet string, not the password), so the change throttle must stay below the lockout threshold.
 *
 * Measured against slapd 2.5 with ppolicy: a locked (or administratively locked, i.e. disabled) account's bind
 * fails with 49 and the control's accountLocked for the right AND a wrong password alike, since ppolicy refuses it
 * before the password is checked. So 'locked' and 'disabled' can never be told for the right password only, and
 * are answered as 'invalid' (the lock state is for lockState and findUser to tell). The right password of an
 * account that must change it binds, with changeAfterReset: 'must_change'.
 */
export async function bindSignIn(connection: LdapConnection, entry: Entry, password: string): Promise<SignInResult> {
  // An empty password is an unauthenticated bind, which succeeds: never a proof of anything.
  if (password === '') return 'invalid';
  const control = new PasswordPolicyControl();
  try {
    await connection.asPerson(entry.dn, password, undefined, [control]);
    return control.error === PpolicyError.changeAfterReset ? 'must_change' : 'ok';
  } catch (error) {
    if (resultCode(error) === LDAP_INVALID_CREDENTIALS) return 'invalid';
    if (error instanceof DirectoryError) throw error;
    throw operationFailure(error, 'A sign-in bind');
  }
}
