import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { ensurePrivateDir, refuseKeyLeftBehind } from '../store/private-dir';

export const DEVICE_KEY_FILE_NAME = 'device-key';
const KEY_BYTES = 32;

/**
 * The server's key for device secrets. A device secret is HMAC(deviceKey, deviceId), so the database holds no
 * secret at all: a stolen database cannot sign requests. Printing the object prints a placeholder.
 */
export class DeviceKey {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== KEY_BYTES) throw new Error('The device key must be 32 bytes');
    this.#key = key;
  }

  /** The device's secret, base64url (43 characters). */
  secretFor(deviceId: string): string {
    return createHmac('sha256', this.#key).update(`resetdesk-device-secret:${deviceId}`).digest('base64url');
  }

  toJSON(): string {
    return '[DeviceKey]';
  }

  [inspect.custom](): string {
    return '[DeviceKey]';
  }
}

/** Reads `device-key` from the keys folder (the data folder unless configured), creating it (0600, atomically with `wx`) on first start. */
export function loadOrCreateDeviceKey(dataDir: string, options: { formerDir?: string } = {}): DeviceKey {
  ensurePrivateDir(dataDir, 'keys folder');
  refuseKeyLeftBehind(dataDir, options.formerDir, DEVICE_KEY_FILE_NAME);
  const file = join(dataDir, DEVICE_KEY_FILE_NAME);
  const fresh = randomBytes(KEY_BYTES);
  try {
    writeFileSync(file, `${fresh.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
    return new DeviceKey(fresh);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== KEY_BYTES) {
    throw new Error(`The device key file ${file} is not valid; restore it from a backup (without it, re-enroll).`);
  }
  return new DeviceKey(key);
}
