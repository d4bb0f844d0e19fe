import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { join } from 'node:path';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { APPROVER_KEY_HEADER, DEVICE_HEADERS, FLOW_TOKEN_HEADER } from '@resetdesk/shared';
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

export interface AppLogOptions {
  level: string;
  // Where log lines go (stdout when absent). Tests pass a stream to inspect what would be logged.
  stream?: { write(line: string): void };
}

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
  // The approver page and API for registered approver devices; absent when approvals are not wired in.
  approval?: AuthenticatorApprovalMethod;
  // Where the approver's decisions are recorded.
  audit?: AuditLog;
  // The built wizard; served at `/` when the folder holds an index.html.
  wizardDir: string | null;
  log: AppLogOptions | false;
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
}

// Requests are a username, a code or a password: 16 KiB is generous and keeps hostile bodies cheap.
export const BODY_LIMIT_BYTES = 16 * 1024;

// Belt and braces: the default serializers do not log headers, but if someone adds them these stay out.
const REDACTED_PATHS = [
  `req.headers["${FLOW_TOKEN_HEADER}"]`,
  `req.headers["${DEVICE_HEADERS.signature}"]`,
  `req.headers["${APPROVER_KEY_HEADER}"]`,
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

function fastifyOptions(deps: AppDeps): FastifyServerOptions {
  const options: FastifyServerOptions = {
    bodyLimit: BODY_LIMIT_BYTES,
    routerOptions: { ...ROUTER_OPTIONS },
    trustProxy: deps.trustProxy ?? false,
    genReqId: () => randomUUID(),
    logger:
      deps.log === false
        ? false
        : {
            level: deps.log.level,
            redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
            ...(deps.log.stream ? { stream: deps.log.stream } : {}),
          },
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
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  addSecurityHeaders(app, { https: deps.tls !== undefined });
  if (deps.devices) {
    installDeviceAuth(app, {
      devices: deps.devices.service,
      requireEnrolledDevices: deps.devices.requireEnrolledDevices,
      bodyLimitBytes: BODY_LIMIT_BYTES,
    });
    void app.register(deviceRoutes, { devices: deps.devices.service });
  }

  void app.register(healthRoutes, { version: deps.version, channels: deps.channelHealth ?? null });
  // Every declared operation the server answers: the public config, flows, the verdict, CAPTCHA and help requests.
  void app.register(operationRoutes, { handlers: operationHandlers(deps) });
  if (deps.approval) void app.register(approverRoutes, { approval: deps.approval, audit: deps.audit ?? null });
  if (deps.demo) void app.register(demoRoutes, deps.demo);
  if (deps.twilioStatus) void app.register(twilioStatusRoutes, deps.twilioStatus);
  if (deps.twilioVoice) void app.register(twilioVoiceRoutes, deps.twilioVoice);
  if (deps.webhookEvents) void app.register(webhookEventRoutes, deps.webhookEvents);
  if (deps.wasntMe) void app.register(wasntMeRoutes, { service: deps.wasntMe });
  if (deps.wizardDir && existsSync(join(deps.wizardDir, 'index.html'))) {
    void app.register(wizardRoutes, { wizardDir: deps.wizardDir });
  }
  return app;
}
