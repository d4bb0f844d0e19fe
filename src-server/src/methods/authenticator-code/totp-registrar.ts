import { z } from 'zod';
import type { BeginRegistrationRequest, RegistrationProof } from '@resetdesk/shared';
import type { DirectoryUser } from '../../directory/directory';
import { AppError } from '../../errors/app-error';
import type { Clock } from '../../support/clock';
import type { ResetDeskDb } from '../../store/store';
import { ChallengeStore } from '../challenge-store';
import type { MethodRegistrations } from '../method-registrations';
import type {
  MethodRegistrar,
  RegisteredItem,
  RegistrarContext,
  RegistrationAnswer,
  RegistrationOutcome,
} from '../method-registrar';
import type { FailedCheck, VerificationFailure } from '../verification-method';
import { TOTP_DIGITS, TOTP_METHOD_ID } from './authenticator-code';
import type { TotpEnrollment } from './totp-enrollment';

// The flow's open setup, as a challenge row: which enrollment it is (its secret stays sealed in totp_enrollments).
const PROOF_ID = 'register:totp';
// The user id and name are kept so a reload shows the same otpauth label as the first view.
const ProofDataSchema = z
  .object({ enrollmentId: z.string().min(1), userId: z.string(), username: z.string() })
  .strict();
type ProofData = z.infer<typeof ProofDataSchema>;

export interface TotpRegistrarDeps {
  db: ResetDeskDb;
  clock: Clock;
  registrations: MethodRegistrations;
  enrollment: TotpEnrollment;
  policy: { maxCodeAttempts: number };
}

/**
 * Registering an authenticator app: begin makes a new secret (totp-enrollment.ts) and shows it as a QR code and as
 * text; only the app's first right code saves it as the person's one authenticator app (replacing any earlier).
 * A wrong code costs one of the policy's attempts; a setup confirmed once cannot be confirmed again, and the code
 * that confirmed it cannot pass a reset (its time step is recorded as used).
 */
export class TotpRegistrar implements MethodRegistrar<'totp'> {
  readonly kind = 'totp' as const;
  private readonly challenges: ChallengeStore;

  constructor(private readonly deps: TotpRegistrarDeps) {
    this.challenges = new ChallengeStore(deps);
  }

  async list(user: DirectoryUser): Promise<RegisteredItem[]> {
    const registered = await this.deps.registrations.find(user.id, 'totp');
    // The id is the reset chooser's, so a default set here is the option offered first there.
    return registered ? [{ id: TOTP_METHOD_ID, kind: 'totp', maskedTarget: '', fromDirectory: false }] : [];
  }

  async begin(context: RegistrarContext, _input: Extract<BeginRegistrationRequest, { kind: 'totp' }>): Promise<void> {
    const started = await this.deps.enrollment.start(context.user);
    const { id: userId, username } = context.user;
    const data: ProofData = { enrollmentId: started.enrollmentId, userId, username };
    await this.challenges.replace({
      flowId: context.flowId,
      methodId: PROOF_ID,
      codeHmac: '',
      expiresAt: started.expiresAt < context.notAfter ? started.expiresAt : context.notAfter,
      maxAttempts: this.deps.policy.maxCodeAttempts,
      data: JSON.stringify(data),
    });
  }

  async view(flowId: string): Promise<RegistrationProof | null> {
    const open = await this.openSetup(flowId);
    if (!open) return null;
    const shown = await this.deps.enrollment.shown({ id: open.userId, username: open.username }, open.enrollmentId);
    if (!shown) return null;
    return {
      kind: 'totp',
      secret: shown.secret,
      otpauthUri: shown.otpauthUri,
      qrSvg: shown.qrSvg,
      codeLength: TOTP_DIGITS,
      codeExpiresAt: shown.expiresAt.toISOString(),
      attemptsLeft: shown.attemptsLeft,
    };
  }

  async confirm(context: RegistrarContext, answer: RegistrationAnswer): Promise<RegistrationOutcome> {
    // A poll (the approver's way of asking) has nothing to check here: the same step again, as for a code proof.
    if (answer.kind !== 'code') return { result: 'pending' };
    const row = await this.challenges.latest(context.flowId, PROOF_ID);
    if (!row) return { result: 'expired' };
    const { enrollmentId } = ProofDataSchema.parse(JSON.parse(row.challenge_data ?? '{}'));
    try {
      // One conditional UPDATE inside: of parallel confirms with the right code, exactly one saves.
      await this.deps.enrollment.confirm(context.user, enrollmentId, answer.code);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code === 'TOTP_ENROLLMENT_CODE_INVALID') {
        return { result: 'invalid', attemptsLeft: error.details?.attemptsLeft ?? 0 };
      }
      if (error.code === 'TOTP_ENROLLMENT_NOT_PENDING') return { result: 'expired' };
      throw error;
    }
    await this.challenges.consumeOnce(row.id);
    return { result: 'saved', item: { id: TOTP_METHOD_ID, kind: 'totp', maskedTarget: '', fromDirectory: false } };
  }

  async remove(user: DirectoryUser, itemId: string): Promise<RegisteredItem | null> {
    if (itemId !== TOTP_METHOD_ID) return null;
    const [item] = await this.list(user);
    if (!item || !(await this.deps.registrations.remove(user.id, 'totp'))) return null;
    return item;
  }

  failureOf(check: FailedCheck): VerificationFailure {
    if (check.result === 'invalid') {
      return {
        code: 'TOTP_ENROLLMENT_CODE_INVALID',
        message: 'The code does not match the new secret.',
        details: { attemptsLeft: check.attemptsLeft },
      };
    }
    return { code: 'TOTP_ENROLLMENT_NOT_PENDING', message: 'No authenticator app setup is waiting to be confirmed.' };
  }

  /** The flow's open setup: which enrollment, and whose (view gets only the flow id). */
  private async openSetup(flowId: string): Promise<ProofData | null> {
    const row = await this.challenges.latest(flowId, PROOF_ID);
    return row ? ProofDataSchema.parse(JSON.parse(row.challenge_data ?? '{}')) : null;
  }
}
