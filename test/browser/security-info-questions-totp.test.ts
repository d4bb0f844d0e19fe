import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../src-server/src/demo/demo-users';
import { installDesktopShell, type DesktopShell } from './support/desktop-shell';
import { useDemoBrowser } from './support/browser-session';
import {
  fillQuestions,
  openTotpProof,
  registerAuthenticatorApp,
  registerQuestions,
  secretOnScreen,
  totpCode,
} from './support/register-questions-totp';
import type { QuestionAnswer } from './support/register-questions-totp';
import { tabTo } from './support/keyboard';
import { checkBothLanguages, checkScreen } from './support/screen-check';

// Security questions and an authenticator app registered in security info in the desktop shell (the preload bridge,
// the real main-process handlers, the real reset server): Bianca, with nothing registered, sets up three questions
// (a duplicate answer and an answer repeating its question's words refused first), then an authenticator app (a wrong
// first code refused, then the right one from the secret on the screen); then resets her password with each.

const bianca = DEMO_USERS.find((u) => u.username === 'bianca');
const screen = (page: Page, name: string) => page.locator(`main[data-screen="${name}"]`);
const ANSWERS = [
  { questionId: 'firstPetName', answer: 'Snuffel' },
  { questionId: 'childhoodStreet', answer: 'Lindenlaan' },
  { questionId: 'firstCarModel', answer: 'Fiat Panda' },
];
// The question texts as the reset asks them (English), each with its answer.
const BY_TEXT: Record<string, string> = {
  'What was the name of your first pet?': 'Snuffel',
  'On what street did you live as a child?': 'Lindenlaan',
  'What was the make and model of your first car?': 'Fiat Panda',
};

const session = useDemoBrowser();
let page: Page;
let shell: DesktopShell;

async function startReset(username: string) {
  await expect.poll(() => screen(page, 'username').count()).toBe(1);
  await page.locator('#username').fill(username);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect.poll(() => screen(page, 'chooseMethod').count()).toBe(1);
}

describe('security questions and an authenticator app in the desktop shell', () => {
  beforeEach(async () => {
    const context = await session.newContext({ locale: 'en-US', viewport: { width: 1024, height: 900 } });
    shell = await installDesktopShell(context, session.url);
    page = await context.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
  });

  it('registers questions and an app, refusing bad answers and a wrong first code, then resets with each', async () => {
    if (!bianca) throw new Error('no demo user bianca');
    await shell.open(page);
    await expect.poll(() => screen(page, 'username').count()).toBe(1);
    await page.locator('#username').fill(bianca.username);
    await tabTo(page, 'Set up security info');
    await expect.poll(() => screen(page, 'signIn').count()).toBe(1);
    await page.locator('#security-info-password').fill(bianca.password);
    await page.keyboard.press('Enter');
    await expect.poll(() => screen(page, 'manageSecurityInfo').count()).toBe(1);

    // Questions: the form by keyboard; the focus lands on its first picker.
    await tabTo(page, 'Add security questions');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('question-1');
    await checkBothLanguages(page, 'security-info-qt-01-questions-form');
    const [pet, street, car] = ANSWERS as [QuestionAnswer, QuestionAnswer, QuestionAnswer];
    const alike = [pet, street, { ...car, answer: ' snuffel ' }];
    await fillQuestions(page, alike);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('This answer is the same as another one', { exact: false }).count()).toBe(1);
    await checkBothLanguages(page, 'security-info-qt-02-duplicate-answer');
    const wordy = [pet, street, { ...car, answer: 'Panda car model' }];
    await fillQuestions(page, wordy);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('repeats a word of its question', { exact: false }).count()).toBe(1);
    await checkBothLanguages(page, 'security-info-qt-03-answer-has-question-words');
    await registerQuestions(page, ANSWERS);
    await checkScreen(page, 'security-info-qt-04-questions-listed');

    // The authenticator app: a wrong first code is refused with the attempts left, the right one saves it.
    await openTotpProof(page);
    await checkBothLanguages(page, 'security-info-qt-05-totp-qr');
    const first = await secretOnScreen(page);
    expect(first).toMatch(/^[A-Z2-7]{16,}$/u);
    const right = await totpCode(first);
    await page.locator('#registration-totp-code').focus();
    await page.keyboard.type(right === '000000' ? '111111' : '000000');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('You have 4 attempts left.', { exact: false }).count()).toBe(1);
    // After a wrong code the field is empty and has the focus again.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('registration-totp-code');
    expect(await page.locator('#registration-totp-code').inputValue()).toBe('');
    await checkBothLanguages(page, 'security-info-qt-06-totp-wrong-code');
    await page.locator('#registration-totp-code').focus();
    await page.keyboard.type(await totpCode(first));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-security-info-list] li').count()).toBe(2);
    await checkBothLanguages(page, 'security-info-qt-07-both-listed');
    // Each replaces the one she has: the buttons say so.
    expect(await page.getByRole('button', { name: 'Change security questions' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Replace authenticator app' }).count()).toBe(1);
    // Adding an app again replaces the first: one item, and only the new secret counts from now on.
    const secret = await registerAuthenticatorApp(page);
    expect(secret).not.toBe(first);
    await expect.poll(() => page.locator('[data-security-info-list] li').count()).toBe(2);
    await tabTo(page, 'Done');
    await expect.poll(() => screen(page, 'done').count()).toBe(1);
    await page.getByRole('button', { name: 'Finish' }).click();

    // A reset with the questions.
    await startReset(bianca.username);
    await page.getByRole('radio', { name: /Answer my security questions/u }).check();
    await checkScreen(page, 'security-info-qt-08-reset-chooser');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => screen(page, 'answerQuestions').count()).toBe(1);
    const asked = await page.locator('main[data-screen="answerQuestions"] label').allTextContents();
    for (const [index, label] of asked.entries()) {
      const text = Object.keys(BY_TEXT).find((q) => label.includes(q));
      if (!text) throw new Error(`unexpected question ${label}`);
      await page.locator(`#answer-${index}`).fill(BY_TEXT[text] ?? '');
    }
    await checkScreen(page, 'security-info-qt-09-reset-questions');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => screen(page, 'newPassword').count()).toBe(1);
    await page.getByRole('button', { name: 'Cancel' }).click();

    // A reset with the app: a code of the next time step (the current one confirmed the setup: used).
    await startReset(bianca.username);
    await page.getByRole('radio', { name: /Enter a code from my authenticator app/u }).check();
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => screen(page, 'enterCode').count()).toBe(1);
    await page.locator('#code').fill(await totpCode(secret, 30));
    await checkScreen(page, 'security-info-qt-10-reset-totp');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => screen(page, 'newPassword').count()).toBe(1);
  });
});
