import { randomUUID } from 'node:crypto';
import type {
  ErrorCode,
  ErrorDetails,
  FlowResponse,
  FlowStep,
  MethodOption,
  StartFlowRequest,
} from '@resetdesk/shared';
import type { AuditEntry, AuditLog } from '../audit/audit-log';
import type { Delivery } from '../delivery/delivery';
import type { Directory, DirectoryUser } from '../directory/directory';
import { normalizeUsername } from '../directory/directory';
import { AppError } from '../errors/app-error';
import { authenticatorCount } from '../methods/authenticators';
import type { ChallengeCheck, VerificationAnswer, VerificationMethod } from '../methods/verification-method';
import { privilegedResetNotice } from '../notifications/helpdesk-messages';
import type { PasswordChecker } from '../password/password-checker';
import { judgeNewPassword, passwordRejected } from '../password/new-password-verdict';
import type { ResetRequirements } from '../policy/reset-eligibility';
import type { ResetGuard } from '../policy/reset-guard';
import { verdictOfChallenge } from './check-verdicts';
import type { ResetPolicy } from '../policy/reset-policy';
import type { FlowRow, FlowState } from '../store/database-schema';
import type { ResetDeskDb } from '../store/store';
import type { Clock } from '../support/clock';
import { addMinutes } from '../support/clock';
import { KeyedMutex } from '../support/keyed-mutex';
import { decoyPseudonym } from './decoy-name';
import type { DecoyFlows } from './decoy/decoy-flows';
import { availableOptions } from './flow-options';
import type { Subject } from './flow-options';
import { changePasswordStep, doneOutcomeOf } from './flow-kinds';
import { unlockVerifiedAccount } from './unlock-account';
import { FlowRepository, passedMethodIds } from './flow-repository';
import { FLOW_TOKEN_PATTERN, generateFlowToken, hashFlowToken } from './flow-token';

export interface ResetFlowServiceDeps {
  db: ResetDeskDb;
  tenantId: string;
  directory: Directory;
  policy: ResetPolicy;
  methods: readonly VerificationMethod[];
  passwordChecker: PasswordChecker;
  delivery: Delivery;
  audit: AuditLog;
  clock: Clock;
  // Policy (groups, admins, networks) and throttles: see policy/reset-guard.ts.
  guard: ResetGuard;
  // What unknown names get instead of an account: see flows/decoy/.
  decoys: DecoyFlows;
}

/** Facts about the caller that go into the audit log. */
export interface RequestContext {
  ip: string | null;
  // The enrolled device, once devices enroll; throttles key on it when present.
  deviceId?: string | null;
}

interface LoadedFlow {
  flow: FlowRow;
  token: string;
}

const STEP_MISMATCH_MESSAGE = 'This request does not fit the current step of the flow.';

// How often the wizard asks whether a call or an approval came through.
const POLL_AFTER_MS = 1000;

/**
 * The password reset as a persisted state machine:
 *
 *   choose_method -> enter_code -> (next gate: choose_method ...) -> new_password -> completed
 *   any open state -> cancelled
 *
 * An unlock flow (kind 'unlock') takes the same verification steps and then, instead of new_password, unlocks the
 * account at once (unlock-account.ts). Change flows (kind 'change') are started and driven by ChangeFlowService; this
 * service only shows (current) and cancels them.
 *
 * The server decides every next step; the client only renders the step it gets back. Each call loads the flow by the
 * hash of its token, checks the call fits the state, acts, stores the new state and writes an audit row.
 */
export class ResetFlowService {
  private readonly deps: ResetFlowServiceDeps;
  private readonly flows: FlowRepository;
  private readonly mutex = new KeyedMutex();

