import type { CaptchaSolution } from '@resetdesk/shared';
import type { CaptchaService } from '../captcha/captcha-service';
import type { Directory, DirectoryUser } from '../directory/directory';
import { AppError } from '../errors/app-error';
import { bindingHolds } from './flow-binding';
import type { FlowRow } from '../store/database-schema';
import type { ResetDeskDb } from '../store/store';
import { refusalText } from '../throttle/refusal-text';
import type { CheckLease } from '../throttle/check-lease';
import { LeaseBusyError } from '../throttle/check-lease';
import type {
  CheckPurpose, CheckReservation, ClientFacts, ResetThrottle, ThrottleRefusal, ThrottleScopes,
} from '../throttle/reset-throttle';
import { ResetThrottle as Throttle } from '../throttle/reset-throttle';
import { createNetworkGate } from '../support/network-gate';
import { isServerBusy } from '../support/hash-pool';
import { groupsThatMatter, requirementsFor } from './reset-eligibility';
import type { ResetRequirements } from './reset-eligibility';
import type { ResetPolicy } from './reset-policy';

// Looked up for decoys so an unknown name costs the same group query as a real one (no user has this id).
const NO_USER_ID = '00000000-0000-0000-0000-000000000000';

export interface ResetGuardDeps {
  db: ResetDeskDb;
  directory: Directory;
  policy: ResetPolicy;
  throttle: ResetThrottle;
  // Runs the checks of one account one at a time, through the throttle store (so across instances too).
  lease: CheckLease;
  captcha: CaptchaService;
}

/** How the throttle counts a check's outcome: proved (forgotten), failed (stays a failure), or nothing to judge. */
export type CheckVerdict = 'pass' | 'fail' | 'none';

/** A check that ran (its result), or was refused before or after running (the refusal wins over the result). */
export type CheckedResult<T> = { ok: true; result: T } | { ok: false; refusal: AppError };

// A check waiting this long for the account's other checks is asked to try again in a moment, not locked out.
const BUSY_RETRY_SECONDS = 5;

/**
 * The policy and abuse checks of the reset flow in one place, so the flow service only calls them at its hook points:
 * who may reset and with what (groups, admin rules), which networks may ask, and the throttles. Every refusal is an
 * AppError the service audits and throws.
 */
export class ResetGuard {
  private readonly deps: ResetGuardDeps;
  private readonly clientAllowed: (ip: string | null) => boolean;

  constructor(deps: ResetGuardDeps) {
    this.deps = deps;
    this.clientAllowed = createNetworkGate(deps.policy.allowedClientNetworks);
  }

  /** DEVICE_NOT_ALLOWED when the request comes from outside the policy's networks. */
  admitClient(client: ClientFacts): AppError | null {
    if (this.clientAllowed(client.ip)) return null;
    return new AppError('DEVICE_NOT_ALLOWED', 'Password reset is not available from this device or network.', this.contact());
  }

  /**
   * CAPTCHA_REQUIRED / CAPTCHA_INVALID at the username step, by policy (always, or after failures from this device or
   * address). Checked before the name is looked up, so the answer cannot depend on who exists.
   */
  async checkCaptcha(solution: CaptchaSolution | undefined, client: ClientFacts): Promise<AppError | null> {
    const policy = this.deps.policy.captcha;
    if (policy.mode === 'off') return null;
    if (policy.mode === 'afterFailures') {
      const failures = await this.deps.throttle.recentClientFailures(this.deps.throttle.scopes('', client));
      if (failures < policy.afterFailures) return null;
    }
    if (!solution) return new AppError('CAPTCHA_REQUIRED', 'Solve the CAPTCHA to continue.');
    if ((await this.deps.captcha.verify(solution)) === 'ok') return null;
    return new AppError('CAPTCHA_INVALID', 'The CAPTCHA answer was wrong, expired or already used.');
  }

  /**
   * A help request needs a solved CAPTCHA whenever the policy has one at all (not only after failures): it is
   * unauthenticated and makes the server email the helpdesk.
   */
  async checkHelpCaptcha(solution: CaptchaSolution | undefined): Promise<AppError | null> {
    if (this.deps.policy.captcha.mode === 'off') return null;
    if (!solution) return new AppError('CAPTCHA_REQUIRED', 'Solve the CAPTCHA to continue.');
    if ((await this.deps.captcha.verify(solution)) === 'ok') return null;
    return new AppError('CAPTCHA_INVALID', 'The CAPTCHA answer was wrong, expired or already used.');
  }

