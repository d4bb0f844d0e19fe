import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  DEVICE_HEADERS,
  DEVICE_ROUTES,
  DeviceIdSchema,
  FLOW_TOKEN_HEADER,
  MachineIdHashSchema,
  NonceSchema,
  ROUTES,
  WASNT_ME_ROUTES,
} from '@resetdesk/shared';
import { AppError } from '../errors/app-error';
import { isApiRoute, matchedRoute } from './matched-route';
import type { DeviceService } from '../devices/device-service';
import { TWILIO_STATUS_PATH } from './routes/twilio-status-routes';
import { WEBHOOK_EVENTS_PATH } from './routes/webhook-event-routes';

export interface DeviceAuthOptions {
  devices: DeviceService;
  /** Policy "require enrolled devices": unsigned API requests are refused. Signed ones are always checked. */
  requireEnrolledDevices: boolean;
  /** Bodies larger than this are refused while hashing (the app's own body limit). */
  bodyLimitBytes: number;
}

const EMPTY_SHA256 = createHash('sha256').digest('hex');
const bodyHashes = new WeakMap<FastifyRequest, string>();
// The device whose signature this request passed: its throttle scope and the device its flow is bound to.
const verifiedDevices = new WeakMap<FastifyRequest, string>();

/** The enrolled device that signed this request (checked by the hook), or null for an unsigned request. */
export function verifiedDeviceOf(request: FastifyRequest): string | null {
  return verifiedDevices.get(request) ?? null;
}

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function headerText(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(',') : (value ?? '');
}

const SignatureHeadersSchema = z.object({
  [DEVICE_HEADERS.deviceId]: DeviceIdSchema,
  [DEVICE_HEADERS.timestamp]: z.string().regex(/^\d{1,16}$/u),
  [DEVICE_HEADERS.nonce]: NonceSchema,
  [DEVICE_HEADERS.machine]: MachineIdHashSchema,
  [DEVICE_HEADERS.signature]: z.string().regex(/^[A-Za-z0-9_-]{43}$/u),
});

// Enrollment is how a device gets a credential; the demo routes exist only in demo mode, for tests and the README.
// The approver's calls come from the user's own phone, never an enrolled desktop: its approver key (a header the
// approval method checks) is what authenticates them. The approver page and script live outside API_PREFIX.
const UNSIGNED_PATHS = new Set<string>([
  DEVICE_ROUTES.enroll,
  ROUTES.demoOutbox,
  ROUTES.demoSignIn,
  ROUTES.demoPhone,
  ROUTES.approverRequests,
  ROUTES.approverDecision,
  // Twilio, not a desktop: its X-Twilio-Signature is checked by the route.
  TWILIO_STATUS_PATH,
  // The organisation's gateway: its Standard Webhooks signature is checked by the route.
  WEBHOOK_EVENTS_PATH,
  // A person's own browser, from a notice's link: the link's single-use token is what it carries.
  WASNT_ME_ROUTES.lookup,
  WASNT_ME_ROUTES.confirm,
]);

// Decided by the route the router matched, never the raw URL (see matched-route.ts). A request that matched no route
// reaches no handler and gets the same 404 whatever it carries.
function needsDeviceCheck(request: FastifyRequest): boolean {
  const route = matchedRoute(request);
  return isApiRoute(route) && route !== null && !UNSIGNED_PATHS.has(route);
}

function refusal(message: string): AppError {
  return new AppError('DEVICE_NOT_TRUSTED', message);
}

/**
 * Checks device signatures on every API request. preParsing hashes the exact body bytes (the JSON parser would lose
 * them), preValidation checks the signature before the body is even validated, so an untrusted device learns nothing
 * from validation errors.
 */
export function installDeviceAuth(app: FastifyInstance, options: DeviceAuthOptions): void {
  app.addHook('preParsing', async (request, _reply, payload) => {
    if (!needsDeviceCheck(request)) return payload;
    const hash = createHash('sha256');
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of payload) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
      size += buffer.length;
      if (size > options.bodyLimitBytes) {
        throw Object.assign(new Error('Request body is too large'), { statusCode: 413 });
      }
      hash.update(buffer);
      chunks.push(buffer);
    }
    bodyHashes.set(request, hash.digest('hex'));
    const replay = Readable.from(chunks.length > 0 ? [Buffer.concat(chunks)] : []);
    // Fastify compares this with Content-Length.
    return Object.assign(replay, { receivedEncodedLength: size });
  });

  app.addHook('preValidation', async (request) => {
    if (!needsDeviceCheck(request)) return;
    const headers = request.headers;
    if (headers[DEVICE_HEADERS.deviceId] === undefined && headers[DEVICE_HEADERS.signature] === undefined) {
      if (options.requireEnrolledDevices) throw refusal('This reset server accepts requests from enrolled devices only.');
      return;
    }
    const parsed = SignatureHeadersSchema.safeParse(headers);
    if (!parsed.success) throw refusal('The device signature headers are incomplete or malformed.');
    const values = parsed.data;
    await options.devices.verify(
      {
        deviceId: values[DEVICE_HEADERS.deviceId],
        signature: values[DEVICE_HEADERS.signature],
        method: request.method,
        path: request.url,
        timestampMs: Number(values[DEVICE_HEADERS.timestamp]),
        nonce: values[DEVICE_HEADERS.nonce],
        machineIdHash: values[DEVICE_HEADERS.machine],
        bodySha256: bodyHashes.get(request) ?? EMPTY_SHA256,
        flowTokenSha256: sha256Hex(headerText(headers[FLOW_TOKEN_HEADER])),
      },
      { ip: request.ip, log: request.log },
    ).then((device) => verifiedDevices.set(request, device.id));
  });
}
