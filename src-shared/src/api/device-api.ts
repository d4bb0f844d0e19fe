import { z } from 'zod';
import { API_PREFIX } from './http-api';

/**
 * Device enrollment and signed requests (desktop app <-> reset server).
 *
 * IT creates an enrollment token on the server; the app enrolls once with it and a hash of its machine id and gets a
 * device credential (id + secret), which it keeps in the OS keychain. From then on it signs every API request: an
 * HMAC-SHA256 with the device secret over the canonical string below. The server checks the device (enrolled, not
 * revoked, same machine), the timestamp (within the skew window) and the nonce (never seen before), so a captured
 * request cannot be replayed and a copied credential does not work on another machine.
 */
export const DEVICE_ROUTES = {
  enroll: `${API_PREFIX}/devices/enroll`, // POST EnrollDeviceRequest -> EnrollDeviceResponse (201)
} as const;

export const DEVICE_HEADERS = {
  deviceId: 'x-resetdesk-device',
  timestamp: 'x-resetdesk-timestamp',
  nonce: 'x-resetdesk-nonce',
  machine: 'x-resetdesk-machine',
  signature: 'x-resetdesk-signature',
} as const;

/** How far the device's clock may be from the server's, either way. */
export const SIGNATURE_MAX_SKEW_MS = 5 * 60_000;
export const SIGNATURE_ALGORITHM = 'RESETDESK-HMAC-SHA256';

// Lowercase hex SHA-256: the machine id never leaves the device in the clear.
export const MachineIdHashSchema = z.string().regex(/^[0-9a-f]{64}$/u, 'a hex SHA-256');
export const EnrollmentTokenSchema = z
  .string()
  .trim()
  .regex(/^rdet_[A-Za-z0-9_-]{43}$/u, 'an enrollment token');
export const DeviceIdSchema = z.uuid();
export const DeviceSecretSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/u);
export const NonceSchema = z.string().regex(/^[A-Za-z0-9_-]{22,64}$/u);

export const EnrollDeviceRequestSchema = z
  .object({
    enrollmentToken: EnrollmentTokenSchema,
    machineIdHash: MachineIdHashSchema,
    deviceName: z
      .string()
      .trim()
      .min(1)
      .max(128)
      .regex(/^\P{Cc}+$/u, 'no control characters'),
    appVersion: z.string().max(64).optional(),
  })
  .strict();
export type EnrollDeviceRequest = z.infer<typeof EnrollDeviceRequestSchema>;

export const EnrollDeviceResponseSchema = z
  .object({ deviceId: DeviceIdSchema, deviceSecret: DeviceSecretSchema })
  .strict();
export type EnrollDeviceResponse = z.infer<typeof EnrollDeviceResponseSchema>;

export interface SignedRequestParts {
  method: string;
  /** Path and query exactly as sent on the request line (`/api/v1/flows?x=1`). */
  path: string;
  timestampMs: number;
  nonce: string;
  machineIdHash: string;
  /** Lowercase hex SHA-256 of the exact body bytes (of the empty string when there is no body). */
  bodySha256: string;
  /**
   * Lowercase hex SHA-256 of the flow-token header's value (of the empty string without one), so a signed request
   * cannot be replayed against another flow, nor its token moved to an unsigned request of the same device.
   */
  flowTokenSha256: string;
}

/** The string both sides sign: one field per line, so no field can shift into another. */
export function canonicalRequest(parts: SignedRequestParts): string {
  return [
    SIGNATURE_ALGORITHM,
    parts.method.toUpperCase(),
    parts.path,
    String(parts.timestampMs),
    parts.nonce,
    parts.machineIdHash,
    parts.bodySha256,
    parts.flowTokenSha256,
  ].join('\n');
}
