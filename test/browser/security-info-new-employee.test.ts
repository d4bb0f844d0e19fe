import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_METHODS, DEMO_USERS } from '../../src-server/src/demo/demo-users';
import { runCli } from '../server/support/cli-runner';
import { useDemoBrowser } from './support/browser-session';
import { latestCodeFor, signIn } from './support/demo-server-api';
import { registerPasskey } from './support/register-passkey';
import { registerAuthenticatorApp, registerQuestions } from './support/register-questions-totp';
import { checkScreen } from './support/screen-check';
import { signInWithTap } from './support/tap-sign-in';
import { addVirtualAuthenticator } from './support/virtual-authenticator';
import { describeScreen, expectDone, fillNewPassword, startWith } from './support/wizard-steps';

// Issue 14's "done when", end to end on the web page the reset server serves (a passkey needs a host name, so the
// page is at localhost; the desktop app sends people here for passkeys): Bianca has nothing registered. The helpdesk
// issues her a Temporary Access Pass with the real CLI; with it she signs in to security info and registers an email
// address and a mobile phone (each proved with the code sent to it), security questions, an authenticator app (proved
// with its first code) and a passkey (Chromium's virtual authenticator); then she resets her password with the
// passkey, and a real sign-in proves the new password works and the old one does not.

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

    await page.getByRole('button', { name: 'Add phone' }).click();
    await page.locator('#registration-phone').fill('+31 6 8765 0042');
    await page.keyboard.press('Enter');
    await proveWithCode(page, PHONE);

    await registerQuestions(page, [
      { questionId: 'firstPetName', answer: 'Snuffel' },
      { questionId: 'childhoodStreet', answer: 'Lindenlaan' },
      { questionId: 'firstCarModel', answer: 'Fiat Panda' },
    ]);
    await registerAuthenticatorApp(page);
    await registerPasskey(page);
    expect(await authenticator.credentials()).toHaveLength(1);
    // Five kinds, each listed once (a phone is one entry whether it texts or calls).
    await expect.poll(() => listed(page).count()).toBe(5);
    await checkScreen(page, 'new-employee-02-five-methods');

    await page.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => screen(page, 'done').count()).toBe(1);
    await page.getByRole('button', { name: 'Finish' }).click();

    // The reset: the chooser offers what she registered, the passkey among them.
    await startWith(page, 'bianca');
    await expect.poll(() => screen(page, 'chooseMethod').count(), { message: await describeScreen(page) }).toBe(1);
    await page.getByRole('radio', { name: /Use my passkey/u }).check();
    await checkScreen(page, 'new-employee-03-reset-chooser');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => screen(page, 'usePasskey').count(), { message: await describeScreen(page) }).toBe(1);
    await page.getByRole('button', { name: 'Use passkey' }).click();
    await fillNewPassword(page, NEW_PASSWORD);
    await expectDone(page, 'Your password has been reset');
    await checkScreen(page, 'new-employee-04-reset-with-passkey');

    expect(await signIn(session.url, 'bianca', NEW_PASSWORD)).toBe(true);
    expect(await signIn(session.url, 'bianca', bianca.password)).toBe(false);
  });
});
