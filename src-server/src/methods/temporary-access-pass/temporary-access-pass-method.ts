import type { MethodOption } from '@resetdesk/shared';
import type { DirectoryUser } from '../../directory/directory';
import type { ResetPolicy } from '../../policy/reset-policy';
import type { ResetDeskDb } from '../../store/store';
import type { Clock } from '../../support/clock';
import { ChallengeMethod, isCheck } from '../challenge-method';
import type { DecoyProfile } from '../decoy-profile';
import type {
  ChallengeCheck,
  ChallengeView,
  FailedCheck,
  SendChallengeInput,
  VerificationAnswer,
  VerificationFailure,
  VerificationMethod,
} from '../verification-method';
import { TAP_LENGTH } from './temporary-access-passes';
import type { TemporaryAccessPasses } from './temporary-access-passes';

export const TAP_METHOD_ID = 'tap';

export interface TemporaryAccessPassMethodDeps {
  db: ResetDeskDb;
  clock: Clock;
  passes: TemporaryAccessPasses;
  policy: Pick<ResetPolicy, 'maxCodeAttempts'>;
}

const OPTION: MethodOption = { id: TAP_METHOD_ID, kind: 'tap', maskedTarget: '' };

/**
 * A Temporary Access Pass as a reset or unlock proof (where the policy lists 'tap'): typed on the code screen,
 * offered while the person holds a pass in force or one that ended lately (so its end is told, not hidden). A wrong
 * pass costs an attempt like a wrong code; a decoy's flow has no pass, so every pass is wrong there.
 */
export class TemporaryAccessPassMethod extends ChallengeMethod implements VerificationMethod {
  readonly kind = 'tap' as const;
  readonly answerKind = 'code' as const;
  readonly capsSends = false;

  constructor(private readonly deps: TemporaryAccessPassMethodDeps) {
    super(deps);
  }

  get passes(): TemporaryAccessPasses {
    return this.deps.passes;
  }

  async optionFor(user: DirectoryUser): Promise<MethodOption | null> {
    return (await this.deps.passes.hasRecentPass(user.id)) ? OPTION : null;
  }

  decoyOptionFor(_profile: DecoyProfile): MethodOption {
    return OPTION;
  }

  async sendChallenge(input: SendChallengeInput): Promise<void> {
    // Nothing to send: the row counts this flow's attempts; the pass is good for as long as it lives.
    await this.openUnsentChallenge(input, this.deps.policy.maxCodeAttempts);
  }

  view(flowId: string, methodId: string): Promise<ChallengeView | null> {
    return this.codeView(flowId, methodId, TAP_LENGTH);
  }

  async verify(flowId: string, methodId: string, answer: VerificationAnswer): Promise<ChallengeCheck> {
    const row = await this.answerable(flowId, methodId);
    if (isCheck(row)) return row;
    const user = await this.userOfFlow(flowId);
    if (!user || answer.kind !== 'code' || !/^[0-9]+$/u.test(answer.code)) return this.wrongAnswer(row);
    const redeemed = await this.deps.passes.redeem(user, answer.code);
    switch (redeemed.result) {
      case 'ok':
        return this.passed(row);
      case 'invalid':
        return this.wrongAnswer(row);
      default:
        return { result: 'unusable', reason: redeemed.result };
    }
  }

  override failureOf(check: FailedCheck): VerificationFailure {
    if (check.result === 'invalid') {
      const details = { attemptsLeft: check.attemptsLeft };
      return { code: 'CODE_INVALID', message: 'The pass is not correct.', details };
    }
    if (check.result !== 'unusable') return super.failureOf(check);
    switch (check.reason) {
      case 'expired':
        return { code: 'TAP_EXPIRED', message: 'The Temporary Access Pass has expired.' };
      case 'used':
        return { code: 'TAP_USED', message: 'The Temporary Access Pass was already used.' };
      case 'revoked':
        return { code: 'TAP_REVOKED', message: 'The Temporary Access Pass was revoked.' };
    }
  }

  private async userOfFlow(flowId: string): Promise<{ id: string; username: string } | null> {
    const flow = await this.deps.db
      .selectFrom('flows')
      .select(['user_id', 'username'])
      .where('id', '=', flowId)
      .executeTakeFirst();
    return flow?.user_id ? { id: flow.user_id, username: flow.username } : null;
  }
}
