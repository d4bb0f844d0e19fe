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
import type { FlowSeams } from '../flows/verification/verification-deps';
import { PasswordVerdictService, VERDICT_LIMIT } from '../flows/reset/password-verdict-service';
import { TenantDomains } from '../directory/tenant-domains';
import { HelpRequestService } from '../help-requests/help-request-service';
import { PolicyOverrideStore } from '../policy/policy-overrides';
import { ResetGuard } from '../policy/reset-guard';
import { ResetThrottle } from '../throttle/reset-throttle';
import { CheckLease } from '../throttle/check-lease';
import { VerdictThrottle } from '../throttle/verdict-throttle';
import { createThrottleRuntime, purgeThrottles } from './throttle-runtime';
import { buildApp } from '../http/app';
import { trustProxyOption } from '../http/trusted-proxies';
import type { AppLogOptions } from '../http/app';
import { seedDemoRegistrations } from '../demo/demo-registrations';
import { ANSWER_SCRYPT_COST } from '../methods/security-questions/security-questions';
import { createDeliveryRuntime } from './delivery-runtime';
import { createFlowServices } from './flow-services';
import type { ChangeFlowService } from '../flows/change/change-flow-service';
import type { TenantMethodDistribution } from '../flows/decoy/method-distribution';
import type { ResetFlowService } from '../flows/reset/reset-flow-service';
import { createVerificationMethods } from './verification-methods';
import { relyingPartyOf } from '../methods/passkey/passkey-settings';
import type { VerificationMethods } from './verification-methods';
import { loadPasswordChecker } from '../password/password-protection';
import { loadOrCreateServerSecrets } from '../secrets/server-secrets';
import { checkInstanceKeys } from './instance-keys';
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
import { OperationsWiring } from './operations-parts';
import { drainApp } from './http-drain';
import { serverLogger } from './server-logger';
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
  // The shutdown test's held route (http/routes/test-hold-routes.ts); set only from RESETDESK_TEST_HOLD_FILE.
  testHoldFile?: string;
  // Where the fault suite holds a reset on purpose (flows/verification/verification-deps.ts).
  seams?: FlowSeams;
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
  // Drains the requests in flight (cut after `graceMs`, unbounded when absent), stops the workers, closes the store.
  close(graceMs?: number): Promise<void>;
  // Every password and answer hash runs here (tests fill it to see SERVER_BUSY).
  hashPool: HashPool;
}

/**
 * The composition root: opens the data directory (secrets, database, migrations), seeds the demo tenant in demo
 * mode and wires every service into the Fastify app. Nothing listens yet.
 */
export async function createServerRuntime(config: ServerConfig, options: RuntimeOptions = {}): Promise<ServerRuntime> {
  const clock = options.clock ?? systemClock;
  const secrets = loadOrCreateServerSecrets(config.keysDir, { formerDir: config.dataDir });
  const store = await openStore(config.dataDir, config.store);
  const { logger, log } = serverLogger(options.log ?? { level: config.logLevel });
  let throttleRuntime: Awaited<ReturnType<typeof createThrottleRuntime>> | undefined;
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

    const ops = new OperationsWiring(config.operations);
    const domains = new TenantDomains([policy.emailDomain, ...policy.domainNames]);
    const configured = createDirectory(config.directory, { db, tenantId, hasher, clock, domains });
    const directory = ops.timed(options.wrapDirectory ? options.wrapDirectory(configured) : configured);
    const print = options.printOutbox ? { print: options.printOutbox } : {};
    const outbox = new DevOutbox({ db, tenantId, clock, ...print });
    const audit = ops.observed(new AuditLog({ db, tenantId, clock }));
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
      ringSeconds: policy.voiceCallSeconds, log,
      countChannel: ops.counted,
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
      passkeyRelyingParty: relyingPartyOf(config.passkey, config, policy.organizationName),
      hashPool,
    });
    const wasntMe = createWasntMeParts({ db, tenantId, clock, policy, hmacKey: secrets.codeHmacKey });
    if (config.demo) await seedDemoRegistrations(directory, [...methods.all, wasntMe.registeredEmails]);
    throttleRuntime = await createThrottleRuntime(config.redis, { db, tenantId });
    const throttleStore = throttleRuntime.store;
    const throttle = new ResetThrottle({
      store: throttleStore,
      policy: policy.throttle,
      clock,
      nameKey: secrets.decoyKey,
      canonicalName: (typed) => domains.canonical(typed),
    });
    await purgeThrottles(throttle);
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
    const { flows, changeFlows, registration, distribution } = await createFlowServices({
      db, tenantId, clock, flowLock: store.flowLock, directory, policy, methods, secrets, domains, guard,
      passwordChecker, delivery, audit, channels: deliveryRuntime.health, wasntMe, seams: options.seams,
    });
    await methods.passkey.credentials.purgeUsedChallenges();
    const verdicts = new VerdictThrottle({ store: throttleStore, clock, ...VERDICT_LIMIT });
    const passwordVerdicts = new PasswordVerdictService({
      db, tenantId, directory, passwordChecker, clock, guard, verdicts,
    });
    const strangerAudit = new CappedAudit({ db, tenantId, clock, audit });
    const deviceKey = loadOrCreateDeviceKey(config.keysDir, { formerDir: config.dataDir });
    await checkInstanceKeys(store, config.keysDir, secrets, deviceKey, clock);
    const devices = new DeviceService({ db, tenantId, deviceKey, audit, clock, strangerAudit });
    const app = buildApp({
      flows,
      passwordVerdicts,
      captcha,
      helpRequests,
      changeFlows,
      registration,
      version: SERVER_VERSION,
      publicConfig: publicConfigOf(policy, config.demo, domains),
      demo: config.demo ? { outbox, directory, audit, voice: methods.voice } : null,
      demoPasskeys: config.demo ? { directory, audit, registration: methods.passkey.registration } : null,
      approval: methods.approval,
      audit,
      wizardDir: config.wizardDir,
      log: options.log ?? { level: config.logLevel },
      ...(logger ? { logger } : {}), ...(options.testHoldFile ? { testHoldFile: options.testHoldFile } : {}),
      ...(config.tls
        ? { tls: { cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) } }
        : {}),
      trustProxy: trustProxyOption(config.trustedProxies),
      devices: { service: devices, requireEnrolledDevices: policy.requireEnrolledDevices },
      channelHealth: deliveryRuntime.health,
      operations: ops.parts({ db, directory, channels: deliveryRuntime.health, throttles: throttleRuntime }),
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
      async close(graceMs?: number) {
        await drainApp(app, graceMs, log);
        await deliveryRuntime.close();
        await directory.close?.();
        throttleRuntime?.close();
        await store.close();
        log.info({ component: 'runtime' }, 'server closed: workers stopped, directory and store closed');
      },
    };
  } catch (error) {
    throttleRuntime?.close();
    await store.close();
    throw error;
  }
}
