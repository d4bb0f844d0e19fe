import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../src-server/src/demo/demo-users';
import { installDesktopShell, type DesktopShell } from './support/desktop-shell';
import { useDemoBrowser } from './support/browser-session';
import { answerOnDevice, pairApprover, pairingShown } from './support/register-approval';
import { tabTo } from './support/keyboard';
import { checkBothLanguages, checkScreen } from './support/screen-check';
import { screen } from './support/wizard-steps';

// Security info (issue 14): pairing an approver device from the registration page in the desktop shell (preload
// bridge, real main-process handlers, real reset server), the approver page on a second page (the "phone"). A wrong
// number is refused with a clear screen, the right one pairs, and the paired device then approves a reset. The
// pairing's expiry (a short approval lifetime here) ends in "Try again". One test: once Bianca has a method, signing
// in to security info asks for it (the gate), so the steps run in one flow.

const bianca = DEMO_USERS.find((u) => u.username === 'bianca');
const LIFETIME_SECONDS = 30;

const session = useDemoBrowser({ policy: { approvalLifetimeSeconds: LIFETIME_SECONDS } });
let page: Page;
let phone: Page;
let shell: DesktopShell;

async function signInToSecurityInfo() {
  if (!bianca) throw new Error('no demo user bianca');
  await shell.open(page);
  await expect.poll(() => screen(page, 'username').count()).toBe(1);
  await page.locator('#username').fill(bianca.username);
  await tabTo(page, 'Set up security info');
  await expect.poll(() => screen(page, 'signIn').count()).toBe(1);
  await page.locator('#security-info-password').focus();
  await page.keyboard.type(bianca.password);
  await page.keyboard.press('Enter');
  await expect.poll(() => screen(page, 'manageSecurityInfo').count()).toBe(1);
}

describe('security info: pairing an approver device in the desktop shell', () => {
  beforeEach(async () => {
    const context = await session.newContext({ locale: 'en-US', viewport: { width: 1024, height: 1000 } });
    shell = await installDesktopShell(context, session.url);
    page = await context.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
    const device = await session.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 } });
    phone = await device.newPage();
  });

  it('expires, refuses a wrong number, pairs with the right one, then resets with an approval', async () => {
    await signInToSecurityInfo();
    await tabTo(page, 'Add authenticator approval');
    await page.keyboard.type('Work phone');
    await checkBothLanguages(page, 'security-info-approval-01-add');
    // The language buttons took the focus: back to the form's field, and Enter sends it.
    await page.locator('#registration-approver-label').focus();
    await page.keyboard.press('Enter');

    // Nobody confirms the first pairing: after the approval lifetime the wizard says so and offers "Try again".
    await pairingShown(page);
    await expect.poll(() => page.getByText('The pairing timed out', { exact: false }).count(), {
      timeout: (LIFETIME_SECONDS + 15) * 1000,
      interval: 1000,
    }).toBe(1);
    // The expiry took the focus to "Try again".
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Try again');
    await checkBothLanguages(page, 'security-info-approval-02-expired');
    await page.getByRole('button', { name: 'Try again' }).focus();
    await page.keyboard.press('Enter');

    const first = await pairingShown(page);
    expect(first.url).toBe(`${session.url}/approver#key=${new URL(first.url).hash.slice(5)}`);
    await checkBothLanguages(page, 'security-info-approval-03-pairing');
    await phone.goto(first.url);
    await expect.poll(() => phone.getByText("Pair this device with Contoso's security info?").count()).toBe(1);
    // The pairing's own title, not "Sign-in requests".
    expect(await phone.getByRole('heading', { level: 1 }).innerText()).toBe('Pair your device');
    expect(await phone.title()).toBe('Pair your device');
    await checkScreen(phone, 'security-info-approval-04-phone-pairing');
    // The approver page speaks the phone's language: the same pairing on a Dutch phone.
    const dutchPhone = await session.newContext({ locale: 'nl-NL', viewport: { width: 390, height: 844 } });
    const dutch = await dutchPhone.newPage();
    await dutch.goto(first.url);
    await expect.poll(() => dutch.getByText('Dit apparaat koppelen aan de beveiligingsgegevens van Contoso?').count())
      .toBe(1);
    expect(await dutch.getByRole('heading', { level: 1 }).innerText()).toBe('Je apparaat koppelen');
    await checkScreen(dutch, 'security-info-approval-04-phone-pairing-nl');
    await dutch.close();
    const wrong = first.number === '99' ? '98' : String(Number(first.number) + 1);
    await answerOnDevice(phone, first.url, wrong, false);
    await checkScreen(phone, 'security-info-approval-05-phone-refused');
    await expect.poll(() => page.getByText("Your device wasn't paired", { exact: false }).count(), { timeout: 15_000 })
      .toBe(1);
    await checkBothLanguages(page, 'security-info-approval-06-refused');

    // Back to the list, and the helper pairs the device with the right number (keyboard in the wizard).
    await page.getByRole('button', { name: 'Back to security info' }).focus();
    await page.keyboard.press('Enter');
    const link = await pairApprover(page, phone);
    expect(link).not.toBe(first.url);
    await checkScreen(phone, 'security-info-approval-07-phone-paired');
    // Paired: the page is now the device's sign-in requests page.
    await expect.poll(() => phone.getByRole('heading', { level: 1 }).innerText()).toBe('Sign-in requests');
    // One approver per person: with one paired, adding another is not offered.
    await expect.poll(() => page.locator('[data-security-info-list] li').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Add authenticator approval' }).count()).toBe(0);
    await checkBothLanguages(page, 'security-info-approval-08-paired');
    await tabTo(page, 'Done');
    await expect.poll(() => screen(page, 'done').count()).toBe(1);
    await page.getByRole('button', { name: 'Finish' }).click();

    // A reset now offers the paired device; the phone's page (the same link) approves it.
    await expect.poll(() => screen(page, 'username').count()).toBe(1);
    await page.locator('#username').fill(bianca?.username ?? '');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => screen(page, 'chooseMethod').count()).toBe(1);
    await page.getByRole('radio', { name: /Approve a notification on my authenticator app/u }).check();
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => page.locator('[data-approval-number]').count()).toBe(1);
    const number = (await page.locator('[data-approval-number]').getAttribute('data-approval-number')) ?? '';
    const field = phone.getByRole('textbox', { name: 'Number shown on the reset screen' });
    await expect.poll(() => field.count()).toBe(1);
    await field.fill(number);
    await phone.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => phone.getByRole('status').innerText()).toMatch(/Approved/u);
    await expect.poll(() => screen(page, 'newPassword').count(), { timeout: 15_000 }).toBe(1);
    await checkScreen(page, 'security-info-approval-09-reset-new-password');
  }, 240_000);
});
