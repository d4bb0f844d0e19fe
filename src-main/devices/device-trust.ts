import { fail, ok } from '@resetdesk/shared';
import type { EnrollDeviceRequest, EnrollDeviceResponse, Result } from '@resetdesk/shared';
import { serverOriginOf } from '../config/server-url';
import type { Logger } from '../logging/logger';
import { KeychainUnavailableError } from '../secrets/secret-store';
import type { SecretStore } from '../secrets/secret-store';
import { readDeviceCredential, writeDeviceCredential } from './device-credential';
import type { DeviceCredential } from './device-credential';
import { createRequestSigner } from './request-signer';
import type { RequestSigner } from './request-signer';

export interface DeviceTrustDeps {
  serverUrl: string;
  /** The IT-provided token (installer property, policy or config); without it an unenrolled device stays unsigned. */
  enrollmentToken?: string | undefined;
  secretStore: SecretStore;
  machineIdHash: string;
  deviceName: string;
  appVersion: string;
  enroll: (request: EnrollDeviceRequest) => Promise<Result<EnrollDeviceResponse>>;
  logger: Logger;
}

/**
 * The device's standing with the server, resolved on first use: the stored credential when it belongs to this server
 * and machine, else an enrollment with the IT token. A success is kept for the app's life; a failure (server down,
 * keychain locked) is tried again on the next request, so it clears up by itself once the cause does.
 */
export interface DeviceTrust {
  /** The signer for requests; null when the device is not enrolled and has no token (requests go unsigned). */
  signer(): Promise<Result<RequestSigner | null>>;
}

function keychainFailure<T>(error: unknown): Result<T> {
  if (error instanceof KeychainUnavailableError) {
    return fail('KEYCHAIN_UNAVAILABLE', 'The OS keychain is missing, locked or refused access');
  }
  throw error;
}

export function createDeviceTrust(deps: DeviceTrustDeps): DeviceTrust {
  const serverOrigin = serverOriginOf(deps.serverUrl);
  let resolved: Promise<Result<RequestSigner | null>> | undefined;

  async function resolve(): Promise<Result<RequestSigner | null>> {
    let stored: DeviceCredential | null;
    try {
      stored = await readDeviceCredential(deps.secretStore);
    } catch (error) {
      deps.logger.error('The device credential cannot be read', { outcome: 'KEYCHAIN_UNAVAILABLE', reason: reasonOf(error) });
      return keychainFailure(error);
    }
    if (stored && stored.serverOrigin === serverOrigin && stored.machineIdHash === deps.machineIdHash) {
      return ok(createRequestSigner(stored));
    }
    if (deps.enrollmentToken === undefined) {
      if (stored) deps.logger.warn('The stored device credential belongs to another server or machine; not used');
      return ok(null);
    }
    const enrolled = await deps.enroll({
      enrollmentToken: deps.enrollmentToken,
      machineIdHash: deps.machineIdHash,
      deviceName: deps.deviceName,
      appVersion: deps.appVersion,
    });
    if (!enrolled.ok) {
      deps.logger.error('Device enrollment failed', { outcome: enrolled.error.code });
      return enrolled;
    }
    const credential: DeviceCredential = {
      version: 1,
      serverOrigin,
      machineIdHash: deps.machineIdHash,
      deviceId: enrolled.value.deviceId,
      deviceSecret: enrolled.value.deviceSecret,
    };
    try {
      await writeDeviceCredential(deps.secretStore, credential);
    } catch (error) {
      // Never kept anywhere else: without the keychain the device does not use the credential at all.
      deps.logger.error('The device credential cannot be stored', { outcome: 'KEYCHAIN_UNAVAILABLE', reason: reasonOf(error) });
      return keychainFailure(error);
    }
    deps.logger.info('Device enrolled', { deviceId: credential.deviceId });
    return ok(createRequestSigner(credential));
  }

  return {
    async signer() {
      resolved ??= resolve();
      const result = await resolved;
      if (!result.ok) resolved = undefined;
      return result;
    },
  };
}

function reasonOf(error: unknown): string {
  return error instanceof KeychainUnavailableError ? error.reason : error instanceof Error ? error.name : typeof error;
}
