import { randomBytes } from 'node:crypto';
import type { MethodOption } from '@resetdesk/shared';
import { sendOrPad } from '../../delivery/delivery';
import { logOf } from '../../support/log';
import type { Delivery, OutgoingMessage } from '../../delivery/delivery';
import type { DirectoryUser } from '../../directory/directory';
import type { DecoyProfile } from '../decoy-profile';
import type { ResetPolicy } from '../../policy/reset-policy';
import type { ResetDeskDb } from '../../store/store';
import type { Clock } from '../../support/clock';
import { addMinutes } from '../../support/clock';
import { ChallengeMethod, isCheck } from '../challenge-method';
import { codeHmac, generateNumericCode, hmacEquals } from '../code-base/one-time-code';
import type {
  ChallengeCheck,
  ChallengeStatus,
  ChallengeView,
  SendChallengeInput,
  VerificationAnswer,
  VerificationMethod,
} from '../verification-method';

export interface DeliveredCodeMethodDeps {
  db: ResetDeskDb;
  delivery: Delivery;
  clock: Clock;
  policy: Pick<
    ResetPolicy,
    'codeLength' | 'codeLifetimeMinutes' | 'maxCodeAttempts' | 'maxCodeSends' | 'organizationName' | 'directoryContactMethods'
  >;
  codeHmacKey: Buffer;
}

/**
 * A one-time code sent to something the user owns (email, SMS): 6 digits from the CSPRNG, stored only as HMAC,
 * 10 minutes, 5 tries, one use, resends capped by policy. Subclasses say where it goes and how it reads.
 */
export abstract class DeliveredCodeMethod extends ChallengeMethod implements VerificationMethod {
  abstract readonly kind: 'email' | 'sms';
  readonly answerKind = 'code' as const;
  readonly capsSends = true;
  protected readonly deps: DeliveredCodeMethodDeps;

  constructor(deps: DeliveredCodeMethodDeps) {
    super(deps);
    this.deps = deps;
  }

  abstract optionFor(user: DirectoryUser): MethodOption | null;
  abstract decoyOptionFor(profile: DecoyProfile): MethodOption;
  /**
   * The message carrying `code` to the user in the flow's language (`locale`), or null when the user has no address
   * for this channel.
   */
  protected abstract messageFor(user: DirectoryUser, code: string, locale: string | null): OutgoingMessage | null;

  async sendChallenge(input: SendChallengeInput): Promise<void> {
    const now = this.deps.clock.now();
    const lifetimeEnd = addMinutes(now, this.deps.policy.codeLifetimeMinutes);
    const expiresAt = lifetimeEnd < input.notAfter ? lifetimeEnd : input.notAfter;
    const code = generateNumericCode(this.deps.policy.codeLength);
    // A decoy stores the HMAC of random bytes: no code of any length can ever match it.
    const storedHmac =
      input.recipient === null
        ? codeHmac(this.deps.codeHmacKey, input.flowId, randomBytes(32).toString('hex'))
        : codeHmac(this.deps.codeHmacKey, input.flowId, code);
    await this.challenges.replace({
      flowId: input.flowId,
      methodId: input.option.id,
      codeHmac: storedHmac,
      expiresAt,
      maxAttempts: this.deps.policy.maxCodeAttempts,
    });
    const message = input.recipient ? this.messageFor(input.recipient, code, input.locale ?? null) : null;
    await sendOrPad(
      this.deps.delivery,
      // The language travels with the words: a gateway is told it (the webhook provider's `language`).
      message && {
        ...message,
        locale: input.locale ?? null,
        about: { userId: input.recipient?.id ?? null, flowId: input.flowId },
        ...logOf(input),
      },
      // A decoy's pretend send is logged as this send would be.
      { channel: this.kind, ...logOf(input) },
    );
  }

  async status(flowId: string, methodId: string): Promise<ChallengeStatus | null> {
    const row = await this.challenges.latest(flowId, methodId);
    if (!row) return null;
    return { expiresAt: new Date(row.expires_at), attemptsLeft: Math.max(0, row.max_attempts - row.attempts) };
  }

  async view(flowId: string, methodId: string): Promise<ChallengeView | null> {
    const status = await this.status(flowId, methodId);
    if (!status) return null;
    const sent = await this.challengesSent(flowId, methodId);
    return {
      kind: 'code',
      ...status,
      codeLength: this.deps.policy.codeLength,
      resendsLeft: Math.max(0, this.deps.policy.maxCodeSends - sent),
    };
  }

  async verify(flowId: string, methodId: string, answer: VerificationAnswer): Promise<ChallengeCheck> {
    if (answer.kind !== 'code') return { result: 'invalid', attemptsLeft: 0 };
    return this.verifyCode(flowId, methodId, answer.code);
  }

  async verifyCode(flowId: string, methodId: string, code: string): Promise<ChallengeCheck> {
    const row = await this.answerable(flowId, methodId);
    if (isCheck(row)) return row;
    if (hmacEquals(row.code_hmac, codeHmac(this.deps.codeHmacKey, flowId, code))) return this.passed(row);
    return this.wrongAnswer(row);
  }
}
