import { createHash } from 'node:crypto';
import { PasskeyCreationOptionsSchema } from '@resetdesk/shared';
import type { BeginRegistrationRequest, RegistrationProof } from '@resetdesk/shared';
import type { DirectoryUser } from '../../directory/directory';
import type { ResetPolicy } from '../../policy/reset-policy';
import type { VerificationCodeRow } from '../../store/database-schema';
import type { ResetDeskDb } from '../../store/store';
import type { Clock } from '../../support/clock';
import { ChallengeMethod, isCheck } from '../challenge-method';
import type {
  MethodRegistrar,
  RegisteredItem,
  RegistrarContext,
  RegistrationAnswer,
  RegistrationOutcome,
} from '../method-registrar';
import type { FailedCheck, VerificationFailure } from '../verification-method';
import { claimedChallenge } from './passkey-client-data';
import type { PasskeyCredentials } from './passkey-credentials';
import { REGISTRATION_TIMEOUT_MS } from './passkey-registration';
import type { PasskeyRegistrationCeremony } from './passkey-registration';

const PROOF_ID = 'register:passkey';
const ITEM_PREFIX = 'passkey:';

export interface PasskeyRegistrarDeps {
  db: ResetDeskDb;
  clock: Clock;
  policy: Pick<ResetPolicy, 'maxCodeAttempts'>;
  ceremony: PasskeyRegistrationCeremony;
  credentials: PasskeyCredentials;
}

/** What the flow's open ceremony remembers: its challenge and the handle the new passkey gets (neither a secret). */
interface CeremonyData {
  options: unknown;
  userHandle: string;
}

/**
 * The refusals of an attestation, each its own screen. The challenge-check union names passkey refusals for the
 * reset's assertions; registration reads them as: replayed = accepted once already, wrong_credential = the answer
 * of another ceremony (another flow's, or one this flow replaced), rejected = it did not verify.
 */
const REFUSALS: Record<'replayed' | 'wrong_credential' | 'rejected', Omit<VerificationFailure, 'details'>> = {
  replayed: { code: 'PASSKEY_REGISTRATION_REPLAYED', message: 'This passkey answer was accepted already.' },
  wrong_credential: { code: 'PASSKEY_REGISTRATION_FOREIGN', message: 'This passkey answer is for another ceremony.' },
  rejected: { code: 'PASSKEY_REGISTRATION_FAILED', message: 'The passkey registration did not verify.' },
};

/**
 * Registering a passkey in security info: begin makes WebAuthn creation options bound to this flow (the flow's one
 * open proof, a verification_codes row: single use, expiring with the flow or after the prompt's time, whichever is
 * first), confirm checks the attestation against it and only then stores the passkey. The relying party is the
 * ceremony's (the reset server's host, passkey-settings.ts); wired only when there is one.
 */
export class PasskeyRegistrar extends ChallengeMethod implements MethodRegistrar<'passkey'> {
  readonly kind = 'passkey' as const;
  private readonly deps: PasskeyRegistrarDeps;

  constructor(deps: PasskeyRegistrarDeps) {
    super(deps);
    this.deps = deps;
  }

  async list(user: DirectoryUser): Promise<RegisteredItem[]> {
    const rows = await this.deps.credentials.ofUser(user.id, this.deps.ceremony.rpId);
    return rows.map((row) => ({
      id: itemIdOf(row.id),
      kind: 'passkey',
      // A passkey has no address: the end of its credential id tells two apart (public, not a secret).
      maskedTarget: `…${row.id.slice(-6)}`,
      fromDirectory: false,
      createdAt: new Date(row.created_at).toISOString(),
    }));
  }

  async begin(context: RegistrarContext, _input: Extract<BeginRegistrationRequest, { kind: 'passkey' }>):
    Promise<void> {
    const { options, userHandle } = await this.deps.ceremony.creationOptions(context.user);
    const latest = this.clock.now().getTime() + REGISTRATION_TIMEOUT_MS;
    const data: CeremonyData = { options, userHandle };
    await this.challenges.replace({
      flowId: context.flowId,
      methodId: PROOF_ID,
      codeHmac: '',
      expiresAt: new Date(Math.min(latest, context.notAfter.getTime())),
      maxAttempts: this.deps.policy.maxCodeAttempts,
      data: JSON.stringify(data),
    });
  }

