import { Attribute, Change } from 'ldapts';
import type { AccountRestriction } from '../directory';
import type { LdapConnection } from '../ldap-common/ldap-connection';
import { PERMANENTLY_LOCKED } from './ldap-entries';
import { operationFailure } from './ldap-failures';

/**
 * A confirmed "This wasn't me" on OpenLDAP with ppolicy: pwdReset TRUE makes the next bind "must change" (with
 * pwdMustChange in the policy), and pwdAccountLockedTime 000001010000Z is ppolicy's lock by an administrator, which
 * only an administrator lifts: how OpenLDAP disables an account. Both as the service account, which needs write
 * access to the attribute (slapd refuses otherwise, and the refusal is the caller's to report).
 */
export async function restrictLdapEntry(
  connection: LdapConnection,
  dn: string,
  restriction: AccountRestriction,
): Promise<void> {
  const modification =
    restriction === 'mustChange'
      ? new Attribute({ type: 'pwdReset', values: ['TRUE'] })
      : new Attribute({ type: 'pwdAccountLockedTime', values: [PERMANENTLY_LOCKED] });
  try {
    const change = new Change({ operation: 'replace', modification });
    await connection.withService('write', (client) => client.modify(dn, change));
  } catch (error) {
    throw operationFailure(error, `Restricting ${dn} (${restriction})`);
  }
}
