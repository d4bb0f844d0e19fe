import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { rememberSecret } from './log-sweep';

/** The wizard's steps as a person takes them, shared by the tests that run it against a real directory. */
export const UNLOCK_LINK = 'I know my password but my account is locked';
export const screen = (page: Page, name: string) => page.locator(`main[data-screen="${name}"]`);
export const errorScreen = (page: Page, code: string) =>
  page.locator(`main[data-screen="error"][data-error-code="${code}"]`);

export async function newWizardPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  // Reduced motion: transitions end at once, so screenshots show the settled screen.
  const context = await browser.newContext({
    locale: 'en-US',
    viewport: { width: 1024, height: 768 },
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  return { context, page };
}

/** Types the user ID and follows `link` ("Next" for a reset, the unlock link, "Change password"). */
export async function startWith(page: Page, username: string, link = 'Next'): Promise<void> {
  await expect.poll(() => screen(page, 'username').count()).toBe(1);
  await page.locator('#username').fill(username);
  await page.getByRole('button', { name: link, exact: true }).click();
}

/** Email is the only method: Next sends the code; `code()` reads it from the mailbox. */
export async function passEmailCode(page: Page, code: () => Promise<string>, shot?: () => Promise<void>) {
  await expect.poll(() => screen(page, 'chooseMethod').count()).toBe(1);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect.poll(() => screen(page, 'enterCode').count()).toBe(1);
  await shot?.();
  await page.locator('#code').fill(await code());
  await page.getByRole('button', { name: 'Next' }).click();
}

export async function fillNewPassword(page: Page, password: string): Promise<void> {
  rememberSecret(password, 'newPassword');
  await expect.poll(() => screen(page, 'newPassword').count()).toBe(1);
  await page.locator('#new-password').fill(password);
  await page.locator('#confirm-password').fill(password);
  await page.getByRole('button', { name: 'Reset password' }).click();
}

export async function fillChange(page: Page, oldPassword: string, newPassword: string): Promise<void> {
  rememberSecret(oldPassword, 'oldPassword');
  rememberSecret(newPassword, 'newPassword');
  await expect.poll(() => screen(page, 'changePassword').count()).toBe(1);
  await page.locator('#old-password').fill(oldPassword);
  await page.locator('#new-password').fill(newPassword);
  await page.locator('#confirm-password').fill(newPassword);
  await page.getByRole('button', { name: 'Change password', exact: true }).click();
}

export async function expectDone(page: Page, heading: string): Promise<void> {
  await expect.poll(() => screen(page, 'done').count()).toBe(1);
  await expect.poll(() => page.getByRole('heading', { name: heading }).count()).toBe(1);
}

/** What the wizard shows (screen, error code, text): printed when a test fails, to tell where the flow went. */
export async function describeScreen(page: Page): Promise<string> {
  const main = page.locator('main').first();
  if ((await main.count()) === 0) return 'no <main> on the page';
  const [name, code, text] = await Promise.all([
    main.getAttribute('data-screen'),
    main.getAttribute('data-error-code'),
    main.innerText(),
  ]);
  return `screen ${name ?? '?'}${code ? ` (${code})` : ''}: ${text.replace(/\s+/gu, ' ').slice(0, 600)}`;
}
