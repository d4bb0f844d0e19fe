import { ChallengeMethod } from '../challenge-method';
import type { StoreDeps } from '../challenge-method';
import type {
  ChallengeCheck,
  FailedCheck,
  SendChallengeInput,
  VerificationAnswer,
  VerificationFailure,
} from '../verification-method';
import { PendingApprovals } from './pending-approvals';
import type { NewPendingApproval } from './pending-approvals';

/**
 * What a method decided on another device shares (voice call, authenticator approval): a challenge row that only
 * counts the sends and the one denial, and a pending decision the phone answers and the wizard's poll reads.
 * Nothing is typed in the wizard, so there are no wrong answers to lock on.
 */
export abstract class PendingDecisionMethod extends ChallengeMethod {
  readonly answerKind = 'poll' as const;
  readonly capsSends = true;
  protected readonly decisions: PendingApprovals;

  /** What the person is told when the decision was no, or never came: in the words of the device that decides. */
  protected abstract readonly decisionFailures: Record<'denied' | 'expired', VerificationFailure>;

  constructor(deps: StoreDeps) {
    super(deps);
    this.decisions = new PendingApprovals(deps);
  }

  override failureOf(check: FailedCheck): VerificationFailure {
    if (check.result === 'denied' || check.result === 'expired') return this.decisionFailures[check.result];
    return super.failureOf(check);
  }

  /** Never locked by wrong answers: there are none; a denial ends the attempt and is counted against the flow. */
  override async isLocked(): Promise<boolean> {
    return false;
  }

  /** Opens a new decision for the flow, replacing the open one; the send is counted on the challenge row. */
  protected async openDecision(
    input: SendChallengeInput,
    decision: Omit<NewPendingApproval, 'flowId' | 'methodId' | 'userId' | 'fromIp'>,
  ): Promise<void> {
    const ids = { flowId: input.flowId, methodId: input.option.id };
    await this.challenges.replace({ ...ids, codeHmac: '', expiresAt: decision.expiresAt, maxAttempts: 1 });
    await this.decisions.replace({
      ...ids,
      ...decision,
      userId: input.recipient?.id ?? null,
      fromIp: input.clientIp ?? null,
    });
  }

  /**
   * The wizard's poll: an approval passes once; a denial is counted once against the flow (a second poll of the
   * same denial says it was already counted, so it cannot cost twice).
   */
  async verify(flowId: string, methodId: string, answer: VerificationAnswer): Promise<ChallengeCheck> {
    if (answer.kind !== 'poll') return { result: 'pending' };
    const check = await this.decisions.check(flowId, methodId);
    if (check.result === 'ok') {
      const row = await this.challenges.latest(flowId, methodId);
      if (row) await this.challenges.consume(row.id);
    }
    if (check.result === 'denied') {
      const row = await this.challenges.latest(flowId, methodId);
      if (!row || !(await this.challenges.countOnce(row))) return { result: 'denied', alreadyCounted: true };
    }
    return check;
  }
}
