import { chmodSync, chownSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { DEVICE_HEADERS, DEVICE_ROUTES, ROUTES } from '@resetdesk/shared';
import { AuditLog } from '../../../src-server/src/audit/audit-log';
import { CappedAudit } from '../../../src-server/src/audit/capped-audit';
import { CaptchaService } from '../../../src-server/src/captcha/captcha-service';
import { CaptchaPolicySchema } from '../../../src-server/src/captcha/captcha-policy';
import { ConfigError, isLoopbackHost, loadServerConfig } from '../../../src-server/src/config/server-config';
import { DEVICE_KEY_FILE_NAME } from '../../../src-server/src/devices/device-key';
import { SECRETS_FILE_NAME } from '../../../src-server/src/secrets/server-secrets';
import { PrivateDirError } from '../../../src-server/src/store/private-dir';
import { DATABASE_FILE_NAME, openStore } from '../../../src-server/src/store/store';
import type { Store } from '../../../src-server/src/store/store';
import { DEFAULT_TENANT_ID, ensureTenant } from '../../../src-server/src/store/tenants';
import { createTestServer, makeTempDir, ManualClock } from '../support/server-fixtures';
import type { TestServer } from '../support/server-fixtures';

// Issue 9 item 12: the data folder is made owner-only even when it already exists, keys may live apart from the
// database, rows strangers can create are capped, and the demo refuses a network address unless asked.

const temps: ReturnType<typeof makeTempDir>[] = [];
let server: TestServer | undefined;
let store: Store | undefined;

afterEach(async () => {
  await server?.close();
  await store?.close();
  server = undefined;
  store = undefined;
  for (const temp of temps.splice(0)) temp.remove();
});

function tempDir(): string {
  const temp = makeTempDir();
  temps.push(temp);
  return temp.dir;
}

const modeOf = (path: string) => statSync(path).mode & 0o777;
const posix = process.platform !== 'win32';

describe('the data folder', () => {
  it.runIf(posix)('is made 0700 when it already exists with a wider mode', async () => {
    const dataDir = join(tempDir(), 'data');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    server = await createTestServer({ dataDir });
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(join(dataDir, DATABASE_FILE_NAME))).toBe(0o600);
    expect(modeOf(join(dataDir, SECRETS_FILE_NAME))).toBe(0o600);
  });

  it.runIf(posix && process.getuid?.() === 0)('is refused, with a clear message, when another user owns it', async () => {
    const dataDir = join(tempDir(), 'data');
    mkdirSync(dataDir, { mode: 0o700 });
    chownSync(dataDir, 65534, 65534);
    await expect(openStore(dataDir)).rejects.toThrow(PrivateDirError);
    await expect(openStore(dataDir)).rejects.toThrow(/belongs to another user/u);
  });
});

describe('the keys folder', () => {
  it.runIf(posix)('holds the server secrets and the device key apart from the database when configured', async () => {
    const root = tempDir();
    const dataDir = join(root, 'data');
    const keysDir = join(root, 'keys');
    server = await createTestServer({ dataDir, env: { RESETDESK_KEYS_DIR: keysDir } });
    expect(server.config.keysDir).toBe(keysDir);
    expect(existsSync(join(dataDir, DATABASE_FILE_NAME))).toBe(true);
    for (const file of [SECRETS_FILE_NAME, DEVICE_KEY_FILE_NAME]) {
      expect(existsSync(join(keysDir, file)), file).toBe(true);
      expect(existsSync(join(dataDir, file)), file).toBe(false);
      expect(modeOf(join(keysDir, file))).toBe(0o600);
    }
    expect(modeOf(keysDir)).toBe(0o700);
  });

  it('defaults to the data folder, and refuses to mint new keys while the old ones are still there', async () => {
    const root = tempDir();
    const dataDir = join(root, 'data');
    expect(loadServerConfig({ env: {}, flags: { dataDir } }).keysDir).toBe(dataDir);
    server = await createTestServer({ dataDir });
    await server.close();
    server = undefined;
    await expect(createTestServer({ dataDir, env: { RESETDESK_KEYS_DIR: join(root, 'keys') } })).rejects.toThrow(
      /still in the data folder/u,
    );
  });
});

