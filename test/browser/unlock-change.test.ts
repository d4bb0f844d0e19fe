import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generate } from 'otplib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../src-server/src/demo/demo-users';
import { launchChromium } from './support/chromium';
import { latestCodeFor, signIn } from './support/demo-server-api';
import { installDesktopShell, type DesktopShell } from './support/desktop-shell';
import { startResetServer, type RunningResetServer } from './support/reset-server-process';
import { checkBothLanguages, checkScreen } from './support/screen-check';

// "I know my password but my account is locked" and "Change password", end to end from the first screen (the Windows
// sign-in variant): Chromium, the real main-process handlers, the real reset server process and its directory.

function demoUser(username: string) {
  const user = DEMO_USERS.find((u) => u.username === username);
  if (!user) throw new Error(`no demo user ${username}`);
  return user;
}

const UNLOCK_LINK = 'I know my password but my account is locked';
const screen = (page: Page, name: string) => page.locator(`main[data-screen="${name}"]`);
const errorScreen = (page: Page, code: string) => page.locator(`main[data-screen="error"][data-error-code="${code}"]`);

async function startWith(page: Page, username: string, link: string) {
  await expect.poll(() => screen(page, 'username').count()).toBe(1);
  await page.locator('#username').fill(username);
  await page.getByRole('button', { name: link, exact: true }).click();
}

async function passEmailCode(page: Page, serverUrl: string, email: string) {
  await expect.poll(() => screen(page, 'chooseMethod').count()).toBe(1);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect.poll(() => screen(page, 'enterCode').count()).toBe(1);
  await page.locator('#code').fill(await latestCodeFor(serverUrl, email));
  await page.getByRole('button', { name: 'Next' }).click();
}

async function fillChange(page: Page, oldPassword: string, newPassword: string) {
  await page.locator('#old-password').fill(oldPassword);
  await page.locator('#new-password').fill(newPassword);
  await page.locator('#confirm-password').fill(newPassword);
  await page.getByRole('button', { name: 'Change password', exact: true }).click();
}

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function newPage(): Promise<void> {
  // Reduced motion: Fluent's focus and button transitions end at once, so screenshots show the settled screen.
  context = await browser.newContext({
    locale: 'en-US',
    viewport: { width: 1024, height: 768 },
    reducedMotion: 'reduce',
  });
  page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
}

afterEach(async () => {
  await context.close();
});

