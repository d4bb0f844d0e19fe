import { randomBytes } from 'node:crypto';
import type { MethodOption } from '@resetdesk/shared';
import { sendOrPad } from '../../delivery/delivery';
import { logOf } from '../../support/log';
import type { Delivery } from '../../delivery/delivery';
import type { DirectoryUser } from '../../directory/directory';
import type { DecoyProfile } from '../decoy-profile';
import type { ResetPolicy } from '../../policy/reset-policy';
import type { ResetDeskDb } from '../../store/store';
import type { Clock } from '../../support/clock';
import { messagesFor } from '../../messages/catalogue';
import { maskPhone } from '../masked-phone';
import { sha256Hex } from '../method-registrations';
import { PendingDecisionMethod } from '../pending-decision/pending-decision-method';
import type { ChallengeView, SendChallengeInput, VerificationMethod } from '../verification-method';
import { directoryContact } from '../directory-contact';

export const VOICE_METHOD_ID = 'voice';

export interface VoiceCallDeps {
  db: ResetDeskDb;
  delivery: Delivery;
  clock: Clock;
  policy: Pick<ResetPolicy, 'voiceCallSeconds' | 'organizationName' | 'directoryContactMethods'>;
}

/** The words the call speaks, in the flow's language: the provider adapter and the dev outbox say the same thing. */
export function voicePrompt(organizationName: string, locale: string | null = null): string {
  return messagesFor(locale).voiceCall.prompt(organizationName);
}

/**
 * A voice call to the user's phone: the user answers and presses # to approve. The call carries a random call id
 * (only its hash is stored); the phone network's answer for that call id is what approves or refuses. The call
 * counts as not answered when nothing comes back within the policy's ring time.
 */
export class VoiceCallMethod extends PendingDecisionMethod implements VerificationMethod {
  readonly kind = 'voice' as const;
  protected readonly decisionFailures = {
    denied: { code: 'CALL_NOT_ANSWERED', message: 'The call ended without approval.' },
    expired: { code: 'CALL_NOT_ANSWERED', message: 'The call was not answered in time.' },
  } as const;
  readonly channel = 'voice' as const;
  private readonly deps: VoiceCallDeps;

  constructor(deps: VoiceCallDeps) {
    super(deps);
    this.deps = deps;
  }

  optionFor(user: DirectoryUser): MethodOption | null {
    const phone = directoryContact(user, this.deps.policy, 'phone');
    return phone ? { id: VOICE_METHOD_ID, kind: 'voice', maskedTarget: maskPhone(phone) } : null;
  }

  decoyOptionFor(profile: DecoyProfile): MethodOption {
    return { id: VOICE_METHOD_ID, kind: 'voice', maskedTarget: maskPhone(profile.phoneDigits) };
  }

  async sendChallenge(input: SendChallengeInput): Promise<void> {
    const now = this.deps.clock.now();
    const ringEnd = new Date(now.getTime() + this.deps.policy.voiceCallSeconds * 1000);
    const expiresAt = ringEnd < input.notAfter ? ringEnd : input.notAfter;
    const callId = randomBytes(18).toString('base64url');
    const decision = { kind: 'voice', secretHash: sha256Hex(callId), number: null, numbers: null, expiresAt } as const;
    await this.openDecision(input, decision);
    const phone = input.recipient?.phone;
    await sendOrPad(
      this.deps.delivery,
      phone
        ? {
            channel: 'voice',
            to: phone,
            subject: messagesFor(input.locale).voiceCall.subject(this.deps.policy.organizationName),
            body: voicePrompt(this.deps.policy.organizationName, input.locale ?? null),
            locale: input.locale ?? null,
            callId,
            about: { userId: input.recipient?.id ?? null, flowId: input.flowId },
            ...logOf(input),
          }
        : null,
      { channel: 'voice', ...logOf(input) },
    );
  }

  /** The phone's answer for a call: # approves; hanging up (or any other key) refuses. False for an unknown call. */
  answerCall(callId: string, action: 'press-hash' | 'hang-up'): Promise<boolean> {
    return this.answerCallByHash(sha256Hex(callId), action);
  }

  /** The same, for a provider's answer: it knows the call only as its placed call (delivery/voice/placed-calls.ts). */
  async answerCallByHash(callIdHash: string, action: 'press-hash' | 'hang-up'): Promise<boolean> {
    const row = await this.decisions.findBySecretHash(callIdHash);
    if (!row || row.kind !== 'voice') return false;
    return this.decisions.decide(row.id, action === 'press-hash' ? 'approved' : 'denied');
  }

  async view(flowId: string, methodId: string): Promise<ChallengeView | null> {
    const row = await this.decisions.latest(flowId, methodId);
    return row ? { kind: 'approval', expiresAt: new Date(row.expires_at) } : null;
  }
}
