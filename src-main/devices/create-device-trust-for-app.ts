import { hostname } from 'node:os';
import type { AppConfig } from '../config/app-config';
import type { Logger } from '../logging/logger';
import { createKeychainSecretStore } from '../secrets/keychain-secret-store';
import { createDeviceTrust } from './device-trust';
import type { DeviceTrust } from './device-trust';
import { enrollDevice } from './enrollment-client';
import { readMachineIdHash } from './machine-id';
import { readTrustedCa } from '../composition/create-main-core';

/** The keychain service under which the app keeps its secrets (Credential Manager target, Keychain service). */
export const KEYCHAIN_SERVICE = 'ResetDesk';

/** Device trust as the desktop app uses it: the OS keychain, the OS machine id, the host name as the device name. */
export function createDeviceTrustForApp(config: AppConfig, appVersion: string, logger: Logger): DeviceTrust | undefined {
  const trustedCa = readTrustedCa(config.trustedCaFile);
  let machineIdHash: string;
  try {
    machineIdHash = readMachineIdHash();
  } catch (error) {
    // Without a machine id the device cannot be enrolled; requests go unsigned and a strict server refuses them.
    logger.error('The machine id cannot be read; device enrollment is off', {
      errorName: error instanceof Error ? error.name : typeof error,
    });
    return undefined;
  }
  const userAgent = `ResetDesk/${appVersion}`;
  return createDeviceTrust({
    serverUrl: config.serverUrl,
    enrollmentToken: config.enrollmentToken,
    secretStore: createKeychainSecretStore({ service: KEYCHAIN_SERVICE }),
    machineIdHash,
    deviceName: hostname().slice(0, 128) || 'unnamed device',
    appVersion,
    enroll: (request) =>
      enrollDevice(
        {
          serverUrl: config.serverUrl,
          timeoutMs: config.requestTimeoutMs,
          userAgent,
          ...(trustedCa.ok && trustedCa.value !== undefined ? { trustedCaPem: trustedCa.value } : {}),
          ...(config.proxyUrl === undefined ? {} : { proxyUrl: config.proxyUrl }),
        },
        request,
      ),
    logger,
  });
}
