import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ErrorResponseSchema, PasswordRejectionReasonSchema, ROUTES } from '@resetdesk/shared';
import type { ErrorCode } from '@resetdesk/shared';
import en from '../../src-renderer/src/i18n/languages/en.json';
import nl from '../../src-renderer/src/i18n/languages/nl.json';
import { launchChromium } from './support/chromium';
import { latestCodeFor } from './support/demo-server-api';
import { installDesktopShell } from './support/desktop-shell';
import { freePort } from './support/free-port';
import { startResetServer, type RunningResetServer } from './support/reset-server-process';
import { checkScreen } from './support/screen-check';

// Every screen of the seed's error table, and the new ones (throttled, device not allowed, server unreachable), in
// English and Dutch, each with a screenshot and an axe scan. Real server processes; the desktop shell bridges the
// preload API to the real main process.

type Language = 'en' | 'nl';
const TEXTS = { en, nl } as const;

let browser: Browser;
let demoServer: RunningResetServer;
let context: BrowserContext | undefined;

let demoPolicyDir: string;

beforeAll(async () => {
  // Every test here comes from 127.0.0.1, so after the throttle test's wrong codes the CAPTCHA (its own test file)
  // would stand in front of every screen: it is switched off for this server.
  demoPolicyDir = mkdtempSync(path.join(tmpdir(), 'resetdesk-policy-'));
  const policyFile = path.join(demoPolicyDir, 'policy.json');
  writeFileSync(policyFile, JSON.stringify({ captcha: { mode: 'off' } }));
  demoServer = await startResetServer({ demo: true, env: { RESETDESK_POLICY_FILE: policyFile } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await demoServer?.stop();
  rmSync(demoPolicyDir, { recursive: true, force: true });
});

afterEach(async () => {
  await context?.close();
  context = undefined;
});

const errorScreen = (page: Page, code: ErrorCode) => page.locator(`main[data-screen="error"][data-error-code="${code}"]`);

async function desktopPage(serverUrl: string, language: Language): Promise<Page> {
  context = await browser.newContext({ locale: language === 'nl' ? 'nl-NL' : 'en-US', viewport: { width: 1024, height: 768 } });
  const shell = await installDesktopShell(context, serverUrl);
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await shell.open(page);
  await expect.poll(() => page.locator('main[data-screen="username"]').count()).toBe(1);
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(language);
  return page;
}

async function submitUsername(page: Page, language: Language, username: string): Promise<void> {
  await page.locator('#username').fill(username);
  await page.getByRole('button', { name: TEXTS[language].app.next }).click();
}

async function expectErrorScreen(page: Page, language: Language, code: ErrorCode, shot: string): Promise<void> {
  await expect.poll(() => errorScreen(page, code).count()).toBe(1);
  const texts = TEXTS[language].errors[code];
  await expect.poll(() => page.getByRole('heading', { level: 1, name: texts.title }).count()).toBe(1);
  await checkScreen(page, shot);
}

describe.each(['en', 'nl'] as const)("the seed's error table (%s)", (language) => {
  it('shows not verifiable, not enabled, contact admin (with the policy link) and the admin rule', async () => {
    const page = await desktopPage(demoServer.url, language);
    const cases = [
      ['bianca', 'ACCOUNT_NOT_VERIFIABLE', 'not-verifiable'],
      ['carlos', 'ACCOUNT_NOT_ENABLED', 'not-enabled'],
      ['emily', 'CONTACT_ADMIN', 'contact-admin'],
      ['megan', 'ACCOUNT_NOT_VERIFIABLE', 'admin-needs-two-methods'],
    ] as const;
    for (const [username, code, name] of cases) {
      await submitUsername(page, language, username);
      await expectErrorScreen(page, language, code, `20-${language}-error-${name}`);
      if (code === 'CONTACT_ADMIN') {
        const link = page.getByRole('link', { name: TEXTS[language].error.contactAdminNewWindow });
        expect(await link.getAttribute('href')).toBe('https://help.contoso.example/password');
      }
      await page.getByRole('button', { name: TEXTS[language].error.startOver }).click();
      await expect.poll(() => page.locator('main[data-screen="username"]').count()).toBe(1);
    }
  });

  it('names every reason a new password was rejected for', async () => {
    context = await browser.newContext({
      locale: language === 'nl' ? 'nl-NL' : 'en-US',
      viewport: { width: 1024, height: 900 },
    });
    const page = await context.newPage();
    // Most reasons cannot be provoked through a form that checks them before sending, so the password call is answered
    // with the contract's rejection listing every reason; everything before it is the real server.
    const reasons = PasswordRejectionReasonSchema.options;
    await page.route(`**${ROUTES.setPassword}`, (route) =>
      route.fulfill({
        status: 422,
        contentType: 'application/json',
        body: JSON.stringify(
          ErrorResponseSchema.parse({ error: { code: 'PASSWORD_REJECTED', message: 'rejected', details: { reasons } } }),
        ),
      }),
    );
    await page.goto(`${demoServer.url}/`);
    await expect.poll(() => page.locator('main[data-screen="username"]').count()).toBe(1);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(language);
    await submitUsername(page, language, 'adele');
    await expect.poll(() => page.locator('main[data-screen="chooseMethod"]').count()).toBe(1);
    await page.getByRole('button', { name: TEXTS[language].app.next }).click();
    await expect.poll(() => page.locator('main[data-screen="enterCode"]').count()).toBe(1);
    await page.locator('#code').fill(await latestCodeFor(demoServer.url, 'adele@contoso.example'));
    await page.getByRole('button', { name: TEXTS[language].app.next }).click();
    await expect.poll(() => page.locator('main[data-screen="newPassword"]').count()).toBe(1);
    await page.locator('#new-password').fill('Violet-Canyon-92!');
    await page.locator('#confirm-password').fill('Violet-Canyon-92!');
    await page.getByRole('button', { name: TEXTS[language].newPassword.submit }).click();
    for (const reason of reasons) {
      await expect.poll(() => page.getByText(TEXTS[language].passwordReasons[reason]).count()).toBe(1);
    }
    expect(await page.locator('main[data-screen="newPassword"]').count()).toBe(1);
    await checkScreen(page, `24-${language}-password-every-reason`);
  });

  it('shows the throttled screen with when it unlocks and the contact link after five wrong codes', async () => {
    const page = await desktopPage(demoServer.url, language);
    // A different demo user per language, so the English run's lock does not decide the Dutch run.
    const username = language === 'en' ? 'diego' : 'adele';
    await submitUsername(page, language, username);
    await expect.poll(() => page.locator('main[data-screen="chooseMethod"]').count()).toBe(1);
    await page.getByRole('button', { name: TEXTS[language].app.next }).click();
    await expect.poll(() => page.locator('main[data-screen="enterCode"]').count()).toBe(1);
    const code = await latestCodeFor(demoServer.url, `${username}@contoso.example`);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let attempt = 1; attempt <= 5; attempt++) {
      await page.locator('#code').fill(wrong);
      await page.getByRole('button', { name: TEXTS[language].app.next }).click();
      if (attempt < 5) {
        // Wait for this attempt's own answer (the count left changes each time), not the previous attempt's message:
        // on a busy machine the next code would otherwise be typed while this one is still being checked.
        const left = 5 - attempt;
        const forms = TEXTS[language].enterCode.attemptsLeft;
        const leftText = (left === 1 ? forms.one : forms.other).replace('{count}', String(left));
        await expect.poll(() => page.getByText(leftText, { exact: false }).count()).toBeGreaterThan(0);
        await page.locator('#code').fill('');
      }
    }
    await expectErrorScreen(page, language, 'RATE_LIMITED', `21-${language}-error-throttled`);
    const prefix = language === 'en' ? 'You can try again after' : 'Je kunt het opnieuw proberen na';
    await expect.poll(() => page.getByText(prefix).count()).toBe(1);
    expect(await page.getByRole('link', { name: TEXTS[language].error.contactAdminNewWindow }).count()).toBe(1);
    // Starting over does not get round the lock.
    await page.getByRole('button', { name: TEXTS[language].error.startOver }).click();
    await submitUsername(page, language, username);
    await expect.poll(() => errorScreen(page, 'RATE_LIMITED').count()).toBe(1);
  });

  it('shows "server unreachable" when the reset server cannot be reached', async () => {
    const closedPort = await freePort();
    const page = await desktopPage(`http://127.0.0.1:${closedPort}`, language);
    await submitUsername(page, language, 'adele');
    await expectErrorScreen(page, language, 'SERVER_UNREACHABLE', `22-${language}-error-server-unreachable`);
  });
});

describe('device not allowed', () => {
  let restricted: RunningResetServer;
  let policyDir: string;

  beforeAll(async () => {
    policyDir = mkdtempSync(path.join(tmpdir(), 'resetdesk-policy-'));
    const file = path.join(policyDir, 'policy.json');
    writeFileSync(file, JSON.stringify({ allowedClientNetworks: ['10.0.0.0/8'] }));
    restricted = await startResetServer({ demo: true, env: { RESETDESK_POLICY_FILE: file } });
  });

  afterAll(async () => {
    await restricted?.stop();
    rmSync(policyDir, { recursive: true, force: true });
  });

  it.each(['en', 'nl'] as const)('shows its own screen (%s)', async (language) => {
    const page = await desktopPage(restricted.url, language);
    await submitUsername(page, language, 'adele');
    await expectErrorScreen(page, language, 'DEVICE_NOT_ALLOWED', `23-${language}-error-device-not-allowed`);
  });
});

describe('directory unavailable', () => {
  let server: RunningResetServer;
  let configDir: string;

  beforeAll(async () => {
    // A production server whose LDAP directory is not there: nothing listens on its port.
    configDir = mkdtempSync(path.join(tmpdir(), 'resetdesk-directory-'));
    const secret = path.join(configDir, 'bind-password');
    writeFileSync(secret, 'unused-Secret-1');
    const file = path.join(configDir, 'directory.json');
    const connection = {
      urls: [`ldap://127.0.0.1:${await freePort()}`],
      security: 'none',
      bindDn: 'cn=sspr,dc=example,dc=test',
      bindPassword: { file: secret },
      baseDn: 'dc=example,dc=test',
      connectTimeoutMs: 500,
    };
    writeFileSync(file, JSON.stringify({ kind: 'ldap', connection }));
    server = await startResetServer({ demo: false, env: { RESETDESK_DIRECTORY_FILE: file } });
  });

  afterAll(async () => {
    await server?.stop();
    rmSync(configDir, { recursive: true, force: true });
  });

  it.each(['en', 'nl'] as const)('says so in a screen of its own (%s)', async (language) => {
    const page = await desktopPage(server.url, language);
    await submitUsername(page, language, 'adele');
    await expectErrorScreen(page, language, 'DIRECTORY_UNAVAILABLE', `24-${language}-error-directory-unavailable`);
  });
});
