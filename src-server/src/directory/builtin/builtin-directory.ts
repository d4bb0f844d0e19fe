import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Clock } from '../../support/clock';
import type { UserRow } from '../../store/database-schema';
import type { ResetDeskDb } from '../../store/store';
import type { Directory, DirectoryUser, LockState } from '../directory';
import type { AccountRestriction, SetPasswordOptions, SignInResult, VerifyPasswordOptions } from '../directory';
import { TenantDomains } from '../tenant-domains';
import { listGroupsOf } from './builtin-groups';
import type { PasswordHasher } from '../../support/password-hash';
import { PasswordHistory } from './password-history';
import { groupsAmong } from '../groups-among';

export interface BuiltinDirectoryDeps {
  db: ResetDeskDb;
  tenantId: string;
  hasher: PasswordHasher;
  clock: Clock;
  // Wrong passwords in a row before the account locks (the built-in directory's own policy).
  lockoutThreshold?: number;
  // The tenant's domain names: which `DOMAIN\\name` prefixes are accepted (none when not given).
  domains?: TenantDomains;
}

export const DEFAULT_LOCKOUT_THRESHOLD = 5;

function toDirectoryUser(row: UserRow): DirectoryUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    phone: row.phone,
    accountEnabled: row.account_enabled === 1,
    enabledForReset: row.enabled_for_reset === 1,
    managedExternally: row.managed_externally === 1,
    // The built-in directory has no privileged accounts of its own: its admins are a policy group.
    protectedAccount: false,
    locked: row.locked_at !== null,
  };
}


/** The directory that lives in ResetDesk's own database: for the demo and for organisations without one. */
export class BuiltinDirectory implements Directory {
  private readonly deps: BuiltinDirectoryDeps;
  private readonly lockoutThreshold: number;
  private readonly history: PasswordHistory;
  private readonly domains: TenantDomains;
  // Hash of a random password at the same cost, so an unknown user takes as long to reject as a known one.
  private dummyHash: Promise<string> | undefined;

  constructor(deps: BuiltinDirectoryDeps) {
    this.deps = deps;
    this.lockoutThreshold = deps.lockoutThreshold ?? DEFAULT_LOCKOUT_THRESHOLD;
    this.history = new PasswordHistory(deps.db, deps.tenantId, deps.hasher);
    this.domains = deps.domains ?? new TenantDomains([]);
  }

  async findUser(username: string): Promise<DirectoryUser | null> {
    const row = await this.findRow(username);
    return row ? toDirectoryUser(row) : null;
  }

  async setPassword(userId: string, newPassword: string, options: SetPasswordOptions): Promise<void> {
    const passwordHash = await this.deps.hasher.hash(newPassword);
    const now = this.deps.clock.now().toISOString();
    const previous = await this.currentHash(userId);
    const result = await this.deps.db
      .updateTable('users')
      .set({
        password_hash: passwordHash,
        password_changed_at: now,
        must_change_password: 0,
        ...(options.unlock ? { locked_at: null, failed_sign_ins: 0 } : {}),
      })
      .where('tenant_id', '=', this.deps.tenantId)
      .where('id', '=', userId)
      .executeTakeFirst();
    if (result.numUpdatedRows !== 1n) throw new Error('The user no longer exists in the built-in directory.');
    if (previous) await this.history.recordReplaced(userId, previous, now);
  }

  /** Whether `password` is one of the user's last `count` passwords (the current one included). */
  async isRecentPassword(userId: string, password: string, count: number): Promise<boolean> {
    return this.history.isRecent(userId, await this.currentHash(userId), password, count);
  }

  private async currentHash(userId: string): Promise<string | null> {
    const row = await this.deps.db
      .selectFrom('users')
      .select('password_hash')
      .where('tenant_id', '=', this.deps.tenantId)
      .where('id', '=', userId)
      .executeTakeFirst();
    return row?.password_hash ?? null;
  }

