import type { RegistrationProof, SecurityInfoKind } from '@resetdesk/shared';
import { sendOrPad } from '../../delivery/delivery';
import type { Delivery, OutgoingMessage } from '../../delivery/delivery';
import type { DirectoryUser } from '../../directory/directory';
import type { ResetPolicy } from '../../policy/reset-policy';
import type { ResetDeskDb } from '../../store/store';
import type { Clock } from '../../support/clock';
import { addMinutes } from '../../support/clock';
import { ChallengeMethod, isCheck } from '../challenge-method';
import { RegistrationInputError } from '../method-registrar';
import type {
  MethodRegistrar,
  RegisteredItem,
  RegistrarContext,
  RegistrationAnswer,
  RegistrationOutcome,
} from '../method-registrar';
import { codeHmac, generateNumericCode, hmacEquals } from './one-time-code';

export interface RegistrationCodeDeps {
  db: ResetDeskDb;
  tenantId: string;
  delivery: Delivery;
  clock: Clock;
  policy: Pick<
    ResetPolicy,
    | 'codeLength'
    | 'codeLifetimeMinutes'
    | 'maxCodeAttempts'
    | 'maxCodeSends'
    | 'organizationName'
    | 'directoryContactMethods'
  >;
  codeHmacKey: Buffer;
}

/** What a code proof remembers while it is open: the detail being proved (an address or E.164 number, not a secret). */
interface ProofData {
  target: string;
  via: string;
}

/**
 * A registration proved by a code sent to the new detail itself (an email address, a phone): the same code rules as
 * a reset's (CSPRNG, HMAC only, 10 minutes, 5 tries), one open proof per flow, used up at most once (consumeOnce),
 * and saved only after the right code came back. Subclasses say how a detail is checked, sent to and saved.
 */
export abstract class CodeProvedRegistrar<K extends SecurityInfoKind> extends ChallengeMethod
  implements Omit<MethodRegistrar<K>, 'begin'>
{
  abstract readonly kind: K;
  protected readonly deps: RegistrationCodeDeps;

  constructor(deps: RegistrationCodeDeps) {
    super(deps);
    this.deps = deps;
  }

  abstract list(user: DirectoryUser): Promise<RegisteredItem[]>;
  abstract remove(user: DirectoryUser, itemId: string): Promise<RegisteredItem | null>;
  /** The message carrying `code` to `target` in the person's language. */
  protected abstract messageFor(target: string, via: string, code: string, user: DirectoryUser, locale: string | null):
    OutgoingMessage;
  /** Stores the proved detail for the person; returns it as listed. */
  protected abstract save(user: DirectoryUser, target: string): Promise<RegisteredItem>;
  protected abstract mask(target: string): string;

  private get proofId(): string {
    return `register:${this.kind}`;
  }

  /** Sends a fresh code to a detail the subclass already checked (begin). */
  protected async sendProof(context: RegistrarContext, target: string, via: string): Promise<void> {
    // The reset's cap on codes per flow and method: a flow cannot be used to flood an address or a phone.
    if ((await this.challengesSent(context.flowId, this.proofId)) >= this.deps.policy.maxCodeSends) {
      throw new RegistrationInputError('RESEND_LIMIT_REACHED', 'No more codes can be sent for this in this flow.');
    }
    const lifetimeEnd = addMinutes(this.clock.now(), this.deps.policy.codeLifetimeMinutes);
    const code = generateNumericCode(this.deps.policy.codeLength);
    const data: ProofData = { target, via };
    await this.challenges.replace({
      flowId: context.flowId,
      methodId: this.proofId,
      codeHmac: codeHmac(this.deps.codeHmacKey, context.flowId, code),
      expiresAt: lifetimeEnd < context.notAfter ? lifetimeEnd : context.notAfter,
      maxAttempts: this.deps.policy.maxCodeAttempts,
      data: JSON.stringify(data),
    });
    const message = this.messageFor(target, via, code, context.user, context.locale);
    await sendOrPad(this.deps.delivery, {
      ...message,
      locale: context.locale,
      about: { userId: context.user.id, flowId: context.flowId },
    });
  }

  async view(flowId: string): Promise<RegistrationProof | null> {
    const row = await this.challenges.latest(flowId, this.proofId);
    if (!row) return null;
    return {
      kind: 'code',
      maskedTarget: this.mask(proofData(row.challenge_data).target),
      codeLength: this.deps.policy.codeLength,
      codeExpiresAt: new Date(row.expires_at).toISOString(),
      attemptsLeft: Math.max(0, row.max_attempts - row.attempts),
    };
  }

  async confirm(context: RegistrarContext, answer: RegistrationAnswer): Promise<RegistrationOutcome> {
    // A poll proves nothing about a code (the wizard polls only proofs decided elsewhere).
    if (answer.kind !== 'code') return { result: 'pending' };
    const row = await this.answerable(context.flowId, this.proofId);
    if (isCheck(row)) return row.result === 'ok' || row.result === 'pending' ? { result: 'expired' } : row;
    if (!hmacEquals(row.code_hmac, codeHmac(this.deps.codeHmacKey, context.flowId, answer.code))) {
      const wrong = await this.wrongAnswer(row);
      return wrong.result === 'ok' || wrong.result === 'pending' ? { result: 'expired' } : wrong;
    }
    // Another request with the same code got here first: it saved; this one finds the proof used.
    if (!(await this.challenges.consumeOnce(row.id))) return { result: 'expired' };
    return { result: 'saved', item: await this.save(context.user, proofData(row.challenge_data).target) };
  }
}

function proofData(json: string | null): ProofData {
  const parsed = JSON.parse(json ?? '{}') as Partial<ProofData>;
  return { target: parsed.target ?? '', via: parsed.via ?? '' };
}
