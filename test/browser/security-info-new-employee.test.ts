import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_METHODS, DEMO_USERS } from '../../src-server/src/demo/demo-users';
import { runCli } from '../server/support/cli-runner';
import { useDemoBrowser } from './support/browser-session';
import { latestCodeFor, signIn } from './support/demo-server-api';
import { registerPasskey } from './support/register-passkey';
import { registerAuthenticatorApp, registerQuestions } from './support/register-questions-totp';
import { checkBothLanguages, checkScreen } from './support/screen-check';
import { signInWithTap } from './support/tap-sign-in';
import { addVirtualAuthenticator } from './support/virtual-authenticator';
import { describeScreen, expectDone, fillNewPassword, startWith } from './support/wizard-steps';

// Issue 14's "done when", end to end on the web page the reset server serves (a passkey needs a host name, so the
// page is at localhost; the desktop app sends people here for passkeys): Bianca has nothing registered. The helpdesk
// issues her a Temporary Access Pass with the real CLI; with it she signs in to security info and registers an email
// address and a mobile phone (each proved with the code sent to it), security questions, an authenticator app (proved
// with its first code) and a passkey (Chromium's virtual authenticator); then she resets her password with the
// passkey (made her default, so the chooser offers it first), and a real sign-in proves the new password works and
// the old one does not. On the way: a bad phone number refused, a method removed and registered again.

const bianca = DEMO_USERS.find((u) => u.username === 'bianca');
const session = useDemoBrowser({
  policy: { methods: [...DEMO_METHODS, 'passkey', 'tap'], captcha: { mode: 'off' } },
});
const base = () => session.url.replace('//127.0.0.1:', '//localhost:');
const screen = (page: Page, name: string) => page.locator(`main[data-screen="${name}"]`);
const listed = (page: Page) => page.locator('[data-security-info-list] li');
const ADDRESS = 'bianca.private@fabrikam.example';
const PHONE = '+31687650042';
const NEW_PASSWORD = 'Passkey-Lantern-4417';
const QUESTIONS = [
  { questionId: 'firstPetName', answer: 'Snuffel' },
  { questionId: 'childhoodStreet', answer: 'Lindenlaan' },
  { questionId: 'firstCarModel', answer: 'Fiat Panda' },
];
const row = (page: Page, id: string) => page.locator(`[data-security-info-list] li[data-method-id="${id}"]`);

/** The code screen of a method being added: the code read from the demo outbox, typed, sent. */
async function proveWithCode(page: Page, target: string): Promise<void> {
  await expect.poll(() => screen(page, 'confirmRegistration').count(), { message: await describeScreen(page) }).toBe(1);
  await page.locator('#registration-code').fill(await latestCodeFor(session.url, target));
  await page.keyboard.press('Enter');
  await expect.poll(() => screen(page, 'manageSecurityInfo').count(), { message: await describeScreen(page) }).toBe(1);
}

describe('a new employee with a Temporary Access Pass', () => {
  it('registers email, phone, questions, an authenticator app and a passkey, then resets with the passkey', async () => {
    if (!bianca) throw new Error('no demo user bianca');
    const issued = await runCli(session.dataDir, ['tap', 'issue', '--user', 'bianca', '--lifetime', '1h']);
    expect(issued.code).toBe(0);
    const pass = issued.stdout.trim();

    const context = await session.newContext({ locale: 'en-US', viewport: { width: 1024, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
    await page.goto(base());
    const authenticator = await addVirtualAuthenticator(context, page);

    await signInWithTap(page, 'bianca', pass);
    await expect.poll(() => listed(page).count()).toBe(0);
    await checkScreen(page, 'new-employee-01-signed-in-with-pass');

    await page.getByRole('button', { name: 'Add email' }).click();
    await page.locator('#registration-email').fill(ADDRESS);
    await page.keyboard.press('Enter');
    await proveWithCode(page, ADDRESS);

    // A number that is no mobile phone is refused before anything is sent.
    await page.getByRole('button', { name: 'Add phone' }).click();
    await page.locator('#registration-phone').fill('+31 6 12');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText("That's not a mobile phone number").count()).toBeGreaterThan(0);
    await checkBothLanguages(page, 'new-employee-02-bad-phone');
    await page.locator('#registration-phone').fill('+31 6 8765 0042');
    await page.keyboard.press('Enter');
    await proveWithCode(page, PHONE);

    await registerQuestions(page, QUESTIONS);
    await registerAuthenticatorApp(page);
    await registerPasskey(page);
    expect(await authenticator.credentials()).toHaveLength(1);
    // Five kinds, each listed once (a phone is one entry whether it texts or calls).
    await expect.poll(() => listed(page).count()).toBe(5);
    await checkBothLanguages(page, 'new-employee-03-five-methods');

    // Removing takes one method off (the others stay); registering it again brings it back.
    await row(page, 'questions').getByRole('button', { name: /^Remove/u }).click();
    await expect.poll(() => listed(page).count()).toBe(4);
    await expect.poll(() => row(page, 'questions').count()).toBe(0);
    await registerQuestions(page, QUESTIONS);
    await expect.poll(() => listed(page).count()).toBe(5);

    // The passkey made the default: the reset's chooser lists it first, already chosen.
    const passkeyRow = page.locator('[data-security-info-list] li[data-method-id^="passkey:"]');
    await passkeyRow.getByRole('button', { name: /^Make .* the default$/u }).click();
    await expect.poll(() => passkeyRow.getByText('Default', { exact: true }).count()).toBe(1);
    await checkScreen(page, 'new-employee-04-passkey-default');

    await page.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => screen(page, 'done').count()).toBe(1);
    await page.getByRole('button', { name: 'Finish' }).click();

    // The reset: the chooser offers what she registered, the passkey among them.
    await startWith(page, 'bianca');
    await expect.poll(() => screen(page, 'chooseMethod').count(), { message: await describeScreen(page) }).toBe(1);
    const passkeyOption = page.getByRole('radio', { name: /Use my passkey/u });
    await expect.poll(() => page.getByRole('radio').first().getAttribute('value')).toBe('passkey');
    await expect.poll(() => passkeyOption.isChecked()).toBe(true);
    await checkScreen(page, 'new-employee-05-reset-chooser');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => screen(page, 'usePasskey').count(), { message: await describeScreen(page) }).toBe(1);
    await page.getByRole('button', { name: 'Use passkey' }).click();
    await fillNewPassword(page, NEW_PASSWORD);
    await expectDone(page, 'Your password has been reset');
    await checkScreen(page, 'new-employee-06-reset-with-passkey');

    expect(await signIn(session.url, 'bianca', NEW_PASSWORD)).toBe(true);
    expect(await signIn(session.url, 'bianca', bianca.password)).toBe(false);
  });
});
