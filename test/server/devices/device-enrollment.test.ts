import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVER_KEY_HEADER, DEVICE_ROUTES, FLOW_TOKEN_HEADER, ROUTES } from '@resetdesk/shared';
import { createResetServerClient } from '../../../src-main/reset-server/reset-server-client';
import { DEVICE_CREDENTIAL_ACCOUNT, readDeviceCredential } from '../../../src-main/devices/device-credential';
import { createDeviceTrust } from '../../../src-main/devices/device-trust';
import type { DeviceTrust } from '../../../src-main/devices/device-trust';
import { enrollDevice } from '../../../src-main/devices/enrollment-client';
import { appScopedMachineIdHash } from '../../../src-main/devices/machine-id';
import { createRequestSigner } from '../../../src-main/devices/request-signer';
import { createSilentLogger } from '../../../src-main/logging/logger';
import { loadServerConfig } from '../../../src-server/src/config/server-config';
import { DEMO_USERS } from '../../../src-server/src/demo/demo-users';
import { startServer } from '../../../src-server/src/runtime/start-server';
import type { RunningServer } from '../../../src-server/src/runtime/start-server';
import { createMemorySecretStore } from '../../main/support/memory-secret-store';
import { makeTempDir, TEST_SCRYPT_COST } from '../support/server-fixtures';

// Device enrollment and signed requests end to end over a real socket: the main process's own enrollment, keychain
// port (in memory here) and signing axios client against the real server with "require enrolled devices" on.

let temp: ReturnType<typeof makeTempDir>;
let server: RunningServer;
const MACHINE = appScopedMachineIdHash('4c4c4544-0051-3410-8052-b3c04f4e5a31');
const OTHER_MACHINE = appScopedMachineIdHash('0e5b3a24-9d4f-4a61-8d3b-8c1f2d9e7a10');

beforeAll(async () => {
  temp = makeTempDir();
  const config = loadServerConfig({
    env: { RESETDESK_WIZARD_DIR: temp.dir, RESETDESK_REQUIRE_ENROLLED_DEVICES: '1' },
    flags: { demo: true, port: 0, host: '127.0.0.1', dataDir: temp.dir },
  });
  server = await startServer(config, { scryptCost: TEST_SCRYPT_COST, printOutbox: () => undefined, log: false });
});

afterAll(async () => {
  await server.close();
  temp.remove();
});

const newToken = (maxUses = 1, expiresInMs = 3_600_000) =>
  server.runtime.devices.createEnrollmentToken({ expiresInMs, maxUses }).then((t) => t.token);

function trustFor(options: { token?: string; machine?: string; store?: ReturnType<typeof createMemorySecretStore> }) {
  const store = options.store ?? createMemorySecretStore();
  const trust = createDeviceTrust({
    serverUrl: server.url,
    enrollmentToken: options.token,
    secretStore: store,
    machineIdHash: options.machine ?? MACHINE,
    deviceName: 'KIOSK-07',
    appVersion: 'test',
    enroll: (request) => enrollDevice({ serverUrl: server.url, timeoutMs: 5_000 }, request),
    logger: createSilentLogger(),
  });
  return { store, trust };
}

const clientWith = (deviceTrust?: DeviceTrust) =>
  createResetServerClient({
    serverUrl: server.url,
    timeoutMs: 5_000,
    retryDelaysMs: [],
    ...(deviceTrust ? { deviceTrust } : {}),
  });