  constructor(deps: ResetFlowServiceDeps) {
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
    if (request.kind === 'change') throw new AppError('INVALID_INPUT', 'Change flows are started by their own service.');
    if (request.kind === 'unlock' && !this.deps.policy.unlockAllowed) {
      await this.failWithAudit(audit, 'UNLOCK_NOT_ALLOWED', 'The policy does not allow unlocking accounts here.');
    }
    // ---- policy and throttle hook (policy/reset-guard.ts) ----
    const guard = this.deps.guard;
    await this.refuseIf(audit, guard.admitClient(context));
    await this.refuseIf(audit, await guard.checkCaptcha(request.captcha, context));
    const accountKey = guard.accountKey(user, typedName);
    await this.refuseIf(audit, await guard.checkStart(guard.scopes(accountKey, context), request.kind));
    const requirements = await guard.requirements(user);
    if (!user && !this.deps.policy.enumerationProtection) {
      await this.failWithAudit(audit, 'ACCOUNT_NOT_VERIFIABLE', 'No account matches this user ID.');
    }
    if (user && !requirements.allowed) {
      await this.failWithAudit(audit, 'ACCOUNT_NOT_ENABLED', 'The account is not enabled for password reset.');
    }
    // ---- end of hook ----
    if (user) await this.refuseUnusableAccount(user, audit);
    const pseudonym = decoyPseudonym(typedName);
    const subject: Subject = user
      ? { kind: 'user', user }
      : { kind: 'decoy', name: pseudonym, profile: await this.deps.decoys.profileFor(typedName, pseudonym, requirements) };
    // A decoy drawn from an administrator has an administrator's gates (decoy-flows.ts requirementsOf).
    const needs = subject.kind === 'decoy' ? this.deps.decoys.requirementsOf(subject.profile, requirements) : requirements;
    const options = await this.availableOptions(subject, [], needs);
    // Gates count authenticators: an SMS and a call to one phone cannot pass two gates (methods/authenticators.ts).
    const authenticators = authenticatorCount(options, subject.kind === 'user' ? subject.user : null);
    if (options.length < needs.methodsToRegister || authenticators < needs.gatesRequired) {
      await this.failWithAudit(audit, 'ACCOUNT_NOT_VERIFIABLE', 'The account has no usable verification method.');
    }

    const token = generateFlowToken();
    const now = this.deps.clock.now();
    const flow = await this.flows.insert({
      id: randomUUID(),
      token_hash: hashFlowToken(token),
      kind: request.kind,
      state: 'choose_method',
      user_id: user?.id ?? null,
      decoy: user ? 0 : 1,
      username: subject.kind === 'user' ? subject.user.username : subject.name,
      method_id: null,
      client_ip: context.ip,
      locale: request.locale ?? null,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
      expires_at: addMinutes(now, this.deps.policy.flowLifetimeMinutes).toISOString(),
      completed_at: null,
    });
    await guard.rememberAccountKey(flow.id, accountKey, context);
    if (subject.kind === 'decoy') await this.deps.decoys.remember(flow.id, subject.profile);
    await this.deps.audit.record({
      ...audit,
      event: 'flow.started',
      outcome: 'success',
      flowId: flow.id,
      detail: user ? null : 'unknown_user',
    });
    return this.respond({ flow, token }, subject);
  }

  async current(token: string, context: RequestContext): Promise<FlowResponse> {
    return this.withFlow(token, context, async (loaded) => this.respond(loaded, await this.subjectOf(loaded.flow)));
  }

  async chooseMethod(token: string, methodId: string, context: RequestContext): Promise<FlowResponse> {
    return this.withFlow(token, context, async ({ flow }) => {
      const audit = this.auditBase(flow, context, 'code.refused');
      await this.requireState(flow, ['choose_method', 'enter_code'], audit);
      const subject = await this.subjectOf(flow);
      const requirements = await this.requirementsOf(subject);
      const option = (await this.availableOptions(subject, passedMethodIds(flow), requirements)).find(
        (o) => o.id === methodId,
      );
      if (!option) {
        return this.failWithAudit(audit, 'METHOD_UNAVAILABLE', 'The chosen method is not offered for this flow.');
      }
      const method = this.methodOf(option);
      // ---- throttle hook: a locked reset path says so (and until when) before anything else ----
      const scopes = await this.scopesOf(flow, context);
      await this.refuseIf(audit, await this.deps.guard.checkPath(scopes));
      const lockedSeconds = await this.deps.guard.methodLockedSeconds(scopes, option.kind);
      if (lockedSeconds > 0 || (await method.isLocked(flow.id, option.id))) {
        return this.failWithAudit(audit, 'CODE_ATTEMPTS_EXCEEDED', 'Too many wrong answers: this method is locked.', {
          attemptsLeft: 0,
          ...(lockedSeconds > 0 ? { retryAfterSeconds: lockedSeconds } : {}),
        });
      }
      if (method.capsSends && (await method.challengesSent(flow.id, option.id)) >= this.deps.policy.maxCodeSends) {
        return this.failWithAudit(audit, 'RESEND_LIMIT_REACHED', 'No more codes can be sent for this method.');
      }
      // ---- throttle hook: method tries and the email cap ----
      await this.refuseIf(audit, await this.deps.guard.beforeChallenge(scopes, option.kind));
      await method.sendChallenge({
        flowId: flow.id,
        option,
        recipient: subject.kind === 'user' ? subject.user : null,
        decoy: subject.kind === 'decoy' ? subject.profile : null,
        notAfter: new Date(flow.expires_at),
        clientIp: context.ip,
      });
      const updated = await this.transition(flow, 'enter_code', { method_id: option.id });
      await this.deps.audit.record({ ...audit, event: 'code.sent', outcome: 'success', detail: option.kind });
      return this.respond({ flow: updated, token }, subject);
    });
  }

