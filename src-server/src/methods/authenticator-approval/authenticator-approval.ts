import { randomBytes, randomInt } from 'node:crypto';
import { z } from 'zod';
import type { ApproverRequest, MethodOption } from '@resetdesk/shared';
import { sendOrPad } from '../../delivery/delivery';
import { logOf } from '../../support/log';
import type { Delivery } from '../../delivery/delivery';
import type { DirectoryUser } from '../../directory/directory';
import type { DecoyProfile } from '../decoy-profile';
import type { ResetPolicy } from '../../policy/reset-policy';
import type { ResetDeskDb } from '../../store/store';
import type { Clock } from '../../support/clock';
import { publicApprovalLabel } from './approval-label';
import { ApproverPairings } from './approver-pairings';
import type { MethodRegistrations } from '../method-registrations';
import { sha256Hex } from '../method-registrations';
import { PendingDecisionMethod } from '../pending-decision/pending-decision-method';
import type { ChallengeView, SendChallengeInput, VerificationMethod } from '../verification-method';
import { messagesFor } from '../../messages/catalogue';

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
export class AuthenticatorApprovalMethod extends PendingDecisionMethod implements VerificationMethod {
  readonly kind = 'approval' as const;
  private readonly deps: AuthenticatorApprovalDeps;
  private readonly random: (min: number, max: number) => number;
  // Devices being paired from security info: their page shows the pairing, with the same number matching.
  private readonly pairings: ApproverPairings;
  // A wrong number counts as a denial (see above), so both read as the app's.
  protected readonly decisionFailures = {
    denied: { code: 'APPROVAL_DENIED', message: 'The request was denied in the authenticator app.' },
    expired: { code: 'APPROVAL_EXPIRED', message: 'The request was not approved in time.' },
  } as const;

  constructor(deps: AuthenticatorApprovalDeps) {
    super(deps);
    this.deps = deps;
    this.random = deps.randomInt ?? ((min, max) => randomInt(min, max));
    this.pairings = new ApproverPairings(deps);
  }

  /** Registers the user's approver device and returns its key (the secret part of the approver link). */
  async register(userId: string, label: string, deviceKey = randomBytes(24).toString('base64url')): Promise<string> {
    await this.deps.registrations.save(userId, 'approval', JSON.stringify({ label }), sha256Hex(deviceKey));
    return deviceKey;
  }

  /** The demo user's approver device (demo/demo-users.ts), unless one is registered already. */
  async seedDemo(user: DirectoryUser, demo: { approver?: { label: string; key: string } }): Promise<void> {
    const { approver } = demo;
    if (!approver) return;
    const register = () => this.register(user.id, approver.label, approver.key);
    await this.deps.registrations.registerOnce(user.id, 'approval', register);
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

  async sendChallenge(input: SendChallengeInput): Promise<void> {
    const now = this.deps.clock.now();
    const lifetimeEnd = new Date(now.getTime() + this.deps.policy.approvalLifetimeSeconds * 1000);
    const expiresAt = lifetimeEnd < input.notAfter ? lifetimeEnd : input.notAfter;
    const number = this.random(10, 100);
    await this.openDecision(input, {
      kind: 'approval',
      // Approvals are found through the device key, not a secret of their own: this value is never handed out.
      secretHash: sha256Hex(randomBytes(18).toString('base64url')),
      number,
      // The approver types the number (Entra's number matching): it is offered no choices to tap at random.
      numbers: null,
      expiresAt,
    });
    await sendOrPad(
      this.deps.delivery,
      input.recipient
        ? {
            channel: 'push',
            to: input.option.maskedTarget,
            subject: messagesFor(input.locale).approvalPush.subject(this.deps.policy.organizationName),
            // The number is deliberately not in the notification: the person must read it off the wizard.
            body: messagesFor(input.locale).approvalPush.body,
            about: { userId: input.recipient.id, flowId: input.flowId },
            ...logOf(input),
          }
        : null,
    );
  }

  async view(flowId: string, methodId: string): Promise<ChallengeView | null> {
    const row = await this.decisions.latest(flowId, methodId);
    if (!row) return null;
    return { kind: 'approval', expiresAt: new Date(row.expires_at), ...(row.number === null ? {} : { number: row.number }) };
  }

  /**
   * The open requests for the device holding `deviceKey`; null when no device has that key. A device being paired
   * (its key not registered yet) sees its pairing and nothing else.
   */
  async pendingFor(deviceKey: string): Promise<ApproverRequest[] | null> {
    const device = await this.deps.registrations.findByLookupHash('approval', sha256Hex(deviceKey));
    if (!device) return this.pairingFor(deviceKey);
    const rows = await this.decisions.listOpenForUser(device.user_id);
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
        purpose: 'signIn',
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
    const row = device
      ? (await this.decisions.listOpenForUser(device.user_id)).find((r) => r.id === requestId)
      : await this.pairings.findOpen(sha256Hex(deviceKey));
    if (row?.id !== requestId) return null;
    const outcome = decision.decision === 'approve' && decision.number === row.number ? 'approved' : 'denied';
    return (await this.decisions.decide(row.id, outcome)) ? outcome : null;
  }

  private async pairingFor(deviceKey: string): Promise<ApproverRequest[] | null> {
    const row = await this.pairings.findOpen(sha256Hex(deviceKey));
    if (!row) return null;
    return [
      {
        id: row.id,
        requestedAt: row.created_at,
        expiresAt: row.expires_at,
        fromIp: row.from_ip,
        organizationName: this.deps.policy.organizationName,
        username: await this.pairings.usernameOf(row.flow_id),
        purpose: 'pairing',
      },
    ];
  }
}
