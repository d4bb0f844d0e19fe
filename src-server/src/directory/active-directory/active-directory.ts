import { randomUUID } from 'node:crypto';
import type { Directory, DirectoryUser, LockState } from '../directory';
import type { AccountRestriction, SetPasswordOptions, SignInResult, VerifyPasswordOptions } from '../directory';
import { DirectoryError } from '../directory-error';
import type { DirectoryHealth, HealthLine } from '../directory-health';
import { LdapConnection } from '../ldap-common/ldap-connection';
import { escapeDnValue } from '../ldap-common/ldap-escape';
import { bindDataCode, signInFromBindCode } from './ad-errors';
import { checkActiveDirectoryHealth } from './ad-health';
import { AdLookup } from './ad-lookup';
import type { AdUserEntry } from './ad-lookup';
import { AdMembership, UF_ACCOUNTDISABLE } from './ad-membership';
import { changePassword, clearLockout, resetPassword } from './ad-passwords';
import { restrictAdEntry } from './ad-restrict';
import type { ActiveDirectorySettings } from './ad-settings';

// How many users the decoy survey reads (flows/decoy/method-distribution.ts): enough for the tenant's method mix.
const SURVEY_SAMPLE = 1000;

/**
 * Active Directory (or Samba as a domain controller) over LDAPS or StartTLS, as the service account. Users are keyed
 * by objectGUID. Privileged accounts (adminCount = 1, the built-in admin groups, the configured protected groups)
 * are reported as protectedAccount and never written, even when the service account could (Samba has no
 * AdminSDHolder, and a delegation on an OU reaches admins kept there).
 */
export class ActiveDirectory implements Directory, DirectoryHealth {
  private readonly lookup: AdLookup;
  private readonly membership: AdMembership;

  constructor(
    private readonly settings: ActiveDirectorySettings,
    private readonly connection: LdapConnection,
  ) {
    this.lookup = new AdLookup(connection, settings);
    this.membership = new AdMembership(connection, settings);
  }

  async findUser(username: string): Promise<DirectoryUser | null> {
    const entry = await this.lookup.findByTyped(username);
    return entry ? this.toUser(entry) : null;
  }

  async setPassword(userId: string, newPassword: string, options: SetPasswordOptions): Promise<void> {
    const entry = await this.writable(userId);
    await resetPassword(this.connection, entry.dn, newPassword, {
      unlock: options.unlock,
      forceChange: this.settings.forceChangeAfterReset,
    });
  }

  async changePassword(userId: string, oldPassword: string, newPassword: string): Promise<void> {
    const entry = await this.writable(userId);
    await changePassword(this.connection, entry.dn, oldPassword, newPassword);
  }

  /**
   * A simple bind as the person on a connection of its own. A bind always counts a wrong password toward AD's
   * lockout, so countFailure cannot be honoured: the change flow's per-source limit must stay below the domain's
   * lockout threshold (see VerifyPasswordOptions).
   */
  async verifyPassword(username: string, password: string, _options?: VerifyPasswordOptions): Promise<SignInResult> {
    // An empty password is an anonymous ("unauthenticated") bind that succeeds: never a sign-in.
    if (password.length === 0) return 'invalid';
    const entry = await this.lookup.findByTyped(username);
    // Nobody by that name: bind a DN that does not exist anyway, so the answer takes as long as for a real user.
    const dn = entry?.dn ?? `CN=${escapeDnValue(randomUUID())},${this.settings.connection.baseDn}`;
    try {
      await this.connection.asPerson(dn, password);
      return entry ? 'ok' : 'invalid';
    } catch (error) {
      if (error instanceof DirectoryError) throw error;
      const code = bindDataCode(error);
      if (code === null && !isInvalidCredentials(error)) {
        throw new DirectoryError('unavailable', 'The domain controller refused the sign-in bind unexpectedly', {
          cause: error,
        });
      }
      return entry ? signInFromBindCode(code) : 'invalid';
    }
  }

  async listUsers(): Promise<DirectoryUser[]> {
    const users: DirectoryUser[] = [];
    for (const entry of await this.lookup.sample(SURVEY_SAMPLE)) users.push(await this.toUser(entry));
    return users;
  }

  async groupsOf(userId: string, among?: readonly string[]): Promise<string[]> {
    // An id nobody has (a decoy's stand-in) costs the same search and has no groups.
    const entry = await this.lookup.findById(userId);
    return entry ? this.membership.groupNames(entry.dn, among) : [];
  }

  async lockState(userId: string): Promise<LockState> {
    return this.membership.lockState((await this.existing(userId)).dn);
  }

  async unlock(userId: string): Promise<void> {
    const entry = await this.writable(userId);
    await clearLockout(this.connection, entry.dn);
  }

  async restrictAccount(userId: string, restriction: AccountRestriction): Promise<'done'> {
    const entry = await this.writable(userId);
    await restrictAdEntry(this.connection, entry.dn, entry.userAccountControl, restriction);
    return 'done';
  }

  async checkHealth(user?: string): Promise<HealthLine[]> {
    return checkActiveDirectoryHealth(
      { settings: this.settings, connection: this.connection, lookup: this.lookup, membership: this.membership },
      user,
    );
  }

  async close(): Promise<void> {
    await this.connection.close();
  }

  private async toUser(entry: AdUserEntry): Promise<DirectoryUser> {
    const state = await this.membership.state(entry);
    const accountEnabled = (entry.userAccountControl & UF_ACCOUNTDISABLE) === 0;
    const fullName = [entry.givenName, entry.sn].filter((part) => part !== null).join(' ');
    return {
      id: entry.id,
      username: entry.sam,
      displayName: entry.displayName ?? (fullName || entry.sam),
      email: entry.mail,
      phone: entry.mobile,
      accountEnabled,
      enabledForReset: accountEnabled && state.inResetGroups,
      managedExternally: false,
      protectedAccount: state.protectedBy !== null,
      locked: state.lock.locked,
    };
  }

  private async existing(userId: string): Promise<AdUserEntry> {
    const entry = await this.lookup.findById(userId);
    if (!entry) throw new DirectoryError('not_found', `No user with objectGUID ${userId.slice(0, 64)}`);
    return entry;
  }

  /** The user, when self-service may write it: a protected account is refused here too, not only by the flows. */
  private async writable(userId: string): Promise<AdUserEntry> {
    const entry = await this.existing(userId);
    const state = await this.membership.state(entry);
    if (state.protectedBy !== null) {
      throw new DirectoryError('refused', `${entry.dn} is a protected account (${state.protectedBy})`);
    }
    return entry;
  }
}

function isInvalidCredentials(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 49;
}

/** The adapter for validated settings; `bindPassword` is the service account's password, already read. */
export function createActiveDirectory(settings: ActiveDirectorySettings, bindPassword: string): ActiveDirectory {
  const { bindPassword: _ref, ...connection } = settings.connection;
  return new ActiveDirectory(settings, new LdapConnection({ ...connection, bindPassword }));
}
