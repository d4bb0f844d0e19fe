import type { FlowResponse } from '@resetdesk/shared';
import type { AuditLog } from '../../audit/audit-log';
import type { Delivery } from '../../delivery/delivery';
import type { ChannelAvailability } from '../../delivery/health/channel-check';
import type { Directory } from '../../directory/directory';
import type { VerificationMethod } from '../../methods/verification-method';
import type { RegisteredEmails } from '../../methods/email-code/registered-emails';
import type { RegisteredContacts } from '../../methods/registered-contacts';
import type { AccountHolds } from '../../policy/account-holds';
import type { NoticeLinks } from '../../wasnt-me/notice-links';
import type { PasswordChecker } from '../../password/password-checker';
import type { ResetGuard } from '../../policy/reset-guard';
import type { ResetPolicy } from '../../policy/reset-policy';
import type { FlowRow } from '../../store/database-schema';
import type { ResetDeskDb } from '../../store/store';
import type { Clock } from '../../support/clock';
import type { KeyedLock } from '../../support/keyed-mutex';
import type { DecoyFlows } from '../decoy/decoy-flows';
import type { FlowEngine, LoadedFlow } from '../engine/flow-engine';
import type { RequestContext } from '../engine/request-context';

/** What the flows that pass verification gates (reset, unlock) are built from. */
export interface VerifiedFlowDeps {
  db: ResetDeskDb;
  tenantId: string;
  directory: Directory;
  policy: ResetPolicy;
  methods: readonly VerificationMethod[];
  passwordChecker: PasswordChecker;
  delivery: Delivery;
  audit: AuditLog;
  clock: Clock;
  // Policy (groups, admins, networks) and throttles: see policy/reset-guard.ts.
  guard: ResetGuard;
  // What unknown names get instead of an account: see flows/decoy/.
  decoys: DecoyFlows;
  // Which delivery channels are down: their methods are not offered (none when absent).
  channels?: ChannelAvailability;
  // "This wasn't me": holds that stop self-service, the notices' links and addresses (flows/account-notices.ts).
  holds?: AccountHolds;
  noticeLinks?: NoticeLinks;
  registeredEmails?: RegisteredEmails;
  // Security info: the registered email and phone where the directory has none (flows/engine/flow-options.ts).
  contacts?: RegisteredContacts;
  // Register flows: the steps after sign-in and after the verification gate (flows/registration/).
  registration?: RegistrationSteps;
  // The store's flow lock, shared by every service that drives flows (flow-engine.ts).
  flowLock: KeyedLock;
  // Tests only (RuntimeOptions.seams): the production entry points never pass it.
  seams?: FlowSeams;
}

/**
 * Where the fault suite holds a request on purpose (test/server/faults/): a crash there must leave nothing half done.
 * A hook, not an environment variable: only code that builds the runtime itself (a test) can set it.
 */
export interface FlowSeams {
  // After the directory accepted a reset's new password, before the flow is recorded and committed.
  afterPasswordWrite?: () => Promise<void>;
}

/**
 * What a register flow (flows/registration/) adds to the shared verification steps: its own view of its states, and
 * where it goes once the one registered method it asks for has been verified (its list, not a new password).
 */
export interface RegistrationSteps {
  view(loaded: LoadedFlow, context: RequestContext): Promise<FlowResponse>;
  afterGate(flow: FlowRow, token: string, context: RequestContext): Promise<FlowResponse>;
  // checkDecision while a proof decided on another device is open (an approver device's pairing).
  pollProof(loaded: LoadedFlow, context: RequestContext): Promise<FlowResponse>;
}

/** The same, with the engine the steps run on. */
export type VerifiedFlowKit = VerifiedFlowDeps & { engine: FlowEngine };
