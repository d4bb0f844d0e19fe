import { describe, expect, it } from 'vitest';
import { ok } from '@resetdesk/shared';
import type { EnrollDeviceRequest } from '@resetdesk/shared';
import { DEVICE_CREDENTIAL_ACCOUNT, readDeviceCredential } from '../../../src-main/devices/device-credential';
import { createDeviceTrust } from '../../../src-main/devices/device-trust';
import { appScopedMachineIdHash } from '../../../src-main/devices/machine-id';
import { createSilentLogger } from '../../../src-main/logging/logger';
import { KeychainUnavailableError } from '../../../src-main/secrets/secret-store';
import type { SecretStore } from '../../../src-main/secrets/secret-store';
import { createMemorySecretStore } from '../support/memory-secret-store';

const MACHINE = appScopedMachineIdHash('machine-a');
const TOKEN = `rdet_${'k'.repeat(43)}`;
const DEVICE_ID = '6a1f6a0e-7d0a-4b8e-9b35-0c1f2a3b4c5d';

function setup(store: SecretStore, token: string | null = TOKEN, serverUrl = 'https://reset.contoso.example') {
  const enrollments: EnrollDeviceRequest[] = [];
  const trust = createDeviceTrust({
    serverUrl,
    enrollmentToken: token ?? undefined,
    secretStore: store,
    machineIdHash: MACHINE,
    deviceName: 'KIOSK',
    appVersion: '1.0.0',
    enroll: async (request) => {
      enrollments.push(request);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return ok({ deviceId: DEVICE_ID, deviceSecret: 's'.repeat(43) });
    },
    logger: createSilentLogger(),
  });
  return { trust, enrollments };
}

// A FAKE keychain that is locked: the real locked gnome-keyring is covered in keychain-secret-store.test.ts.
const lockedKeychain: SecretStore = {
  get: () => Promise.reject(new KeychainUnavailableError('read', 'unlock prompt was dismissed')),
  set: () => Promise.reject(new KeychainUnavailableError('write', 'unlock prompt was dismissed')),
  delete: () => Promise.reject(new KeychainUnavailableError('delete', 'unlock prompt was dismissed')),
};

describe('device trust', () => {
  it('enrolls once even when the first requests arrive together, and stores the credential', async () => {
    const store = createMemorySecretStore();
    const { trust, enrollments } = setup(store);
    const [a, b] = await Promise.all([trust.signer(), trust.signer()]);
    expect(a.ok && b.ok && a.value?.deviceId).toBe(DEVICE_ID);
    expect(enrollments).toHaveLength(1);
    expect(enrollments[0]).toMatchObject({ enrollmentToken: TOKEN, machineIdHash: MACHINE, deviceName: 'KIOSK' });
    expect(await readDeviceCredential(store)).toMatchObject({
      serverOrigin: 'https://reset.contoso.example',
      deviceId: DEVICE_ID,
    });
  });

  it('enrolls again when the stored credential belongs to another server', async () => {
    const store = createMemorySecretStore();
    await setup(store).trust.signer();
    const moved = setup(store, TOKEN, 'https://reset2.contoso.example');
    await moved.trust.signer();
    expect(moved.enrollments).toHaveLength(1);
  });

  it('goes unsigned without a token and without a credential; ignores a corrupt entry', async () => {
    const store = createMemorySecretStore();
    await store.set(DEVICE_CREDENTIAL_ACCOUNT, '{not json');
    const { trust, enrollments } = setup(store, null);
    expect(await trust.signer()).toEqual({ ok: true, value: null });
    expect(enrollments).toHaveLength(0);
  });

  it('answers KEYCHAIN_UNAVAILABLE for a locked keychain (never a plain-text fallback) and tries again later', async () => {
    let locked = true;
    const memory = createMemorySecretStore();
    const store: SecretStore = {
      get: (account) => (locked ? lockedKeychain.get(account) : memory.get(account)),
      set: (account, secret) => (locked ? lockedKeychain.set(account, secret) : memory.set(account, secret)),
      delete: (account) => memory.delete(account),
    };
    const { trust, enrollments } = setup(store);
    expect(await trust.signer()).toMatchObject({ ok: false, error: { code: 'KEYCHAIN_UNAVAILABLE' } });
    expect(enrollments).toHaveLength(0);
    locked = false;
    expect((await trust.signer()).ok).toBe(true);
    expect(memory.entries.size).toBe(1);
  });

  it('does not use a credential it could not store', async () => {
    const memory = createMemorySecretStore();
    const store: SecretStore = { ...memory, get: memory.get, set: lockedKeychain.set, delete: memory.delete };
    const { trust } = setup(store);
    expect(await trust.signer()).toMatchObject({ ok: false, error: { code: 'KEYCHAIN_UNAVAILABLE' } });
  });
});