async function signedFetch(
  credential: { deviceId: string; deviceSecret: string; machineIdHash: string },
  options: { body?: string; sentBody?: string; now?: () => number; headers?: Record<string, string> } = {},
) {
  const body = options.body ?? JSON.stringify({ kind: 'reset', username: 'adele' });
  const headers = createRequestSigner(credential, options.now).sign({ method: 'POST', path: ROUTES.startFlow, body });
  const send = () =>
    fetch(`${server.url}${ROUTES.startFlow}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers, ...options.headers },
      body: options.sentBody ?? body,
    });
  return { headers, send };
}

async function errorCode(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code;
}

describe('device enrollment and signed requests', () => {
  it('refuses unsigned requests when policy requires enrolled devices', async () => {
    const result = await clientWith().call('startReset', undefined, { username: 'adele' });
    expect(result).toMatchObject({ ok: false, error: { code: 'DEVICE_NOT_TRUSTED' } });
    const health = await fetch(`${server.url}${ROUTES.health}`);
    expect(health.status).toBe(200);
  });

  it('signs the unlock and change flows too, and refuses them unsigned', async () => {
    const grace = DEMO_USERS.find((u) => u.username === 'grace');
    if (!grace) throw new Error('no demo user grace');
    const unsigned = clientWith();
    for (const start of ['startUnlock', 'startChange'] as const) {
      expect(await unsigned.call(start, undefined, { username: 'frank' })).toMatchObject({
        ok: false,
        error: { code: 'DEVICE_NOT_TRUSTED' },
      });
    }

    const signed = clientWith(trustFor({ token: await newToken() }).trust);
    const unlock = await signed.call('startUnlock', undefined, { username: 'frank' });
    expect(unlock).toMatchObject({ ok: true, value: { flow: { flowKind: 'unlock' } } });
    const change = await signed.call('startChange', undefined, { username: grace.username });
    expect(change).toMatchObject({ ok: true, value: { flow: { flowKind: 'change', step: { kind: 'changePassword' } } } });
    if (!change.ok) return;
    const flowToken = change.value.flowToken;

    // The change route itself: a valid flow token is not enough without the device's signature.
    const body = JSON.stringify({ oldPassword: grace.password, newPassword: 'Velvet-Harbor-88!' });
    const bare = await fetch(`${server.url}${ROUTES.changePassword}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [FLOW_TOKEN_HEADER]: flowToken },
      body,
    });
    expect(bare.status).toBe(401);
    expect(await errorCode(bare)).toBe('DEVICE_NOT_TRUSTED');
    const changed = await signed.call('changePassword', flowToken, {
      oldPassword: grace.password,
      newPassword: 'Velvet-Harbor-88!',
    });
    expect(changed).toMatchObject({ ok: true, value: { flow: { step: { kind: 'done' } } } });
  });

  it('signs the verification method routes, while the approver phone needs no device signature', async () => {
    const isabel = DEMO_USERS.find((u) => u.username === 'isabel');
    const approverKey = isabel?.approver?.key ?? '';
    const signed = clientWith(trustFor({ token: await newToken() }).trust);
    const started = await signed.call('startReset', undefined, { username: 'isabel' });
    if (!started.ok) throw new Error(started.error.code);
    const flowToken = started.value.flowToken;
    const waiting = await signed.call('chooseMethod', flowToken, { methodId: 'approval' });
    if (!waiting.ok || waiting.value.flow.step.kind !== 'awaitApproval') throw new Error('no approval step');
    const { number } = waiting.value.flow.step;

    // A desktop without the device's signature is refused on every flow route, the flow token notwithstanding.
    for (const [route, body] of [
      [ROUTES.checkDecision, {}],
      [ROUTES.answerQuestions, { answers: [{ questionId: 'firstPetName', answer: 'Biscuit' }] }],
    ] as const) {
      const bare = await fetch(`${server.url}${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [FLOW_TOKEN_HEADER]: flowToken },
        body: JSON.stringify(body),
      });
      expect(bare.status).toBe(401);
      expect(await errorCode(bare)).toBe('DEVICE_NOT_TRUSTED');
    }
    expect((await signed.call('checkDecision', flowToken, {})).ok).toBe(true);

    // The approver's phone is never an enrolled device: its page, script and calls go through on its approver key.
    expect((await fetch(`${server.url}${ROUTES.approverPage}`)).status).toBe(200);
    expect((await fetch(`${server.url}${ROUTES.approverScript}`)).status).toBe(200);
    const listed = await fetch(`${server.url}${ROUTES.approverRequests}`, {
      headers: { [APPROVER_KEY_HEADER]: approverKey },
    });
    expect(listed.status).toBe(200);
    const [request] = ((await listed.json()) as { requests: { id: string }[] }).requests;
    const decided = await fetch(`${server.url}${ROUTES.approverDecision}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [APPROVER_KEY_HEADER]: approverKey },
      body: JSON.stringify({ requestId: request?.id, decision: 'approve', number }),
    });
    expect(await decided.json()).toEqual({ outcome: 'approved' });
    expect(await signed.call('checkDecision', flowToken, {})).toMatchObject({
      ok: true,
      value: { flow: { step: { kind: 'newPassword' } } },
    });
  });

  it('enrolls with an IT token on first use, keeps the credential in the store, and signs every request', async () => {
    const { store, trust } = trustFor({ token: await newToken() });
    const client = clientWith(trust);
    const started = await client.call('startReset', undefined, { username: 'adele' });
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    // GET (retried when idempotent) and DELETE are signed too, each with a fresh nonce.
    expect((await client.call('getFlow', started.value.flowToken, {})).ok).toBe(true);
    expect((await client.publicConfig()).ok).toBe(true);
    expect((await client.call('cancelFlow', started.value.flowToken, {})).ok).toBe(true);

    const credential = await readDeviceCredential(store);
    expect(credential).toMatchObject({ serverOrigin: server.url, machineIdHash: MACHINE });
    const devices = await server.runtime.devices.list();
    expect(devices.find((d) => d.id === credential?.deviceId)).toMatchObject({ name: 'KIOSK-07', revoked_at: null });

    // After a restart (no token any more) the stored credential is used as it is: no second enrollment.
    const restarted = trustFor({ store });
    expect((await clientWith(restarted.trust).publicConfig()).ok).toBe(true);
    expect((await server.runtime.devices.list()).length).toBe(devices.length);
  });

  it('refuses unknown, used-up and expired enrollment tokens', async () => {
    const once = await newToken(1);
    expect((await clientWith(trustFor({ token: once }).trust).publicConfig()).ok).toBe(true);
    const again = await clientWith(trustFor({ token: once, machine: OTHER_MACHINE }).trust).publicConfig();
    expect(again).toMatchObject({ ok: false, error: { code: 'ENROLLMENT_TOKEN_INVALID' } });

    const unknown = `rdet_${'A'.repeat(43)}`;
    expect(await clientWith(trustFor({ token: unknown }).trust).publicConfig()).toMatchObject({
      ok: false,
      error: { code: 'ENROLLMENT_TOKEN_INVALID' },
    });

    const expiring = await newToken(5, 1);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await clientWith(trustFor({ token: expiring }).trust).publicConfig()).toMatchObject({
      ok: false,
      error: { code: 'ENROLLMENT_TOKEN_INVALID' },
    });

    const twice = await newToken(2);
    const first = await enrollDevice({ serverUrl: server.url, timeoutMs: 5_000 }, {
      enrollmentToken: twice,
      machineIdHash: OTHER_MACHINE,
      deviceName: 'A',
    });
    const second = await enrollDevice({ serverUrl: server.url, timeoutMs: 5_000 }, {
      enrollmentToken: twice,
      machineIdHash: OTHER_MACHINE,
      deviceName: 'B',
    });
    expect(first.ok && second.ok).toBe(true);
    // One machine, one live credential: the second enrollment of the same machine superseded the first.
    const rows = await server.runtime.devices.list();
    const a = rows.find((d) => first.ok && d.id === first.value.deviceId);
    expect(a).toMatchObject({ revoked_reason: 'superseded' });
  });

  it('refuses a replayed request, a skewed clock, a tampered body and a credential from another machine', async () => {
    const token = await newToken();
    const enrolled = await enrollDevice({ serverUrl: server.url, timeoutMs: 5_000 }, {
      enrollmentToken: token,
      machineIdHash: MACHINE,
      deviceName: 'KIOSK-08',
    });
    if (!enrolled.ok) throw new Error('enrollment failed');
    const credential = { ...enrolled.value, machineIdHash: MACHINE };

    const request = await signedFetch(credential);
    expect((await request.send()).status).toBe(201);
    const replay = await request.send();
    expect(replay.status).toBe(401);
    expect(await errorCode(replay)).toBe('DEVICE_NOT_TRUSTED');

    const skewed = await signedFetch(credential, { now: () => Date.now() - 6 * 60_000 });
    expect((await skewed.send()).status).toBe(401);
    const future = await signedFetch(credential, { now: () => Date.now() + 6 * 60_000 });
    expect((await future.send()).status).toBe(401);

    const tampered = await signedFetch(credential, {
      sentBody: JSON.stringify({ kind: 'reset', username: 'diego' }),
    });
    expect((await tampered.send()).status).toBe(401);

    // The keychain entry copied to another machine: signed correctly, but with that machine's id.
    const copied = await signedFetch({ ...credential, machineIdHash: OTHER_MACHINE });
    expect((await copied.send()).status).toBe(401);
    // ...and with this machine's id claimed but the signature of another secret.
    const forged = await signedFetch({ ...credential, deviceSecret: 'x'.repeat(43) });
    expect((await forged.send()).status).toBe(401);

    // The app itself does not even present a credential issued to another machine.
    const store = createMemorySecretStore();
    await store.set(
      DEVICE_CREDENTIAL_ACCOUNT,
      JSON.stringify({ version: 1, serverOrigin: server.url, ...credential }),
    );
    const elsewhere = trustFor({ store, machine: OTHER_MACHINE });
    expect(await clientWith(elsewhere.trust).publicConfig()).toMatchObject({
      ok: false,
      error: { code: 'DEVICE_NOT_TRUSTED' },
    });

    const audit = await server.runtime.audit.list({ limit: 50 });
    const reasons = audit.filter((r) => r.event === 'device.refused').map((r) => r.detail?.split(' ')[0]);
    expect(reasons).toEqual(
      expect.arrayContaining(['replayed_nonce', 'clock_skew', 'bad_signature', 'other_machine']),
    );
    expect(JSON.stringify(audit)).not.toContain(credential.deviceSecret);
  });

  it('refuses a revoked device from the next request on', async () => {
    const { store, trust } = trustFor({ token: await newToken() });
    const client = clientWith(trust);
    expect((await client.publicConfig()).ok).toBe(true);
    const credential = await readDeviceCredential(store);
    expect(await server.runtime.devices.revoke(credential?.deviceId ?? '')).toBe(true);
    expect(await client.publicConfig()).toMatchObject({ ok: false, error: { code: 'DEVICE_NOT_TRUSTED' } });
    expect(await server.runtime.devices.revoke(credential?.deviceId ?? '')).toBe(false);
  });

  it('validates enrollment requests and never caches the credential', async () => {
    const bad = await fetch(`${server.url}${DEVICE_ROUTES.enroll}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ enrollmentToken: 'nope', machineIdHash: MACHINE, deviceName: 'x' }),
    });
    expect(bad.status).toBe(400);
    const good = await fetch(`${server.url}${DEVICE_ROUTES.enroll}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ enrollmentToken: await newToken(), machineIdHash: MACHINE, deviceName: 'x' }),
    });
    expect(good.status).toBe(201);
    expect(good.headers.get('cache-control')).toBe('no-store');
  });
});
