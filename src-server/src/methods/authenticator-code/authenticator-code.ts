import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';
import type { MethodOption } from '@resetdesk/shared';
import type { DirectoryUser } from '../../directory/directory';
import type { DecoyProfile } from '../decoy-profile';
import type { ResetPolicy } from '../../policy/reset-policy';
import type { ResetDeskDb } from '../../store/store';
import type { Clock } from '../../support/clock';
import { ChallengeMethod, isCheck } from '../challenge-method';
import type { MethodRegistrations } from '../method-registrations';
import { openSecret, sealSecret } from './totp-secret-box';
import type {
  ChallengeCheck,
  ChallengeView,
  SendChallengeInput,
  VerificationAnswer,
  VerificationMethod,
} from '../verification-method';

export const TOTP_METHOD_ID = 'totp';
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;

export interface AuthenticatorCodeDeps {
  db: ResetDeskDb;
  clock: Clock;
  registrations: MethodRegistrations;
  // AES-256-GCM key for the secrets at rest (see deriveTotpKey).
  totpKey: Buffer;
  policy: Pick<ResetPolicy, 'maxCodeAttempts' | 'organizationName'>;
}

export interface TotpRegistration {
  // Base32, as authenticator apps take it; shown once at registration and never again.
  secret: string;
  otpauthUri: string;
}

/**
 * A code from an authenticator app: standard TOTP (RFC 6238: SHA-1, 6 digits, 30 s), accepted one step either side
 * for clock drift, each time step accepted once per user (a replayed code is refused even in another flow). The
 * secret is stored encrypted; nothing is sent, so there is no resend.
 */
export class AuthenticatorCodeMethod extends ChallengeMethod implements VerificationMethod {
  readonly kind = 'totp' as const;
  readonly answerKind = 'code' as const;
  readonly capsSends = false;
  private readonly deps: AuthenticatorCodeDeps;

  constructor(deps: AuthenticatorCodeDeps) {
    super(deps);
    this.deps = deps;
  }

  /** Registers a new secret for the user (replacing any earlier one) and returns it with its otpauth:// URI. */
  async register(user: Pick<DirectoryUser, 'id' | 'username'>, secret: string = generateSecret()): Promise<TotpRegistration> {
    await this.deps.registrations.save(user.id, 'totp', sealSecret(this.deps.totpKey, secret, user.id));
    const otpauthUri = generateURI({ issuer: this.deps.policy.organizationName, label: user.username, secret });
    return { secret, otpauthUri };
  }

  /** The demo user's authenticator app (demo/demo-users.ts), unless one is registered already. */
  async seedDemo(user: DirectoryUser, demo: { totpSecret?: string }): Promise<void> {
    const { totpSecret } = demo;
    if (!totpSecret) return;
    await this.deps.registrations.registerOnce(user.id, 'totp', () => this.register(user, totpSecret));
  }

  async optionFor(user: DirectoryUser): Promise<MethodOption | null> {
    const registration = await this.deps.registrations.find(user.id, 'totp');
    return registration ? { id: TOTP_METHOD_ID, kind: 'totp', maskedTarget: '' } : null;
  }

  decoyOptionFor(_profile: DecoyProfile): MethodOption {
    return { id: TOTP_METHOD_ID, kind: 'totp', maskedTarget: '' };
  }

  async sendChallenge(input: SendChallengeInput): Promise<void> {
    // Nothing to send: the row only counts this flow's attempts. The app's code is good until the flow ends.
    await this.openUnsentChallenge(input, this.deps.policy.maxCodeAttempts);
  }

  view(flowId: string, methodId: string): Promise<ChallengeView | null> {
    return this.codeView(flowId, methodId, TOTP_DIGITS);
  }

  async verify(flowId: string, methodId: string, answer: VerificationAnswer): Promise<ChallengeCheck> {
    const row = await this.answerable(flowId, methodId);
    if (isCheck(row)) return row;
    if (answer.kind === 'code' && (await this.accepts(flowId, answer.code))) return this.passed(row);
    return this.wrongAnswer(row);
  }

  private async accepts(flowId: string, code: string): Promise<boolean> {
    if (!new RegExp(`^[0-9]{${TOTP_DIGITS}}$`, 'u').test(code)) return false;
    const flow = await this.deps.db.selectFrom('flows').select('user_id').where('id', '=', flowId).executeTakeFirst();
    if (!flow?.user_id) return false;
    const registration = await this.deps.registrations.find(flow.user_id, 'totp');
    if (!registration) return false;
    const secret = openSecret(this.deps.totpKey, registration.data, flow.user_id);
    const result = await verifyTotp({
      secret,
      token: code,
      epoch: Math.floor(this.deps.clock.now().getTime() / 1000),
      // One step either side of now (clock drift between the phone and the server).
      epochTolerance: TOTP_PERIOD_SECONDS,
      ...(registration.last_used_step === null ? {} : { afterTimeStep: registration.last_used_step }),
    });
    // otplib's functional API types HOTP and TOTP results together; only a TOTP result carries the period's epoch.
    if (!result.valid || !('epoch' in result)) return false;
    // result.epoch is the start of the matching period: its step number is what may be used only once.
    return this.deps.registrations.useTimeStep(registration.id, Math.floor(result.epoch / TOTP_PERIOD_SECONDS));
  }
}