  async verifyCode(token: string, code: string, context: RequestContext): Promise<FlowResponse> {
    return this.verify(token, { kind: 'code', code }, context);
  }

  async answerQuestions(
    token: string,
    answers: readonly { questionId: string; answer: string }[],
    context: RequestContext,
  ): Promise<FlowResponse> {
    return this.verify(token, { kind: 'answers', answers }, context);
  }

  /** The wizard's poll while a call or an approval is pending: the same step while nothing happened, else the next. */
  async checkApproval(token: string, context: RequestContext): Promise<FlowResponse> {
    return this.verify(token, { kind: 'poll' }, context);
  }

  /** Every verification answer takes this path, whatever the method and whatever the flow is for. */
  private async verify(token: string, answer: VerificationAnswer, context: RequestContext): Promise<FlowResponse> {
    return this.withFlow(token, context, async ({ flow }) => {
      const audit = this.auditBase(flow, context, 'code.rejected');
      await this.requireState(flow, ['enter_code'], audit);
      const subject = await this.subjectOf(flow);
      const passed = passedMethodIds(flow);
      const requirements = await this.requirementsOf(subject);
      const option = (await this.availableOptions(subject, passed, requirements)).find((o) => o.id === flow.method_id);
      if (!option) {
        return this.failWithAudit(audit, 'METHOD_UNAVAILABLE', 'The method of this code is no longer available.');
      }
      const method = this.methodOf(option);
      if (method.answerKind !== answer.kind) await this.failWithAudit(audit, 'FLOW_STEP_MISMATCH', STEP_MISMATCH_MESSAGE);
      // ---- throttle hook: one check of the account at a time, counted as failed until proved right (runCheck) ----
      const scopes = await this.scopesOf(flow, context);
      const checked = await this.deps.guard.runCheck(scopes, 'identity', () => method.verify(flow.id, option.id, answer), verdictOfChallenge);
      if (!checked.ok) {
        await this.refuseIf(audit, checked.refusal);
        throw checked.refusal;
      }
      const check = checked.result;
      if (check.result === 'pending') return this.respond({ flow, token }, subject);
      if (check.result !== 'ok') {
        if (check.result === 'attempts_exceeded') await this.deps.guard.lockMethod(scopes, option.kind);
        const failure = failureOf(option.kind, check);
        return this.failWithAudit(audit, failure.code, failure.message, failure.details);
      }
      const nowPassed = [...passed, option.id];
      const next: FlowState = nowPassed.length >= requirements.gatesRequired ? 'new_password' : 'choose_method';
      const updated = await this.transition(flow, next, {
        method_id: null,
        passed_method_ids: JSON.stringify(nowPassed),
      });
      await this.deps.audit.record({ ...audit, event: 'code.verified', outcome: 'success', detail: option.kind });
      // A passed gate gets a new token (the client takes it from the response); the old one no longer works.
      const rotated = await this.flows.rotateToken(flow.id);
      if (next === 'new_password' && flow.kind === 'unlock') return this.finishUnlock(updated, rotated, subject, audit);
      return this.respond({ flow: updated, token: rotated }, subject);
    });
  }

