import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_METHODS } from '../../src-server/src/demo/demo-users';
import { useDemoBrowser } from './support/browser-session';
import { latestCodeFor, signIn } from './support/demo-server-api';
import { installDesktopShell } from './support/desktop-shell';
import { registerPasskey } from './support/register-passkey';
import { checkScreen } from './support/screen-check';
import { addVirtualAuthenticator } from './support/virtual-authenticator';
import { describeScreen, expectDone, fillNewPassword, screen, startWith } from './support/wizard-steps';

// Security info (issue 14): a passkey registered in the real register flow on the plain web page (the wizard the
// reset server serves, at localhost: the relying party of a loopback server) with Chromium's virtual authenticator.
// Bianca, with nothing registered, signs in, cancels the first prompt (nothing saved), adds the passkey and an email
// address, then resets her password with the passkey. The desktop shell says a passkey needs the browser page.

const session = useDemoBrowser({ policy: { methods: [...DEMO_METHODS, 'passkey'], captcha: { mode: 'off' } } });
const base = () => session.url.replace('//127.0.0.1:', '//localhost:');
const BIANCA_PASSWORD = 'Copper-Meadow-23';
const PRIVATE = 'bianca.passkey@fabrikam.example';

/** A picture and an axe scan of the current screen in English and in Dutch; ends in English. */
async function checkBothLanguages(page: Page, name: string, dutchText: string) {
  await checkScreen(page, name);
  await page.getByRole('button', { name: 'Nederlands' }).click();
  await expect.poll(() => page.getByText(dutchText).count()).toBeGreaterThan(0);
  await checkScreen(page, `${name}-nl`);
  await page.getByRole('button', { name: 'English' }).click();
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
}

async function toSecurityInfo(page: Page): Promise<void> {
  await startWith(page, 'bianca', 'Set up security info');
  await expect.poll(() => screen(page, 'signIn').count()).toBe(1);
  await page.locator('#security-info-password').fill(BIANCA_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect.poll(() => screen(page, 'manageSecurityInfo').count(), { message: await describeScreen(page) }).toBe(1);
}

describe('security info: a passkey', () => {
  it('registers a passkey (a cancelled prompt saves nothing), then resets the password with it', async () => {
    const context = await session.newContext({ locale: 'en-US', viewport: { width: 1024, height: 900 }, reducedMotion: 'reduce' });
    const page = await context.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
    await page.goto(base());
    const authenticator = await addVirtualAuthenticator(context, page);
    await toSecurityInfo(page);

    await page.getByRole('button', { name: 'Add passkey' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Add a passkey' }).count()).toBe(1);
    await checkBothLanguages(page, 'security-info-passkey-01-add', 'Een passkey toevoegen');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => screen(page, 'confirmRegistration').count()).toBe(1);
    await checkBothLanguages(page, 'security-info-passkey-02-create', 'Passkey maken');

    // The prompt fails user verification (as a cancel does): said so, Try again and Back, nothing sent or saved.
    await authenticator.setUserVerified(false);
    await page.getByRole('button', { name: 'Create passkey' }).click();
    await expect.poll(() => page.locator('form[data-passkey-problem="PASSKEY_CANCELLED"]').count(), { timeout: 20_000 })
      .toBe(1);
    await expect.poll(() => page.getByText("The passkey wasn't created").count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(1);
    await checkBothLanguages(page, 'security-info-passkey-03-cancelled', 'De passkey is niet gemaakt');
    await page.getByRole('button', { name: 'Back' }).click();
    await expect.poll(() => page.getByText("You haven't set up any methods yet.").count()).toBe(1);
    expect(await authenticator.credentials()).toHaveLength(0);

    await authenticator.setUserVerified(true);
    await registerPasskey(page);
    const [credential] = await authenticator.credentials();
    expect(credential).toMatchObject({ isResidentCredential: true });
    const listed = page.locator('[data-security-info-list] li[data-method-id^="passkey:"]');
    await expect.poll(() => listed.getByText(/^Added /u).count()).toBe(1);
    await checkBothLanguages(page, 'security-info-passkey-04-listed', 'Toegevoegd op');

    // An email address too, so the reset's chooser has something else to go back to.
    await page.getByRole('button', { name: 'Add email' }).click();
    await page.locator('#registration-email').fill(PRIVATE);
    await page.getByRole('button', { name: 'Send code' }).click();
    await expect.poll(() => screen(page, 'confirmRegistration').count()).toBe(1);
    await page.locator('#registration-code').fill(await latestCodeFor(session.url, PRIVATE));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => page.locator('[data-security-info-list] li').count()).toBe(2);
    await page.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => screen(page, 'done').count()).toBe(1);
    await page.getByRole('button', { name: 'Finish' }).click();

    // The reset: the passkey step, "Choose another method" back to the chooser, then the passkey after all.
    await startWith(page, 'bianca');
    await expect.poll(() => screen(page, 'chooseMethod').count(), { message: await describeScreen(page) }).toBe(1);
    await page.getByRole('radio', { name: /Use my passkey/u }).check();
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => screen(page, 'usePasskey').count()).toBe(1);
    await checkBothLanguages(page, 'security-info-passkey-05-reset-step', 'Een andere methode kiezen');
    await page.getByRole('button', { name: 'Choose another method' }).click();
    await expect.poll(() => screen(page, 'chooseMethod').count()).toBe(1);
    await page.getByRole('radio', { name: /Use my passkey/u }).check();
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => screen(page, 'usePasskey').count()).toBe(1);
    await page.getByRole('button', { name: 'Use passkey' }).click();
    await fillNewPassword(page, 'Passkey-Copper-5512');
    await expectDone(page, 'Your password has been reset');
    expect(await signIn(session.url, 'bianca', 'Passkey-Copper-5512')).toBe(true);
  });

  it('in the desktop shell says a passkey is added on the browser page, and offers no ceremony', async () => {
    const context = await session.newContext({ locale: 'en-US', viewport: { width: 1024, height: 900 }, reducedMotion: 'reduce' });
    const shell = await installDesktopShell(context, session.url);
    const page = await context.newPage();
    await shell.open(page);
    await addVirtualAuthenticator(context, page);
    await startWith(page, 'bianca', 'Set up security info');
    await expect.poll(() => screen(page, 'signIn').count()).toBe(1);
    await page.locator('#security-info-password').fill('Passkey-Copper-5512');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    // She has a passkey and an email now: the gate first (the email code), then the list.
    await expect.poll(() => screen(page, 'chooseMethod').count(), { message: await describeScreen(page) }).toBe(1);
    await page.getByRole('radio', { name: /Email/u }).check();
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => screen(page, 'enterCode').count()).toBe(1);
    await page.locator('#code').fill(await latestCodeFor(session.url, PRIVATE));
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => screen(page, 'manageSecurityInfo').count(), { message: await describeScreen(page) }).toBe(1);
    await page.getByRole('button', { name: 'Add passkey' }).click();
    await expect.poll(() => page.getByText("Passkeys can't be added in this app").count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Continue' }).count()).toBe(0);
    await checkBothLanguages(page, 'security-info-passkey-06-desktop', 'In deze app kun je geen passkey toevoegen');
  });
});
