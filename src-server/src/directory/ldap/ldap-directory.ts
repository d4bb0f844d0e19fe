import { randomUUID } from 'node:crypto';
import { Attribute, Change, type Entry } from 'ldapts';
import type { SecretRef } from '../../config/secret-ref';
import type { Directory, DirectoryUser, LockState } from '../directory';
import type { AccountRestriction, SetPasswordOptions, SignInResult, VerifyPasswordOptions } from '../directory';
import { DirectoryError } from '../directory-error';
import type { DirectoryHealth, HealthLine } from '../directory-health';
import { LdapConnection } from '../ldap-common/ldap-connection';
import { KeyedMutex } from '../../support/keyed-mutex';
import { firstValue, parseGeneralizedTime, PERMANENTLY_LOCKED, sameDn } from './ldap-entries';
import { LDAP_NO_SUCH_ATTRIBUTE, resultCode } from '../ldap-common/ldap-result-codes';
import { operationFailure, passwordWriteFailure } from './ldap-failures';
import { checkLdapHealth } from './ldap-health';
import { PASSWORD_MODIFY_OID, PasswordPolicyControl, passwordModifyValue } from './ldap-ppolicy';
import { LdapDirectorySettingsSchema, type LdapDirectorySettings } from './ldap-settings';
import { restrictLdapEntry } from './ldap-restrict';
import { bindSignIn } from './ldap-sign-in';
import { LdapUsers } from './ldap-users';
import { groupsAmong } from '../groups-among';

// How many users the decoy survey reads (flows/decoy/method-distribution.ts): enough for the tenant's method mix.
const SURVEY_SAMPLE = 1000;

export interface LdapDirectoryOptions {
  // Server log lines (a DN, a result code; never a password). Default: nothing.
  log?: (message: string) => void;
}

/**
 * OpenLDAP with the ppolicy overlay, and compatible servers. Resets with the RFC 3062 Password Modify operation as
 * the service account (which ppolicy exempts from quality and history: ResetDesk's own policy must hold), changes
 * with the same operation bound as the person (ppolicy applies quality, history and minimum age), unlocks by
 * deleting pwdAccountLockedTime.
 */
export class LdapDirectory implements Directory, DirectoryHealth {
  private readonly connection: LdapConnection;
  private readonly users: LdapUsers;
  // Writes to one entry one after another: parallel Password Modify operations on one entry race in ppolicy's
  // pwdHistory update, and slapd refuses the loser with typeOrValueExists (measured).
  private readonly writes = new KeyedMutex();

  constructor(
    private readonly settings: LdapDirectorySettings,
    private readonly bindPassword: string,
    private readonly options: LdapDirectoryOptions = {},
  ) {
    this.connection = new LdapConnection({ ...settings.connection, bindPassword });
    this.users = new LdapUsers(this.connection, settings, options.log ?? (() => undefined));
  }

  async findUser(username: string): Promise<DirectoryUser | null> {
    const entry = await this.users.findByUserId(username);
    return entry ? this.toDirectoryUser(entry) : null;
  }

  async setPassword(userId: string, newPassword: string, options: SetPasswordOptions): Promise<void> {
    const entry = await this.writableEntry(userId);
    await this.writes.run(entry.dn, async () => {
      // Read again inside the queue: a reset just before this one may have changed the lock.
      const current = options.unlock ? entry : ((await this.users.findById(userId)) ?? entry);
      const lockedTime = firstValue(current, 'pwdAccountLockedTime');
      const control = new PasswordPolicyControl();
      try {
        await this.connection.withService('write', (client) =>
          client.exop(PASSWORD_MODIFY_OID, passwordModifyValue(entry.dn, newPassword), [control]),
        );
      } catch (error) {
        throw passwordWriteFailure(error, control, `A reset of ${entry.dn}`);
      }
      // ppolicy clears the lock on an administrator's reset (measured on slapd 2.5); policy decides instead: a
      // reset without unlock puts the lock back, as Active Directory keeps it.
      // Always on an unlock, locked or not: it is what clears ppolicy's count of failed binds too (measured).
      if (options.unlock) await this.deleteLock(entry.dn);
      else if (lockedTime !== null) await this.restoreLock(entry.dn, lockedTime);
    });
  }

