import { randomBytes, randomInt } from 'node:crypto';
import { z } from 'zod';
import type { BeginRegistrationRequest, RegistrationProof } from '@resetdesk/shared';
import type { DirectoryUser } from '../../directory/directory';
import type { ResetPolicy } from '../../policy/reset-policy';
import type { ResetDeskDb } from '../../store/store';
import type { Clock } from '../../support/clock';
import { otpauthQrSvg } from '../authenticator-code/totp-qr';
import { ChallengeMethod } from '../challenge-method';
import { RegistrationInputError } from '../method-registrar';
import type {
  MethodRegistrar,
  RegisteredItem,
  RegistrarContext,
  RegistrationAnswer,
  RegistrationOutcome,
} from '../method-registrar';
import type { MethodRegistrations } from '../method-registrations';
import { sha256Hex } from '../method-registrations';
import { PendingApprovals } from '../pending-decision/pending-approvals';
import type { FailedCheck, VerificationFailure } from '../verification-method';
import { GENERIC_APPROVAL_LABEL } from './approval-label';
import { ApproverPairings, PAIRING_METHOD_ID, pairingKeyOf } from './approver-pairings';

const ITEM_PREFIX = 'approval:';
// How often the wizard asks whether the device answered (as for a reset's approval).
const POLL_AFTER_MS = 2000;

const PairingDataSchema = z.object({ label: z.string(), nonce: z.string().optional() }).strict();
const DeviceDataSchema = z.object({ label: z.string() }).strict();

export interface ApprovalRegistrarDeps {
  db: ResetDeskDb;
  tenantId: string;
  clock: Clock;
  registrations: MethodRegistrations;
  policy: Pick<ResetPolicy, 'approvalLifetimeSeconds' | 'maxCodeSends'> & { publicBaseUrl: string };
  // The server key the pairing's device key is derived with (approver-pairings.ts).
  codeHmacKey: Buffer;
  randomInt?: (min: number, max: number) => number;
}

/**
 * Pairing the person's approver device from security info: begin opens a pairing with a fresh device key (the wizard
 * shows its approver link, as a QR code too, and a number); the device opens the link and types the number (number
 * matching, as approvals do); the wizard's poll then saves the device with the key's SHA-256 as its lookup, so the
 * same link approves later resets. A wrong number or a denial refuses it, and nothing is saved.
 */
export class ApprovalRegistrar extends ChallengeMethod implements MethodRegistrar<'approval'> {
  readonly kind = 'approval' as const;
  private readonly deps: ApprovalRegistrarDeps;
  private readonly decisions: PendingApprovals;
  private readonly pairings: ApproverPairings;
  private readonly random: (min: number, max: number) => number;

  constructor(deps: ApprovalRegistrarDeps) {
    super(deps);
    this.deps = deps;
    this.decisions = new PendingApprovals(deps);
    this.pairings = new ApproverPairings(deps);
    this.random = deps.randomInt ?? ((min, max) => randomInt(min, max));
  }

  async list(user: DirectoryUser): Promise<RegisteredItem[]> {
    const row = await this.deps.registrations.find(user.id, 'approval');
    if (!row) return [];
    const { label } = DeviceDataSchema.parse(JSON.parse(row.data));
    return [{ id: `${ITEM_PREFIX}${row.id}`, kind: 'approval', maskedTarget: label, fromDirectory: false }];
  }

  async begin(context: RegistrarContext, input: Extract<BeginRegistrationRequest, { kind: 'approval' }>):
    Promise<void> {
    // One approver device per person (registrations keep one per kind): a second would silently revoke the first.
    if (await this.deps.registrations.find(context.user.id, 'approval')) {
      throw new RegistrationInputError('SECURITY_INFO_DUPLICATE', 'An approver device is registered already.');
    }
    if ((await this.challengesSent(context.flowId, PAIRING_METHOD_ID)) >= this.deps.policy.maxCodeSends) {
      throw new RegistrationInputError('RESEND_LIMIT_REACHED', 'No more pairings can be started in this flow.');
    }
    const lifetimeEnd = new Date(this.clock.now().getTime() + this.deps.policy.approvalLifetimeSeconds * 1000);
    const expiresAt = lifetimeEnd < context.notAfter ? lifetimeEnd : context.notAfter;
    const nonce = randomBytes(18).toString('base64url');
    const label = input.label ?? GENERIC_APPROVAL_LABEL;
    const ids = { flowId: context.flowId, methodId: PAIRING_METHOD_ID };
    // Both replace this flow's open pairing: the earlier key stops working here and on the approver page.
    const data = JSON.stringify({ label, nonce });
    await this.challenges.replace({ ...ids, codeHmac: '', expiresAt, maxAttempts: 1, data });
    await this.decisions.replace({
      ...ids,
      kind: 'approval',
      // No user: the person's registered device must not see (and approve) a pairing of another device.
      userId: null,
      secretHash: sha256Hex(pairingKeyOf(this.deps.codeHmacKey, nonce)),
      number: this.random(10, 100),
      numbers: null,
      fromIp: null,
      expiresAt,
    });
  }

