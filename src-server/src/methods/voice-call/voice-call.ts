import { randomBytes } from 'node:crypto';
import type { MethodOption } from '@resetdesk/shared';
import { sendOrPad } from '../../delivery/delivery';
import type { Delivery } from '../../delivery/delivery';
import type { DirectoryUser } from '../../directory/directory';
import type { DecoyProfile } from '../decoy-profile';
import type { ResetPolicy } from '../../policy/reset-policy';
import type { ResetDeskDb } from '../../store/store';
import type { Clock } from '../../support/clock';
import { ChallengeStore } from '../challenge-store';
import { maskPhone } from '../masked-phone';
import { sha256Hex } from '../method-registrations';
import { PendingApprovals } from '../pending-decision/pending-approvals';
import type {
  ChallengeCheck,
  ChallengeView,
  SendChallengeInput,
  VerificationAnswer,
  VerificationMethod,
} from '../verification-method';

export const VOICE_METHOD_ID = 'voice';

export interface VoiceCallDeps {
  db: ResetDeskDb;
  delivery: Delivery;
  clock: Clock;
  policy: Pick<ResetPolicy, 'voiceCallSeconds' | 'organizationName'>;
}

/** The words the call speaks. Kept here so the provider adapter and the dev outbox say the same thing. */
export function voicePrompt(organizationName: string): string {
  return (
    `This is the ${organizationName} password reset service. If you asked to reset your password, press the hash key ` +
    '(#) now. If you did not, hang up: nothing will change.'
  );
}

/**
 * A voice call to the user's phone: the user answers and presses # to approve. The call carries a random call id
 * (only its hash is stored); the phone network's answer for that call id is what approves or refuses. The call
 * counts as not answered when nothing comes back within the policy's ring time.
 */
export class VoiceCallMethod implements VerificationMethod {
  readonly kind = 'voice' as const;
  readonly answerKind = 'poll' as const;
  readonly capsSends = true;
  private readonly deps: VoiceCallDeps;
  private readonly challenges: ChallengeStore;
  private readonly calls: PendingApprovals;

  constructor(deps: VoiceCallDeps) {
    this.deps = deps;
    this.challenges = new ChallengeStore({ db: deps.db, clock: deps.clock });
    this.calls = new PendingApprovals({ db: deps.db, clock: deps.clock });
  }

  optionFor(user: DirectoryUser): MethodOption | null {
    return user.phone ? { id: VOICE_METHOD_ID, kind: 'voice', maskedTarget: maskPhone(user.phone) } : null;
  }

  decoyOptionFor(profile: DecoyProfile): MethodOption {
    return { id: VOICE_METHOD_ID, kind: 'voice', maskedTarget: maskPhone(profile.phoneDigits) };
  }

  challengesSent(flowId: string, methodId: string): Promise<number> {
    return this.challenges.countSent(flowId, methodId);
  }

  async isLocked(): Promise<boolean> {
    return false;
  }

  async sendChallenge(input: SendChallengeInput): Promise<void> {
    const now = this.deps.clock.now();
    const ringEnd = new Date(now.getTime() + this.deps.policy.voiceCallSeconds * 1000);
    const expiresAt = ringEnd < input.notAfter ? ringEnd : input.notAfter;
    const callId = randomBytes(18).toString('base64url');
    await this.challenges.replace({
      flowId: input.flowId,
      methodId: input.option.id,
      codeHmac: '',
      expiresAt,
      maxAttempts: 1,
    });
    await this.calls.replace({
      flowId: input.flowId,
      methodId: input.option.id,
      kind: 'voice',
      userId: input.recipient?.id ?? null,
      secretHash: sha256Hex(callId),
      number: null,
      numbers: null,
      fromIp: input.clientIp ?? null,
      expiresAt,
    });
    const phone = input.recipient?.phone;
    await sendOrPad(
      this.deps.delivery,
      phone
        ? {
            channel: 'voice',
            to: phone,
            subject: `Call from ${this.deps.policy.organizationName}`,
            body: [voicePrompt(this.deps.policy.organizationName), `Call id: ${callId}`].join('\n'),
            about: { userId: input.recipient?.id ?? null, flowId: input.flowId },
          }
        : null,
    );
  }

  /** The phone's answer for a call: # approves; hanging up (or any other key) refuses. False for an unknown call. */
  async answerCall(callId: string, action: 'press-hash' | 'hang-up'): Promise<boolean> {
    const row = await this.calls.findBySecretHash(sha256Hex(callId));
    if (!row || row.kind !== 'voice') return false;
    return this.calls.decide(row.id, action === 'press-hash' ? 'approved' : 'denied');
  }

  async view(flowId: string, methodId: string): Promise<ChallengeView | null> {
    const row = await this.calls.latest(flowId, methodId);
    return row ? { kind: 'approval', expiresAt: new Date(row.expires_at) } : null;
  }

  async verify(flowId: string, methodId: string, answer: VerificationAnswer): Promise<ChallengeCheck> {
    if (answer.kind !== 'poll') return { result: 'pending' };
    const check = await this.calls.check(flowId, methodId);
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
