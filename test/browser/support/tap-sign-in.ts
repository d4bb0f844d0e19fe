import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import en from '../../../src-renderer/src/i18n/languages/en.json';
import nl from '../../../src-renderer/src/i18n/languages/nl.json';

const TEXTS = { en, nl } as const;

/**
 * From the first screen to the security-info list with a Temporary Access Pass instead of the password, by keyboard
 * (the user ID, "Set up security info", "Sign in with a Temporary Access Pass", the pass, Enter). In the wizard's
 * current language (`language`, English unless told).
 */
export async function signInWithTap(page: Page, username: string, pass: string,
  language: keyof typeof TEXTS = 'en'): Promise<void> {
  const t = TEXTS[language];
  await expect.poll(() => page.locator('main[data-screen="username"]').count()).toBe(1);
  await page.locator('#username').fill(username);
  await page.getByRole('button', { name: t.signIn.setUpSecurityInfo, exact: true }).press('Enter');
  await expect.poll(() => page.locator('main[data-screen="signIn"]').count()).toBe(1);
  await page.getByRole('button', { name: t.securityInfo.useTap, exact: true }).press('Enter');
  await expect.poll(() => page.locator('#security-info-tap').count()).toBe(1);
  await page.locator('#security-info-tap').focus();
  await page.keyboard.type(pass);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('main[data-screen="manageSecurityInfo"]').count()).toBe(1);
}