  async verifyPassword(username: string, password: string, options: VerifyPasswordOptions = {}): Promise<SignInResult> {
    const row = await this.findRow(username);
    if (!row || row.password_hash === null) {
      await this.deps.hasher.verify(await this.getDummyHash(), password);
      return 'invalid';
    }
    // Without the right password a locked or disabled account answers like a wrong password: its state is none of a
    // stranger's business. Every answer costs one hash.
    if (row.account_enabled !== 1) return (await this.deps.hasher.verify(row.password_hash, password)) ? 'disabled' : 'invalid';
    // A locked account counts no more failures; only the right password learns that it is locked.
    if (row.locked_at !== null) return (await this.deps.hasher.verify(row.password_hash, password)) ? 'locked' : 'invalid';
    const counting = options.countFailure ?? true;
    // Counted as a failure before the hash (one statement), so parallel guesses see each other and at most the
    // threshold of them are ever checked. A guess whose tries are all taken by guesses still being checked is hashed
    // against a dummy (same cost) and answered like a wrong password.
    if (counting && !(await this.reserveFailure(row.id))) {
      await this.deps.hasher.verify(await this.getDummyHash(), password);
      return 'invalid';
    }
    const matches = await this.deps.hasher.verify(row.password_hash, password);
    if (!matches) {
      if (counting) await this.lockIfThresholdReached(row.id);
      return 'invalid';
    }
    // Right: forget the failures, unless the account was locked while hashing (the lock is looked at again).
    const cleared = await this.deps.db
      .updateTable('users')
      .set(counting ? { failed_sign_ins: 0 } : { failed_sign_ins: sql<number>`failed_sign_ins` })
      .where('id', '=', row.id)
      .where('locked_at', 'is', null)
      .executeTakeFirst();
    if (cleared.numUpdatedRows !== 1n) return 'locked';
    return row.must_change_password === 1 ? 'must_change' : 'ok';
  }

  async groupsOf(userId: string, among?: readonly string[]): Promise<string[]> {
    return groupsAmong(await listGroupsOf(this.deps.db, this.deps.tenantId, userId), among);
  }

  async lockState(userId: string): Promise<LockState> {
    const row = await this.deps.db
      .selectFrom('users')
      .select('locked_at')
      .where('tenant_id', '=', this.deps.tenantId)
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!row) throw new Error('The user no longer exists in the built-in directory.');
    return { locked: row.locked_at !== null, lockedAt: row.locked_at === null ? null : new Date(row.locked_at) };
  }

  async unlock(userId: string): Promise<void> {
    const result = await this.deps.db
      .updateTable('users')
      .set({ locked_at: null, failed_sign_ins: 0 })
      .where('tenant_id', '=', this.deps.tenantId)
      .where('id', '=', userId)
      .executeTakeFirst();
    if (result.numUpdatedRows !== 1n) throw new Error('The user no longer exists in the built-in directory.');
  }

  async restrictAccount(userId: string, restriction: AccountRestriction): Promise<'done'> {
    const result = await this.deps.db
      .updateTable('users')
      .set(restriction === 'mustChange' ? { must_change_password: 1 } : { account_enabled: 0 })
      .where('tenant_id', '=', this.deps.tenantId)
      .where('id', '=', userId)
      .executeTakeFirst();
    if (result.numUpdatedRows !== 1n) throw new Error('The user no longer exists in the built-in directory.');
    return 'done';
  }

  /** Takes one try: true when the account is unlocked and tries are left (counting the ones being checked now). */
  private async reserveFailure(userId: string): Promise<boolean> {
    const result = await this.deps.db
      .updateTable('users')
      .set({ failed_sign_ins: sql<number>`failed_sign_ins + 1` })
      .where('id', '=', userId)
      .where('locked_at', 'is', null)
      .where('failed_sign_ins', '<', this.lockoutThreshold)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  /** A reserved try proved wrong: it stays counted, and the one at the threshold locks the account. */
  private async lockIfThresholdReached(userId: string): Promise<void> {
    await this.deps.db
      .updateTable('users')
      .set({ locked_at: this.deps.clock.now().toISOString() })
      .where('id', '=', userId)
      .where('locked_at', 'is', null)
      .where('failed_sign_ins', '>=', this.lockoutThreshold)
      .execute();
  }

  private async findRow(username: string): Promise<UserRow | undefined> {
    // Accepts what people type: `name`, `DOMAIN\\name` (the tenant's own domains only) or an email address.
    const candidates = this.domains.lookupNames(username);
    if (candidates.length === 0) return undefined;
    const rows = await this.deps.db
      .selectFrom('users')
      .selectAll()
      .where('tenant_id', '=', this.deps.tenantId)
      .where((eb) => eb.or([eb('username', 'in', candidates), eb('email', 'in', candidates)]))
      .execute();
    // A username match wins over an email match (another user could use this name as an address).
    return rows.find((row) => candidates.includes(row.username)) ?? rows[0];
  }

  /** Every account of the tenant (the decoy survey: see flows/decoy/method-distribution.ts). */
  async listUsers(): Promise<DirectoryUser[]> {
    const rows = await this.deps.db.selectFrom('users').selectAll().where('tenant_id', '=', this.deps.tenantId).execute();
    return rows.map(toDirectoryUser);
  }

  private getDummyHash(): Promise<string> {
    // A refused hash (a full pool) must not stay cached: the next call tries again.
    this.dummyHash ??= this.deps.hasher.hash(randomBytes(24).toString('base64')).catch((error: unknown) => {
      this.dummyHash = undefined;
      throw error;
    });
    return this.dummyHash;
  }
}
