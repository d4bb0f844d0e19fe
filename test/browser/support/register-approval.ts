import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { screen } from './wizard-steps';

/** The approver link and number the pairing step shows (read off the screen, as a person would). */
export async function pairingShown(page: Page): Promise<{ url: string; number: string }> {
  await expect.poll(() => page.locator('[data-pairing-number]').count()).toBe(1);
  const url = (await page.locator('[data-approver-url]').innerText()).trim();
  const number = (await page.locator('[data-pairing-number]').getAttribute('data-pairing-number')) ?? '';
  return { url, number };
}

/**
 * The approver page on the "phone": opens `url` and types `number` (or denies); waits for the page's verdict (paired,
 * or not: `paired` says which is expected).
 */
export async function answerOnDevice(approverPage: Page, url: string, number: string | 'deny', paired = true):
  Promise<void> {
  await approverPage.goto(url);
  const form = approverPage.locator('form.approve');
  await expect.poll(() => form.count()).toBe(1);
  if (number === 'deny') {
    await approverPage.getByRole('button', { name: /^Deny|^Weigeren/u }).click();
  } else {
    await form.locator('input').fill(number);
    await form.locator('button[type="submit"]').click();
  }
  const verdict = paired ? /^(Paired|Gekoppeld)\./u : /^(Not paired|Niet gekoppeld)\./u;
  await expect.poll(() => approverPage.getByRole('status').innerText()).toMatch(verdict);
}

/**
 * Pairs an approver device for the signed-in person: starts on the manage screen, opens "Add authenticator
 * approval" by keyboard, reads the link and the number off the pairing step, types the number on the approver page
 * (the second page, the "phone"), and ends back on the manage screen with the device listed. Returns the link.
 */
export async function pairApprover(page: Page, approverPage: Page, label = 'Work phone'): Promise<string> {
  await expect.poll(() => screen(page, 'manageSecurityInfo').count()).toBe(1);
  await page.getByRole('button', { name: 'Add authenticator approval' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('#registration-approver-label').count()).toBe(1);
  await page.keyboard.type(label);
  await page.keyboard.press('Enter');
  const { url, number } = await pairingShown(page);
  await answerOnDevice(approverPage, url, number);
  await expect.poll(() => screen(page, 'manageSecurityInfo').count(), { timeout: 15_000 }).toBe(1);
  await expect.poll(() => page.locator('[data-security-info-list] li', { hasText: label }).count()).toBe(1);
  return url;
}
