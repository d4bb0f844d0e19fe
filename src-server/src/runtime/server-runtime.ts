import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { AuditLog } from '../audit/audit-log';
import { CappedAudit } from '../audit/capped-audit';
import type { ServerConfig } from '../config/server-config';
import { seedDemoTenant } from '../demo/demo-tenant';
import type { Delivery } from '../delivery/delivery';
import { DevOutbox } from '../delivery/dev-outbox';
import { PlacedCalls } from '../delivery/voice/placed-calls';
import { providerCallbackWiring } from './provider-callback-wiring';
import { publicConfigOf } from './public-config';
import type { ChannelHealthMonitor } from '../delivery/health/channel-health';
import { createDirectory } from '../directory/create-directory';
import type { Directory } from '../directory/directory';
import { bulkHasher, PasswordHasher, PRODUCTION_SCRYPT_COST } from '../support/password-hash';
import type { ScryptCost } from '../support/password-hash';
import { HashPool } from '../support/hash-pool';
import type { ResetPolicy } from '../policy/reset-policy';
import { CaptchaService } from '../captcha/captcha-service';
import { ChangeFlowService } from '../flows/change/change-flow-service';
import { DecoyFlows } from '../flows/decoy/decoy-flows';
import { DecoyNameProfiles } from '../flows/decoy/decoy-name-profiles';
import { TenantMethodDistribution } from '../flows/decoy/method-distribution';
import { ResetFlowService } from '../flows/reset/reset-flow-service';
import { PasswordVerdictService } from '../flows/reset/password-verdict-service';
import { TenantDomains } from '../directory/tenant-domains';
import { HelpRequestService } from '../help-requests/help-request-service';
import { PolicyOverrideStore } from '../policy/policy-overrides';
import { ResetGuard } from '../policy/reset-guard';
import { ResetThrottle } from '../throttle/reset-throttle';
import { CheckLease } from '../throttle/check-lease';
import { SqliteThrottleStore } from '../throttle/sqlite-throttle-store';
import { buildApp } from '../http/app';
import { trustProxyOption } from '../http/trusted-proxies';
import type { AppLogOptions } from '../http/app';
import { seedDemoRegistrations } from '../demo/demo-registrations';
import { ANSWER_SCRYPT_COST } from '../methods/security-questions/security-questions';
import { createDeliveryRuntime } from './delivery-runtime';
import { createVerificationMethods } from './verification-methods';
import type { VerificationMethods } from './verification-methods';
import { loadPasswordChecker } from '../password/password-protection';
import { loadOrCreateServerSecrets } from '../secrets/server-secrets';
import { openStore } from '../store/store';
import type { Store } from '../store/store';
import { DEFAULT_TENANT_ID, ensureTenant } from '../store/tenants';
import { systemClock } from '../support/clock';
import type { Clock } from '../support/clock';
import { SERVER_VERSION } from '../version';
import { loadOrCreateDeviceKey } from '../devices/device-key';
import { DeviceService } from '../devices/device-service';
import { WasntMeService } from '../wasnt-me/wasnt-me-service';
import { createWasntMeParts } from './wasnt-me-parts';
import type { WasntMeParts } from './wasnt-me-parts';

/** Test and embedding seams. Production uses none of them. */
export interface RuntimeOptions {
  clock?: Clock;
  // Lower only in tests: production hashes at PRODUCTION_SCRYPT_COST (answers at ANSWER_SCRYPT_COST).
  scryptCost?: ScryptCost;
  // Where the dev outbox prints its console copy (stdout by default).
  printOutbox?: (text: string) => void;
  // Overrides the configured log level / destination; `false` silences the HTTP log.
  log?: AppLogOptions | false;
  // Replaces the delivery channel behind the queue (tests: a channel that fails).
  channel?: Delivery;
  // Wraps the configured directory (tests: one that goes down and comes back).
  wrapDirectory?: (directory: Directory) => Directory;
}

