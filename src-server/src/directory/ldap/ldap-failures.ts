import { DirectoryError, type DirectoryFailure } from '../directory-error';
import { describe } from '../ldap-common/ldap-connection';
import {
  LDAP_CONSTRAINT_VIOLATION,
  LDAP_INVALID_CREDENTIALS,
  LDAP_NO_SUCH_OBJECT,
  resultCode,
} from '../ldap-common/ldap-result-codes';
import { failureOfPpolicyError, type PasswordPolicyControl } from './ldap-ppolicy';


/**
 * Classifies a refused password write by result code and the ppolicy control's error value, never by the server's
 * wording. `during` names the operation for the log.
 */
export function passwordWriteFailure(
  error: unknown,
  control: PasswordPolicyControl,
  during: string,
): DirectoryError {
  if (error instanceof DirectoryError) return error;
  const code = resultCode(error);
  const named = failureOfPpolicyError(control.error);
  let failure: DirectoryFailure;
  if (code === null) failure = 'unavailable';
  else if (named) failure = named;
  else if (code === LDAP_CONSTRAINT_VIOLATION) failure = 'policy';
  else if (code === LDAP_INVALID_CREDENTIALS) failure = 'wrong_password';
  else if (code === LDAP_NO_SUCH_OBJECT) failure = 'not_found';
  else failure = 'refused';
  const ppolicy = control.error === null ? '' : `, ppolicy error ${control.error}`;
  return new DirectoryError(failure, `${during} was refused (${describe(error)}${ppolicy})`, { cause: error });
}

/** Any other unexpected error of a read or a lock write, for the log. */
export function operationFailure(error: unknown, during: string): DirectoryError {
  if (error instanceof DirectoryError) return error;
  const code = resultCode(error);
  const failure: DirectoryFailure =
    code === null ? 'unavailable' : code === LDAP_NO_SUCH_OBJECT ? 'not_found' : 'refused';
  return new DirectoryError(failure, `${during} failed (${describe(error)})`, { cause: error });
}
