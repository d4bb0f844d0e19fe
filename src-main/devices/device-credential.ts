import { z } from 'zod';
import { DeviceIdSchema, DeviceSecretSchema, MachineIdHashSchema } from '@resetdesk/shared';
import type { SecretStore } from '../secrets/secret-store';

/** The keychain account that holds the device credential. */
export const DEVICE_CREDENTIAL_ACCOUNT = 'device-credential';

/**
 * What enrollment gives the device. It is bound to the server it came from and the machine it was issued to: a
 * changed server URL or a copied keychain entry means enrolling again, never presenting it elsewhere.
 */
export const DeviceCredentialSchema = z
  .object({
    version: z.literal(1),
    serverOrigin: z.string().min(1).max(300),
    machineIdHash: MachineIdHashSchema,
    deviceId: DeviceIdSchema,
    deviceSecret: DeviceSecretSchema,
  })
  .strict();
export type DeviceCredential = z.infer<typeof DeviceCredentialSchema>;

/** Null when there is none or the entry is unreadable (it is then replaced by a new enrollment). */
export async function readDeviceCredential(store: SecretStore): Promise<DeviceCredential | null> {
  const text = await store.get(DEVICE_CREDENTIAL_ACCOUNT);
  if (text === null) return null;
  try {
    const parsed = DeviceCredentialSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function writeDeviceCredential(store: SecretStore, credential: DeviceCredential): Promise<void> {
  await store.set(DEVICE_CREDENTIAL_ACCOUNT, JSON.stringify(DeviceCredentialSchema.parse(credential)));
}