export type { VerificationMethods } from './verification-methods';

export interface ServerRuntime {
  config: ServerConfig;
  app: FastifyInstance;
  store: Store;
  directory: Directory;
  outbox: DevOutbox;
  audit: AuditLog;
  flows: ResetFlowService;
  // The effective policy: the configuration's, with the overrides stored by `policy set`.
  policy: ResetPolicy;
  throttle: ResetThrottle;
  captcha: CaptchaService;
  methods: VerificationMethods;
  devices: DeviceService;
  changeFlows: ChangeFlowService;
  // Holds, notice links and registered addresses ("This wasn't me").
  wasntMe: WasntMeParts;
  /**
   * Work done before the server takes requests: the survey decoys are drawn from, so that the first unknown name after
   * a start is not the one answer that waits for it (a timing tell). The serve command calls it before it listens.
   */
  prepare(): Promise<void>;
  // The survey of the tenant's accounts that decoys are drawn from (tests wait for its renewal).
  decoySurvey: TenantMethodDistribution;
  // The state of every configured delivery channel (tests check it now instead of waiting for the interval).
  channelHealth: ChannelHealthMonitor;
  // Every password and answer hash runs here (tests fill it to see SERVER_BUSY).
  hashPool: HashPool;
  close(): Promise<void>;
}


/**
 * The composition root: opens the data directory (secrets, database, migrations), seeds the demo tenant in demo
 * mode and wires every service into the Fastify app. Nothing listens yet.
 */