  /** The policy's requirements for a user, or for a decoy (null) those of an ordinary member. */
  async requirements(user: DirectoryUser | null): Promise<ResetRequirements> {
    const groups = await this.deps.directory.groupsOf(user?.id ?? NO_USER_ID, groupsThatMatter(this.deps.policy));
    return requirementsFor(this.deps.policy, user ? groups : []);
  }

  accountKey(user: DirectoryUser | null, normalizedName: string): string {
    return user ? Throttle.userKey(user.id) : this.deps.throttle.unknownNameKey(normalizedName);
  }

  /** Remembers the flow's throttle account key and the enrolled device that started it (its binding). */
  async rememberAccountKey(flowId: string, accountKey: string, client: ClientFacts): Promise<void> {
    await this.deps.db
      .insertInto('flow_throttle_subjects')
      .values({ flow_id: flowId, account_key: accountKey, device_id: client.deviceId ?? null })
      .execute();
  }

  /**
   * The flow's throttle scopes, after checking that this request may drive the flow (see flow-binding.ts): a flow
   * started by an enrolled device answers only that device; any other flow only the address that started it.
   */
  async boundScopes(flow: FlowRow, client: ClientFacts): Promise<ThrottleScopes> {
    const row = await this.deps.db
      .selectFrom('flow_throttle_subjects')
      .select(['account_key', 'device_id'])
      .where('flow_id', '=', flow.id)
      .executeTakeFirst();
    if (!bindingHolds({ deviceId: row?.device_id ?? null, ip: flow.client_ip }, client)) {
      throw new AppError('FLOW_EXPIRED', 'The flow is unknown, expired or finished: start again.');
    }
    // Flows are always created with a row; a missing one still gets a key of its own rather than none.
    return this.scopes(row?.account_key ?? `flow:${flow.id}`, client);
  }

  scopes(accountKey: string, client: ClientFacts): ThrottleScopes {
    return this.deps.throttle.scopes(accountKey, client);
  }

  /**
   * At the start: the path lock, and for a reset the resets-per-hour limit, told before any code is sent rather than
   * after the person proved who they are.
   */
  async checkStart(scopes: ThrottleScopes, kind: 'reset' | 'unlock'): Promise<AppError | null> {
    return (await this.checkPath(scopes)) ?? (kind === 'reset' ? this.checkResetLimit(scopes) : null);
  }

  async checkPath(scopes: ThrottleScopes): Promise<AppError | null> {
    return this.rateLimited(await this.deps.throttle.checkPath(scopes));
  }

  /** Before a challenge goes out: the method's tries and, for email, the mail cap. */
  async beforeChallenge(scopes: ThrottleScopes, methodKind: string): Promise<AppError | null> {
    const path = await this.deps.throttle.checkPath(scopes);
    if (path) return this.rateLimited(path);
    const method = await this.deps.throttle.tryMethod(scopes, methodKind);
    if (method) return this.rateLimited(method);
    if (methodKind === 'email') return this.rateLimited(await this.deps.throttle.trySendEmail(scopes));
    return null;
  }

  /** The change-password path's own lock (wrong old passwords). */
  async checkChangePath(scopes: ThrottleScopes): Promise<AppError | null> {
    return this.rateLimited(await this.deps.throttle.checkChangePath(scopes));
  }

  /** After a wrong answer: the failure that reaches the limit locks the reset path and is answered RATE_LIMITED. */
  async afterFailedCheck(scopes: ThrottleScopes): Promise<AppError | null> {
    return this.rateLimited(await this.deps.throttle.recordIdentityFailure(scopes));
  }

