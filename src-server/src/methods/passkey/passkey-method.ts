import { generateAuthenticationOptions } from '@simplewebauthn/server';
import type { MethodOption, PasskeyRequestOptions } from '@resetdesk/shared';
import type { DirectoryUser } from '../../directory/directory';
import type { ResetPolicy } from '../../policy/reset-policy';
import type { VerificationCodeRow } from '../../store/database-schema';
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
import { checkAssertion } from './passkey-assertion';
import type { PasskeyRefusal } from './passkey-assertion';
import { PasskeyCredentials } from './passkey-credentials';
import { PasskeyRegistrationCeremony } from './passkey-registration';
import type { RelyingParty } from './passkey-settings';

export const PASSKEY_METHOD_ID = 'passkey';
// How long the browser's prompt stays open, and at most how long a challenge is good for.
export const PASSKEY_PROMPT_MS = 2 * 60_000;
const CHALLENGE_MINUTES = 5;

export interface PasskeyMethodDeps {
  db: ResetDeskDb;
  tenantId: string;
  clock: Clock;
  // Null when the server cannot know its relying party (passkey-settings.ts): the method is then never offered.
  relyingParty: RelyingParty | null;
  policy: Pick<ResetPolicy, 'maxCodeAttempts'>;
}

const REFUSALS: Record<PasskeyRefusal, Omit<VerificationFailure, 'details'>> = {
  replayed: { code: 'PASSKEY_REPLAYED', message: 'This passkey answer was used already.' },
  wrong_credential: { code: 'PASSKEY_WRONG_CREDENTIAL', message: 'This passkey is not registered for this account.' },
  rejected: { code: 'PASSKEY_REJECTED', message: 'The passkey answer did not verify.' },
};

/**
 * A passkey (WebAuthn): the challenge is a set of authentication options bound to the flow (one open challenge,
 * single use, expiring with it), the answer the authenticator's assertion. The options name no credential, so a
 * decoy's challenge looks like a real one; an assertion for a decoy is simply the wrong credential. User
 * verification is required, which is why it is the strongest proof and counts for administrators.
 */
export class PasskeyMethod extends ChallengeMethod implements VerificationMethod {
  readonly kind = 'passkey' as const;
  readonly answerKind = 'passkey' as const;
  readonly capsSends = false;
  readonly credentials: PasskeyCredentials;
  /** The registration ceremony, for the registration flow (and the demo's route). */
  readonly registration: PasskeyRegistrationCeremony;
  private readonly deps: PasskeyMethodDeps;

  constructor(deps: PasskeyMethodDeps) {
    super(deps);
    this.deps = deps;
    this.credentials = new PasskeyCredentials(deps);
    this.registration = new PasskeyRegistrationCeremony({
      credentials: this.credentials,
      relyingParty: deps.relyingParty,
      clock: deps.clock,
    });
  }

  async optionFor(user: DirectoryUser): Promise<MethodOption | null> {
    const rp = this.deps.relyingParty;
    if (!rp || (await this.credentials.ofUser(user.id, rp.id)).length === 0) return null;
    return { id: PASSKEY_METHOD_ID, kind: 'passkey', maskedTarget: '' };
  }

  decoyOptionFor(_profile: DecoyProfile): MethodOption {
    return { id: PASSKEY_METHOD_ID, kind: 'passkey', maskedTarget: '' };
  }

  /** Real or decoy alike: fresh options, stored as the flow's one open challenge (an earlier one stops working). */
  async sendChallenge(input: SendChallengeInput): Promise<void> {
    const rp = this.relyingParty();
    const options = await generateAuthenticationOptions({
      rpID: rp.id,
      userVerification: 'required',
      timeout: PASSKEY_PROMPT_MS,
      allowCredentials: [],
    });
    const latest = this.clock.now().getTime() + CHALLENGE_MINUTES * 60_000;
    await this.challenges.replace({
      flowId: input.flowId,
      methodId: input.option.id,
      codeHmac: '',
      expiresAt: new Date(Math.min(latest, input.notAfter.getTime())),
      maxAttempts: this.deps.policy.maxCodeAttempts,
      data: options.challenge,
    });
  }

  async view(flowId: string, methodId: string): Promise<ChallengeView | null> {
    const row = await this.challenges.latest(flowId, methodId);
    if (!row?.challenge_data) return null;
    return { kind: 'passkey', expiresAt: new Date(row.expires_at), options: this.requestOptions(row.challenge_data) };
  }

  async verify(flowId: string, methodId: string, answer: VerificationAnswer): Promise<ChallengeCheck> {
    const row = await this.answerable(flowId, methodId);
    if (isCheck(row)) return row;
    if (answer.kind !== 'passkey' || !row.challenge_data) return this.refuse(row, 'rejected');
    const flow = await this.deps.db.selectFrom('flows').select('user_id').where('id', '=', flowId).executeTakeFirst();
    const outcome = await checkAssertion(this.credentials, {
      assertion: answer.assertion,
      expectedChallenge: row.challenge_data,
      userId: flow?.user_id ?? null,
      relyingParty: this.relyingParty(),
    });
    return outcome.ok ? this.passed(row) : this.refuse(row, outcome.refusal);
  }

  override failureOf(check: FailedCheck): VerificationFailure {
    if (check.result === 'invalid' && 'reason' in check) {
      return { ...REFUSALS[check.reason], details: { attemptsLeft: check.attemptsLeft } };
    }
    return super.failureOf(check);
  }

  private async refuse(row: VerificationCodeRow, reason: PasskeyRefusal): Promise<ChallengeCheck> {
    const check = await this.wrongAnswer(row);
    return check.result === 'invalid' ? { ...check, reason } : check;
  }

  private requestOptions(challenge: string): PasskeyRequestOptions {
    const rp = this.relyingParty();
    return { challenge, rpId: rp.id, timeout: PASSKEY_PROMPT_MS, userVerification: 'required', allowCredentials: [] };
  }

  private relyingParty(): RelyingParty {
    const rp = this.deps.relyingParty;
    if (!rp) throw new Error('passkey method used without a relying party');
    return rp;
  }
}
