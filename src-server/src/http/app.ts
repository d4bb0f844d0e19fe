import { existsSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { join } from 'node:path';
import Fastify from 'fastify';
import type { FastifyBaseLogger, FastifyInstance, FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { PublicConfig } from '@resetdesk/shared';
import type { AuditLog } from '../audit/audit-log';
import type { CaptchaService } from '../captcha/captcha-service';
import type { DevOutbox } from '../delivery/dev-outbox';
import type { Directory } from '../directory/directory';
import type { ChangeFlowService } from '../flows/change/change-flow-service';
import type { RegistrationFlowService } from '../flows/registration/registration-flow-service';
import type { ResetFlowService } from '../flows/reset/reset-flow-service';
import type { HelpRequestService } from '../help-requests/help-request-service';
import type { AuthenticatorApprovalMethod } from '../methods/authenticator-approval/authenticator-approval';
import type { VoiceCallMethod } from '../methods/voice-call/voice-call';
import { approverRoutes } from './routes/approver-routes';
import { installErrorHandling } from './errors';
import { operationHandlers } from './routes/operation-handlers';
import { operationRoutes } from './routes/operation-routes';
import { demoRoutes } from './routes/demo-routes';
import { demoPasskeyRoutes } from './routes/demo-passkey-routes';
import type { DemoPasskeyRoutesOptions } from './routes/demo-passkey-routes';
import type { PasswordVerdictService } from '../flows/reset/password-verdict-service';
import { healthRoutes } from './routes/health-routes';
import type { ChannelHealthReport } from './routes/health-routes';
import { wizardRoutes } from './routes/wizard-routes';
import { addSecurityHeaders } from './security-headers';
import { ROUTER_OPTIONS } from './matched-route';
import { installDeviceAuth } from './device-auth-hook';
import { deviceRoutes } from './routes/device-routes';
import type { DeviceService } from '../devices/device-service';
import { twilioStatusRoutes } from './routes/twilio-status-routes';
import type { TwilioStatusRoutesOptions } from './routes/twilio-status-routes';
import { twilioVoiceRoutes } from './routes/twilio-voice-routes';
import type { TwilioVoiceRoutesOptions } from './routes/twilio-voice-routes';
import { webhookEventRoutes } from './routes/webhook-event-routes';
import type { WebhookEventRoutesOptions } from './routes/webhook-event-routes';
import type { WasntMeService } from '../wasnt-me/wasnt-me-service';
import { wasntMeRoutes } from './routes/wasnt-me-routes';
import { installOperations, registerOperationRoutes } from './operations/operations-wiring';
import type { OperationsParts } from './operations/operations-wiring';

import { createAppLogger } from './app-logger';
import type { AppLogOptions } from './app-logger';
import { REQUEST_ID_HEADER, requestIdGenerator } from './request-id';
import { testHoldRoutes } from './routes/test-hold-routes';

export type { AppLogOptions } from './app-logger';

export interface AppDeps {
  flows: ResetFlowService;
  // CAPTCHA issuing and helpdesk requests (absent in embeddings that do not offer them).
  captcha?: CaptchaService;
  helpRequests?: HelpRequestService;
  changeFlows: ChangeFlowService;
  // Security info (register flows); absent in embeddings that do not offer registration.
  registration?: RegistrationFlowService;
  // The live password verdict at the new-password step (absent in embeddings that do not offer it).
  passwordVerdicts?: PasswordVerdictService;
  publicConfig: PublicConfig;
  version: string;
  // Only in demo mode; without it the demo routes do not exist.
  demo: { outbox: DevOutbox; directory: Directory; audit: AuditLog; voice: VoiceCallMethod } | null;
  // Demo mode only: registers a passkey for a demo user, until the registration flow does it.
  demoPasskeys?: DemoPasskeyRoutesOptions | null;
  // The approver page and API for registered approver devices; absent when approvals are not wired in.
  approval?: AuthenticatorApprovalMethod;
  // Where the approver's decisions are recorded.
  audit?: AuditLog;
  // The built wizard; served at `/` when the folder holds an index.html.
  wizardDir: string | null;
  log: AppLogOptions | false;
  // The server's logger (http/app-logger.ts), shared with the workers; made from `log` when absent.
  logger?: FastifyBaseLogger;
  // Test seam (the shutdown test): a route whose answer waits until this file exists. Never set in production.
  testHoldFile?: string;
  tls?: { cert: Buffer; key: Buffer };
  // Who may set the client address through X-Forwarded-For (see trusted-proxies.ts); nobody when absent.
  trustProxy?: false | ((address: string, hop: number) => boolean);
  // Device enrollment and signed requests; absent in tests that build the app without them.
  devices?: { service: DeviceService; requireEnrolledDevices: boolean };
  // Twilio's signed status callbacks; only when Twilio is configured with a statusCallbackUrl.
  twilioStatus?: TwilioStatusRoutesOptions;
  // Twilio's signed gather and call status callbacks; only when voice calls go through Twilio.
  twilioVoice?: TwilioVoiceRoutesOptions;
  // The delivery channels' states for the health report (none listed when absent).
  channelHealth?: ChannelHealthReport;
  // The organisation's gateway's signed events; only when a channel goes through a gateway.
  webhookEvents?: WebhookEventRoutesOptions;
  // The "This wasn't me" page and its calls; absent in embeddings without notice links.
  wasntMe?: WasntMeService;
  // /docs, /readyz, /metrics and load shedding (http/operations/); absent in embeddings that build the app without.
  operations?: OperationsParts;
}

// Requests are a username, a code or a password: 16 KiB is generous and keeps hostile bodies cheap.
export const BODY_LIMIT_BYTES = 16 * 1024;

function fastifyOptions(deps: AppDeps): FastifyServerOptions {
  const options: FastifyServerOptions = {
    bodyLimit: BODY_LIMIT_BYTES,
    routerOptions: { ...ROUTER_OPTIONS },
    trustProxy: deps.trustProxy ?? false,
    genReqId: requestIdGenerator(deps.trustProxy ?? false),
    ...(deps.log === false ? { logger: false } : { loggerInstance: deps.logger ?? createAppLogger(deps.log) }),
  };
  const tls = deps.tls;
  if (tls) {
    options.serverFactory = (handler) => createHttpsServer({ cert: tls.cert, key: tls.key }, handler);
  }
  return options;
}

/** Builds the reset server's Fastify app from its dependencies. Does not listen: call `listen` or use `inject`. */
export function buildApp(deps: AppDeps): FastifyInstance {
  const app = Fastify(fastifyOptions(deps));
  installErrorHandling(app);
  // The id every line of this request's log carries, answered back so a person's report can be found in the log.
  app.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
  addSecurityHeaders(app, { https: deps.tls !== undefined });
  // Before any route: the OpenAPI document collects routes as they are added; shedding and timing see every request.
  if (deps.operations) installOperations(app, deps.operations, deps.version);
  if (deps.devices) {
    installDeviceAuth(app, {
      devices: deps.devices.service,
      requireEnrolledDevices: deps.devices.requireEnrolledDevices,
      bodyLimitBytes: BODY_LIMIT_BYTES,
    });
  }
  // The zod compilers only where the API's routes are, not on the root: a plugin's own JSON-schema route (such as
  // @fastify/under-pressure's status route) would fail at ready() under them.
  void app.register((api, _options, done) => {
    api.setValidatorCompiler(validatorCompiler);
    api.setSerializerCompiler(serializerCompiler);
    registerRoutes(api, deps);
    done();
  });
  return app;
}

function registerRoutes(app: FastifyInstance, deps: AppDeps): void {
  if (deps.devices) void app.register(deviceRoutes, { devices: deps.devices.service });
  void app.register(healthRoutes, { version: deps.version, channels: deps.channelHealth ?? null });
  if (deps.operations) registerOperationRoutes(app, deps.operations);
  // Every declared operation the server answers: the public config, flows, the verdict, CAPTCHA and help requests.
  void app.register(operationRoutes, { handlers: operationHandlers(deps) });
  if (deps.approval) void app.register(approverRoutes, { approval: deps.approval, audit: deps.audit ?? null });
  if (deps.demo) void app.register(demoRoutes, deps.demo);
  if (deps.demo && deps.demoPasskeys) void app.register(demoPasskeyRoutes, deps.demoPasskeys);
  if (deps.twilioStatus) void app.register(twilioStatusRoutes, deps.twilioStatus);
  if (deps.twilioVoice) void app.register(twilioVoiceRoutes, deps.twilioVoice);
  if (deps.webhookEvents) void app.register(webhookEventRoutes, deps.webhookEvents);
  if (deps.wasntMe) void app.register(wasntMeRoutes, { service: deps.wasntMe });
  if (deps.testHoldFile) void app.register(testHoldRoutes, { file: deps.testHoldFile });
  if (deps.wizardDir && existsSync(join(deps.wizardDir, 'index.html'))) {
    void app.register(wizardRoutes, { wizardDir: deps.wizardDir });
  }
}