  /**
   * Runs one check (a code, answers, an approval poll, an old password) under the throttle: one check of the account
   * at a time (a lease in the store, not process memory), counted as failed before it runs, the count undone only
   * when it proved right, and the locks looked at again after it ran (a lock set meanwhile wins over a right answer).
   * A check that throws stays counted as failed.
   */
  async runCheck<T>(
    scopes: ThrottleScopes,
    purpose: CheckPurpose,
    check: () => Promise<T>,
    verdictOf: (result: T) => CheckVerdict,
  ): Promise<CheckedResult<T>> {
    const throttle = this.deps.throttle;
    try {
      return await this.deps.lease.run(scopes.account, async (): Promise<CheckedResult<T>> => {
        const reserved = await throttle.reserveCheck(scopes, purpose);
        if ('refusal' in reserved) return { ok: false, refusal: this.refusalOf(reserved.refusal) };
        const result = await this.unlessBusy(check, reserved.reservation);
        const verdict = verdictOf(result);
        if (verdict === 'fail') {
          const locked = await throttle.failCheck(reserved.reservation);
          return locked ? { ok: false, refusal: this.refusalOf(locked) } : { ok: true, result };
        }
        await throttle.passCheck(reserved.reservation);
        if (verdict === 'pass') {
          const locked = purpose === 'identity' ? await throttle.checkPath(scopes) : await throttle.checkChangePath(scopes);
          if (locked) return { ok: false, refusal: this.refusalOf(locked) };
        }
        return { ok: true, result };
      });
    } catch (error) {
      if (!(error instanceof LeaseBusyError)) throw error;
      return {
        ok: false,
        refusal: new AppError('RATE_LIMITED', 'Another check of this account is running: try again shortly.', {
          retryAfterSeconds: BUSY_RETRY_SECONDS,
        }),
      };
    }
  }

  // A check the hash pool refused never ran, so it proved nothing either way: its reservation is undone, not failed.
  private async unlessBusy<T>(check: () => Promise<T>, reservation: CheckReservation): Promise<T> {
    try {
      return await check();
    } catch (error) {
      if (isServerBusy(error)) await this.deps.throttle.passCheck(reservation);
      throw error;
    }
  }

  /** Seconds until a method opens again for this account from this source (too many wrong answers); 0 when open. */
  async methodLockedSeconds(scopes: ThrottleScopes, methodKind: string): Promise<number> {
    return this.deps.throttle.methodLockedSeconds(scopes, methodKind);
  }

  /** A flow used up a method's attempts: close it for the account (real or decoy alike) from this source. */
  async lockMethod(scopes: ThrottleScopes, methodKind: string): Promise<void> {
    await this.deps.throttle.lockMethod(scopes, methodKind, this.deps.policy.methodLockMinutes);
  }

  /** TOO_MANY_RESETS (with when to try again) beyond the resets-per-hour limit: at the start and before the write. */
  async checkResetLimit(scopes: ThrottleScopes): Promise<AppError | null> {
    const refusal = await this.deps.throttle.checkReset(scopes);
    if (!refusal) return null;
    return new AppError('TOO_MANY_RESETS', 'This account was reset too often in the last hour: try again later.', {
      retryAfterSeconds: refusal.retryAfterSeconds,
      ...this.contact(),
    });
  }

  async beforeReset(scopes: ThrottleScopes): Promise<AppError | null> {
    const path = await this.deps.throttle.checkPath(scopes);
    if (path) return this.rateLimited(path);
    return this.checkResetLimit(scopes);
  }

  async afterReset(scopes: ThrottleScopes): Promise<void> {
    try {
      await this.deps.throttle.recordReset(scopes, this.deps.policy.methods);
    } catch (error) {
      // The password is already written: a throttle store that went down since beforeReset must not make a done reset
      // look failed to the person (the limits were checked before the write; only this one count is lost).
      if (!(error instanceof AppError && error.code === 'THROTTLE_UNAVAILABLE')) throw error;
    }
  }

  private rateLimited(refusal: ThrottleRefusal | null): AppError | null {
    return refusal ? this.refusalOf(refusal) : null;
  }

  private refusalOf(refusal: ThrottleRefusal): AppError {
    return new AppError(
      'RATE_LIMITED',
      refusalText(refusal),
      { retryAfterSeconds: refusal.retryAfterSeconds, ...this.contact() },
    );
  }

  private contact(): { contactUrl?: string } {
    return this.deps.policy.contactAdminUrl ? { contactUrl: this.deps.policy.contactAdminUrl } : {};
  }
}
