import type { AuditLog } from '../audit/audit-log';
import type { Delivery } from '../delivery/delivery';
import type { ChannelHealthMonitor } from '../delivery/health/channel-health';
import type { Directory } from '../directory/directory';
import type { TenantDomains } from '../directory/tenant-domains';
import { ChangeFlowService } from '../flows/change/change-flow-service';
import { DecoyFlows } from '../flows/decoy/decoy-flows';
import { DecoyNameProfiles } from '../flows/decoy/decoy-name-profiles';
import { TenantMethodDistribution } from '../flows/decoy/method-distribution';
import { ResetFlowService } from '../flows/reset/reset-flow-service';
import type { FlowSeams } from '../flows/verification/verification-deps';
import type { PasswordChecker } from '../password/password-checker';
import type { ResetGuard } from '../policy/reset-guard';
import type { ResetPolicy } from '../policy/reset-policy';
import type { ServerSecrets } from '../secrets/server-secrets';
import type { ResetDeskDb, Store } from '../store/store';
import type { Clock } from '../support/clock';
import { createRegistrationFlows, createRegistrationParts } from './registration-parts';
import type { VerificationMethods } from './verification-methods';
import type { WasntMeParts } from './wasnt-me-parts';

export interface FlowServicesDeps {
  db: ResetDeskDb;
  tenantId: string;
  clock: Clock;
  flowLock: Store['flowLock'];
  directory: Directory;
  policy: ResetPolicy;
  methods: VerificationMethods;
  secrets: ServerSecrets;
  domains: TenantDomains;
  guard: ResetGuard;
  passwordChecker: PasswordChecker;
  delivery: Delivery;
  audit: AuditLog;
  channels: ChannelHealthMonitor;
  wasntMe: WasntMeParts;
  seams?: FlowSeams | undefined;
}

/**
 * The wizard's flow services (reset and unlock, change, security info) and what an unknown name is shown instead
 * (decoys drawn from the tenant's accounts). Split from the composition root because they share one set of
 * dependencies; the reset and change services share the store's one flow lock (the reset service shows and cancels
 * change flows too). Rows that went stale while the server was down are settled and purged before it takes requests.
 */
export async function createFlowServices(deps: FlowServicesDeps) {
  const { db, tenantId, clock, flowLock, directory, policy, methods, secrets, guard, delivery, audit } = deps;
  const distribution = new TenantMethodDistribution({
    listUsers: async () => (await directory.listUsers?.()) ?? [],
    methods: methods.all,
    requirements: (user) => guard.requirements(user),
    questionCount: (user) => methods.questions.registeredCount(user),
    // Read when a survey runs (after start-up, so the parts below exist by then).
    defaultOf: (user) => registrationParts.contacts.defaultOf(user.id),
    complete: (user, defaultItemId) => registrationParts.contacts.complete(user, defaultItemId),
    clock,
  });
  const byName = new DecoyNameProfiles({ db, key: secrets.decoyKey, clock });
  // Strangers create these rows: the ones past their retention go at every start (and whenever the table is full).
  await byName.purge();
  const decoys = new DecoyFlows({
    db,
    key: secrets.decoyKey,
    policy,
    methods: methods.all,
    distribution,
    domains: deps.domains,
    byName,
  });
  const wasntMe = deps.wasntMe;
  const registrationParts = createRegistrationParts({
    db,
    tenantId,
    clock,
    delivery,
    policy,
    secrets,
    wasntMe,
    methods,
  });
  const { passwordChecker } = deps;
  const verifiedDeps = {
    db,
    flowLock,
    tenantId,
    directory,
    policy,
    methods: methods.all,
    decoys,
    passwordChecker,
    delivery,
    audit,
    clock,
    guard,
    channels: deps.channels,
    ...wasntMe,
    contacts: registrationParts.contacts,
    ...(deps.seams ? { seams: deps.seams } : {}),
  };
  const registration = createRegistrationFlows(verifiedDeps, registrationParts, methods.tap.passes);
  const flows = new ResetFlowService({ ...verifiedDeps, registration });
  const changeFlows = new ChangeFlowService({
    db,
    flowLock,
    tenantId,
    directory,
    policy,
    passwordChecker,
    delivery,
    audit,
    clock,
    guard,
    ...wasntMe,
    securityInfo: registration,
  });
  await flows.settleInterruptedWrites();
  await flows.purgeExpiredFlows();
  return { flows, changeFlows, registration, distribution };
}
