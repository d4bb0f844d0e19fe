import { createHash, createHmac, randomBytes } from 'node:crypto';
import { DEVICE_HEADERS, canonicalRequest } from '@resetdesk/shared';
import type { DeviceCredential } from './device-credential';

export interface RequestToSign {
  method: string;
  /** Path and query as they go on the request line. */
  path: string;
  /** The exact body text sent (empty for GET and DELETE). */
  body: string;
  /** The flow-token header's value, when the request carries one: it is signed too. */
  flowToken?: string;
}

export interface RequestSigner {
  readonly deviceId: string;
  /** The device headers for one request: a fresh nonce and timestamp every time (retries too). */
  sign(request: RequestToSign): Record<string, string>;
}

export function createRequestSigner(
  credential: Pick<DeviceCredential, 'deviceId' | 'deviceSecret' | 'machineIdHash'>,
  now: () => number = Date.now,
): RequestSigner {
  return {
    deviceId: credential.deviceId,
    sign(request) {
      const timestampMs = now();
      const nonce = randomBytes(18).toString('base64url');
      const bodySha256 = createHash('sha256').update(request.body, 'utf8').digest('hex');
      const flowTokenSha256 = createHash('sha256').update(request.flowToken ?? '', 'utf8').digest('hex');
      const signature = createHmac('sha256', credential.deviceSecret)
        .update(
          canonicalRequest({
            method: request.method,
            path: request.path,
            timestampMs,
            nonce,
            machineIdHash: credential.machineIdHash,
            bodySha256,
            flowTokenSha256,
          }),
        )
        .digest('base64url');
      return {
        [DEVICE_HEADERS.deviceId]: credential.deviceId,
        [DEVICE_HEADERS.timestamp]: String(timestampMs),
        [DEVICE_HEADERS.nonce]: nonce,
        [DEVICE_HEADERS.machine]: credential.machineIdHash,
        [DEVICE_HEADERS.signature]: signature,
      };
    },
  };
}
