import type { CaptchaSolution } from '@resetdesk/shared';
import type { CaptchaService } from '../captcha/captcha-service';
import type { Directory, DirectoryUser } from '../directory/directory';
import { AppError } from '../errors/app-error';
import type { ResetDeskDb } from '../store/store';
import type { ClientFacts, ResetThrottle, ThrottleRefusal, ThrottleScopes } from '../throttle/reset-throttle';
import { ResetThrottle as Throttle } from '../throttle/reset-throttle';
import { createNetworkGate, requirementsFor } from './reset-eligibility';
import type { ResetRequirements } from './reset-eligibility';
import type { ResetPolicy } from './reset-policy';

// Looked up for decoys so an unknown name costs the same group query as a real one (no user has this id).
const NO_USER_ID = '00000000-0000-0000-0000-000000000000';

export interface ResetGuardDeps {
  db: ResetDeskDb;
  directory: Directory;
  policy: ResetPolicy;
  throttle: ResetThrottle;
  captcha: CaptchaService;
}

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

  /** The policy's requirements for a user, or for a decoy (null) those of an ordinary member. */
  async requirements(user: DirectoryUser | null): Promise<ResetRequirements> {
    const groups = await this.deps.directory.groupsOf(user?.id ?? NO_USER_ID);
    return requirementsFor(this.deps.policy, user ? groups : []);
  }

  accountKey(user: DirectoryUser | null, normalizedName: string): string {
    return user ? Throttle.userKey(user.id) : this.deps.throttle.unknownNameKey(normalizedName);
  }

  async rememberAccountKey(flowId: string, accountKey: string): Promise<void> {
    await this.deps.db.insertInto('flow_throttle_subjects').values({ flow_id: flowId, account_key: accountKey }).execute();
  }

  async accountKeyOf(flowId: string): Promise<string> {
    const row = await this.deps.db
      .selectFrom('flow_throttle_subjects')
      .select('account_key')
      .where('flow_id', '=', flowId)
      .executeTakeFirst();
    // Flows are always created with one; a missing row still gets a key of its own rather than none.
    return row?.account_key ?? `flow:${flowId}`;
  }

  scopes(accountKey: string, client: ClientFacts): ThrottleScopes {
    return this.deps.throttle.scopes(accountKey, client);
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

  /** After a wrong answer: the failure that reaches the limit locks the reset path and is answered RATE_LIMITED. */
  async afterFailedCheck(scopes: ThrottleScopes): Promise<AppError | null> {
    return this.rateLimited(await this.deps.throttle.recordIdentityFailure(scopes));
  }

  async beforeReset(scopes: ThrottleScopes): Promise<AppError | null> {
    const path = await this.deps.throttle.checkPath(scopes);
    if (path) return this.rateLimited(path);
    return this.rateLimited(await this.deps.throttle.checkReset(scopes));
  }

  async afterReset(scopes: ThrottleScopes): Promise<void> {
    await this.deps.throttle.recordReset(scopes, this.deps.policy.methods);
  }

  private rateLimited(refusal: ThrottleRefusal | null): AppError | null {
    if (!refusal) return null;
    return new AppError(
      'RATE_LIMITED',
      `Too many attempts (${refusal.rule} limit for this ${refusal.scope}): try again later.`,
      { retryAfterSeconds: refusal.retryAfterSeconds, ...this.contact() },
    );
  }

  private contact(): { contactUrl?: string } {
    return this.deps.policy.contactAdminUrl ? { contactUrl: this.deps.policy.contactAdminUrl } : {};
  }
}