  async changePassword(userId: string, oldPassword: string, newPassword: string): Promise<void> {
    const entry = await this.writableEntry(userId);
    // An empty password is an unauthenticated bind, which succeeds: never a proof of anything.
    if (oldPassword === '') throw new DirectoryError('wrong_password', `A change of ${entry.dn}: empty old password`);
    await this.writes.run(entry.dn, async () => {
      const bindControl = new PasswordPolicyControl();
      const control = new PasswordPolicyControl();
      let bound = false;
      try {
        await this.connection.asPerson(
          entry.dn,
          oldPassword,
          async (client) => {
            bound = true;
            await client.exop(PASSWORD_MODIFY_OID, passwordModifyValue(entry.dn, newPassword, oldPassword), [control]);
          },
          [bindControl],
        );
      } catch (error) {
        if (bound) throw passwordWriteFailure(error, control, `A change of ${entry.dn}`);
        // ppolicy answers accountLocked for any password of a locked account: no more than findUser's `locked`.
        const failure = passwordWriteFailure(error, bindControl, `The bind for a change of ${entry.dn}`);
        if (failure.failure === 'locked' && firstValue(entry, 'pwdAccountLockedTime') === PERMANENTLY_LOCKED) {
          throw new DirectoryError('disabled', failure.message, { cause: error });
        }
        throw failure;
      }
    });
  }

  async verifyPassword(username: string, password: string, options?: VerifyPasswordOptions): Promise<SignInResult> {
    // A bind always counts a wrong password (see bindSignIn): countFailure cannot be honoured over LDAP.
    void options;
    const entry = await this.users.findByUserId(username);
    if (entry) return bindSignIn(this.connection, entry, password);
    // An unknown name costs the same bind round trip as a known one, so timing does not tell which names exist.
    const nobody = `uid=${randomUUID()},${this.settings.connection.baseDn}`;
    await bindSignIn(this.connection, { dn: nobody }, password);
    return 'invalid';
  }

  async listUsers(): Promise<DirectoryUser[]> {
    const users: DirectoryUser[] = [];
    for (const entry of await this.users.sample(SURVEY_SAMPLE)) {
      // An entry without the id attribute cannot be keyed: left out of the survey as it is out of every flow.
      const user = await this.toDirectoryUser(entry).catch(() => null);
      if (user) users.push(user);
    }
    return users;
  }

  async groupsOf(userId: string, among?: readonly string[]): Promise<string[]> {
    // An id nobody has (a decoy's stand-in) costs the same search and has no groups.
    const entry = await this.users.findById(userId);
    return entry ? groupsAmong(await this.users.groupsOf(entry), among) : [];
  }

  async lockState(userId: string): Promise<LockState> {
    const lockedTime = firstValue(await this.entry(userId), 'pwdAccountLockedTime');
    if (lockedTime === null) return { locked: false, lockedAt: null };
    return { locked: true, lockedAt: lockedTime === PERMANENTLY_LOCKED ? null : parseGeneralizedTime(lockedTime) };
  }

  async unlock(userId: string): Promise<void> {
    await this.deleteLock((await this.writableEntry(userId)).dn);
  }

  async restrictAccount(userId: string, restriction: AccountRestriction): Promise<'done'> {
    const entry = await this.writableEntry(userId);
    await this.writes.run(entry.dn, () => restrictLdapEntry(this.connection, entry.dn, restriction));
    return 'done';
  }

  async checkHealth(user?: string): Promise<HealthLine[]> {
    return checkLdapHealth({
      settings: this.settings,
      bindPassword: this.bindPassword,
      findUser: (name) => this.users.findByUserId(name),
      groupsOf: (entry) => this.users.groupsOf(entry),
      connection: this.connection,
      user,
    });
  }

  async close(): Promise<void> {
    await this.connection.close();
  }

