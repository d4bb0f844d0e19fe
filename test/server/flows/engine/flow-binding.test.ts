import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLOW_TOKEN_HEADER, ROUTES } from '@resetdesk/shared';
import { createResetServerClient } from '../../../../src-main/reset-server/reset-server-client';
import { createDeviceTrust } from '../../../../src-main/devices/device-trust';
import { enrollDevice } from '../../../../src-main/devices/enrollment-client';
import { appScopedMachineIdHash } from '../../../../src-main/devices/machine-id';
import { createRequestSigner } from '../../../../src-main/devices/request-signer';
import { readDeviceCredential } from '../../../../src-main/devices/device-credential';
import { createSilentLogger } from '../../../../src-main/logging/logger';
import { loadServerConfig } from '../../../../src-server/src/config/server-config';
import { startServer } from '../../../../src-server/src/runtime/start-server';
import type { RunningServer } from '../../../../src-server/src/runtime/start-server';
import { createMemorySecretStore } from '../../../main/support/memory-secret-store';
import { call, latestCodeFor, makeTempDir, TEST_SCRYPT_COST } from '../../support/server-fixtures';

// Issue 9 item 10: flow binding. The token rotates after each passed gate, a flow answers only the device (or, without
// one, the address) that started it, the device signature covers the flow-token header, and the throttles key on the
// enrolled device.

let temp: ReturnType<typeof makeTempDir>;
let server: RunningServer;
const MACHINE = appScopedMachineIdHash('4c4c4544-0051-3410-8052-b3c04f4e5a31');

beforeAll(async () => {
  temp = makeTempDir();
  const config = loadServerConfig({
    env: { RESETDESK_WIZARD_DIR: temp.dir },
    flags: { demo: true, port: 0, host: '127.0.0.1', dataDir: temp.dir },
  });
  server = await startServer(config, { scryptCost: TEST_SCRYPT_COST, printOutbox: () => undefined, log: false });
});

afterAll(async () => {
  await server.close();
  temp.remove();
});

async function enrolledClient() {
  const token = (await server.runtime.devices.createEnrollmentToken({ expiresInMs: 3_600_000, maxUses: 1 })).token;
  const store = createMemorySecretStore();
  const trust = createDeviceTrust({
    serverUrl: server.url,
    enrollmentToken: token,
    secretStore: store,
    machineIdHash: MACHINE,
    deviceName: 'KIOSK-09',
    appVersion: 'test',
    enroll: (request) => enrollDevice({ serverUrl: server.url, timeoutMs: 5_000 }, request),
    logger: createSilentLogger(),
  });
  const client = createResetServerClient({ serverUrl: server.url, timeoutMs: 5_000, retryDelaysMs: [], deviceTrust: trust });
  return { client, store };
}

