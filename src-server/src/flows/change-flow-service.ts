import { randomUUID } from 'node:crypto';
import type { ChangePasswordRequest, ErrorCode, ErrorDetails, FlowResponse, StartFlowRequest } from '@resetdesk/shared';
import type { AuditEntry, AuditLog } from '../audit/audit-log';
import type { Delivery } from '../delivery/delivery';
import type { Directory, DirectoryUser } from '../directory/directory';
import { normalizeUsername } from '../directory/directory';
import { AppError } from '../errors/app-error';
import type { PasswordChecker } from '../password/password-checker';
import { judgeNewPassword, passwordRejected } from '../password/new-password-verdict';
import type { ResetGuard } from '../policy/reset-guard';
import type { ResetPolicy } from '../policy/reset-policy';
import type { FlowRow } from '../store/database-schema';
import type { ThrottleScopes } from '../throttle/reset-throttle';
import type { ResetDeskDb } from '../store/store';
import type { Clock } from '../support/clock';
import { addMinutes } from '../support/clock';
import { KeyedMutex } from '../support/keyed-mutex';
import { verdictOfSignIn } from './check-verdicts';
import { decoyPseudonym } from './decoy-name';
import { changePasswordStep } from './flow-kinds';
import { FlowRepository } from './flow-repository';
import { FLOW_TOKEN_PATTERN, generateFlowToken, hashFlowToken } from './flow-token';
import type { RequestContext } from './reset-flow-service';

export interface ChangeFlowServiceDeps {
  db: ResetDeskDb;
  tenantId: string;
  directory: Directory;
  policy: ResetPolicy;
  passwordChecker: PasswordChecker;
  delivery: Delivery;
  audit: AuditLog;
  clock: Clock;
  // Networks, CAPTCHA and throttles, as for resets (policy/reset-guard.ts); a wrong old password is a failed check.
  guard: ResetGuard;
}

// No user can have this name (control characters never pass UsernameSchema): checking a decoy's "old password"
// against it costs the directory one dummy hash, like a real check, and can never touch a real account.
const NAME_OF_NOBODY = '\u0000';

const CREDENTIALS_MESSAGE = 'The user ID or the old password is not correct.';

/**
 * Changing a known password as a persisted flow:
 *
 *   change_password -> completed        (any open state -> cancelled, through ResetFlowService.cancel)
 *
 * Starting looks the same for every typed name (unknown names get a decoy flow that no password ever opens). The
 * submit checks, in this order, so that nothing tells a stranger more than "wrong user ID or password":
 *   1. the rules that do not depend on the user (length, classes, banned words) -> PASSWORD_REJECTED
 *   2. the old password against the directory (a wrong one counts as a failed sign-in) -> CREDENTIALS_INVALID
 *      (right password but locked -> ACCOUNT_LOCKED, disabled -> ACCOUNT_NOT_ENABLED)
 *   3. managed elsewhere -> CONTACT_ADMIN; same as the current password -> PASSWORD_REUSED (Entra: the last password
 *      may not be reused on a change; a reset allows it); the user's own names -> PASSWORD_REJECTED
 *   4. write the new password (this also clears "must change at next sign-in").
 * The reset guard applies too: network gate and CAPTCHA at start, the reset-path lock before the check, and a wrong
 * old password counts as a failed identity check (so guessing old passwords is throttled like guessing codes).
 */
export class ChangeFlowService {
  private readonly deps: ChangeFlowServiceDeps;
  private readonly flows: FlowRepository;
  private readonly mutex = new KeyedMutex();

  constructor(deps: ChangeFlowServiceDeps) {
    this.deps = deps;
    this.flows = new FlowRepository({ db: deps.db, tenantId: deps.tenantId });
  }

