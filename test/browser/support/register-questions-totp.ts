import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { rememberSecret } from './log-sweep';

// Page steps of security info (issue 14) that other browser tests compose: each starts on the manage screen and
// ends back on it, with the new method listed. They use the keyboard and the fields' labels, as a person would.

/** A picked question (a built-in key, or an organisation's id) and the answer typed for it. */
export interface QuestionAnswer {
  questionId: string;
  answer: string;
}

const manageScreen = (page: Page) => page.locator('main[data-screen="manageSecurityInfo"]');
const listed = (page: Page, id: string) => page.locator(`[data-security-info-list] li[data-method-id="${id}"]`);

/** Opens the questions form, picks and answers each question, saves. Fails when the server refuses the set. */
export async function registerQuestions(page: Page, answers: readonly QuestionAnswer[]): Promise<void> {
  await fillQuestions(page, answers);
  await page.keyboard.press('Enter');
  await expect.poll(() => listed(page, 'questions').count(), { timeout: 20_000 }).toBe(1);
  await expect.poll(() => page.locator('#question-1').count()).toBe(0);
}

// The add buttons in both languages; once one is registered they read "Change"/"Replace" (the new one replaces it).
const QUESTIONS_BUTTON =
  /^(Add security questions|Beveiligingsvragen toevoegen|Change security questions|Beveiligingsvragen wijzigen)$/u;
const TOTP_BUTTON =
  /^(Add authenticator app|Authenticator-app toevoegen|Replace authenticator app|Authenticator-app vervangen)$/u;

/** The questions form opened (from the manage screen, when it is not open yet) and filled in, not sent. */
export async function fillQuestions(page: Page, answers: readonly QuestionAnswer[]): Promise<void> {
  await expect.poll(() => manageScreen(page).count()).toBe(1);
  if ((await page.locator('#question-1').count()) === 0) {
    await page.getByRole('button', { name: QUESTIONS_BUTTON }).click();
  }
  await expect.poll(() => page.locator('#question-1').count()).toBe(1);
  for (const [index, pick] of answers.entries()) {
    await page.locator(`#question-${index + 1}`).selectOption(pick.questionId);
    await page.locator(`#answer-${index + 1}`).fill(pick.answer);
  }
  await page.locator(`#answer-${answers.length}`).focus();
}

/** The secret on the TOTP proof screen, without the spaces that group it for reading. */
export async function secretOnScreen(page: Page): Promise<string> {
  const text = await page.locator('[data-totp-secret]').textContent();
  const secret = (text ?? '').replace(/\s+/gu, '');
  // The sweep (test/sweep/) then checks that no log holds it.
  rememberSecret(secret, 'totp secret');
  return secret;
}

/** A current code of the secret, `offsetSeconds` from now (a later step, so it is not the one used already). */
export function totpCode(secret: string, offsetSeconds = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSeconds });
}

/** Adds an authenticator app: Next, the secret read off the screen, its current code typed. Returns the secret. */
export async function registerAuthenticatorApp(page: Page): Promise<string> {
  await openTotpProof(page);
  const secret = await secretOnScreen(page);
  await page.locator('#registration-totp-code').fill(await totpCode(secret));
  await page.keyboard.press('Enter');
  await expect.poll(() => manageScreen(page).count(), { timeout: 20_000 }).toBe(1);
  await expect.poll(() => listed(page, 'totp').count()).toBe(1);
  return secret;
}

/** From the manage screen to the proof screen of a new secret (its QR code shown). */
export async function openTotpProof(page: Page): Promise<void> {
  await expect.poll(() => manageScreen(page).count()).toBe(1);
  await page.getByRole('button', { name: TOTP_BUTTON }).click();
  await page.getByRole('button', { name: /^(Next|Volgende)$/u }).click();
  await expect.poll(() => page.locator('main[data-screen="confirmRegistration"] [data-totp-secret]').count()).toBe(1);
  await page.locator('#registration-totp-code').focus();
}
