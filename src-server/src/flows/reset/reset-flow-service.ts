import type { FlowResponse, PasskeyAssertion, StartFlowRequest } from '@resetdesk/shared';
import type { VerificationAnswer } from '../../methods/verification-method';
import { flowAudit } from '../engine/flow-audit';
import { FlowEngine } from '../engine/flow-engine';
import type { LoadedFlow } from '../engine/flow-engine';
import { subjectOf } from '../engine/flow-options';
import type { RequestContext } from '../engine/request-context';
import { changeResponse, respond } from '../step-view/step-view';
import { finishUnlock } from '../unlock/finish-unlock';
import { chooseMethod } from '../verification/choose-method';
import { startVerifiedFlow } from '../verification/start-verified-flow';
import type { VerifiedFlowDeps, VerifiedFlowKit } from '../verification/verification-deps';
import { verifyAnswer } from '../verification/verify-answer';
import { settleInterruptedWrites } from './interrupted-writes';
import { setNewPassword } from './set-password';

export type ResetFlowServiceDeps = VerifiedFlowDeps;

/**
 * The flows that pass verification gates, as persisted state machines:
 *
 *   reset:  choose_method -> verify -> (next gate: choose_method ...) -> new_password -> completed
 *   unlock: choose_method -> verify -> (next gate ...) -> completed (the account unlocked, unlock/)
 *   any open state -> cancelled
 *   register: the verification gate of security info (flows/registration/ takes over before and after it)
 *
 * Change flows (kind 'change') are started and driven by ChangeFlowService; this service only shows (current) and
 * cancels them. The steps live in verification/ (start, choose, verify), reset/ (the new password) and unlock/.
 */
export class ResetFlowService {
  private readonly kit: VerifiedFlowKit;

  constructor(deps: ResetFlowServiceDeps) {
    this.kit = { ...deps, engine: new FlowEngine(deps) };
  }

  async start(request: StartFlowRequest, context: RequestContext): Promise<FlowResponse> {
    return startVerifiedFlow(this.kit, request, context);
  }

  async getFlow(token: string, context: RequestContext): Promise<FlowResponse> {
    return this.kit.engine.withFlow(token, context, async (loaded) => {
      // A register flow shows its own states (its password form looks the same for every typed name).
      if (loaded.flow.kind === 'register' && this.kit.registration) return this.kit.registration.view(loaded, context);
      // A change flow shows the same form for every typed name: an unknown name's has no subject to look up, so
      // looking one up would answer FLOW_EXPIRED for it alone (a tell of who exists).
      if (loaded.flow.kind === 'change') return changeResponse(this.kit.policy, loaded.flow, loaded.token);
      return respond(this.kit, loaded, await subjectOf(this.kit, loaded.flow));
    });
  }

  async chooseMethod(token: string, methodId: string, context: RequestContext): Promise<FlowResponse> {
    return this.kit.engine.withFlow(token, context, (loaded) => chooseMethod(this.kit, loaded, methodId, context));
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
  async checkDecision(token: string, context: RequestContext): Promise<FlowResponse> {
    return this.verify(token, { kind: 'poll' }, context, (loaded) => {
      // Security info pairing an approver device: the device's answer is the registration's proof, not a gate's.
      const { flow } = loaded;
      const pairing = flow.kind === 'register' && flow.state === 'register_confirm' && this.kit.registration;
      return pairing ? pairing.pollProof(loaded, context) : null;
    });
  }

  /** A passkey's assertion, the answer to the usePasskey step. */
  async verifyPasskey(token: string, assertion: PasskeyAssertion, context: RequestContext): Promise<FlowResponse> {
    return this.verify(token, { kind: 'passkey', assertion }, context);
  }

  async setPassword(token: string, newPassword: string, context: RequestContext): Promise<FlowResponse> {
    return this.kit.engine.withFlow(token, context, (loaded) => setNewPassword(this.kit, loaded, newPassword, context));
  }

  async cancel(token: string, context: RequestContext): Promise<void> {
    const { engine } = this.kit;
    await engine.withFlow(token, context, async ({ flow }) => {
      await engine.transition(flow, 'cancelled');
      await engine.record({ ...flowAudit(flow, context, 'flow.cancelled'), outcome: 'success' });
    });
  }

  /** Housekeeping, before the purge: resets cut off by a crash and never retried (interrupted-writes.ts). */
  async settleInterruptedWrites(): Promise<number> {
    return settleInterruptedWrites(this.kit);
  }

  /** Housekeeping: forgets flows that expired more than a day ago. */
  async purgeExpiredFlows(): Promise<number> {
    return this.kit.engine.purgeExpired();
  }

  private async verify(
    token: string,
    answer: VerificationAnswer,
    context: RequestContext,
    elsewhere: (loaded: LoadedFlow) => Promise<FlowResponse> | null = () => null,
  ): Promise<FlowResponse> {
    return this.kit.engine.withFlow(token, context, async (loaded) => {
      const handled = elsewhere(loaded);
      if (handled) return handled;
      const answered = await verifyAnswer(this.kit, loaded, answer, context);
      // Security info asks for one registered method: once it passed, the person's list, never a new password.
      if (answered.flow.kind === 'register' && answered.flow.state !== 'verify') {
        if (!this.kit.registration) throw new Error('Register flows need their steps');
        return this.kit.registration.afterGate(answered.flow, answered.token, context);
      }
      if (answered.lastGatePassed && answered.flow.kind === 'unlock') return finishUnlock(this.kit, answered);
      return respond(this.kit, answered, answered.subject);
    });
  }
}