  async start(request: StartFlowRequest, context: RequestContext): Promise<FlowResponse> {
    const typedName = normalizeUsername(request.username);
    const user = await this.deps.directory.findUser(typedName);
    const audit: AuditEntry = {
      event: 'flow.refused',
      outcome: 'failure',
      userId: user?.id ?? null,
      // Unknown names are not recorded: people sometimes type their password into the username box.
      username: user?.username ?? null,
      ip: context.ip,
    };
    if (!this.deps.policy.changeAllowed) {
      await this.fail(audit, 'CHANGE_NOT_ALLOWED', 'The policy does not allow changing passwords here.');
    }
    // ---- policy and throttle hook: the same network gate, CAPTCHA and path lock as a reset ----
    const guard = this.deps.guard;
    await this.refuseIf(audit, guard.admitClient(context));
    await this.refuseIf(audit, await guard.checkCaptcha(request.captcha, context));
    const accountKey = guard.accountKey(user, typedName);
    await this.refuseIf(audit, await guard.checkChangePath(guard.scopes(accountKey, context)));
    // ---- end of hook ----
    const token = generateFlowToken();
    const now = this.deps.clock.now();
    const flow = await this.flows.insert({
      id: randomUUID(),
      token_hash: hashFlowToken(token),
      kind: 'change',
      state: 'change_password',
      user_id: user?.id ?? null,
      decoy: user ? 0 : 1,
      username: user ? user.username : decoyPseudonym(typedName),
      method_id: null,
      client_ip: context.ip,
      locale: request.locale ?? null,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
      expires_at: addMinutes(now, this.deps.policy.flowLifetimeMinutes).toISOString(),
      completed_at: null,
    });
    await guard.rememberAccountKey(flow.id, accountKey, context);
    await this.deps.audit.record({
      ...audit,
      event: 'flow.started',
      outcome: 'success',
      flowId: flow.id,
      detail: user ? 'change' : 'change,unknown_user',
    });
    return this.respond(flow, token);
  }

  async change(token: string, request: ChangePasswordRequest, context: RequestContext): Promise<FlowResponse> {
    if (!FLOW_TOKEN_PATTERN.test(token)) throw expired();
    const tokenHash = hashFlowToken(token);
    return this.mutex.run(tokenHash, async () => {
      const flow = await this.flows.findByTokenHash(tokenHash);
      if (!flow || flow.state === 'cancelled' || this.deps.clock.now() >= new Date(flow.expires_at)) throw expired();
      // Binding first (flow-binding.ts): another device or address learns nothing, not even the flow's step.
      const scopes = await this.deps.guard.boundScopes(flow, context);
      const audit: AuditEntry = {
        event: 'password.change_rejected',
        outcome: 'failure',
        flowId: flow.id,
        userId: flow.user_id,
        username: flow.decoy === 1 ? null : flow.username,
        ip: context.ip,
      };
      if (flow.kind !== 'change' || flow.state !== 'change_password') {
        return this.fail(audit, 'FLOW_STEP_MISMATCH', 'This request does not fit the current step of the flow.');
      }
      // ---- throttle hook: a locked change path takes no more old passwords ----
      await this.refuseIf(audit, await this.deps.guard.checkChangePath(scopes));
      const user = await this.verifyOldPassword(flow, request, audit, scopes);
      await this.checkNewPassword(user, request, audit);
      try {
        await this.deps.directory.setPassword(user.id, request.newPassword, { unlock: false });
      } catch (cause) {
        await this.deps.audit.record({ ...audit, detail: 'DIRECTORY_ERROR' });
        throw new AppError('DIRECTORY_ERROR', 'The directory did not accept the new password.', undefined, { cause });
      }
      const now = this.deps.clock.now().toISOString();
      const updated = await this.flows.update(flow.id, { state: 'completed', completed_at: now, updated_at: now });
      await this.deps.audit.record({ ...audit, event: 'password.changed', outcome: 'success' });
      await this.notifyChanged(user, audit);
      return this.respond(updated, token);
    });
  }