  async setPassword(token: string, newPassword: string, context: RequestContext): Promise<FlowResponse> {
    return this.withFlow(token, context, async ({ flow }) => {
      const audit = this.auditBase(flow, context, 'password.rejected');
      await this.requireState(flow, ['new_password'], audit);
      // Only a reset sets a password here (an unlock flow passes through new_password only for a moment).
      if (flow.kind !== 'reset') return this.failWithAudit(audit, 'FLOW_STEP_MISMATCH', STEP_MISMATCH_MESSAGE);
      const subject = await this.subjectOf(flow);
      // A decoy can never pass a code, so it can never get here; refuse anyway rather than trust that.
      if (subject.kind !== 'user') {
        return this.failWithAudit(audit, 'FLOW_STEP_MISMATCH', STEP_MISMATCH_MESSAGE);
      }
      const user = subject.user;
      // The account may have changed since the flow started.
      await this.refuseUnusableAccount(user, audit);
      // ---- policy and throttle hook: still allowed, and not beyond the resets-per-hour limit ----
      const requirements = await this.requirementsOf(subject);
      if (!requirements.allowed) {
        await this.failWithAudit(audit, 'ACCOUNT_NOT_ENABLED', 'The account is not enabled for password reset.');
      }
      const scopes = await this.scopesOf(flow, context);
      await this.refuseIf(audit, await this.deps.guard.beforeReset(scopes));
      const verdict = await judgeNewPassword(this.deps, user, newPassword);
      if (!verdict.ok) {
        await this.deps.audit.record({ ...audit, detail: verdict.reasons.join(',') });
        throw passwordRejected(verdict);
      }
      try {
        await this.deps.directory.setPassword(user.id, newPassword, { unlock: this.deps.policy.unlockOnReset });
      } catch (cause) {
        await this.deps.audit.record({ ...audit, event: 'password.reset_failed', detail: 'DIRECTORY_ERROR' });
        throw new AppError('DIRECTORY_ERROR', 'The directory did not accept the new password.', undefined, { cause });
      }
      const now = this.now().toISOString();
      const updated = await this.transition(flow, 'completed', { completed_at: now });
      await this.deps.audit.record({
        ...audit,
        event: 'password.reset',
        outcome: 'success',
        detail: user.locked && this.deps.policy.unlockOnReset ? 'unlocked' : null,
      });
      await this.deps.guard.afterReset(scopes);
      await this.notifyPasswordReset(user, audit, requirements);
      return this.respond({ flow: updated, token }, subject);
    });
  }

  async cancel(token: string, context: RequestContext): Promise<void> {
    await this.withFlow(token, context, async ({ flow }) => {
      await this.transition(flow, 'cancelled', {});
      await this.deps.audit.record({ ...this.auditBase(flow, context, 'flow.cancelled'), outcome: 'success' });
    });
  }

  /** The last gate of an unlock flow passed: unlock now. Any failure ends the flow, so it never offers a new password. */
  private async finishUnlock(flow: FlowRow, token: string, subject: Subject, audit: AuditEntry): Promise<FlowResponse> {
    try {
      if (subject.kind !== 'user') return await this.failWithAudit(audit, 'FLOW_STEP_MISMATCH', STEP_MISMATCH_MESSAGE);
      await this.refuseUnusableAccount(subject.user, audit);
      await unlockVerifiedAccount(this.deps, subject.user, audit);
    } catch (error) {
      await this.transition(flow, 'cancelled', {});
      throw error;
    }
    const updated = await this.transition(flow, 'completed', { completed_at: this.now().toISOString() });
    return this.respond({ flow: updated, token }, subject);
  }

  /** Housekeeping: forgets flows that expired more than a day ago. */
  async purgeExpiredFlows(): Promise<number> {
    return this.flows.purgeExpired(addMinutes(this.now(), -24 * 60));
  }

  // ---- helpers -------------------------------------------------------------------------------------------------

  /** Loads an open flow by token and runs `task` while no other request of the same flow runs. */
  /**
   * Loads the flow of a token and checks, before anything else, that this request may drive it (flow-binding.ts): a
   * request from another device or address gets FLOW_EXPIRED, as an unknown token would, and learns nothing of the
   * flow's state or methods. Every operation goes through here, reads included.
   */
  private async withFlow<T>(
    token: string,
    context: RequestContext,
    task: (loaded: LoadedFlow) => Promise<T>,
  ): Promise<T> {
    if (!FLOW_TOKEN_PATTERN.test(token)) throw this.expired();
    const tokenHash = hashFlowToken(token);
    return this.mutex.run(tokenHash, async () => {
      const flow = await this.flows.findByTokenHash(tokenHash);
      if (!flow || flow.state === 'cancelled' || this.now() >= new Date(flow.expires_at)) throw this.expired();
      await this.deps.guard.boundScopes(flow, context);
      return task({ flow, token });
    });
  }

  private expired(): AppError {
    return new AppError('FLOW_EXPIRED', 'The flow is unknown, expired or finished: start again.');
  }

  private now(): Date {
    return this.deps.clock.now();
  }

  private auditBase(flow: FlowRow, context: RequestContext, event: AuditEntry['event']): AuditEntry {
    return {
      event,
      outcome: 'failure',
      flowId: flow.id,
      userId: flow.user_id,
      // A decoy's name is whatever someone typed: keep it out of the audit trail (see start()).
      username: flow.decoy === 1 ? null : flow.username,
      ip: context.ip,
    };
  }

