import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import en from '../../src-renderer/src/i18n/languages/en.json';
import nl from '../../src-renderer/src/i18n/languages/nl.json';
import { launchChromium } from './support/chromium';
import { installDesktopShell } from './support/desktop-shell';
import { freePort } from './support/free-port';
import { startResetServer, type RunningResetServer } from './support/reset-server-process';
import { checkScreen } from './support/screen-check';

// Issue 15: a server configured with a Redis that cannot be reached refuses the steps that need the throttles with
// THROTTLE_UNAVAILABLE, which the wizard shows as a screen of its own (English and Dutch), never a crash.

const TEXTS = { en, nl } as const;
let browser: Browser;
let server: RunningResetServer;
let context: BrowserContext | undefined;

beforeAll(async () => {
  // Nothing listens on this port: Redis is down from the start.
  server = await startResetServer({ demo: true, env: { RESETDESK_REDIS_URL: `redis://127.0.0.1:${await freePort()}` } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

afterEach(async () => {
  await context?.close();
  context = undefined;
});

async function desktopPage(language: 'en' | 'nl'): Promise<Page> {
  context = await browser.newContext({ locale: language === 'nl' ? 'nl-NL' : 'en-US', viewport: { width: 1024, height: 768 } });
  const shell = await installDesktopShell(context, server.url);
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await shell.open(page);
  await expect.poll(() => page.locator('main[data-screen="username"]').count()).toBe(1);
  return page;
}

describe('the rate-limit store is down', () => {
  it.each(['en', 'nl'] as const)('says so in a screen of its own, with when to try again (%s)', async (language) => {
    const page = await desktopPage(language);
    await page.locator('#username').fill('adele');
    await page.getByRole('button', { name: TEXTS[language].app.next }).click();
    const screen = page.locator('main[data-screen="error"][data-error-code="THROTTLE_UNAVAILABLE"]');
    await expect.poll(() => screen.count()).toBe(1);
    const texts = TEXTS[language].errors.THROTTLE_UNAVAILABLE;
    await expect.poll(() => page.getByRole('heading', { level: 1, name: texts.title }).count()).toBe(1);
    await checkScreen(page, `25-${language}-error-throttle-unavailable`);
    // Nothing changed, so the step can be tried again from where it was (not only started over).
    await page.getByRole('button', { name: TEXTS[language].error.tryAgain }).click();
    await expect.poll(() => page.locator('main[data-screen="username"]').count()).toBe(1);
    expect(await page.getByRole('button', { name: TEXTS[language].error.startOver }).count()).toBe(0);
  });
});
