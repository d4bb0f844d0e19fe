import { randomBytes, randomInt } from 'node:crypto';
import { z } from 'zod';
import type { ApproverRequest, MethodOption } from '@resetdesk/shared';
import { sendOrPad } from '../../delivery/delivery';
import type { Delivery } from '../../delivery/delivery';
import type { DirectoryUser } from '../../directory/directory';
import type { DecoyProfile } from '../decoy-profile';
import type { ResetPolicy } from '../../policy/reset-policy';
import type { ResetDeskDb } from '../../store/store';
import type { Clock } from '../../support/clock';
import { publicApprovalLabel } from './approval-label';
import { ChallengeStore } from '../challenge-store';
import type { MethodRegistrations } from '../method-registrations';
import { sha256Hex } from '../method-registrations';
import { PendingApprovals } from '../pending-decision/pending-approvals';
import type {
  ChallengeCheck,
  ChallengeView,
  SendChallengeInput,
  VerificationAnswer,
  VerificationMethod,
} from '../verification-method';

export const APPROVAL_METHOD_ID = 'approval';

const DeviceDataSchema = z.object({ label: z.string() }).strict();

export interface AuthenticatorApprovalDeps {
  db: ResetDeskDb;
  delivery: Delivery;
  clock: Clock;
  registrations: MethodRegistrations;
  policy: Pick<ResetPolicy, 'approvalLifetimeSeconds' | 'organizationName'>;
  randomInt?: (min: number, max: number) => number;
}

export type ApproverDecision = { decision: 'approve'; number: number } | { decision: 'deny' };

/**
 * Approval in the authenticator app with number matching: the wizard shows a number, the approver page on the user's
 * registered device shows where and when the request comes from and asks the person to type the number the wizard
 * shows (Entra's number matching: no choices to tap, so a random tap cannot approve); a wrong number counts as a
 * denial, as in Microsoft Authenticator. Requests expire after 2 minutes.
 * The device proves itself with the key it got at registration (only its SHA-256 is stored).
 */
export class AuthenticatorApprovalMethod implements VerificationMethod {
  readonly kind = 'approval' as const;
  readonly answerKind = 'poll' as const;
  readonly capsSends = true;
  private readonly deps: AuthenticatorApprovalDeps;
  private readonly challenges: ChallengeStore;
  private readonly approvals: PendingApprovals;
  private readonly random: (min: number, max: number) => number;

  constructor(deps: AuthenticatorApprovalDeps) {
    this.deps = deps;
    this.challenges = new ChallengeStore({ db: deps.db, clock: deps.clock });
    this.approvals = new PendingApprovals({ db: deps.db, clock: deps.clock });
    this.random = deps.randomInt ?? ((min, max) => randomInt(min, max));
  }

  /** Registers the user's approver device and returns its key (the secret part of the approver link). */
  async register(userId: string, label: string, deviceKey = randomBytes(24).toString('base64url')): Promise<string> {
    await this.deps.registrations.save(userId, 'approval', JSON.stringify({ label }), sha256Hex(deviceKey));
    return deviceKey;
  }

  async optionFor(user: DirectoryUser): Promise<MethodOption | null> {
    const registration = await this.deps.registrations.find(user.id, 'approval');
    if (!registration) return null;
    const { label } = DeviceDataSchema.parse(JSON.parse(registration.data));
    return { id: APPROVAL_METHOD_ID, kind: 'approval', maskedTarget: publicApprovalLabel(label, user) };
  }

  decoyOptionFor(profile: DecoyProfile): MethodOption {
    return { id: APPROVAL_METHOD_ID, kind: 'approval', maskedTarget: profile.approvalLabel };
  }

  challengesSent(flowId: string, methodId: string): Promise<number> {
    return this.challenges.countSent(flowId, methodId);
  }

  async isLocked(): Promise<boolean> {
    return false;
  }

  async sendChallenge(input: SendChallengeInput): Promise<void> {
    const now = this.deps.clock.now();
    const lifetimeEnd = new Date(now.getTime() + this.deps.policy.approvalLifetimeSeconds * 1000);
    const expiresAt = lifetimeEnd < input.notAfter ? lifetimeEnd : input.notAfter;
    const number = this.random(10, 100);
    await this.challenges.replace({
      flowId: input.flowId,
      methodId: input.option.id,
      codeHmac: '',
      expiresAt,
      maxAttempts: 1,
    });
    await this.approvals.replace({
      flowId: input.flowId,
      methodId: input.option.id,
      kind: 'approval',
      userId: input.recipient?.id ?? null,
      // Approvals are found through the device key, not a secret of their own: this value is never handed out.
      secretHash: sha256Hex(randomBytes(18).toString('base64url')),
      number,
      // The approver types the number (Entra's number matching): it is offered no choices to tap at random.
      numbers: null,
      fromIp: input.clientIp ?? null,
      expiresAt,
    });
    await sendOrPad(
      this.deps.delivery,
      input.recipient
        ? {
            channel: 'push',
            to: input.option.maskedTarget,
            subject: `${this.deps.policy.organizationName}: approve sign-in request?`,
            // The number is deliberately not in the notification: the person must read it off the wizard.
            body: 'Open your approver page to approve or deny the request.',
            about: { userId: input.recipient.id, flowId: input.flowId },
          }
        : null,
    );
  }

  async view(flowId: string, methodId: string): Promise<ChallengeView | null> {
    const row = await this.approvals.latest(flowId, methodId);
    if (!row) return null;
    return { kind: 'approval', expiresAt: new Date(row.expires_at), ...(row.number === null ? {} : { number: row.number }) };
  }

  async verify(flowId: string, methodId: string, answer: VerificationAnswer): Promise<ChallengeCheck> {
    if (answer.kind !== 'poll') return { result: 'pending' };
    const check = await this.approvals.check(flowId, methodId);
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

  /** The open requests for the device holding `deviceKey`; null when no device has that key. */
  async pendingFor(deviceKey: string): Promise<ApproverRequest[] | null> {
    const device = await this.deps.registrations.findByLookupHash('approval', sha256Hex(deviceKey));
    if (!device) return null;
    const rows = await this.approvals.listOpenForUser(device.user_id);
    const requests: ApproverRequest[] = [];
    for (const row of rows) {
      const flow = await this.deps.db
        .selectFrom('flows')
        .select('username')
        .where('id', '=', row.flow_id)
        .executeTakeFirst();
      requests.push({
        id: row.id,
        requestedAt: row.created_at,
        expiresAt: row.expires_at,
        fromIp: row.from_ip,
        organizationName: this.deps.policy.organizationName,
        username: flow?.username ?? '',
      });
    }
    return requests;
  }

  /**
   * The approver's answer. Returns what was recorded, or null when the device is unknown or the request is not its
   * own or no longer open.
   */
  async decide(deviceKey: string, requestId: string, decision: ApproverDecision): Promise<'approved' | 'denied' | null> {
    const device = await this.deps.registrations.findByLookupHash('approval', sha256Hex(deviceKey));
    if (!device) return null;
    const row = (await this.approvals.listOpenForUser(device.user_id)).find((r) => r.id === requestId);
    if (!row) return null;
    const outcome = decision.decision === 'approve' && decision.number === row.number ? 'approved' : 'denied';
    return (await this.approvals.decide(row.id, outcome)) ? outcome : null;
  }
}
