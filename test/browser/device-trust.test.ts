import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDeviceTrust } from '../../src-main/devices/device-trust';
import { enrollDevice } from '../../src-main/devices/enrollment-client';
import { appScopedMachineIdHash } from '../../src-main/devices/machine-id';
import { createSilentLogger } from '../../src-main/logging/logger';
import { createKeychainSecretStore } from '../../src-main/secrets/keychain-secret-store';
import type { SecretStore } from '../../src-main/secrets/secret-store';
import { launchChromium } from './support/chromium';
import { installDesktopShell } from './support/desktop-shell';
import { SERVER_BUNDLE, startResetServer, type RunningResetServer } from './support/reset-server-process';
import { latestCodeFor } from './support/demo-server-api';
import { DEVICE_CREDENTIAL_ACCOUNT } from '../../src-main/devices/device-credential';
import { checkScreen } from './support/screen-check';
import { rememberSecret } from './support/log-sweep';
import { startSessionKeyring } from '../main/support/session-keyring';
import type { SessionKeyring } from '../main/support/session-keyring';
import { createMemorySecretStore } from '../main/support/memory-secret-store';

// What a person sees when device trust fails: a locked OS keychain (a real, locked gnome-keyring), a server that
// requires enrolled devices, and a bad enrollment token. Each is a clear screen, in English and Dutch.

const run = promisify(execFile);
const PROBE = resolve('test/main/support/keychain-probe.ts');
const MACHINE = appScopedMachineIdHash('browser-test-machine');
const screen = (page: Page, name: string) => page.locator(`main[data-screen="${name}"]`);

let server: RunningResetServer;
let browser: Browser;
let context: BrowserContext;
let keyringDir: string;
let keyring: SessionKeyring | undefined;

beforeAll(async () => {
  server = await startResetServer({ demo: true, env: { RESETDESK_REQUIRE_ENROLLED_DEVICES: '1' } });
  browser = await launchChromium();
  keyringDir = mkdtempSync(join(tmpdir(), 'resetdesk-keyring-'));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await keyring?.stop();
  rmSync(keyringDir, { recursive: true, force: true });
});

afterEach(async () => {
  await context?.close();
});

function trust(secretStore: SecretStore, enrollmentToken?: string) {
  return createDeviceTrust({
    serverUrl: server.url,
    enrollmentToken,
    secretStore,
    machineIdHash: MACHINE,
    deviceName: 'BROWSER-TEST',
    appVersion: 'e2e',
    enroll: (request) => enrollDevice({ serverUrl: server.url, timeoutMs: 5_000 }, request),
    logger: createSilentLogger(),
  });
}

async function openWizard(secretStore: SecretStore, options: { token?: string; locale?: string } = {}) {
  if (options.token) rememberSecret(options.token, 'enrollmentToken');
  context = await browser.newContext({ locale: options.locale ?? 'en-US', viewport: { width: 1024, height: 768 } });
  const shell = await installDesktopShell(context, server.url, { deviceTrust: trust(secretStore, options.token) });
  const page = await context.newPage();
  await shell.open(page);
  await expect.poll(() => screen(page, 'username').count()).toBe(1);
  await page.locator('#username').fill('adele');
  await page.getByRole('button', { name: /Next|Volgende/u }).click();
  return page;
}

describe('device trust screens', () => {
  it('shows KEYCHAIN_UNAVAILABLE when the OS keychain is locked', async () => {
    // Create the login keyring unlocked once, then run the daemon again without unlocking it: locked, no prompt.
    const first = await startSessionKeyring({ dir: keyringDir, password: 'login-pw', unlock: true });
    // An enrolled device: its credential is in the login keyring (written by a process of its own).
    const ops = [{ op: 'set', account: 'device-credential', secret: '{"enrolled":"earlier"}' }];
    await run(process.execPath, ['--import', 'tsx', PROBE, JSON.stringify(ops)], {
      env: first.env,
      timeout: 30_000,
    });
    await first.stop();
    keyring = await startSessionKeyring({ dir: keyringDir, password: 'login-pw', unlock: false });
    // This file's process talks to no other bus: the binding keeps its first session connection.
    process.env.DBUS_SESSION_BUS_ADDRESS = keyring.busAddress;
    const page = await openWizard(createKeychainSecretStore({ service: 'ResetDesk-test', timeoutMs: 5_000 }), {
      token: `rdet_${'a'.repeat(43)}`,
    });
    await expect.poll(() => page.locator('main[data-error-code="KEYCHAIN_UNAVAILABLE"]').count()).toBe(1);
    await expect.poll(() => page.getByRole('heading', { name: /secure storage/u }).count()).toBe(1);
    await checkScreen(page, 'device-01-keychain-unavailable');
  });

  it('shows DEVICE_NOT_TRUSTED when the server requires enrolled devices and this one is not', async () => {
    const page = await openWizard(createMemorySecretStore(), { locale: 'nl-NL' });
    await expect.poll(() => page.locator('main[data-error-code="DEVICE_NOT_TRUSTED"]').count()).toBe(1);
    await expect.poll(() => page.getByRole('heading', { name: /mag geen wachtwoorden herstellen/u }).count()).toBe(1);
    await checkScreen(page, 'device-02-not-trusted-nl');
  });

  it('enrolls with a token from the CLI and resets a password with signed requests only', async () => {
    const { stdout } = await run(
      process.execPath,
      [SERVER_BUNDLE, 'devices', 'token', 'create', '--expires', '1h', '--data-dir', server.dataDir],
      { timeout: 30_000 },
    );
    const token = stdout.trim();
    const store = createMemorySecretStore();
    const page = await openWizard(store, { token });
    await expect.poll(() => screen(page, 'chooseMethod').count()).toBe(1);
    const credential = JSON.parse((await store.get(DEVICE_CREDENTIAL_ACCOUNT)) ?? '{}') as { deviceSecret?: string };
    expect(credential.deviceSecret).toMatch(/^[\w-]{43}$/u);
    rememberSecret(credential.deviceSecret ?? '', 'deviceSecret');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => screen(page, 'enterCode').count()).toBe(1);
    await page.locator('#code').fill(await latestCodeFor(server.url, 'adele@contoso.example'));
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => screen(page, 'newPassword').count()).toBe(1);
    await checkScreen(page, 'device-04-enrolled-new-password');
  });

  it('shows ENROLLMENT_TOKEN_INVALID for a token the server does not know', async () => {
    const page = await openWizard(createMemorySecretStore(), { token: `rdet_${'b'.repeat(43)}` });
    await expect.poll(() => page.locator('main[data-error-code="ENROLLMENT_TOKEN_INVALID"]').count()).toBe(1);
    await checkScreen(page, 'device-03-enrollment-token-invalid');
  });
});
