import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { describeScreen } from './wizard-steps';

const screen = (page: Page, name: string) => page.locator(`main[data-screen="${name}"]`);

/**
 * One page step: on the security-info list (manageSecurityInfo), adds a passkey through the wizard (Add passkey,
 * Continue, Create passkey: the browser's authenticator makes it) and ends back on the list with one passkey more.
 * The caller sets up the authenticator (addVirtualAuthenticator) on a page served by the reset server itself, in
 * English (the buttons are found by their names).
 */
export async function registerPasskey(page: Page): Promise<void> {
  await expect.poll(() => screen(page, 'manageSecurityInfo').count(), { message: await describeScreen(page) }).toBe(1);
  const passkeys = page.locator('[data-security-info-list] li[data-method-id^="passkey:"]');
  const before = await passkeys.count();
  await page.getByRole('button', { name: 'Add passkey' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect.poll(() => screen(page, 'confirmRegistration').count(), { message: await describeScreen(page) }).toBe(1);
  await page.getByRole('button', { name: 'Create passkey' }).click();
  await expect
    .poll(() => passkeys.count(), { timeout: 20_000, message: await describeScreen(page) })
    .toBe(before + 1);
}