describe('rows strangers can create', () => {
  async function openTestStore(): Promise<{ store: Store; clock: ManualClock }> {
    const clock = new ManualClock();
    store = await openStore(join(tempDir(), 'data'));
    await ensureTenant(store.db, clock, DEFAULT_TENANT_ID, 'Test');
    return { store, clock };
  }

  it('keeps at most the cap of CAPTCHA challenges, and drops used and expired ones', async () => {
    const { store: s, clock } = await openTestStore();
    const captcha = new CaptchaService({
      db: s.db,
      tenantId: DEFAULT_TENANT_ID,
      clock,
      policy: CaptchaPolicySchema.parse({}),
      key: Buffer.alloc(32, 7),
      maxOutstanding: 5,
    });
    const count = async () => (await s.db.selectFrom('captcha_challenges').select('id').execute()).length;
    const issued = [];
    for (let i = 0; i < 20; i++) issued.push(await captcha.issueWithAnswer());
    expect(await count()).toBe(5);
    const newest = issued[issued.length - 1];
    if (!newest) throw new Error('no challenge');
    expect(await captcha.verify({ id: newest.challenge.id, text: newest.text })).toBe('ok');
    // The oldest gave way.
    const oldest = issued[0];
    if (!oldest) throw new Error('no challenge');
    expect(await captcha.verify({ id: oldest.challenge.id, text: oldest.text })).toBe('invalid');
    clock.advanceMinutes(6);
    await captcha.issue();
    expect(await count()).toBe(1);
  });

  it('caps refused enrollments and bad device signatures in the audit log, per address and in all', async () => {
    server = await createTestServer();
    const attempt = (ip: string) =>
      server?.app.inject({
        method: 'POST',
        url: DEVICE_ROUTES.enroll,
        remoteAddress: ip,
        payload: { enrollmentToken: `rdet_${'x'.repeat(43)}`, machineIdHash: 'a'.repeat(64), deviceName: 'KIOSK' },
      });
    for (let i = 0; i < 30; i++) expect((await attempt('192.0.2.60'))?.statusCode).toBe(403);
    await attempt('198.51.100.60');
    const rows = (await server.runtime.audit.list({ limit: 1000 })).filter((r) => r.event === 'device.enroll_refused');
    expect(rows.filter((r) => r.ip === '192.0.2.60')).toHaveLength(20);
    expect(rows.filter((r) => r.ip === '198.51.100.60')).toHaveLength(1);
    expect(rows.find((r) => r.ip === '192.0.2.60')?.detail).toMatch(/limit reached/u);

    // Bad signatures (here: a device id nobody enrolled) from one address: capped the same way.
    for (let i = 0; i < 25; i++) {
      const response = await server.app.inject({
        method: 'POST',
        url: ROUTES.startFlow,
        remoteAddress: '192.0.2.61',
        headers: {
          [DEVICE_HEADERS.deviceId]: randomUUID(),
          [DEVICE_HEADERS.timestamp]: String(server.clock.now().getTime()),
          [DEVICE_HEADERS.nonce]: `nonce-${String(i).padStart(20, '0')}`,
          [DEVICE_HEADERS.machine]: 'b'.repeat(64),
          [DEVICE_HEADERS.signature]: 'c'.repeat(43),
        },
        payload: { kind: 'reset', username: 'adele' },
      });
      expect(response.statusCode).toBe(401);
    }
    const refused = (await server.runtime.audit.list({ limit: 1000 })).filter((r) => r.event === 'device.refused');
    expect(refused).toHaveLength(20);

    const clock = server.clock;
    clock.advanceMinutes(11); // past the window of the rows above
    const audit = new AuditLog({ db: server.runtime.store.db, tenantId: DEFAULT_TENANT_ID, clock });
    const capped = new CappedAudit({ db: server.runtime.store.db, tenantId: DEFAULT_TENANT_ID, clock, audit, limits: { windowMinutes: 10, perSource: 3, total: 5 } });
    const results = [];
    for (let i = 0; i < 8; i++) results.push(await capped.record({ event: 'device.refused', outcome: 'failure', ip: `203.0.113.${i}` }));
    expect(results.filter(Boolean)).toHaveLength(5);
    // The window moves on: new rows are recorded again.
    clock.advanceMinutes(11);
    expect(await capped.record({ event: 'device.refused', outcome: 'failure', ip: '203.0.113.1' })).toBe(true);
  });
});

describe('demo mode on a network address', () => {
  it('is refused unless explicitly asked for', () => {
    for (const host of ['0.0.0.0', '::', '192.0.2.5', 'reset.contoso.example']) {
      expect(() => loadServerConfig({ env: {}, flags: { demo: true, host } }), host).toThrow(ConfigError);
      expect(() => loadServerConfig({ env: { RESETDESK_DEMO: '1', RESETDESK_HOST: host } }), host).toThrow(/--demo-on-network/u);
      expect(loadServerConfig({ env: {}, flags: { demo: true, host, demoOnNetwork: true } }).demo).toBe(true);
      expect(loadServerConfig({ env: { RESETDESK_DEMO_ON_NETWORK: '1' }, flags: { demo: true, host } }).host).toBe(host);
      // Without the demo, any host is fine.
      expect(loadServerConfig({ env: {}, flags: { host } }).host).toBe(host);
    }
    for (const host of ['127.0.0.1', '127.0.0.2', 'localhost', '::1', '[::1]']) {
      expect(isLoopbackHost(host), host).toBe(true);
      expect(loadServerConfig({ env: {}, flags: { demo: true, host } }).demo).toBe(true);
    }
  });
});

