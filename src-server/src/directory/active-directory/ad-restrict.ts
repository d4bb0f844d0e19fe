import { Attribute, Change } from 'ldapts';
import type { AccountRestriction } from '../directory';
import type { LdapConnection } from '../ldap-common/ldap-connection';
import { modifyFailure } from './ad-errors';
import { UF_ACCOUNTDISABLE } from './ad-membership';

/**
 * A confirmed "This wasn't me" on Active Directory: pwdLastSet = 0 is "User must change password at next logon"
 * (the Write pwdLastSet right, as for forceChangeAfterReset); disabling sets ACCOUNTDISABLE in userAccountControl
 * (the Write userAccountControl right). `userAccountControl` is the entry's current value, so only that bit changes.
 */
export async function restrictAdEntry(
  connection: LdapConnection,
  dn: string,
  userAccountControl: number,
  restriction: AccountRestriction,
): Promise<void> {
  const modification =
    restriction === 'mustChange'
      ? new Attribute({ type: 'pwdLastSet', values: ['0'] })
      : new Attribute({ type: 'userAccountControl', values: [String(userAccountControl | UF_ACCOUNTDISABLE)] });
  try {
    const change = new Change({ operation: 'replace', modification });
    await connection.withService('write', (client) => client.modify(dn, change));
  } catch (error) {
    throw modifyFailure(error, `Restricting ${dn} (${restriction}) failed`);
  }
}
