import { ResultCodeError } from 'ldapts';

/**
 * The LDAP result codes (RFC 4511 appendix A) the adapters tell apart. Both LDAP and Active Directory classify what the
 * server answered by these numbers and never by the diagnostic message's wording.
 */
export const LDAP_SIZE_LIMIT_EXCEEDED = 4;
export const LDAP_COMPARE_FALSE = 5;
export const LDAP_COMPARE_TRUE = 6;
export const LDAP_NO_SUCH_ATTRIBUTE = 16;
export const LDAP_CONSTRAINT_VIOLATION = 19;
export const LDAP_NO_SUCH_OBJECT = 32;
export const LDAP_INVALID_CREDENTIALS = 49;
export const LDAP_INSUFFICIENT_ACCESS = 50;
export const LDAP_BUSY = 51;
export const LDAP_UNAVAILABLE = 52;
export const LDAP_UNWILLING_TO_PERFORM = 53;

/** The result code of an LDAP error the server answered with; null for anything else (a network failure). */
export function resultCode(error: unknown): number | null {
  return error instanceof ResultCodeError ? error.code : null;
}