  async view(flowId: string): Promise<RegistrationProof | null> {
    const challenge = await this.challenges.latest(flowId, PAIRING_METHOD_ID);
    const decision = await this.decisions.latest(flowId, PAIRING_METHOD_ID);
    if (!challenge || !decision || decision.number === null) return null;
    const { nonce, label } = PairingDataSchema.parse(JSON.parse(challenge.challenge_data ?? '{}'));
    if (!nonce) return null;
    const base = this.deps.policy.publicBaseUrl.replace(/\/+$/u, '');
    const approverUrl = `${base}/approver#key=${pairingKeyOf(this.deps.codeHmacKey, nonce)}`;
    return {
      kind: 'approval',
      label,
      approverUrl,
      qrSvg: await otpauthQrSvg(approverUrl),
      number: decision.number,
      expiresAt: new Date(decision.expires_at).toISOString(),
      pollAfterMs: POLL_AFTER_MS,
    };
  }

  /**
   * The wizard's poll: pending until the device answered; the device's approval is used up once (parallel polls:
   * exactly one saves); a refusal is counted once, a later poll of the same refusal says so.
   */
  async confirm(context: RegistrarContext, answer: RegistrationAnswer): Promise<RegistrationOutcome> {
    if (answer.kind !== 'poll') return { result: 'pending' };
    const decision = await this.decisions.latest(context.flowId, PAIRING_METHOD_ID);
    const challenge = await this.challenges.latest(context.flowId, PAIRING_METHOD_ID);
    if (!decision || !challenge) return { result: 'expired' };
    const check = await this.decisions.check(context.flowId, PAIRING_METHOD_ID);
    if (check.result === 'pending') return check;
    if (check.result === 'denied') {
      return (await this.challenges.countOnce(challenge)) ? check : { result: 'denied', alreadyCounted: true };
    }
    if (check.result !== 'ok') return { result: 'expired' };
    const { label } = PairingDataSchema.parse(JSON.parse(challenge.challenge_data ?? '{}'));
    await this.deps.registrations.save(context.user.id, 'approval', JSON.stringify({ label }), decision.secret_hash);
    await this.challenges.consume(challenge.id);
    await this.pairings.forgetNonce(challenge.id, JSON.stringify({ label }));
    const item = (await this.list(context.user))[0];
    if (!item) throw new Error('The paired device was not stored');
    return { result: 'saved', item };
  }

  /** Removing the device deletes its key's hash: its approver link can no longer see or approve anything. */
  async remove(user: DirectoryUser, itemId: string): Promise<RegisteredItem | null> {
    if (!itemId.startsWith(ITEM_PREFIX)) return null;
    const item = (await this.list(user)).find((i) => i.id === itemId);
    if (!item) return null;
    const result = await this.deps.db
      .deleteFrom('method_registrations')
      .where('tenant_id', '=', this.deps.tenantId)
      .where('user_id', '=', user.id)
      .where('kind', '=', 'approval')
      .where('id', '=', itemId.slice(ITEM_PREFIX.length))
      .executeTakeFirst();
    return result.numDeletedRows === 1n ? item : null;
  }

  override failureOf(check: FailedCheck): VerificationFailure {
    if (check.result === 'denied') {
      const message = 'The pairing was denied on the device, or the number was wrong.';
      return { code: 'APPROVER_PAIRING_REFUSED', message };
    }
    return { code: 'APPROVER_PAIRING_EXPIRED', message: 'The device did not confirm the pairing in time.' };
  }
}