  private async failWithAudit(
    audit: AuditEntry,
    code: ErrorCode,
    message: string,
    details?: ErrorDetails,
  ): Promise<never> {
    await this.deps.audit.record({ ...audit, outcome: 'failure', detail: code });
    throw new AppError(code, message, details);
  }

  /** Throws (after auditing) when the account may not use self-service reset. */
  private async refuseUnusableAccount(user: DirectoryUser, audit: AuditEntry): Promise<void> {
    const refusal = this.refusalFor(user);
    if (!refusal) return;
    await this.deps.audit.record({ ...audit, outcome: 'failure', detail: refusal.code });
    throw refusal;
  }

  private refusalFor(user: DirectoryUser): AppError | null {
    if (!user.accountEnabled || !user.enabledForReset) {
      return new AppError('ACCOUNT_NOT_ENABLED', 'The account is not enabled for password reset.');
    }
    if (user.managedExternally) {
      const contactUrl = this.deps.policy.contactAdminUrl;
      return new AppError(
        'CONTACT_ADMIN',
        'The password of this account is managed elsewhere: contact your administrator.',
        contactUrl ? { contactUrl } : undefined,
      );
    }
    return null;
  }

  /** Audits and throws a policy or throttle refusal (detail: the code, and for throttles which limit). */
  private async refuseIf(audit: AuditEntry, refusal: AppError | null): Promise<void> {
    if (!refusal) return;
    const detail = refusal.code === 'RATE_LIMITED' ? `RATE_LIMITED ${refusal.message}` : refusal.code;
    await this.deps.audit.record({ ...audit, outcome: 'failure', detail: detail.slice(0, 200) });
    throw refusal;
  }

  private async requirementsOf(subject: Subject): Promise<ResetRequirements> {
    const requirements = await this.deps.guard.requirements(subject.kind === 'user' ? subject.user : null);
    return subject.kind === 'decoy' ? this.deps.decoys.requirementsOf(subject.profile, requirements) : requirements;
  }

  private async scopesOf(flow: FlowRow, context: RequestContext) {
    return this.deps.guard.boundScopes(flow, context);
  }

  private async requireState(flow: FlowRow, allowed: readonly FlowState[], audit: AuditEntry): Promise<void> {
    if (!allowed.includes(flow.state)) await this.failWithAudit(audit, 'FLOW_STEP_MISMATCH', STEP_MISMATCH_MESSAGE);
  }

  private async subjectOf(flow: FlowRow): Promise<Subject> {
    if (flow.decoy === 1) {
      const profile = await this.deps.decoys.load(flow.id);
      if (!profile) throw this.expired();
      return { kind: 'decoy', name: flow.username, profile };
    }
    const user = await this.deps.directory.findUser(flow.username);
    // The user was removed or renamed under the flow: it cannot go on.
    if (!user || user.id !== flow.user_id) throw this.expired();
    return { kind: 'user', user };
  }

  private availableOptions(subject: Subject, passed: readonly string[], requirements: ResetRequirements) {
    return availableOptions(this.deps, subject, passed, requirements);
  }

  private methodOf(option: MethodOption): VerificationMethod {
    const method = this.deps.methods.find((m) => m.kind === option.kind);
    if (!method) throw new Error(`No verification method registered for ${option.kind}`);
    return method;
  }

  private userNames(user: DirectoryUser): string[] {
    return [user.username, user.displayName];
  }

  private async transition(
    flow: FlowRow,
    state: FlowState,
    changes: { method_id?: string | null; passed_method_ids?: string; completed_at?: string },
  ): Promise<FlowRow> {
    return this.flows.update(flow.id, { ...changes, state, updated_at: this.now().toISOString() });
  }

  private async respond(loaded: LoadedFlow, subject: Subject): Promise<FlowResponse> {
    return {
      flowToken: loaded.token,
      flow: {
        flowKind: loaded.flow.kind,
        expiresAt: loaded.flow.expires_at,
        step: await this.stepOf(loaded.flow, subject),
      },
    };
  }