describe('unlock and change in the desktop shell (default policy)', () => {
  let server: RunningResetServer;
  let shell: DesktopShell;

  beforeAll(async () => {
    server = await startResetServer({ demo: true });
  });

  afterAll(async () => {
    await server?.stop();
  });

  beforeEach(async () => {
    await newPage();
    shell = await installDesktopShell(context, server.url);
    await shell.open(page);
  });

  it('unlocks locked-out Frank from the first screen; he then signs in with his unchanged password', async () => {
    const frank = demoUser('frank');
    expect(await signIn(server.url, frank.username, frank.password)).toBe(false);
    await expect.poll(() => page.getByRole('button', { name: 'Change password', exact: true }).count()).toBe(1);
    await checkBothLanguages(page, 'unlock-01-sign-in-screen');

    await startWith(page, frank.username, UNLOCK_LINK);
    await expect.poll(() => screen(page, 'chooseMethod').count()).toBe(1);
    await expect.poll(() => page.getByText('Step 2 of 2').count()).toBe(1);
    await checkScreen(page, 'unlock-02-choose-method');
    await passEmailCode(page, server.url, frank.email ?? '');
    await expect.poll(() => screen(page, 'done').count()).toBe(1);
    await expect.poll(() => page.getByRole('heading', { name: 'Your account has been unlocked' }).count()).toBe(1);
    await checkBothLanguages(page, 'unlock-03-done');

    expect(await signIn(server.url, frank.username, frank.password)).toBe(true);
    await page.getByRole('button', { name: 'Finish' }).click();
    await expect.poll(() => screen(page, 'username').count()).toBe(1);
  });

  it('unlocks Henry with his authenticator app code: unlock takes any method, not only email', async () => {
    const henry = demoUser('henry');
    // Five wrong passwords lock him out, as at the sign-in screen.
    for (let i = 0; i < 5; i++) expect(await signIn(server.url, henry.username, 'Not-His-Password-1')).toBe(false);
    expect(await signIn(server.url, henry.username, henry.password)).toBe(false);

    await startWith(page, henry.username, UNLOCK_LINK);
    await expect.poll(() => screen(page, 'chooseMethod').count()).toBe(1);
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => screen(page, 'enterCode').count()).toBe(1);
    await expect.poll(() => page.getByText('Step 2 of 2').count()).toBe(1);
    await checkScreen(page, 'unlock-05-enter-code-totp');
    await page.locator('#code').fill(await generate({ secret: henry.totpSecret ?? '' }));
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Your account has been unlocked' }).count()).toBe(1);
    expect(await signIn(server.url, henry.username, henry.password)).toBe(true);
  });

  it('tells Adele, who is not locked, only after she verified (reached with the keyboard only)', async () => {
    await expect.poll(() => screen(page, 'username').count()).toBe(1);
    await page.locator('#username').focus();
    await page.keyboard.type('adele');
    // User ID -> Next -> "Reset password" -> "I know my password but my account is locked".
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(UNLOCK_LINK);
    await page.keyboard.press('Enter');
    await passEmailCode(page, server.url, demoUser('adele').email ?? '');
    await expect.poll(() => errorScreen(page, 'ACCOUNT_NOT_LOCKED').count()).toBe(1);
    await checkBothLanguages(page, 'unlock-04-error-not-locked');
    expect(await signIn(server.url, 'adele', demoUser('adele').password)).toBe(true);
  });

  it('changes "must change" Grace\'s password: wrong old password, reused password, then the new one signs in', async () => {
    const grace = demoUser('grace');
    expect(await signIn(server.url, grace.username, grace.password)).toBe(false);
    await startWith(page, grace.username, 'Change password');
    await expect.poll(() => screen(page, 'changePassword').count()).toBe(1);
    await page.locator('#new-password').fill('grace');
    await checkBothLanguages(page, 'change-01-form');

    await fillChange(page, 'Not-Her-Password-1', 'Velvet-Harbor-88!');
    await expect.poll(() => page.getByRole('alert').getByText('Your user ID or password is incorrect').count()).toBe(1);
    expect(await screen(page, 'changePassword').count()).toBe(1);
    await checkBothLanguages(page, 'change-02-wrong-old-password');

    await fillChange(page, grace.password, grace.password);
    await expect.poll(() => page.getByText("You can't use your current password again").count()).toBe(1);
    await checkBothLanguages(page, 'change-03-password-reused');
    // Issue 9 item 17: typing a different new password clears the rejection of the one sent.
    await page.locator('#new-password').fill('Velvet-Harbor-88!');
    await expect.poll(() => page.getByText("You can't use your current password again").count()).toBe(0);

    await fillChange(page, grace.password, 'Velvet-Harbor-88!');
    await expect.poll(() => screen(page, 'done').count()).toBe(1);
    await expect.poll(() => page.getByRole('heading', { name: 'Your password has been changed' }).count()).toBe(1);
    await checkBothLanguages(page, 'change-04-done');

    expect(await signIn(server.url, grace.username, 'Velvet-Harbor-88!')).toBe(true);
    expect(await signIn(server.url, grace.username, grace.password)).toBe(false);
    const mainLog = shell.logLines.join('\n');
    for (const secret of ['Not-Her-Password-1', 'Velvet-Harbor-88!', grace.password]) {
      expect(mainLog).not.toContain(secret);
    }
  });

  it('sends a locked user who tries to change to the unlock path', async () => {
    const diego = demoUser('diego');
    await startWith(page, diego.username, 'Change password');
    await expect.poll(() => screen(page, 'changePassword').count()).toBe(1);
    await fillChange(page, diego.password, 'Velvet-Harbor-88!');
    await expect.poll(() => errorScreen(page, 'ACCOUNT_LOCKED').count()).toBe(1);
    await checkBothLanguages(page, 'change-05-error-account-locked');
  });
});

describe('a policy without unlock and change, in a plain browser served by the reset server', () => {
  let server: RunningResetServer;
  let policyDir: string;

  beforeAll(async () => {
    policyDir = mkdtempSync(path.join(tmpdir(), 'resetdesk-policy-'));
    const policyFile = path.join(policyDir, 'policy.json');
    writeFileSync(policyFile, JSON.stringify({ unlockAllowed: false, changeAllowed: false }));
    server = await startResetServer({ demo: true, env: { RESETDESK_POLICY_FILE: policyFile } });
  });

  afterAll(async () => {
    await server?.stop();
    rmSync(policyDir, { recursive: true, force: true });
  });

  beforeEach(() => newPage());

  it('offers no "Change password" link and explains that unlocking is not allowed', async () => {
    await page.goto(`${server.url}/`);
    await expect.poll(() => page.getByRole('button', { name: 'Reset password', exact: true }).count()).toBe(1);
    // The organisation name arrives with the public config: after it, the change link would have appeared.
    await expect.poll(() => page.getByText('Contoso', { exact: true }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Change password', exact: true }).count()).toBe(0);
    await checkScreen(page, 'policy-01-sign-in-without-change');

    await startWith(page, 'frank', UNLOCK_LINK);
    await expect.poll(() => errorScreen(page, 'UNLOCK_NOT_ALLOWED').count()).toBe(1);
    await checkBothLanguages(page, 'policy-02-error-unlock-not-allowed');
    expect(await signIn(server.url, 'frank', demoUser('frank').password)).toBe(false);
  });
});