  /** Steps 1 and 2: the user-independent rules, then the old password. Returns the user it proved. */
  private async verifyOldPassword(
    flow: FlowRow,
    request: ChangePasswordRequest,
    audit: AuditEntry,
    scopes: ThrottleScopes,
  ): Promise<DirectoryUser> {
    await this.refuseWeak(request.newPassword, null, audit);
    const user = flow.decoy === 1 ? null : await this.deps.directory.findUser(flow.username);
    // The user was removed or renamed under the flow: it cannot go on.
    if (flow.decoy !== 1 && (!user || user.id !== flow.user_id)) throw expired();
    // One old password of the account checked at a time, counted as failed until proved right, toward the change
    // path's own per-source throttle only: never the directory's lockout (countFailure false) nor the reset path.
    const checked = await this.deps.guard.runCheck(
      scopes,
      'change',
      () =>
        this.deps.directory.verifyPassword(user ? flow.username : NAME_OF_NOBODY, request.oldPassword, {
          countFailure: false,
        }),
      verdictOfSignIn,
    );
    if (!checked.ok) {
      await this.refuseIf(audit, checked.refusal);
      throw checked.refusal;
    }
    const result = user ? checked.result : 'invalid';
    if (user && (result === 'ok' || result === 'must_change')) return user;
    if (result === 'locked') return this.fail(audit, 'ACCOUNT_LOCKED', 'The account is locked: unlock it first.');
    if (result === 'disabled') return this.fail(audit, 'ACCOUNT_NOT_ENABLED', 'The account is disabled.');
    return this.fail(audit, 'CREDENTIALS_INVALID', CREDENTIALS_MESSAGE);
  }

  /** Step 3, once the old password proved who is asking. */
  private async checkNewPassword(user: DirectoryUser, request: ChangePasswordRequest, audit: AuditEntry): Promise<void> {
    if (user.managedExternally) {
      const contactUrl = this.deps.policy.contactAdminUrl;
      await this.fail(
        audit,
        'CONTACT_ADMIN',
        'The password of this account is managed elsewhere: contact your administrator.',
        contactUrl ? { contactUrl } : undefined,
      );
    }
    // The old password was just proved to be the current one, so comparing with it is the history check. NFC as
    // the directory's hash does: the same visible text is the same password.
    if (request.newPassword.normalize('NFC') === request.oldPassword.normalize('NFC')) {
      await this.fail(audit, 'PASSWORD_REUSED', 'The new password must differ from the current one.');
    }
    await this.refuseWeak(request.newPassword, user, audit);
  }

  /** Without a user (before the old password is proved): the user-independent rules only, no history. */
  private async refuseWeak(password: string, user: DirectoryUser | null, audit: AuditEntry): Promise<void> {
    const verdict = await judgeNewPassword(this.deps, user, password);
    if (verdict.ok) return;
    await this.deps.audit.record({ ...audit, detail: verdict.reasons.join(',') });
    throw passwordRejected(verdict);
  }

  /** Audits and throws a policy or throttle refusal (detail: the code, and for throttles which limit). */
  private async refuseIf(audit: AuditEntry, refusal: AppError | null): Promise<void> {
    if (!refusal) return;
    const detail = refusal.code === 'RATE_LIMITED' ? `RATE_LIMITED ${refusal.message}` : refusal.code;
    await this.deps.audit.record({ ...audit, outcome: 'failure', detail: detail.slice(0, 200) });
    throw refusal;
  }

  private async fail(audit: AuditEntry, code: ErrorCode, message: string, details?: ErrorDetails): Promise<never> {
    await this.deps.audit.record({ ...audit, outcome: 'failure', detail: code });
    throw new AppError(code, message, details);
  }

  private respond(flow: FlowRow, token: string): FlowResponse {
    const step =
      flow.state === 'completed'
        ? { kind: 'done' as const, outcome: 'passwordChanged' as const }
        : changePasswordStep(this.deps.policy);
    return { flowToken: token, flow: { flowKind: 'change', expiresAt: flow.expires_at, step } };
  }

  private async notifyChanged(user: DirectoryUser, audit: AuditEntry): Promise<void> {
    if (!user.email) return;
    const contact = this.deps.policy.contactAdminUrl ? ` (${this.deps.policy.contactAdminUrl})` : '';
    try {
      await this.deps.delivery.send({
        channel: 'email',
        to: user.email,
        subject: `${this.deps.policy.organizationName}: your password was changed`,
        body: [
          `Hello ${user.displayName},`,
          '',
          `Your password was changed on ${this.deps.clock.now().toISOString()}.`,
          `If this wasn't you, contact your administrator${contact}.`,
        ].join('\n'),
      });
    } catch {
      await this.deps.audit.record({ ...audit, event: 'notification.failed', outcome: 'failure' });
    }
  }
}

function expired(): AppError {
  return new AppError('FLOW_EXPIRED', 'The flow is unknown, expired or finished: start again.');
}
