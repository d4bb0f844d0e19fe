/**
 * What the reset flow needs from a user directory: the built-in one (`builtin/`), OpenLDAP and compatible servers
 * (`ldap/`) and Active Directory (`active-directory/`) implement it, so the flows never know where users live.
 * Adapters report refusals and outages as DirectoryError (directory-error.ts); `id` is the directory's stable id
 * (entryUUID, objectGUID), which security info, throttles and audit rows are keyed by.
 */
export interface DirectoryUser {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  accountEnabled: boolean;
  enabledForReset: boolean;
  // The password is owned by another system (on-premises without writeback): the user must contact an administrator.
  managedExternally: boolean;
  // A privileged account (AD adminCount = 1, or a member of a configured protected group): self-service never writes
  // its password, as Entra's writeback refuses them; the person is told to contact an administrator.
  protectedAccount: boolean;
  locked: boolean;
  // Filled in by the flows, never by a directory: the further addresses and phones the person registered in security
  // info beyond `email` and `phone` (methods/registered-contacts.ts), each its own option (methods/extra-contacts.ts).
  extraEmails?: readonly string[];
  extraPhones?: readonly string[];
  // Also the flows': which of the default kind's addresses or phones the person's default method is (1 the first;
  // absent without a default), so that exactly that one comes first in the chooser (methods/default-first.ts).
  defaultContact?: number;
}

/**
 * 'locked', 'disabled' and 'must_change' are only told for the right password (else 'invalid'), so that an answer
 * never tells a stranger more than a wrong password would. 'must_change': right password, but the user must change
 * it before signing in (AD's 773).
 */
export type SignInResult = 'ok' | 'invalid' | 'locked' | 'disabled' | 'must_change';

/** Whether an account is locked out, and since when (null when it is not, or when the directory does not say). */
export interface LockState {
  locked: boolean;
  lockedAt: Date | null;
}

export interface SetPasswordOptions {
  // Also clear a lockout (policy unlockOnReset): proving identity is exactly what an unlock needs.
  unlock: boolean;
}

export interface VerifyPasswordOptions {
  /**
   * Count a wrong password toward the directory's own lockout (default true, a sign-in). The change-password flow
   * passes false: its own per-source throttle counts instead, so a stranger cannot lock a person's account through
   * the self-service path (Entra never lets it). A connector that cannot check a password without counting (an LDAP
   * bind) must keep the change throttle's per-source limit below the directory's lockout threshold.
   */
  countFailure?: boolean;
}

/** What a confirmed "This wasn't me" may ask of the directory (policy wasntMe.action). */
export type AccountRestriction = 'mustChange' | 'disable';

export interface Directory {
  /** Finds a user by what a person types (username, UPN or DOMAIN\name); null when no user matches. */
  findUser(username: string): Promise<DirectoryUser | null>;
  /** Writes a new password. Throws when the directory refuses; the password is then unchanged. */
  setPassword(userId: string, newPassword: string, options: SetPasswordOptions): Promise<void>;
  /**
   * Checks a sign-in. A wrong password counts as a failure under the directory's own lockout policy (unless
   * countFailure is false). An attempt must be counted before the hash and the lock looked at again after it, so that
   * parallel guesses cannot outrun the lockout.
   */
  verifyPassword(username: string, password: string, options?: VerifyPasswordOptions): Promise<SignInResult>;
  /**
   * The names of the groups the user is a member of (policy: who may reset, who is an admin). Empty for an id no user
   * has: an unknown name's decoy asks with a stand-in id, so that its answer costs what a real one does.
   * With `among`, only those of these names (compared case-insensitively): the policy asks about its own groups, and a
   * directory may then look at no others (AD evaluates nested membership for the groups named, not for every group).
   */
  groupsOf(userId: string, among?: readonly string[]): Promise<string[]>;
  /** The account's lockout state as the directory sees it now. Throws when the user does not exist. */
  lockState(userId: string): Promise<LockState>;
  /** Clears a lockout (and the failed sign-in count) without touching the password. Throws when the user is gone. */
  unlock(userId: string): Promise<void>;
  /**
   * Whether `password` is one of the user's last `count` passwords, the current one included (policy historyCount).
   * Optional: a directory that enforces its own history (Active Directory) refuses on setPassword instead.
   */
  isRecentPassword?(userId: string, password: string, count: number): Promise<boolean>;
  /**
   * Changes a password with the person's own old one, so that the directory applies its history and minimum-age
   * rules to it (AD: delete + add of unicodePwd; LDAP: Password Modify bound as the person). Optional: without it
   * the change flow checks the old password with verifyPassword and writes the new one with setPassword.
   */
  changePassword?(userId: string, oldPassword: string, newPassword: string): Promise<void>;
  /**
   * Every account (or a large sample) with its methods' inputs, for the survey that makes an unknown name's decoy look
   * like a real account (flows/decoy/method-distribution.ts). LDAP and AD page through their users, capped.
   */
  listUsers?(): Promise<DirectoryUser[]>;
  /**
   * "Must change at next sign-in" (AD pwdLastSet = 0, ppolicy pwdReset, the built-in flag) or disable the account
   * (AD ACCOUNTDISABLE, ppolicy's administrative lock, the built-in flag). 'unsupported' when this directory cannot;
   * throws when it can but refused. Optional: a directory without it supports neither.
   */
  restrictAccount?(userId: string, restriction: AccountRestriction): Promise<'done' | 'unsupported'>;
  /** Closes connections (server shutdown). */
  close?(): Promise<void>;
}

/** How every directory compares names: trimmed, Unicode NFC, lowercase. */
export function normalizeUsername(username: string): string {
  return username.trim().normalize('NFC').toLowerCase();
}
