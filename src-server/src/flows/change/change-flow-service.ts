import type { ChangePasswordRequest, FlowResponse, StartFlowRequest } from '@resetdesk/shared';
import type { AuditLog } from '../../audit/audit-log';
import type { Delivery } from '../../delivery/delivery';
import type { Directory, DirectoryUser } from '../../directory/directory';
import { normalizeUsername } from '../../directory/directory';
import type { PasswordChecker } from '../../password/password-checker';
import type { RegisteredEmails } from '../../methods/email-code/registered-emails';
import type { AccountHolds } from '../../policy/account-holds';
import type { ResetGuard } from '../../policy/reset-guard';
import type { NoticeLinks } from '../../wasnt-me/notice-links';
import type { ResetPolicy } from '../../policy/reset-policy';
import type { ResetDeskDb } from '../../store/store';
import type { Clock } from '../../support/clock';
import { isServerBusy } from '../../support/hash-pool';
import type { KeyedLock } from '../../support/keyed-mutex';
import { sendAccountNotice } from '../engine/account-notices';
import { decoyPseudonym } from '../engine/decoy-name';
import { directoryFailureDetail, directoryFailureError } from '../engine/directory-failure';
import { flowAudit, flowExpired, startAudit, STEP_MISMATCH_MESSAGE } from '../engine/flow-audit';
import { FlowEngine } from '../engine/flow-engine';
import type { RequestContext } from '../engine/request-context';
import { changeResponse, HANDOVER_PREFIX, handoverReason } from '../step-view/step-view';
import { checkNewPassword, verifyOldPassword } from './change-password-checks';
import type { ChangeCheckDeps } from './change-password-checks';
import { loggedDirectoryCall } from '../../directory/directory-log';

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
  // "This wasn't me": holds that stop self-service, the notices' links and addresses (flows/account-notices.ts).
  holds?: AccountHolds;
  noticeLinks?: NoticeLinks;
  registeredEmails?: RegisteredEmails;
  // The store's flow lock, shared by every service that drives flows (flow-engine.ts).
  flowLock: KeyedLock;
  // Security info (flows/registration/): what is due after a change, and the register flow handed over for it.
  securityInfo?: SecurityInfoHandover;
}

export interface SecurityInfoHandover {
  due(user: DirectoryUser): Promise<'register' | 'reconfirm' | null>;
  handOver(user: DirectoryUser, locale: string | null, context: RequestContext): Promise<FlowResponse>;
}

/**
 * Changing a known password as a persisted flow:
 *
 *   change_password -> completed        (any open state -> cancelled, through ResetFlowService.cancel)
 *   completed, with security info due -> "More information required" -> (continue, once) a register flow at its list
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
  private readonly deps: ChangeFlowServiceDeps & ChangeCheckDeps;

  constructor(deps: ChangeFlowServiceDeps) {
    this.deps = { ...deps, engine: new FlowEngine(deps) };
  }

  async start(request: StartFlowRequest, context: RequestContext): Promise<FlowResponse> {
    const { engine, guard, policy } = this.deps;
    const typedName = normalizeUsername(request.username);
    const user = await loggedDirectoryCall(context.log, 'findUser', () => this.deps.directory.findUser(typedName));
    const audit = startAudit(user, context, 'change');
    if (!policy.changeAllowed) {
      await engine.fail(audit, 'CHANGE_NOT_ALLOWED', 'The policy does not allow changing passwords here.');
    }
    // The same network gate, CAPTCHA and path lock as a reset.
    await engine.refuseIf(audit, guard.admitClient(context));
    await engine.refuseIf(audit, await guard.checkCaptcha(request.captcha, context));
    const accountKey = guard.accountKey(user, typedName);
    await engine.refuseIf(audit, await guard.checkChangePath(guard.scopes(accountKey, context)));
    const { flow, token } = await engine.open({
      kind: 'change',
      state: 'change_password',
      user,
      username: user ? user.username : decoyPseudonym(typedName),
      locale: request.locale ?? null,
      context,
    });
    await guard.rememberAccountKey(flow.id, accountKey, context);
    await engine.record({
      ...audit,
      event: 'flow.started',
      outcome: 'success',
      flowId: flow.id,
      detail: user ? 'change' : 'change,unknown_user',
    });
    return changeResponse(policy, flow, token);
  }

  async change(token: string, request: ChangePasswordRequest, context: RequestContext): Promise<FlowResponse> {
    const { engine } = this.deps;
    return engine.withFlow(token, context, async ({ flow, scopes }) => {
      const audit = flowAudit(flow, context, 'password.change_rejected');
      if (flow.kind !== 'change' || flow.state !== 'change_password') {
        return engine.fail(audit, 'FLOW_STEP_MISMATCH', STEP_MISMATCH_MESSAGE);
      }
      // A locked change path takes no more old passwords.
      await engine.refuseIf(audit, await this.deps.guard.checkChangePath(scopes));
      const user = await verifyOldPassword(this.deps, flow, request, audit, scopes);
      await checkNewPassword(this.deps, user, request, audit);
      const { directory } = this.deps;
      try {
        // With the old password where the directory can take it, so that its history and minimum age apply.
        const change = directory.changePassword?.bind(directory);
        await (change
          ? loggedDirectoryCall(context.log, 'changePassword', () => change(user.id, request.oldPassword, request.newPassword))
          : loggedDirectoryCall(context.log, 'setPassword', () =>
              directory.setPassword(user.id, request.newPassword, { unlock: false })));
      } catch (cause) {
        // Refused by a full hash queue before anything was written: not a failure, the same step may be sent again.
        if (isServerBusy(cause)) throw cause;
        await engine.record({ ...audit, detail: directoryFailureDetail(cause) });
        throw directoryFailureError(cause, 'The directory did not accept the new password.');
      }
      const completed = await engine.complete(flow);
      await engine.record({ ...audit, event: 'password.changed', outcome: 'success' });
      await sendAccountNotice(this.deps, 'passwordChanged', user, flow.locale, audit);
      // Entra's interrupt: registration or reconfirmation due comes before the done screen.
      const due = this.deps.securityInfo ? await this.deps.securityInfo.due(user) : null;
      const updated = due
        ? await engine.transition(completed, 'completed', { method_id: `${HANDOVER_PREFIX}${due}` })
        : completed;
      return changeResponse(this.deps.policy, updated, token);
    });
  }

  /**
   * "More information required" -> continue: the register flow for the person the old password just proved, at its
   * list, without a second password. Once: the mark is cleared inside the flow's lock before the new flow opens, so a
   * second request (or a replay) gets FLOW_STEP_MISMATCH.
   */
  async continueToSecurityInfo(token: string, context: RequestContext): Promise<FlowResponse> {
    const { engine, securityInfo } = this.deps;
    return engine.withFlow(token, context, async ({ flow }) => {
      const audit = flowAudit(flow, context, 'security_info.refused');
      if (!securityInfo || handoverReason(flow) === null) {
        return engine.fail(audit, 'FLOW_STEP_MISMATCH', STEP_MISMATCH_MESSAGE);
      }
      await engine.transition(flow, 'completed', { method_id: null });
      const user = flow.decoy === 1 ? null : await this.deps.directory.findUser(flow.username);
      if (!user || user.id !== flow.user_id) throw flowExpired();
      return securityInfo.handOver(user, flow.locale, context);
    });
  }
}