  private async entry(userId: string): Promise<Entry> {
    const entry = await this.users.findById(userId);
    if (!entry) throw new DirectoryError('not_found', `No LDAP entry has ${this.settings.idAttribute} ${userId}`);
    return entry;
  }

  /** The entry, refused when self-service must never write it (the service account, a protected group). */
  private async writableEntry(userId: string): Promise<Entry> {
    const entry = await this.entry(userId);
    if (await this.isProtected(entry)) {
      throw new DirectoryError('refused', `${entry.dn} is a protected account: self-service does not write it`);
    }
    return entry;
  }

  private async isProtected(entry: Entry): Promise<boolean> {
    if (sameDn(entry.dn, this.settings.connection.bindDn)) return true;
    if (this.settings.protectedGroups.length === 0) return false;
    const groups = (await this.users.groupsOf(entry)).map((name) => name.toLowerCase());
    return this.settings.protectedGroups.some((name) => groups.includes(name.toLowerCase()));
  }

  private async deleteLock(dn: string): Promise<void> {
    const change = new Change({ operation: 'delete', modification: new Attribute({ type: 'pwdAccountLockedTime' }) });
    try {
      await this.connection.withService('write', (client) => client.modify(dn, change));
    } catch (error) {
      // Not locked: nothing to delete.
      if (resultCode(error) === LDAP_NO_SUCH_ATTRIBUTE) return;
      throw operationFailure(error, `Unlocking ${dn}`);
    }
  }

  private async restoreLock(dn: string, lockedTime: string): Promise<void> {
    const change = new Change({
      operation: 'replace',
      modification: new Attribute({ type: 'pwdAccountLockedTime', values: [lockedTime] }),
    });
    try {
      await this.connection.withService('write', (client) => client.modify(dn, change));
    } catch (error) {
      throw operationFailure(error, `Keeping the lock of ${dn} after a reset`);
    }
  }

  private async toDirectoryUser(entry: Entry): Promise<DirectoryUser> {
    const a = this.settings.attributes;
    const id = firstValue(entry, this.settings.idAttribute);
    if (id === null) throw new DirectoryError('refused', `${entry.dn} has no ${this.settings.idAttribute}`);
    const username = firstValue(entry, a.username) ?? firstValue(entry, a.email) ?? entry.dn;
    const names = [firstValue(entry, a.firstName), firstValue(entry, a.lastName)].filter((n) => n !== null);
    const needGroups = this.settings.enabledForResetGroup !== undefined || this.settings.protectedGroups.length > 0;
    const groups = needGroups ? (await this.users.groupsOf(entry)).map((g) => g.toLowerCase()) : [];
    const resetGroup = this.settings.enabledForResetGroup?.toLowerCase();
    const lockedTime = firstValue(entry, 'pwdAccountLockedTime');
    return {
      id,
      username,
      displayName: firstValue(entry, a.displayName) ?? (names.length > 0 ? names.join(' ') : username),
      email: firstValue(entry, a.email),
      phone: firstValue(entry, a.mobile),
      // ppolicy's "locked by an administrator" value is how OpenLDAP disables an account.
      accountEnabled: lockedTime !== PERMANENTLY_LOCKED,
      enabledForReset: resetGroup === undefined || groups.includes(resetGroup),
      managedExternally: false,
      protectedAccount:
        sameDn(entry.dn, this.settings.connection.bindDn) ||
        this.settings.protectedGroups.some((name) => groups.includes(name.toLowerCase())),
      locked: lockedTime !== null,
    };
  }
}

/** Builds the `ldap` directory from its settings; the service account's password is read here, never logged. */
export function createLdapDirectory(
  settings: LdapDirectorySettings,
  readSecret: (ref: SecretRef, setting: string) => string,
  options: LdapDirectoryOptions = {},
): LdapDirectory {
  const parsed = LdapDirectorySettingsSchema.parse(settings);
  const password = readSecret(parsed.connection.bindPassword, 'directory.connection.bindPassword');
  return new LdapDirectory(parsed, password, options);
}
