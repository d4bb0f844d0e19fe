import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import en from '../../src-renderer/src/i18n/languages/en.json';
import nl from '../../src-renderer/src/i18n/languages/nl.json';
import { DEMO_METHODS } from '../../src-server/src/demo/demo-users';
import { openSqliteFile } from '../../src-server/src/store/sqlite-driver';
import { runCli } from '../server/support/cli-runner';
import { launchChromium } from './support/chromium';
import { installDesktopShell } from './support/desktop-shell';
import { startResetServer, type RunningResetServer } from './support/reset-server-process';
import { checkScreen } from './support/screen-check';

// A Temporary Access Pass end to end: the helpdesk issues it with the real CLI on the server's data directory, the
// person types it on the code screen of the built wizard (desktop shell bridged to the real main process), and a
// used, a revoked and an expired pass each get their own screen, in English and Dutch, with an axe scan.

const TEXTS = { en, nl } as const;
type Language = keyof typeof TEXTS;

let browser: Browser;
let server: RunningResetServer;
let policyDir: string;
let context: BrowserContext | undefined;

beforeAll(async () => {
  policyDir = mkdtempSync(path.join(tmpdir(), 'resetdesk-policy-'));
  const policyFile = path.join(policyDir, 'policy.json');
  writeFileSync(policyFile, JSON.stringify({ captcha: { mode: 'off' }, methods: [...DEMO_METHODS, 'tap'] }));
  server = await startResetServer({ demo: true, env: { RESETDESK_POLICY_FILE: policyFile } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(policyDir, { recursive: true, force: true });
});

afterEach(async () => {
  await context?.close();
  context = undefined;
});

const screen = (page: Page, name: string) => page.locator(`main[data-screen="${name}"]`);
const errorScreen = (page: Page, code: string) => page.locator(`main[data-screen="error"][data-error-code="${code}"]`);

async function issue(username: string, ...extra: string[]): Promise<string> {
  const issued = await runCli(server.dataDir, ['tap', 'issue', '--user', username, '--lifetime', '1h', ...extra]);
  expect(issued.code).toBe(0);
  return issued.stdout.trim();
}

async function wizard(language: Language): Promise<Page> {
  context = await browser.newContext({ locale: language === 'nl' ? 'nl-NL' : 'en-US', viewport: { width: 1024, height: 768 } });
  const shell = await installDesktopShell(context, server.url);
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await shell.open(page);
  return page;
}

async function typePass(page: Page, language: Language, username: string, pass: string): Promise<void> {
  const t = TEXTS[language];
  await expect.poll(() => screen(page, 'username').count()).toBe(1);
  await page.locator('#username').fill(username);
  await page.getByRole('button', { name: t.app.next }).click();
  await expect.poll(() => screen(page, 'chooseMethod').count()).toBe(1);
  await page.getByRole('radio', { name: t.methods.tapLabel }).check();
  await page.getByRole('button', { name: t.app.next }).click();
  await expect.poll(() => screen(page, 'enterCode').count()).toBe(1);
  await expect.poll(() => page.getByRole('heading', { level: 1, name: t.codeMethods.tapHeading }).count()).toBe(1);
  // As the helpdesk might read it out: in groups.
  await page.locator('#code').fill(`${pass.slice(0, 5)} ${pass.slice(5)}`);
  await page.getByRole('button', { name: t.app.next }).click();
}

async function expectRefused(page: Page, language: Language, code: 'TAP_USED' | 'TAP_REVOKED' | 'TAP_EXPIRED') {
  await expect.poll(() => errorScreen(page, code).count()).toBe(1);
  const texts = TEXTS[language].errors[code];
  await expect.poll(() => page.getByRole('heading', { level: 1, name: texts.title }).count()).toBe(1);
  await checkScreen(page, `60-${language}-tap-${code.toLowerCase()}`);
  await page.getByRole('button', { name: TEXTS[language].error.startOver }).click();
}

function expireLatestPass(): void {
  const db = openSqliteFile(path.join(server.dataDir, 'resetdesk.sqlite'));
  try {
    db.prepare(`UPDATE temporary_access_passes SET expires_at = ? WHERE created_at =
      (SELECT max(created_at) FROM temporary_access_passes)`).run([new Date(Date.now() - 60_000).toISOString()]);
  } finally {
    db.close();
  }
}

describe.each([
  ['en', 'bianca'],
  ['nl', 'adele'],
] as const)('Temporary Access Pass (%s)', (language, username) => {
  it('resets with a pass; a used, a revoked and an expired pass each get a clear screen', async () => {
    const page = await wizard(language);
    const once = await issue(username, '--one-time');
    await typePass(page, language, username, once);
    await expect.poll(() => screen(page, 'newPassword').count()).toBe(1);
    await checkScreen(page, `60-${language}-tap-accepted`);

    const again = await wizard(language);
    await typePass(again, language, username, once);
    await expectRefused(again, language, 'TAP_USED');

    const revoked = await issue(username);
    expect((await runCli(server.dataDir, ['tap', 'revoke', '--user', username])).code).toBe(0);
    await typePass(again, language, username, revoked);
    await expectRefused(again, language, 'TAP_REVOKED');

    const expiring = await issue(username);
    expireLatestPass();
    await typePass(again, language, username, expiring);
    await expectRefused(again, language, 'TAP_EXPIRED');
  });
});
