import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { ConfigError, loadServerConfig } from '../../../src-server/src/config/server-config';
import { makeTempDir } from './server-fixtures';

export interface DeliverySettingsFile {
  /** The test's private directory: the settings file, and the secret files it names (relative to it). */
  dir(): string;
  /** Writes `delivery` as the delivery settings file (RESETDESK_DELIVERY_FILE) and loads the server configuration. */
  loadWith(delivery: unknown): ReturnType<typeof loadServerConfig>;
  /** The ConfigError's message for settings that must be refused (fails the test when they are accepted). */
  configErrorOf(delivery: unknown): string;
}

/**
 * The delivery settings tests' common start: a private directory for the file and its secrets, made before the
 * file's tests and removed after them. Call it at the top level of a test file.
 */
export function useDeliverySettingsFile(): DeliverySettingsFile {
  let temp: ReturnType<typeof makeTempDir> | undefined;
  beforeAll(() => {
    temp = makeTempDir();
  });
  afterAll(() => temp?.remove());

  const dir = () => {
    if (!temp) throw new Error('useDeliverySettingsFile: used before its beforeAll ran');
    return temp.dir;
  };
  const loadWith = (delivery: unknown) => {
    const file = join(dir(), 'delivery.json');
    writeFileSync(file, JSON.stringify(delivery));
    return loadServerConfig({
      env: { RESETDESK_DELIVERY_FILE: file, RESETDESK_WIZARD_DIR: dir() },
      flags: { dataDir: join(dir(), 'data'), port: 0 },
      cwd: dir(),
    });
  };
  const configErrorOf = (delivery: unknown) => {
    try {
      loadWith(delivery);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error('the settings were accepted');
  };
  return { dir, loadWith, configErrorOf };
}