  async view(flowId: string): Promise<RegistrationProof | null> {
    const row = await this.challenges.latest(flowId, PROOF_ID);
    const data = row ? ceremonyOf(row) : null;
    if (!row || !data) return null;
    return {
      kind: 'passkey',
      options: data.options,
      expiresAt: new Date(row.expires_at).toISOString(),
      attemptsLeft: Math.max(0, row.max_attempts - row.attempts),
    };
  }

  /**
   * In this order, so each refusal is named truthfully: an answer to a challenge that is not this flow's open one is a
   * replay when that challenge was accepted before (anywhere), else another ceremony's; then simplewebauthn's checks;
   * then the proof used up (one statement: of parallel confirms exactly one gets past it) and the passkey stored.
   */
  async confirm(context: RegistrarContext, answer: RegistrationAnswer): Promise<RegistrationOutcome> {
    const row = await this.answerable(context.flowId, PROOF_ID);
    if (isCheck(row)) return row.result === 'ok' || row.result === 'pending' ? { result: 'expired' } : row;
    const data = ceremonyOf(row);
    if (answer.kind !== 'attestation' || !data) return this.refuse(row, 'rejected');
    const { attestation } = answer;
    const { credentials, ceremony } = this.deps;
    const claimed = claimedChallenge(attestation.response.clientDataJSON);
    if (claimed === null) return this.refuse(row, 'rejected');
    if (claimed !== data.options.challenge) {
      const seen =
        (await credentials.challengeWasUsed(claimed)) || (await credentials.find(attestation.id)) !== undefined;
      return this.refuse(row, seen ? 'replayed' : 'wrong_credential');
    }
    const verified = await ceremony.verify(attestation, claimed);
    if (!verified.ok) return this.refuse(row, 'rejected');
    // The parallel loser (and a second send of the same answer) finds the proof used: the winner saved it.
    if (!(await this.challenges.consumeOnce(row.id))) return replayed(row);
    await credentials.useChallenge(claimed, verified.credential.id);
    if (!(await ceremony.store(context.user, data.userHandle, verified.credential, attestation))) return replayed(row);
    const saved = (await this.list(context.user)).find((item) => item.id === itemIdOf(verified.credential.id));
    if (!saved) throw new Error('The registered passkey was not stored');
    return { result: 'saved', item: saved };
  }

  async remove(user: DirectoryUser, itemId: string): Promise<RegisteredItem | null> {
    if (!itemId.startsWith(ITEM_PREFIX)) return null;
    const rows = await this.deps.credentials.ofUser(user.id, this.deps.ceremony.rpId);
    const row = rows.find((r) => itemIdOf(r.id) === itemId);
    const item = (await this.list(user)).find((i) => i.id === itemId);
    if (!row || !item || !(await this.deps.credentials.remove(user.id, row.id))) return null;
    return item;
  }

  override failureOf(check: FailedCheck): VerificationFailure {
    if (check.result === 'invalid' && 'reason' in check) {
      return { ...REFUSALS[check.reason], details: { attemptsLeft: check.attemptsLeft } };
    }
    return super.failureOf(check);
  }

  private async refuse(row: VerificationCodeRow, reason: keyof typeof REFUSALS): Promise<RegistrationOutcome> {
    const check = await this.wrongAnswer(row);
    return check.result === 'invalid' ? { ...check, reason } : check.result === 'attempts_exceeded' ? check
      : { result: 'expired' };
  }
}

/** Not counted: the same right answer came twice, and the first one saved it. */
function replayed(row: VerificationCodeRow): RegistrationOutcome {
  return { result: 'invalid', attemptsLeft: Math.max(0, row.max_attempts - row.attempts), reason: 'replayed' };
}

/** A list id short enough for the wire (credential ids run to 1364 characters), stable for the passkey. */
function itemIdOf(credentialId: string): string {
  return `${ITEM_PREFIX}${createHash('sha256').update(credentialId).digest('base64url').slice(0, 22)}`;
}

function ceremonyOf(row: VerificationCodeRow): { options: RegistrationOptions; userHandle: string } | null {
  try {
    const parsed = JSON.parse(row.challenge_data ?? 'null') as CeremonyData | null;
    const options = PasskeyCreationOptionsSchema.safeParse(parsed?.options);
    return options.success && typeof parsed?.userHandle === 'string'
      ? { options: options.data, userHandle: parsed.userHandle }
      : null;
  } catch {
    return null;
  }
}

type RegistrationOptions = Extract<RegistrationProof, { kind: 'passkey' }>['options'];
