import { Attribute, Change } from 'ldapts';
import type { LdapConnection } from '../ldap-common/ldap-connection';
import { modifyFailure } from './ad-errors';

/** unicodePwd's value: the password in double quotes, UTF-16LE, as AD requires (over TLS only). */
export function unicodePwd(password: string): Buffer {
  return Buffer.from(`"${password}"`, 'utf16le');
}

function change(operation: 'add' | 'delete' | 'replace', type: string, value: string | Buffer): Change {
  return new Change({
    operation,
    // Narrowed per branch: Attribute takes string[] or Buffer[], not a mix.
    modification: new Attribute({ type, values: typeof value === 'string' ? [value] : [value] }),
  });
}

export interface ResetWrite {
  unlock: boolean;
  forceChange: boolean;
}

/**
 * An administrative reset (the Reset Password right): replace unicodePwd. AD does not unlock on a reset, so
 * lockoutTime = 0 goes in the same modify when asked (both or neither are applied); pwdLastSet = 0 makes the person
 * change it at the next sign-in. AD applies complexity and length to a reset, not history.
 */
export async function resetPassword(
  connection: LdapConnection,
  dn: string,
  password: string,
  write: ResetWrite,
): Promise<void> {
  const changes = [change('replace', 'unicodePwd', unicodePwd(password))];
  if (write.unlock) changes.push(change('replace', 'lockoutTime', '0'));
  if (write.forceChange) changes.push(change('replace', 'pwdLastSet', '0'));
  try {
    await connection.withService('write', (client) => client.modify(dn, changes));
  } catch (error) {
    throw modifyFailure(error, `Resetting the password of ${dn} failed`);
  }
}

/**
 * A change with the person's own old password: delete the old value and add the new one in one modify, which AD
 * treats as the user's change (the Change Password right every user has), so history and minimum age apply, and a
 * wrong old password is 00000056. Sent on the service connection: a person who must change cannot bind (773).
 */
export async function changePassword(
  connection: LdapConnection,
  dn: string,
  oldPassword: string,
  newPassword: string,
): Promise<void> {
  const changes = [
    change('delete', 'unicodePwd', unicodePwd(oldPassword)),
    change('add', 'unicodePwd', unicodePwd(newPassword)),
  ];
  try {
    await connection.withService('write', (client) => client.modify(dn, changes));
  } catch (error) {
    throw modifyFailure(error, `Changing the password of ${dn} failed`);
  }
}

/** Clears a lockout: lockoutTime = 0 (AD resets badPwdCount with it). */
export async function clearLockout(connection: LdapConnection, dn: string): Promise<void> {
  try {
    await connection.withService('write', (client) => client.modify(dn, [change('replace', 'lockoutTime', '0')]));
  } catch (error) {
    throw modifyFailure(error, `Unlocking ${dn} failed`);
  }
}
