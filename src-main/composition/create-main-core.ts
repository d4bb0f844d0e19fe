import { readFileSync } from 'node:fs';
import { fail, ok } from '@resetdesk/shared';
import type { Result } from '@resetdesk/shared';
import type { AppConfig } from '../config/app-config';
import { createResetServerClient } from '../reset-server/reset-server-client';
import { createFlowTokenStore } from '../session/flow-token-store';
import { createIpcHandlers, createSenderRelease } from '../ipc/ipc-handlers';
import { createIpcDispatcher } from '../ipc/ipc-dispatcher';
import type { IpcDispatcher } from '../ipc/ipc-dispatcher';
import { createUnavailableHandlers } from '../ipc/unavailable-handlers';
import type { Logger } from '../logging/logger';
import type { DeviceTrust } from '../devices/device-trust';

export interface MainCoreOptions {
  /** The loaded configuration; when it is invalid every IPC call answers CONFIG_INVALID (the wizard explains it). */
  config: Result<AppConfig>;
  appVersion: string;
  /** Origins whose frames may use IPC: `[APP_ORIGIN]` in Electron, the page's origin in browser tests. */
  trustedOrigins: readonly string[];
  logger: Logger;
  /** Override the pauses between GET retries (tests). */
  retryDelaysMs?: readonly number[];
  /** Setting keys decided by policy (ManagedConfig.managedKeys), shown as managed in the wizard. */
  managedSettings?: readonly string[];
  /** Signs every request to the reset server with the device credential (src-main/devices). */
  deviceTrust?: DeviceTrust;
}

export interface MainCore {
  dispatcher: IpcDispatcher;
  /** Call when a window's webContents is destroyed: forgets (and cancels) that window's flow. */
  releaseSender(senderId: number): Promise<void>;
}

/** The whole Electron-free main process: composition root for the app and for tests. */
export function createMainCore(options: MainCoreOptions): MainCore {
  const { config, logger, trustedOrigins } = options;
  if (!config.ok) {
    return {
      dispatcher: createIpcDispatcher({ handlers: createUnavailableHandlers(config.error), trustedOrigins, logger }),
      releaseSender: () => Promise.resolve(),
    };
  }
  const trustedCa = readTrustedCa(config.value.trustedCaFile);
  if (!trustedCa.ok) {
    logger.error('The trusted CA file cannot be read', { outcome: trustedCa.error.code });
    return {
      dispatcher: createIpcDispatcher({ handlers: createUnavailableHandlers(trustedCa.error), trustedOrigins, logger }),
      releaseSender: () => Promise.resolve(),
    };
  }
  const client = createResetServerClient({
    serverUrl: config.value.serverUrl,
    timeoutMs: config.value.requestTimeoutMs,
    userAgent: `ResetDesk/${options.appVersion}`,
    ...(options.retryDelaysMs === undefined ? {} : { retryDelaysMs: options.retryDelaysMs }),
    ...(options.deviceTrust === undefined ? {} : { deviceTrust: options.deviceTrust }),
    ...(trustedCa.value === undefined ? {} : { trustedCaPem: trustedCa.value }),
    ...(config.value.proxyUrl === undefined ? {} : { proxyUrl: config.value.proxyUrl }),
  });
  const tokens = createFlowTokenStore();
  const handlers = createIpcHandlers({
    client,
    tokens,
    logger,
    appVersion: options.appVersion,
    serverUrl: config.value.serverUrl,
    ...(config.value.locale === undefined ? {} : { defaultLocale: config.value.locale }),
    ...(config.value.idleTimeoutSeconds === undefined ? {} : { idleTimeoutSeconds: config.value.idleTimeoutSeconds }),
    ...(options.managedSettings === undefined ? {} : { managedSettings: options.managedSettings }),
  });
  return {
    dispatcher: createIpcDispatcher({ handlers, trustedOrigins, logger }),
    releaseSender: createSenderRelease({ client, tokens, logger }),
  };
}

/** The PEM named by policy `trustedCaFile`; a file that is missing or holds no certificate is a configuration error. */
export function readTrustedCa(file: string | undefined): Result<string | undefined> {
  if (file === undefined) return ok(undefined);
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch {
    return fail('CONFIG_INVALID', `The trusted CA file ${file} cannot be read`);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    return fail('CONFIG_INVALID', `The trusted CA file ${file} holds no PEM certificate`);
  }
  return ok(pem);
}