  private async stepOf(flow: FlowRow, subject: Subject): Promise<FlowStep> {
    const passed = passedMethodIds(flow);
    const requirements = await this.requirementsOf(subject);
    const gatesRequired = requirements.gatesRequired;
    const gate = Math.min(passed.length + 1, gatesRequired);
    switch (flow.state) {
      case 'cancelled':
        throw this.expired();
      case 'choose_method':
        return {
          kind: 'chooseMethod',
          gate,
          gatesRequired,
          methods: await this.availableOptions(subject, passed, requirements),
        };
      case 'enter_code': {
        const option = (await this.availableOptions(subject, passed, requirements)).find((o) => o.id === flow.method_id);
        if (!option) throw this.expired();
        const view = await this.methodOf(option).view(flow.id, option.id);
        const common = { gate, gatesRequired, method: option };
        switch (view?.kind) {
          case 'questions':
            return { kind: 'answerQuestions', ...common, questions: view.questions, attemptsLeft: view.attemptsLeft };
          case 'approval':
            return {
              kind: 'awaitApproval',
              ...common,
              expiresAt: view.expiresAt.toISOString(),
              ...(view.number === undefined ? {} : { number: view.number }),
              pollAfterMs: POLL_AFTER_MS,
            };
          default:
            return {
              kind: 'enterCode',
              ...common,
              codeLength: view?.codeLength ?? this.deps.policy.codeLength,
              codeExpiresAt: (view?.expiresAt ?? new Date(flow.expires_at)).toISOString(),
              attemptsLeft: view?.attemptsLeft ?? 0,
              ...(view?.resendsLeft === undefined ? {} : { resendsLeft: view.resendsLeft }),
            };
        }
      }
      case 'new_password':
        if (subject.kind !== 'user') throw this.expired();
        return {
          kind: 'newPassword',
          policy: this.deps.policy.passwordPolicy,
          userNames: this.userNames(subject.user),
        };
      case 'change_password':
        return changePasswordStep(this.deps.policy);
      case 'completed':
        return { kind: 'done', outcome: doneOutcomeOf(flow.kind) };
    }
  }

  private async notifyPasswordReset(
    user: DirectoryUser,
    audit: AuditEntry,
    requirements: ResetRequirements,
  ): Promise<void> {
    // ---- policy hook: the helpdesk hears about every reset of an administrator account ----
    const notice = requirements.admin ? privilegedResetNotice(this.deps.policy, user, this.now(), audit.ip ?? null) : null;
    if (notice) {
      await this.deps.delivery.send(notice).catch(async () => {
        await this.deps.audit.record({ ...audit, event: 'notification.failed', outcome: 'failure', detail: 'admin' });
      });
    }
    if (!user.email) return;
    const contact = this.deps.policy.contactAdminUrl ? ` (${this.deps.policy.contactAdminUrl})` : '';
    try {
      await this.deps.delivery.send({
        channel: 'email',
        to: user.email,
        subject: `${this.deps.policy.organizationName}: your password was reset`,
        body: [
          `Hello ${user.displayName},`,
          '',
          `Your password was reset on ${this.now().toISOString()}.`,
          `If this wasn't you, contact your administrator${contact}.`,
        ].join('\n'),
      });
    } catch {
      // The reset itself succeeded; a lost notification must not turn it into an error for the user.
      await this.deps.audit.record({ ...audit, event: 'notification.failed', outcome: 'failure' });
    }
  }
}

interface VerificationFailure {
  code: ErrorCode;
  message: string;
  details?: ErrorDetails;
}

/** What a failed check means for the person, in the words of the method they used. */
export function failureOf(kind: MethodOption['kind'], check: Exclude<ChallengeCheck, { result: 'ok' | 'pending' }>): VerificationFailure {
  switch (check.result) {
    case 'invalid':
      return kind === 'questions'
        ? { code: 'ANSWERS_REJECTED', message: 'The answers were not accepted.', details: { attemptsLeft: check.attemptsLeft } }
        : { code: 'CODE_INVALID', message: 'The code is not correct.', details: { attemptsLeft: check.attemptsLeft } };
    case 'attempts_exceeded':
      return { code: 'CODE_ATTEMPTS_EXCEEDED', message: 'Too many wrong answers: this method is locked.', details: { attemptsLeft: 0 } };
    case 'denied':
      return kind === 'voice'
        ? { code: 'CALL_NOT_ANSWERED', message: 'The call ended without approval.' }
        : { code: 'APPROVAL_DENIED', message: 'The request was denied in the authenticator app.' };
    case 'expired':
      if (kind === 'voice') return { code: 'CALL_NOT_ANSWERED', message: 'The call was not answered in time.' };
      if (kind === 'approval') return { code: 'APPROVAL_EXPIRED', message: 'The request was not approved in time.' };
      return { code: 'CODE_EXPIRED', message: 'The code has expired: ask for a new one.' };
  }
}
