import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';

interface NodeMachineId {
  machineIdSync(original?: boolean): string;
}

/**
 * The machine id as the server sees it: SHA-256 of an app-scoped form, so the raw OS id (which other software uses
 * too) never leaves the device and our hash cannot be matched against other vendors' hashes of the same id.
 */
export function appScopedMachineIdHash(rawMachineId: string): string {
  const normalized = rawMachineId.trim().toLowerCase();
  if (normalized === '') throw new Error('The machine id is empty');
  return createHash('sha256').update(`resetdesk-machine:${normalized}`).digest('hex');
}

/** Reads the OS machine id (registry MachineGuid, IOPlatformUUID, /etc/machine-id) through node-machine-id. */
export function readMachineIdHash(): string {
  const require = createRequire(import.meta.url);
  const { machineIdSync } = require('node-machine-id') as NodeMachineId;
  return appScopedMachineIdHash(machineIdSync(true));
}
