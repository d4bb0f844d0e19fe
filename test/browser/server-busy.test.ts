import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import en from '../../src-renderer/src/i18n/languages/en.json';
import nl from '../../src-renderer/src/i18n/languages/nl.json';
import { isServerBusy } from '../../src-server/src/support/hash-pool';
import { createTestServer, latestCodeFor, makeTempDir } from '../server/support/server-fixtures';
import type { TestServer } from '../server/support/server-fixtures';
import { launchChromium } from './support/chromium';
import { installDesktopShell } from './support/desktop-shell';
import { checkScreen } from './support/screen-check';

// Issue 15: a full hash pool refuses the new password with SERVER_BUSY. The wizard shows it as its own screen
// (English and Dutch) whose "Try again" goes back to the same step, which then succeeds once the pool has room.
// The server runs in this process so the test can hold every slot of its real pool (as the server's own test does).

const TEXTS = { en, nl } as const;
let browser: Browser;
let server: TestServer;
let serverUrl: string;
let temp: ReturnType<typeof makeTempDir>;
let context: BrowserContext | undefined;

beforeAll(async () => {
  temp = makeTempDir();
  const file = join(temp.dir, 'policy.json');
  writeFileSync(file, JSON.stringify({ captcha: { mode: 'off' }, methods: ['email'] }));
  server = await createTestServer({ demo: true, env: { RESETDESK_POLICY_FILE: file } });
  // The wizard compares the flow's expiry with the real time: the server's manual clock is brought up to it.
  server.clock.advanceMinutes(Math.ceil((Date.now() - server.clock.now().getTime()) / 60_000));
  serverUrl = await server.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  temp?.remove();
});

afterEach(async () => {
  await context?.close();
  context = undefined;
});

/** Holds every slot and queue place of the server's hash pool until the returned function is called. */
async function fillHashPool(): Promise<() => Promise<void>> {
  const pool = server.runtime.hashPool;
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  const jobs: Promise<void>[] = [];
  for (;;) {
    // The pool admits or refuses synchronously: a refused job leaves its load as it was.
    const before = JSON.stringify(pool.load);
    const job = pool.run(() => held);
    if (JSON.stringify(pool.load) === before) {
      await expect(job).rejects.toSatisfy(isServerBusy);
      break;
    }
    jobs.push(job);
  }
  return async () => {
    release();
    await Promise.all(jobs);
  };
}

async function desktopPage(language: 'en' | 'nl'): Promise<Page> {
  context = await browser.newContext({
    locale: language === 'nl' ? 'nl-NL' : 'en-US',
    viewport: { width: 1024, height: 768 },
  });
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

describe('a busy server', () => {
  it.each(['en', 'nl'] as const)('says so, and "Try again" sends the same step again (%s)', async (language) => {
    const texts = TEXTS[language];
    const page = await desktopPage(language);
    // One person per language: a second reset of the same account could meet the policy's minimum password age.
    const who = language === 'en' ? 'adele' : 'diego';
    await page.locator('#username').fill(who);
    await page.getByRole('button', { name: texts.app.next }).click();
    await expect.poll(() => page.locator('main[data-screen="chooseMethod"]').count()).toBe(1);
    await page.getByRole('button', { name: texts.app.next }).click();
    await expect.poll(() => page.locator('main[data-screen="enterCode"]').count()).toBe(1);
    await page.locator('#code').fill(await latestCodeFor(server.app, `${who}@contoso.example`));
    await page.getByRole('button', { name: texts.app.next }).click();
    await expect.poll(() => page.locator('main[data-screen="newPassword"]').count()).toBe(1);
    const password = language === 'en' ? 'Velvet-Harbor-88!q' : 'Fluweel-Haven-77!x';
    await page.locator('#new-password').fill(password);
    await page.locator('#confirm-password').fill(password);

    const release = await fillHashPool();
    await page.getByRole('button', { name: texts.newPassword.submit }).click();
    const busy = page.locator('main[data-screen="error"][data-error-code="SERVER_BUSY"]');
    await expect.poll(() => busy.count()).toBe(1);
    const heading = page.getByRole('heading', { level: 1, name: texts.errors.SERVER_BUSY.title });
    await expect.poll(() => heading.count()).toBe(1);
    await checkScreen(page, `26-${language}-error-server-busy`);
    await release();

    // Back to the new password, which nothing changed: sent again, it is saved.
    await page.getByRole('button', { name: texts.error.tryAgain }).click();
    await expect.poll(() => page.locator('main[data-screen="newPassword"]').count()).toBe(1);
    await page.locator('#new-password').fill(password);
    await page.locator('#confirm-password').fill(password);
    await page.getByRole('button', { name: texts.newPassword.submit }).click();
    await expect.poll(() => page.locator('main[data-screen="done"]').count(), { timeout: 20_000 }).toBe(1);
  });
});