describe('flow binding', () => {
  it('rotates the flow token after a passed gate: the old one is worth nothing afterwards', async () => {
    const app = server.runtime.app;
    const started = await call<{ flowToken: string }>(app, 'POST', ROUTES.startFlow, { body: { kind: 'reset', username: 'adele' } });
    const before = started.body.flowToken;
    await call(app, 'POST', ROUTES.chooseMethod, { token: before, body: { methodId: 'email' } });
    const code = await latestCodeFor(app, 'adele@contoso.example');
    const passed = await call<{ flowToken: string; flow: { step: { kind: string } } }>(app, 'POST', ROUTES.verifyCode, {
      token: before,
      body: { code },
    });
    expect(passed.body.flow.step.kind).toBe('newPassword');
    expect(passed.body.flowToken).not.toBe(before);
    expect((await call<{ error: { code: string } }>(app, 'GET', ROUTES.getFlow, { token: before })).body.error.code).toBe(
      'FLOW_EXPIRED',
    );
    expect((await call(app, 'GET', ROUTES.getFlow, { token: passed.body.flowToken })).status).toBe(200);
  });

  it('answers a step from another address than the one that started an unsigned flow as an unknown token', async () => {
    const app = server.runtime.app;
    const started = await app.inject({ method: 'POST', url: ROUTES.startFlow, payload: { kind: 'reset', username: 'adele' }, remoteAddress: '192.0.2.31' });
    const token = (started.json() as { flowToken: string }).flowToken;
    const choose = (remoteAddress: string) =>
      app.inject({ method: 'POST', url: ROUTES.chooseMethod, headers: { [FLOW_TOKEN_HEADER]: token }, payload: { methodId: 'email' }, remoteAddress });
    const elsewhere = await choose('198.51.100.31');
    expect(elsewhere.statusCode).toBe(410);
    expect((elsewhere.json() as { error: { code: string } }).error.code).toBe('FLOW_EXPIRED');
    expect((await choose('192.0.2.31')).statusCode).toBe(200);
  });

  it('tells another address nothing, reads included: no step, no masked target, no step mismatch', async () => {
    const app = server.runtime.app;
    const started = await app.inject({ method: 'POST', url: ROUTES.startFlow, payload: { kind: 'reset', username: 'adele' }, remoteAddress: '192.0.2.32' });
    const token = (started.json() as { flowToken: string }).flowToken;
    const from = (remoteAddress: string, method: 'GET' | 'POST', url: string, payload?: object) =>
      app.inject({ method, url, headers: { [FLOW_TOKEN_HEADER]: token }, remoteAddress, ...(payload ? { payload } : {}) });
    const codeOf = (response: { json(): unknown }) => (response.json() as { error?: { code: string } }).error?.code;
    // Reading the flow from elsewhere, and a step that does not fit its state (a code before a method was chosen).
    expect(codeOf(await from('198.51.100.32', 'GET', ROUTES.getFlow))).toBe('FLOW_EXPIRED');
    expect(codeOf(await from('198.51.100.32', 'POST', ROUTES.verifyCode, { code: '123456' }))).toBe('FLOW_EXPIRED');
    expect(codeOf(await from('198.51.100.32', 'POST', ROUTES.checkPassword, { newPassword: 'Kite-Harbor-9!' }))).toBe(
      'FLOW_EXPIRED',
    );
    // The address that started it still gets its answers.
    expect((await from('192.0.2.32', 'GET', ROUTES.getFlow)).statusCode).toBe(200);
    expect(codeOf(await from('192.0.2.32', 'POST', ROUTES.verifyCode, { code: '123456' }))).toBe('FLOW_STEP_MISMATCH');
  });

  it('binds a device-started flow to the device, signs the flow token, and keys the throttles on the device', async () => {
    const { client, store } = await enrolledClient();
    const started = await client.call('startReset', undefined, { username: 'diego' });
    if (!started.ok) throw new Error(started.error.code);
    const chosen = await client.call('chooseMethod', started.value.flowToken, { methodId: 'email' });
    expect(chosen.ok).toBe(true);
    const credential = await readDeviceCredential(store);
    if (!credential) throw new Error('no credential');
    const deviceEvents = await server.runtime.store.db
      .selectFrom('throttle_events')
      .select('key')
      .where('key', 'like', `%device:${credential.deviceId}%`)
      .execute();
    expect(deviceEvents.length).toBeGreaterThan(0);
    // Unsigned, with the right token: the flow belongs to the device, so it is unknown to anyone else.
    const unsigned = await fetch(`${server.url}${ROUTES.getFlow}`, { headers: { [FLOW_TOKEN_HEADER]: started.value.flowToken } });
    const body = JSON.stringify({ methodId: 'email' });
    const sign = (flowToken: string) =>
      createRequestSigner(credential).sign({ method: 'POST', path: ROUTES.chooseMethod, body, flowToken });
    const unsignedChoose = await fetch(`${server.url}${ROUTES.chooseMethod}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [FLOW_TOKEN_HEADER]: started.value.flowToken },
      body,
    });
    expect(((await unsignedChoose.json()) as { error: { code: string } }).error.code).toBe('FLOW_EXPIRED');
    // Reads are bound too: the step would show masked targets and, at the new password, the person's names.
    expect(unsigned.status).toBe(410);
    // A signature made for one token does not carry another.
    const swapped = await fetch(`${server.url}${ROUTES.chooseMethod}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...sign('rdf_some-other-token'), [FLOW_TOKEN_HEADER]: started.value.flowToken },
      body,
    });
    expect(((await swapped.json()) as { error: { code: string } }).error.code).toBe('DEVICE_NOT_TRUSTED');
    const signed = await fetch(`${server.url}${ROUTES.chooseMethod}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...sign(started.value.flowToken), [FLOW_TOKEN_HEADER]: started.value.flowToken },
      body,
    });
    expect(signed.status).toBe(200);
  });
});
