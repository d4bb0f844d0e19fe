import type { VerificationCodeRow } from '../store/database-schema';
import type { ResetDeskDb } from '../store/store';
import type { Clock } from '../support/clock';
import { ChallengeStore } from './challenge-store';
import type {
  ChallengeCheck,
  ChallengeView,
  FailedCheck,
  SendChallengeInput,
  VerificationFailure,
} from './verification-method';

/** The store handles every method needs: its rows live in the database and expire by the clock. */
export interface StoreDeps {
  db: ResetDeskDb;
  clock: Clock;
}

/**
 * What every method does with its challenge rows (challenge-store.ts): count the sends, lock after too many wrong
 * answers, and check a typed answer against the newest open challenge the same way (expiry first, then attempts).
 */
export abstract class ChallengeMethod {
  protected readonly challenges: ChallengeStore;
  protected readonly clock: Clock;

  constructor(deps: StoreDeps) {
    this.challenges = new ChallengeStore(deps);
    this.clock = deps.clock;
  }

  challengesSent(flowId: string, methodId: string): Promise<number> {
    return this.challenges.countSent(flowId, methodId);
  }

  isLocked(flowId: string, methodId: string): Promise<boolean> {
    return this.challenges.isLocked(flowId, methodId);
  }

  /**
   * A typed code's failures; the methods whose answers read differently override what they say (security questions,
   * and the decisions made on another device: pending-decision/).
   */
  failureOf(check: FailedCheck): VerificationFailure {
    switch (check.result) {
      case 'invalid':
        return {
          code: 'CODE_INVALID',
          message: 'The code is not correct.',
          details: { attemptsLeft: check.attemptsLeft },
        };
      case 'attempts_exceeded':
        return {
          code: 'CODE_ATTEMPTS_EXCEEDED',
          message: 'Too many wrong answers: this method is locked.',
          details: { attemptsLeft: 0 },
        };
      case 'denied':
        // Only a decision can be denied (pending-decision/ says how); a code never is.
        return { code: 'APPROVAL_DENIED', message: 'The request was denied in the authenticator app.' };
      case 'expired':
        return { code: 'CODE_EXPIRED', message: 'The code has expired: ask for a new one.' };
      case 'unusable':
        // Only a pass can be (temporary-access-pass/ says how); any other method's challenge simply expires.
        return { code: 'CODE_EXPIRED', message: 'The code can no longer be used.' };
    }
  }

  /**
   * A challenge that sends nothing, for a code the person holds already (an authenticator app's, a Temporary Access
   * Pass): its row only counts this flow's attempts, and lives as long as the flow may.
   */
  protected async openUnsentChallenge(input: SendChallengeInput, maxAttempts: number): Promise<void> {
    await this.challenges.replace({
      flowId: input.flowId,
      methodId: input.option.id,
      codeHmac: '',
      expiresAt: input.notAfter,
      maxAttempts,
    });
  }

  /** The code screen of the newest challenge: until when, the attempts left, and how many characters to type. */
  protected async codeView(flowId: string, methodId: string, codeLength: number): Promise<ChallengeView | null> {
    const row = await this.challenges.latest(flowId, methodId);
    if (!row) return null;
    const attemptsLeft = Math.max(0, row.max_attempts - row.attempts);
    return { kind: 'code', expiresAt: new Date(row.expires_at), attemptsLeft, codeLength };
  }

  /** The challenge a typed answer is checked against, or the check's result when there is none open to check. */
  protected async answerable(flowId: string, methodId: string): Promise<VerificationCodeRow | ChallengeCheck> {
    const row = await this.challenges.latest(flowId, methodId);
    if (!row) return { result: 'expired' };
    if (row.attempts >= row.max_attempts) return { result: 'attempts_exceeded' };
    // An expired challenge does not cost an attempt: the person did nothing wrong.
    if (this.clock.now() >= new Date(row.expires_at)) return { result: 'expired' };
    return row;
  }

  /** A right answer uses the challenge up. */
  protected async passed(row: VerificationCodeRow): Promise<ChallengeCheck> {
    await this.challenges.consume(row.id);
    return { result: 'ok' };
  }

  /** Counts a wrong answer (optionally storing the challenge's next data) and says how many are left. */
  protected async wrongAnswer(row: VerificationCodeRow, data?: string): Promise<ChallengeCheck> {
    const attemptsLeft = await this.challenges.countWrong(row, data);
    return attemptsLeft === 0 ? { result: 'attempts_exceeded' } : { result: 'invalid', attemptsLeft };
  }
}

/** Narrows answerable's result: true when it is a check to return as it is. */
export function isCheck(value: VerificationCodeRow | ChallengeCheck): value is ChallengeCheck {
  return 'result' in value;
}
