import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium';
import { installDesktopShell } from './support/desktop-shell';
import { startResetServer, type RunningResetServer } from './support/reset-server-process';
import { checkScreen } from './support/screen-check';

// A setting the organisation manages is applied and marked as such: here the language, set by policy to Dutch on a
// machine whose browser language is English.

const screen = (page: Page, name: string) => page.locator(`main[data-screen="${name}"]`);
let server: RunningResetServer;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  server = await startResetServer({ demo: true });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});
afterEach(async () => {
  await context?.close();
});

async function open(options: { managedSettings?: string[] }) {
  context = await browser.newContext({ locale: 'en-US', viewport: { width: 1024, height: 768 } });
  const shell = await installDesktopShell(context, server.url, { config: { locale: 'nl-NL' }, ...options });
  const page = await context.newPage();
  await shell.open(page);
  await expect.poll(() => screen(page, 'username').count()).toBe(1);
  return page;
}

describe('managed settings', () => {
  it('applies a language set by policy, marks it as the organisation’s and offers no other', async () => {
    const page = await open({ managedSettings: ['locale'] });
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('nl');
    await expect.poll(() => page.getByText('Ingesteld door je organisatie').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'English' }).isDisabled()).toBe(true);
    await checkScreen(page, 'managed-01-language-by-policy-nl');
  });

  it('uses a configured (not managed) language as the start, and lets the person change it', async () => {
    const page = await open({});
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('nl');
    expect(await page.locator('[data-managed-setting]').count()).toBe(0);
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
  });
});