export async function createServerRuntime(config: ServerConfig, options: RuntimeOptions = {}): Promise<ServerRuntime> {
  const clock = options.clock ?? systemClock;
  const secrets = loadOrCreateServerSecrets(config.keysDir, { formerDir: config.dataDir });
  const store = await openStore(config.dataDir, config.store);
  try {
    const { db } = store;
    const tenantId = DEFAULT_TENANT_ID;
    // The policy file (and RESETDESK_* variables) with the changes made through `resetdesk-server policy set`.
    const policy = await new PolicyOverrideStore({ db, tenantId, clock }).effective(config.policy);
    // One pool for every hash (passwords, history, answers), so that together they never take every core.
    const hashPool = new HashPool(config.hashPool);
    const hasher = new PasswordHasher(options.scryptCost ?? PRODUCTION_SCRYPT_COST, hashPool);
    await ensureTenant(db, clock, tenantId, policy.organizationName);
    if (config.demo) await seedDemoTenant({ db, tenantId, hasher: bulkHasher(hasher.cost), clock });

    const domains = new TenantDomains([policy.emailDomain, ...policy.domainNames]);
    const configured = createDirectory(config.directory, { db, tenantId, hasher, clock, domains });
    const directory = options.wrapDirectory ? options.wrapDirectory(configured) : configured;
    const print = options.printOutbox ? { print: options.printOutbox } : {};
    const outbox = new DevOutbox({ db, tenantId, clock, ...print });
    const audit = new AuditLog({ db, tenantId, clock });
    // Only the demo may show codes on a console; a real server sends through its configured channels (SMTP for email)
    // and refuses the others. Either way requests only enqueue: what a person is told never depends on the channel
    // (delivery/delivery-queue.ts); a channel that is down is not offered (delivery/health/).
    const placedCalls = new PlacedCalls({ db, tenantId, clock });
    await placedCalls.purge();
    const deliveryRuntime = createDeliveryRuntime({
      config,
      db,
      tenantId,
      outbox,
      audit,
      clock,
      organizationName: policy.organizationName,
      placedCalls,
      ringSeconds: policy.voiceCallSeconds,
      ...(options.channel ? { channel: options.channel } : {}),
    });
    const delivery = deliveryRuntime.queue;
    const methods = createVerificationMethods({
      db,
      tenantId,
      delivery,
      clock,
      policy,
      codeHmacKey: secrets.codeHmacKey,
      answerCost: options.scryptCost ?? ANSWER_SCRYPT_COST,
      hashPool,
    });
    const wasntMe = createWasntMeParts({ db, tenantId, clock, policy, hmacKey: secrets.codeHmacKey });
    if (config.demo) await seedDemoRegistrations(directory, [...methods.all, wasntMe.registeredEmails]);
    const throttleStore = new SqliteThrottleStore({ db, tenantId });
    const throttle = new ResetThrottle({
      store: throttleStore,
      policy: policy.throttle,
      clock,
      nameKey: secrets.decoyKey,
      canonicalName: (typed) => domains.canonical(typed),
    });
    await throttle.purge();
    const captcha = new CaptchaService({
      db,
      tenantId,
      clock,
      policy: policy.captcha,
      key: secrets.codeHmacKey,
      failuresOf: (client) => throttle.recentClientFailures(throttle.scopes('', client)),
    });
    await wasntMe.noticeLinks.purgeExpired();
    const guard = new ResetGuard({ db, directory, policy, throttle, lease: new CheckLease(throttleStore), captcha });
    const helpRequests = new HelpRequestService({ directory, delivery, policy, audit, throttle, guard, clock });
    const passwordChecker = await loadPasswordChecker({
      db,
      tenantId,
      clock,
      policy: policy.passwordPolicy,
      organizationName: policy.organizationName,
      dataDir: config.dataDir,
    });
    const distribution = new TenantMethodDistribution({
      listUsers: async () => (await directory.listUsers?.()) ?? [],
      methods: methods.all,
      requirements: (user) => guard.requirements(user),
      questionCount: (user) => methods.questions.registeredCount(user),
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
      domains,
      byName,
    });
    // Both services drive change flows (this one shows and cancels them): they share the store's one flow lock.
    const { flowLock } = store;
    const flows = new ResetFlowService({
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
      channels: deliveryRuntime.health,
      ...wasntMe,
    });
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
    });
    await flows.purgeExpiredFlows();
    const passwordVerdicts = new PasswordVerdictService({ db, tenantId, directory, passwordChecker, clock, guard });
    const strangerAudit = new CappedAudit({ db, tenantId, clock, audit });
    const deviceKey = loadOrCreateDeviceKey(config.keysDir, { formerDir: config.dataDir });
    const devices = new DeviceService({ db, tenantId, deviceKey, audit, clock, strangerAudit });
    const app = buildApp({
      flows,
      passwordVerdicts,
      captcha,
      helpRequests,
      changeFlows,
      version: SERVER_VERSION,
      publicConfig: publicConfigOf(policy, config.demo, domains),
      demo: config.demo ? { outbox, directory, audit, voice: methods.voice } : null,
      approval: methods.approval,
      audit,
      wizardDir: config.wizardDir,
      log: options.log ?? { level: config.logLevel },
      ...(config.tls
        ? { tls: { cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) } }
        : {}),
      trustProxy: trustProxyOption(config.trustedProxies),
      devices: { service: devices, requireEnrolledDevices: policy.requireEnrolledDevices },
      channelHealth: deliveryRuntime.health,
      ...providerCallbackWiring(deliveryRuntime.channels, {
        db, tenantId, clock, audit, strangerAudit, voice: methods.voice, placedCalls,
      }),
      wasntMe: new WasntMeService({ links: wasntMe.noticeLinks, holds: wasntMe.holds, directory, policy, delivery,
        audit, strangerAudit }),
    });
    return {
      config,
      app,
      store,
      directory,
      outbox,
      audit,
      flows,
      policy,
      throttle,
      captcha,
      methods,
      devices,
      changeFlows,
      wasntMe,
      async prepare() {
        await distribution.current().catch(() => undefined);
        await deliveryRuntime.prepare();
      },
      decoySurvey: distribution,
      channelHealth: deliveryRuntime.health,
      hashPool,
      async close() {
        await app.close();
        await deliveryRuntime.close();
        await directory.close?.();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
